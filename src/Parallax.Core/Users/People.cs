using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Core.Mail;

namespace Parallax.Core.Users;

public enum AccountStatus
{
    Invited,
    Active,
    Locked,
    Deactivated,
}

/// <summary>What an administrator enters to invite someone or change their access.</summary>
public sealed record PersonInput(string? Email, string? DisplayName, IReadOnlyCollection<string> Roles, string? AgencyCode);

/// <summary>One person as the administrator's list shows them.</summary>
public sealed record PersonRow(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, Guid? AgencyId, string? AgencyCode, string? AgencyName,
    bool TwoFactor, AccountStatus Status, DateTimeOffset? LastSignIn, DateTimeOffset? InvitationExpires);

/// <summary>
/// The people of a partnership through their whole life in it: invited by e-mail (they choose their own password),
/// their roles and agency changed, locked accounts unlocked, a lost authenticator reset, leavers deactivated (their
/// open sessions end on their next request) and reactivated. The administrator never chooses or sees a password.
/// </summary>
public sealed class People(ParallaxDbContext db, UserManager<ParallaxUser> users, OneTimeLinks links, MailQueue mail, MailSettings settings, TimeProvider clock)
{
    public const string InvitationKind = "invitation";

    /// <summary>The partnership's people with status and last sign-in, most recently active first within each status.</summary>
    public async Task<List<PersonRow>> ListAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.PartnershipId == partnershipId)
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.AgencyId, AgencyCode = u.Agency != null ? u.Agency.Code : null, AgencyName = u.Agency != null ? u.Agency.Name : null,
                u.TwoFactorEnabled, u.LockoutEnd, u.DeactivatedAt, u.InvitationPending,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                LastSignIn = db.SecurityEvents.Where(e => e.UserId == u.Id && e.Kind == SecurityEventKind.SignedIn).Max(e => (DateTimeOffset?)e.OccurredAt),
                InvitationExpires = db.OneTimeLinks.Where(l => l.UserId == u.Id && l.Purpose == OneTimeLinkPurpose.Invitation && l.UsedAt == null).Max(l => (DateTimeOffset?)l.ExpiresAt),
            })
            .ToListAsync(ct);
        return rows.Select(u => new PersonRow(u.Id, u.Email!, u.DisplayName, u.Roles.Order().ToList(), u.AgencyId, u.AgencyCode, u.AgencyName, u.TwoFactorEnabled,
            u.DeactivatedAt is not null ? AccountStatus.Deactivated : u.InvitationPending ? AccountStatus.Invited : u.LockoutEnd > now ? AccountStatus.Locked : AccountStatus.Active,
            u.LastSignIn, u.InvitationExpires)).ToList();
    }

    /// <summary>Creates the account without a password and mails a single-use link (72 hours) where the person chooses one.</summary>
    public async Task<ParallaxUser> InviteAsync(Guid partnershipId, PersonInput input, string invitedBy, CancellationToken ct = default)
    {
        var email = Accounts.CheckEmail(input.Email, "Email");
        var name = Name(input.DisplayName);
        var (roles, agencyId) = await CheckAccessAsync(partnershipId, input.Roles, input.AgencyCode, null, ct);
        if (await users.FindByEmailAsync(email) is not null)
            throw new DomainException($"{email} already has an account: find them in the list of users", "Email");

        var user = new ParallaxUser
        {
            UserName = email, Email = email, PartnershipId = partnershipId, AgencyId = agencyId, DisplayName = name,
            CreatedAt = clock.GetUtcNow(), InvitationPending = true,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Accounts.Check(await users.CreateAsync(user), "Email");
        Accounts.Check(await users.AddToRolesAsync(user, roles), "Roles");
        await SendInvitationAsync(user, invitedBy, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }

    public const int MaxInvitationRows = 200;

    public static readonly (string Heading, bool Required, string Help)[] InvitationColumns =
    [
        ("E-mail address", true, "Their work address: they sign in with it."),
        ("Name", false, "Their full name."),
        ("Roles", true, "One or more of Administrator, AuditLead, AgencyAuditor, PanelMember, Viewer, ActionOwner, separated by ;"),
        ("Agency", false, "The agency's code, for agency auditors and action owners."),
    ];

    public static string InvitationTemplateCsv() =>
        string.Join(",", InvitationColumns.Select(c => c.Heading)) + "\r\n" + "hv.auditor@nhs.example,Hana Visitor,AgencyAuditor,HV\r\n" + "qa.lead@partnership.example,Quinn Lead,AuditLead;PanelMember,\r\n";

    /// <summary>Invites everyone on a CSV or XLSX sheet, or no one: every problem is reported by row and column.</summary>
    public async Task<Cases.ImportResult> InviteManyAsync(Guid partnershipId, Spreadsheets.Sheet sheet, string invitedBy, CancellationToken ct = default)
    {
        var headings = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 1; c <= 40; c++)
        {
            var heading = sheet.Cell(1, c).Trim();
            if (heading.Length > 0) headings.TryAdd(heading, c);
        }

        var missing = InvitationColumns.Where(c => c.Required && !headings.ContainsKey(c.Heading)).Select(c => c.Heading).ToList();
        if (missing.Count > 0)
            return new(0, [new(0, "", $"The first row must hold the column headings; missing: {string.Join(", ", missing)}. Download the template to see them.")]);
        var rows = Enumerable.Range(2, Math.Max(0, sheet.RowCount - 1)).Where(r => headings.Values.Any(c => sheet.Cell(r, c).Trim().Length > 0)).ToList();
        if (rows.Count == 0) return new(0, [new(0, "", "The file has headings but no people.")]);
        if (rows.Count > MaxInvitationRows) return new(0, [new(0, "", $"The file has {rows.Count} people; invite at most {MaxInvitationRows} at a time.")]);

        var problems = new List<Cases.ImportProblem>();
        var invitations = new List<(string Email, string? Name, List<string> Roles, Guid? AgencyId)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            string Get(string heading) => headings.TryGetValue(heading, out var c) ? sheet.Cell(row, c).Trim() : "";
            string Column(string field) => field switch { "Email" => "E-mail address", "DisplayName" => "Name", "Roles" => "Roles", _ => "Agency" };
            try
            {
                var email = Accounts.CheckEmail(Get("E-mail address"), "Email");
                var name = Name(Get("Name"));
                var (roles, agencyId) = await CheckAccessAsync(partnershipId, Get("Roles").Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Get("Agency"), null, ct);
                if (seen.TryGetValue(email, out var first)) throw new DomainException($"{email} is also on row {first}: each person once", "Email");
                if (await users.FindByEmailAsync(email) is not null) throw new DomainException($"{email} already has an account", "Email");
                seen[email] = row;
                invitations.Add((email, name, roles, agencyId));
            }
            catch (DomainException e)
            {
                problems.Add(new(row, Column(e.Field), e.Message));
            }
        }

        if (problems.Count > 0) return new(0, problems);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (email, name, roles, agencyId) in invitations)
        {
            var user = new ParallaxUser
            {
                UserName = email, Email = email, PartnershipId = partnershipId, AgencyId = agencyId, DisplayName = name,
                CreatedAt = clock.GetUtcNow(), InvitationPending = true,
            };
            Accounts.Check(await users.CreateAsync(user), "Email");
            Accounts.Check(await users.AddToRolesAsync(user, roles), "Roles");
            await SendInvitationAsync(user, invitedBy, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(invitations.Count, []);
    }

    /// <summary>A new invitation link (the earlier one stops working), mailed again.</summary>
    public async Task ResendInvitationAsync(Guid partnershipId, Guid userId, string invitedBy, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        if (!user.InvitationPending) throw new DomainException($"{user.Email} has already accepted the invitation.");
        if (user.DeactivatedAt is not null) throw new DomainException($"{user.Email} is deactivated: reactivate the account first.");
        await SendInvitationAsync(user, invitedBy, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Withdraws an invitation not yet accepted: the link stops working and the account, never used, is removed.</summary>
    public async Task CancelInvitationAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        if (!user.InvitationPending) throw new DomainException($"{user.Email} has already accepted the invitation: deactivate the account instead.");
        await links.VoidAsync(OneTimeLinkPurpose.Invitation, user.Id, ct);
        await db.SaveChangesAsync(ct);
        Accounts.Check(await users.DeleteAsync(user), "");
    }

    /// <summary>Whether an invitation token opens an invitation now (for the page to show its form or its refusal).</summary>
    public async Task<ParallaxUser?> InvitedByTokenAsync(string? token, CancellationToken ct = default)
    {
        var link = await links.FindUsableAsync(OneTimeLinkPurpose.Invitation, token, ct);
        if (link?.UserId is not { } id) return null;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is { InvitationPending: true, DeactivatedAt: null } ? user : null;
    }

    /// <summary>The invited person chooses their password; the link is used up with it.</summary>
    public async Task<ParallaxUser> AcceptInvitationAsync(string? token, string? password, string? confirmPassword, CancellationToken ct = default)
    {
        var link = await links.FindUsableAsync(OneTimeLinkPurpose.Invitation, token, ct);
        var user = link?.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (link is null || user is not { InvitationPending: true, DeactivatedAt: null }) throw new DomainException(OneTimeLinks.NotUsable);
        Accounts.CheckNewPassword(password, confirmPassword);
        foreach (var validator in users.PasswordValidators) Accounts.Check(await validator.ValidateAsync(users, user, password), "Password");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        links.Use(link);
        user.InvitationPending = false;
        user.EmailConfirmed = true; // The link reached this address.
        Accounts.Check(await users.AddPasswordAsync(user, password!), "Password");
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>New roles, agency or name. The person's open sessions end, so the change applies at once.</summary>
    public async Task ChangeAsync(Guid partnershipId, Guid userId, PersonInput input, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        var (roles, agencyId) = await CheckAccessAsync(partnershipId, input.Roles, input.AgencyCode, user.AgencyId, ct);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(user, ct))
            throw new DomainException("This is the partnership's only active administrator: make someone else an administrator first", "Roles");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = Name(input.DisplayName);
        user.AgencyId = agencyId;
        Accounts.Check(await users.RemoveFromRolesAsync(user, current.Except(roles)), "Roles");
        Accounts.Check(await users.AddToRolesAsync(user, roles.Except(current)), "Roles");
        Accounts.Check(await users.UpdateSecurityStampAsync(user), "");
        await transaction.CommitAsync(ct);
    }

    /// <summary>A leaver: no more sign-in, open sessions refused on their next request, any pending link void.</summary>
    public async Task DeactivateAsync(Guid partnershipId, Guid userId, Guid? byUserId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        if (user.DeactivatedAt is not null) throw new DomainException($"{user.Email} is already deactivated.");
        if (user.Id == byUserId) throw new DomainException("You cannot deactivate your own account: ask another administrator.");
        if (await users.IsInRoleAsync(user, Roles.Administrator) && await IsLastAdministratorAsync(user, ct))
            throw new DomainException("This is the partnership's only active administrator: make someone else an administrator before deactivating this account.");
        user.DeactivatedAt = clock.GetUtcNow();
        await links.VoidAsync(OneTimeLinkPurpose.Invitation, user.Id, ct);
        await links.VoidAsync(OneTimeLinkPurpose.PasswordReset, user.Id, ct);
        Accounts.Check(await users.UpdateSecurityStampAsync(user), "");
    }

    public async Task ReactivateAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        if (user.DeactivatedAt is null) throw new DomainException($"{user.Email} is not deactivated.");
        user.DeactivatedAt = null;
        Accounts.Check(await users.UpdateAsync(user), "");
    }

    /// <summary>Ends a lockout after too many wrong passwords or codes.</summary>
    public async Task UnlockAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        Accounts.Check(await users.SetLockoutEndDateAsync(user, null), "");
        Accounts.Check(await users.ResetAccessFailedCountAsync(user), "");
    }

    /// <summary>A lost authenticator: the app and recovery codes are removed; the person sets two-factor up again.</summary>
    public async Task ResetTwoFactorAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Accounts.Check(await users.SetTwoFactorEnabledAsync(user, false), "");
        Accounts.Check(await users.ResetAuthenticatorKeyAsync(user), "");
        Accounts.Check(await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes"), "");
        Accounts.Check(await users.UpdateSecurityStampAsync(user), "");
        await transaction.CommitAsync(ct);
    }

    public async Task<ParallaxUser> FindAsync(Guid partnershipId, Guid userId, CancellationToken ct = default) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.PartnershipId == partnershipId, ct)
        ?? throw new DomainException("That user does not exist.");

    public async Task<ParallaxUser> FindByEmailAsync(Guid partnershipId, string email, CancellationToken ct = default)
    {
        var normalised = email.Trim().ToUpperInvariant();
        return await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised && u.PartnershipId == partnershipId, ct)
            ?? throw new DomainException($"There is no user {email.Trim()} in the partnership: `user list` shows them.");
    }

    private async Task SendInvitationAsync(ParallaxUser user, string invitedBy, CancellationToken ct)
    {
        var token = await links.IssueAsync(OneTimeLinkPurpose.Invitation, user.PartnershipId, user.Id, ct);
        var partnership = await db.Partnerships.Where(p => p.Id == user.PartnershipId).Select(p => p.Name).SingleAsync(ct);
        await mail.EnqueueAsync(new MailItem(user.PartnershipId, InvitationKind, user.Email!,
            $"You are invited to Parallax for {partnership}",
            $"""
            Hello{(user.DisplayName is { } n ? " " + n : "")},

            {invitedBy} has invited you to Parallax, where {partnership} runs its multi-agency case audits and reviews.

            Follow this link within 72 hours to choose your password:

            {MailItem.LinkPlaceholder}

            The link works once. If it has expired, ask your partnership's Parallax administrator to send a new invitation.
            If you were not expecting this, you can ignore this message.
            """,
            SecretLink: $"{settings.SiteUrl.TrimEnd('/')}/account/invitation/{token}"), ct);
    }

    private async Task<bool> IsLastAdministratorAsync(ParallaxUser user, CancellationToken ct) =>
        !await db.InRoles(user.PartnershipId, Roles.Administrator).AnyAsync(u => u.Id != user.Id && u.DeactivatedAt == null && !u.InvitationPending, ct);

    private async Task<(List<string> Roles, Guid? AgencyId)> CheckAccessAsync(Guid partnershipId, IReadOnlyCollection<string> roles, string? agencyCode, Guid? currentAgency, CancellationToken ct)
    {
        var normalised = new List<string>();
        foreach (var role in roles.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            normalised.Add(Roles.Normalise(role)
                ?? throw new DomainException($"\"{role.Trim()}\" is not a role: use {string.Join(", ", Roles.All)}", "Roles"));
        }

        normalised = normalised.Distinct().ToList();
        if (normalised.Count == 0) throw new DomainException("Select at least one role", "Roles");

        Guid? agencyId = null;
        if (!string.IsNullOrWhiteSpace(agencyCode))
        {
            var code = agencyCode.Trim().ToUpperInvariant();
            var agency = await db.Agencies.Where(a => a.PartnershipId == partnershipId && a.Code == code).Select(a => new { a.Id, a.Name, a.RetiredAt }).FirstOrDefaultAsync(ct)
                ?? throw new DomainException($"There is no agency with code \"{agencyCode.Trim()}\" in the partnership", "AgencyCode");
            if (agency.RetiredAt is not null && agency.Id != currentAgency)
                throw new DomainException($"{agency.Name} has been retired from the partnership: choose an active agency", "AgencyCode");
            agencyId = agency.Id;
        }
        else if (normalised.Intersect(Roles.AgencyBound).FirstOrDefault() is { } bound)
        {
            throw new DomainException($"An {Roles.DisplayName(bound).ToLowerInvariant()} must belong to an agency: select one", "AgencyCode");
        }

        return (normalised, agencyId);
    }

    private static string? Name(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length > 200) throw new DomainException("The name must be 200 characters or fewer", "DisplayName");
        return trimmed.Length == 0 ? null : trimmed;
    }
}
