using System.Net.Mail;

namespace Parallax.Core.Users;

/// <summary>
/// An empty installation sets itself up in the browser: the server prints a one-time link (24 hours), whose page
/// names the partnership and creates the first administrator, who chooses their own password.
/// </summary>
public sealed class FirstRun(ParallaxDbContext db, OneTimeLinks links, UserManager<ParallaxUser> users, TimeProvider clock)
{
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) =>
        !await db.Partnerships.AnyAsync(ct) && !await db.Users.AnyAsync(ct);

    /// <summary>A new set-up link token while the installation is empty (earlier set-up links stop working); otherwise null.</summary>
    public async Task<string?> IssueLinkAsync(CancellationToken ct = default)
    {
        if (!await IsEmptyAsync(ct)) return null;
        var token = await links.IssueAsync(OneTimeLinkPurpose.SetUp, null, null, ct);
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<bool> IsUsableAsync(string? token, CancellationToken ct = default) =>
        await links.FindUsableAsync(OneTimeLinkPurpose.SetUp, token, ct) is not null && await IsEmptyAsync(ct);

    /// <summary>Creates the partnership and its first administrator, and uses up the link: all of it, or nothing.</summary>
    public async Task<ParallaxUser> CompleteAsync(string? token, string? partnershipName, string? displayName, string? email, string? password, string? confirmPassword, bool requireTwoFactor, CancellationToken ct = default)
    {
        var link = await links.FindUsableAsync(OneTimeLinkPurpose.SetUp, token, ct);
        if (link is null || !await IsEmptyAsync(ct)) throw new DomainException(OneTimeLinks.NotUsable);

        var name = (partnershipName ?? "").Trim();
        if (name.Length == 0) throw new DomainException("Enter the partnership's name", "PartnershipName");
        if (name.Length > 200) throw new DomainException("The partnership's name must be 200 characters or fewer", "PartnershipName");
        var person = (displayName ?? "").Trim();
        if (person.Length == 0) throw new DomainException("Enter your full name", "DisplayName");
        if (person.Length > 200) throw new DomainException("Your name must be 200 characters or fewer", "DisplayName");
        var address = Accounts.CheckEmail(email, "Email");
        Accounts.CheckNewPassword(password, confirmPassword);

        var now = clock.GetUtcNow();
        var partnership = new Partnership { Name = name, CreatedAt = now, RequireTwoFactor = requireTwoFactor };
        var user = new ParallaxUser { UserName = address, Email = address, EmailConfirmed = true, PartnershipId = partnership.Id, DisplayName = person, CreatedAt = now };

        foreach (var validator in users.PasswordValidators) Accounts.Check(await validator.ValidateAsync(users, user, password), "Password");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(partnership);
        links.Use(link);
        await db.SaveChangesAsync(ct);
        Accounts.Check(await users.CreateAsync(user, password!), "Password");
        db.Memberships.Add(new Membership { UserId = user.Id, PartnershipId = partnership.Id, Roles = [Roles.Administrator], CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}

/// <summary>Rules every account form shares.</summary>
public static class Accounts
{
    public static string CheckEmail(string? email, string field)
    {
        var address = (email ?? "").Trim();
        if (address.Length == 0) throw new DomainException("Enter an e-mail address", field);
        if (address.Length > 256 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            throw new DomainException("Enter an e-mail address in the correct format, like name@example.org", field);
        return address;
    }

    public static void CheckNewPassword(string? password, string? confirmPassword)
    {
        if (string.IsNullOrEmpty(password)) throw new DomainException("Enter a password", "Password");
        if (password.Length < IdentitySetup.MinimumPasswordLength)
            throw new DomainException($"Password must be {IdentitySetup.MinimumPasswordLength} characters or more: three or more random words make a strong one", "Password");
        if (password != confirmPassword) throw new DomainException("The passwords do not match: enter the same password twice", "ConfirmPassword");
    }

    /// <summary>Identity's refusal (a common password, one containing the e-mail address) as one sentence on the field.</summary>
    public static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)), field);
    }
}
