using System.Net.Mail;

namespace Parallax.Core.Users;


/// <summary>Adds users, checking everything before anything is stored.</summary>
public sealed class UserAdministration(ParallaxDbContext db, UserManager<ParallaxUser> users, TimeProvider clock)
{
    public async Task<ParallaxUser> AddAsync(
        Guid partnershipId, string email, IReadOnlyCollection<string> roles, string? agencyCode, string password,
        string? displayName = null, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            throw new DomainException($"\"{email}\" is not a valid e-mail address.");

        var normalisedRoles = new List<string>();
        foreach (var role in roles)
        {
            normalisedRoles.Add(Roles.Normalise(role)
                ?? throw new DomainException($"Unknown role \"{role}\": use one of {string.Join(", ", Roles.All)}."));
        }

        if (normalisedRoles.Count == 0)
            throw new DomainException($"A user needs at least one role: {string.Join(", ", Roles.All)}.");

        Guid? agencyId = null;
        if (!string.IsNullOrWhiteSpace(agencyCode))
        {
            var code = agencyCode.Trim().ToUpperInvariant();
            agencyId = await db.Agencies
                .Where(a => a.PartnershipId == partnershipId && a.Code == code)
                .Select(a => (Guid?)a.Id)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException($"There is no agency with code \"{agencyCode}\": `agency list` shows the codes.");
        }
        else if (normalisedRoles.Intersect(Roles.AgencyBound).FirstOrDefault() is { } bound)
        {
            throw new DomainException($"An {Roles.DisplayName(bound).ToLowerInvariant()} must belong to an agency: give --agency CODE.");
        }

        // A person who already has an account (in another partnership) becomes a member of this one too, keeping their
        // password (decision 0034); the password given here is not used.
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (await db.Memberships.AnyAsync(m => m.UserId == existing.Id && m.PartnershipId == partnershipId, cancellationToken))
                throw new DomainException($"A user with the e-mail address {email} already exists.");
            db.Memberships.Add(new Membership { UserId = existing.Id, PartnershipId = partnershipId, AgencyId = agencyId, Roles = normalisedRoles, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }

        var user = new ParallaxUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PartnershipId = partnershipId,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };

        // Creating the user and granting roles are two saves inside Identity: one transaction keeps them whole.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        db.Memberships.Add(new Membership { UserId = user.Id, PartnershipId = partnershipId, AgencyId = agencyId, Roles = normalisedRoles, CreatedAt = user.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
