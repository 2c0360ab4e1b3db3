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

/// <summary>What the administrator's list of people is asked for: a search of names and addresses, filters, a column to sort by and a page.</summary>
public sealed record PeopleQuery(string? Search, AccountStatus? Status, string? Role, string? AgencyCode, string Sort, bool Descending, int Page, int Size);

/// <summary>One page of the list of people, with how many match and how many the partnership has in each status.</summary>
public sealed record PeoplePage(IReadOnlyList<PersonRow> Rows, int Page, int Total, IReadOnlyDictionary<AccountStatus, int> Counts);

/// <summary>
/// The people of a partnership through their whole life in it: invited by e-mail (they choose their own password),
/// their roles and agency changed, locked accounts unlocked, a lost authenticator reset, leavers deactivated (their
/// open sessions end on their next request) and reactivated. The administrator never chooses or sees a password.
/// </summary>
public sealed class People(ParallaxDbContext db, UserManager<ParallaxUser> users, OneTimeLinks links, MailQueue mail, MailSettings settings, TimeProvider clock)
{
    public const string InvitationKind = "invitation";

    /// <summary>The partnership's people with status and last sign-in, by e-mail address.</summary>
    public async Task<List<PersonRow>> ListAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // The partnership's memberships only: the person's other partnerships are not this administrator's (decision 0034).
        return await RowsAsync(db.Memberships.AsNoTracking().Where(m => m.PartnershipId == partnershipId).OrderBy(m => m.User!.Email), now, ct);
    }

    /// <summary>One person of the partnership as the list shows them; null when they are not its member.</summary>
    public async Task<PersonRow?> RowAsync(Guid partnershipId, Guid userId, CancellationToken ct = default) =>
        (await RowsAsync(db.Memberships.AsNoTracking().Where(m => m.PartnershipId == partnershipId && m.UserId == userId), clock.GetUtcNow(), ct)).SingleOrDefault();

    /// <summary>Sort keys of the list of people: e-mail address (the default), name, agency and last sign-in.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["email", "name", "agency", "signed-in"];

    /// <summary>
    /// One page of the partnership's people, searched, filtered, sorted, counted and cut in the database, so a
    /// partnership of thousands of people is listed as fast as one of ten.
    /// </summary>
    public async Task<PeoplePage> PageAsync(Guid partnershipId, PeopleQuery query, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var members = db.Memberships.AsNoTracking().Where(m => m.PartnershipId == partnershipId);
        var counts = new Dictionary<AccountStatus, int>();
        foreach (var status in Enum.GetValues<AccountStatus>()) counts[status] = await InStatus(members, status, now).CountAsync(ct);

        if (query.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
            members = members.Where(m => m.User!.Email!.ToLower().Contains(search) || (m.User.DisplayName != null && m.User.DisplayName.ToLower().Contains(search)));
        if (query.Status is { } wanted) members = InStatus(members, wanted, now);
        if (Roles.Normalise(query.Role ?? "") is { } role) members = members.Where(m => m.Roles.Contains(role));
        if (query.AgencyCode is { Length: > 0 } code)
        {
            var upper = code.ToUpperInvariant();
            members = members.Where(m => m.Agency != null && m.Agency.Code.ToUpper() == upper);
        }

        var total = await members.CountAsync(ct);
        var pages = Math.Max(1, (total + query.Size - 1) / query.Size);
        var page = Math.Clamp(query.Page, 1, pages);
        var ordered = (query.Sort, query.Descending) switch
        {
            ("name", false) => members.OrderBy(m => m.User!.DisplayName == null).ThenBy(m => m.User!.DisplayName).ThenBy(m => m.User!.Email),
            ("name", true) => members.OrderBy(m => m.User!.DisplayName == null).ThenByDescending(m => m.User!.DisplayName).ThenBy(m => m.User!.Email),
            ("agency", false) => members.OrderBy(m => m.Agency == null).ThenBy(m => m.Agency!.Name).ThenBy(m => m.User!.Email),
            ("agency", true) => members.OrderBy(m => m.Agency == null).ThenByDescending(m => m.Agency!.Name).ThenBy(m => m.User!.Email),
            ("signed-in", false) => members.OrderBy(m => db.SecurityEvents.Where(e => e.UserId == m.UserId && e.Kind == SecurityEventKind.SignedIn).Max(e => (DateTimeOffset?)e.OccurredAt)).ThenBy(m => m.User!.Email),
            ("signed-in", true) => members.OrderByDescending(m => db.SecurityEvents.Where(e => e.UserId == m.UserId && e.Kind == SecurityEventKind.SignedIn).Max(e => (DateTimeOffset?)e.OccurredAt)).ThenBy(m => m.User!.Email),
            (_, true) => members.OrderByDescending(m => m.User!.Email),
            _ => members.OrderBy(m => m.User!.Email),
        };
        return new PeoplePage(await RowsAsync(ordered.Skip((page - 1) * query.Size).Take(query.Size), now, ct), page, total, counts);
    }

    /// <summary>The people of the given memberships as rows of the list, in the memberships' order.</summary>
    private async Task<List<PersonRow>> RowsAsync(IQueryable<Membership> memberships, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await memberships
            .Select(m => new
            {
                m.User!.Id, m.User.Email, m.User.DisplayName, m.AgencyId, AgencyCode = m.Agency != null ? m.Agency.Code : null, AgencyName = m.Agency != null ? m.Agency.Name : null,
                m.User.TwoFactorEnabled, m.User.LockoutEnd, DeactivatedAt = m.DeactivatedAt ?? m.User.DeactivatedAt, m.User.InvitationPending,
                m.Roles,
                LastSignIn = db.SecurityEvents.Where(e => e.UserId == m.UserId && e.Kind == SecurityEventKind.SignedIn).Max(e => (DateTimeOffset?)e.OccurredAt),
                InvitationExpires = db.OneTimeLinks.Where(l => l.UserId == m.UserId && l.Purpose == OneTimeLinkPurpose.Invitation && l.UsedAt == null).Max(l => (DateTimeOffset?)l.ExpiresAt),
            })
            .ToListAsync(ct);
        return [.. rows.Select(u => new PersonRow(u.Id, u.Email!, u.DisplayName, u.Roles.Order().ToList(), u.AgencyId, u.AgencyCode, u.AgencyName, u.TwoFactorEnabled,
            u.DeactivatedAt is not null ? AccountStatus.Deactivated : u.InvitationPending ? AccountStatus.Invited : u.LockoutEnd > now ? AccountStatus.Locked : AccountStatus.Active,
            u.LastSignIn, u.InvitationExpires))];
    }

    /// <summary>Memberships in a status, by the rule <see cref="ListAsync"/> applies: deactivated, else invited, else locked, else active.</summary>
    private static IQueryable<Membership> InStatus(IQueryable<Membership> members, AccountStatus status, DateTimeOffset now) => status switch
    {
        AccountStatus.Deactivated => members.Where(m => m.DeactivatedAt != null || m.User!.DeactivatedAt != null),
        AccountStatus.Invited => members.Where(m => m.DeactivatedAt == null && m.User!.DeactivatedAt == null && m.User.InvitationPending),
        AccountStatus.Locked => members.Where(m => m.DeactivatedAt == null && m.User!.DeactivatedAt == null && !m.User.InvitationPending && m.User.LockoutEnd != null && m.User.LockoutEnd > now),
        _ => members.Where(m => m.DeactivatedAt == null && m.User!.DeactivatedAt == null && !m.User.InvitationPending && (m.User.LockoutEnd == null || m.User.LockoutEnd <= now)),
    };

    /// <summary>Creates the account without a password and mails a single-use link (72 hours) where the person chooses one.</summary>
    public async Task<ParallaxUser> InviteAsync(Guid partnershipId, PersonInput input, string invitedBy, CancellationToken ct = default)
    {
        var email = Accounts.CheckEmail(input.Email, "Email");
        var name = Name(input.DisplayName);
        var (roles, agencyId) = await CheckAccessAsync(partnershipId, input.Roles, input.AgencyCode, null, ct);
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null) await CheckNotMemberAsync(partnershipId, existing, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await AddMemberAsync(partnershipId, existing, email, name, roles, agencyId, invitedBy, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }

    public const string MembershipNoticeKind = "membership-notice";

    private async Task CheckNotMemberAsync(Guid partnershipId, ParallaxUser existing, CancellationToken ct)
    {
        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == existing.Id && m.PartnershipId == partnershipId, ct);
        if (membership is { DeactivatedAt: null }) throw new DomainException($"{existing.Email} already has an account in the partnership: find them in the list of users", "Email");
        if (membership is not null) throw new DomainException($"{existing.Email} has left the partnership: find them in the list of users and reactivate them", "Email");
    }

    /// <summary>
    /// A new person gets an account without a password and an invitation; a person who already has an account (in
    /// another partnership) gets a membership of this one and a notice: they already have a password (decision 0034).
    /// </summary>
    private async Task<ParallaxUser> AddMemberAsync(Guid partnershipId, ParallaxUser? existing, string email, string? name, List<string> roles, Guid? agencyId, string invitedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (existing is null)
        {
            var user = new ParallaxUser { UserName = email, Email = email, PartnershipId = partnershipId, DisplayName = name, CreatedAt = now, InvitationPending = true };
            Accounts.Check(await users.CreateAsync(user), "Email");
            db.Memberships.Add(new Membership { UserId = user.Id, PartnershipId = partnershipId, AgencyId = agencyId, Roles = roles, CreatedAt = now });
            await SendInvitationAsync(partnershipId, user, invitedBy, ct);
            return user;
        }

        db.Memberships.Add(new Membership { UserId = existing.Id, PartnershipId = partnershipId, AgencyId = agencyId, Roles = roles, CreatedAt = now });
        // An account whose every membership had ended is open again with this one; its owner keeps their password.
        if (existing.DeactivatedAt is not null)
        {
            existing.DeactivatedAt = null;
            existing.PartnershipId = partnershipId;
            Accounts.Check(await users.UpdateAsync(existing), "");
        }

        if (existing.InvitationPending) await SendInvitationAsync(partnershipId, existing, invitedBy, ct);
        else await SendMembershipNoticeAsync(partnershipId, existing, invitedBy, ct);
        return existing;
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
        if (Spreadsheets.SheetRows.Read(sheet, InvitationColumns, 40, "people", "invite", MaxInvitationRows, out var refusal) is not { } table)
            return new(0, [new(0, "", refusal!)]);

        var problems = new List<Cases.ImportProblem>();
        var invitations = new List<(string Email, string? Name, List<string> Roles, Guid? AgencyId)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            string Get(string heading) => table.Get(row, heading);
            string Column(string field) => field switch { "Email" => "E-mail address", "DisplayName" => "Name", "Roles" => "Roles", _ => "Agency" };
            try
            {
                var email = Accounts.CheckEmail(Get("E-mail address"), "Email");
                var name = Name(Get("Name"));
                var (roles, agencyId) = await CheckAccessAsync(partnershipId, Get("Roles").Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Get("Agency"), null, ct);
                if (seen.TryGetValue(email, out var first)) throw new DomainException($"{email} is also on row {first}: each person once", "Email");
                if (await users.FindByEmailAsync(email) is { } existing) await CheckNotMemberAsync(partnershipId, existing, ct);
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
            await AddMemberAsync(partnershipId, await users.FindByEmailAsync(email), email, name, roles, agencyId, invitedBy, ct);
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
        await SendInvitationAsync(partnershipId, user, invitedBy, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Withdraws an invitation not yet accepted: the link stops working and the account, never used, is removed.</summary>
    public async Task CancelInvitationAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        if (!user.InvitationPending) throw new DomainException($"{user.Email} has already accepted the invitation: deactivate the account instead.");
        // Invited by another partnership too: only this partnership's membership goes, and the invitation stays open.
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.PartnershipId != partnershipId, ct))
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.UserId == user.Id && m.PartnershipId == partnershipId));
            if (user.PartnershipId == partnershipId)
                user.PartnershipId = await db.Memberships.Where(m => m.UserId == user.Id && m.PartnershipId != partnershipId).Select(m => m.PartnershipId).FirstAsync(ct);
            await db.SaveChangesAsync(ct);
            return;
        }

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

    /// <summary>
    /// Whether the person signs in only through the identity provider: their partnership requires it and they are not an
    /// administrator (administrators keep a password as the way in when the provider is down; decision 0033).
    /// </summary>
    public Task<bool> SignsInAtProviderOnlyAsync(ParallaxUser user, CancellationToken ct = default) => db.SignsInAtProviderOnlyAsync(user.Id, ct);

    /// <summary>
    /// An invited person whose partnership signs in at the provider accepts by signing in there (the provider vouches for
    /// the address): no password is set, and the invitation's link is used up.
    /// </summary>
    public async Task AcceptAtProviderAsync(ParallaxUser user, CancellationToken ct = default)
    {
        if (user is not { InvitationPending: true, DeactivatedAt: null } || !await SignsInAtProviderOnlyAsync(user, ct)) throw new DomainException(OneTimeLinks.NotUsable);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await links.VoidAsync(OneTimeLinkPurpose.Invitation, user.Id, ct);
        user.InvitationPending = false;
        user.EmailConfirmed = true;
        Accounts.Check(await users.UpdateAsync(user), "");
        await transaction.CommitAsync(ct);
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
        var membership = await MembershipAsync(partnershipId, userId, ct);
        var (roles, agencyId) = await CheckAccessAsync(partnershipId, input.Roles, input.AgencyCode, membership.AgencyId, ct);
        if (membership.Roles.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(partnershipId, user.Id, ct))
            throw new DomainException("This is the partnership's only active administrator: make someone else an administrator first", "Roles");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = Name(input.DisplayName);
        membership.AgencyId = agencyId;
        membership.Roles = [.. roles];
        await db.SaveChangesAsync(ct);
        Accounts.Check(await users.UpdateSecurityStampAsync(user), "");
        await transaction.CommitAsync(ct);
    }

    /// <summary>A leaver: no more sign-in, open sessions refused on their next request, any pending link void.</summary>
    public async Task DeactivateAsync(Guid partnershipId, Guid userId, Guid? byUserId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        var membership = await MembershipAsync(partnershipId, userId, ct);
        if (membership.DeactivatedAt is not null || user.DeactivatedAt is not null) throw new DomainException($"{user.Email} is already deactivated.");
        if (user.Id == byUserId) throw new DomainException("You cannot deactivate your own account: ask another administrator.");
        if (membership.Roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(partnershipId, user.Id, ct))
            throw new DomainException("This is the partnership's only active administrator: make someone else an administrator before deactivating this account.");
        var now = clock.GetUtcNow();
        membership.DeactivatedAt = now;
        // The sessions acting in this partnership end at their next request (the session check compares the partnership);
        // the account itself ends only with its last membership (decision 0034).
        var other = await db.Memberships.Where(m => m.UserId == user.Id && m.PartnershipId != partnershipId && m.DeactivatedAt == null)
            .OrderByDescending(m => m.CreatedAt).Select(m => (Guid?)m.PartnershipId).FirstOrDefaultAsync(ct);
        if (other is { } stays)
        {
            if (user.PartnershipId == partnershipId) user.PartnershipId = stays;
            await db.SaveChangesAsync(ct);
            return;
        }

        user.DeactivatedAt = now;
        await links.VoidAsync(OneTimeLinkPurpose.Invitation, user.Id, ct);
        await links.VoidAsync(OneTimeLinkPurpose.PasswordReset, user.Id, ct);
        await db.SaveChangesAsync(ct);
        Accounts.Check(await users.UpdateSecurityStampAsync(user), "");
    }

    public async Task ReactivateAsync(Guid partnershipId, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(partnershipId, userId, ct);
        var membership = await MembershipAsync(partnershipId, userId, ct);
        if (membership.DeactivatedAt is null && user.DeactivatedAt is null) throw new DomainException($"{user.Email} is not deactivated.");
        membership.DeactivatedAt = null;
        if (user.DeactivatedAt is not null)
        {
            user.DeactivatedAt = null;
            user.PartnershipId = partnershipId;
        }

        await db.SaveChangesAsync(ct);
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
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId && db.Memberships.Any(m => m.UserId == u.Id && m.PartnershipId == partnershipId), ct)
        ?? throw new DomainException("That user does not exist.");

    private async Task<Membership> MembershipAsync(Guid partnershipId, Guid userId, CancellationToken ct) =>
        await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId && m.PartnershipId == partnershipId, ct)
        ?? throw new DomainException("That user does not exist.");

    public async Task<ParallaxUser> FindByEmailAsync(Guid partnershipId, string email, CancellationToken ct = default)
    {
        var normalised = email.Trim().ToUpperInvariant();
        return await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised && db.Memberships.Any(m => m.UserId == u.Id && m.PartnershipId == partnershipId), ct)
            ?? throw new DomainException($"There is no user {email.Trim()} in the partnership: `user list` shows them.");
    }

    private async Task SendMembershipNoticeAsync(Guid partnershipId, ParallaxUser user, string invitedBy, CancellationToken ct)
    {
        var partnership = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).SingleAsync(ct);
        await mail.EnqueueAsync(new MailItem(partnershipId, MembershipNoticeKind, user.Email!,
            $"You have been added to {partnership} in Parallax",
            $"""
            Hello{(user.DisplayName is { } n ? " " + n : "")},

            {invitedBy} has added you to {partnership} in Parallax, where it runs its multi-agency case audits and reviews.

            Sign in as you do now, with the same e-mail address and password: {settings.SiteUrl.TrimEnd('/')}/sign-in
            Then choose "Change partnership" at the top of any page to act for {partnership}.

            If you were not expecting this, tell your partnership's Parallax administrator.
            """), ct);
    }

    private async Task SendInvitationAsync(Guid partnershipId, ParallaxUser user, string invitedBy, CancellationToken ct)
    {
        var token = await links.IssueAsync(OneTimeLinkPurpose.Invitation, partnershipId, user.Id, ct);
        var partnership = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).SingleAsync(ct);
        await mail.EnqueueAsync(new MailItem(partnershipId, InvitationKind, user.Email!,
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

    private async Task<bool> IsLastAdministratorAsync(Guid partnershipId, Guid userId, CancellationToken ct) =>
        !await db.InRoles(partnershipId, Roles.Administrator).AnyAsync(u => u.Id != userId && !u.InvitationPending, ct);

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
