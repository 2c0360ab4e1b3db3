namespace Parallax.Core.Audits;

public sealed record AuditPlan(
    string Title, string Theme, string? ThemeSource, string? TermsOfReference, Guid ToolId, int ToolVersionNumber,
    string? LookbackRule, int? SampleSizeTarget, DateOnly RequestsSentOn, int ReturnWorkingDays, DateOnly? PanelOn, Guid? ReviewId = null);


/// <summary>Sets up audits: checks the terms of reference, computes the deadline in working days, freezes the tool version.</summary>
/// <summary>What of an audit's plan can be corrected after it is set up; the tool and the dates requests go by are fixed.</summary>
public sealed record AuditTerms(string? Title, string? Theme, string? ThemeSource, string? TermsOfReference, string? LookbackRule, int? SampleSizeTarget, DateOnly? PanelOn, string? SampleSource = null);

public sealed class AuditPlanner(ParallaxDbContext db, ToolCatalogue tools, TimeProvider clock)
{
    /// <summary>Where the sample came from: a paragraph for the report's methodology (who chose the cases, from which list, why).</summary>
    public const int SampleSourceLength = 2000;

    public const int MaxReturnWorkingDays = 60;

    public IQueryable<Audit> Audits(Guid partnershipId) => db.Audits.Where(a => a.PartnershipId == partnershipId);

    public async Task<Audit> CreateAsync(Guid partnershipId, AuditPlan plan, BankHolidays holidays, CancellationToken ct = default)
    {
        var title = Required(plan.Title, "Enter a title for the audit", nameof(AuditPlan.Title), 200);
        var theme = Required(plan.Theme, "Enter the theme of the audit", nameof(AuditPlan.Theme), 300);
        var today = Calendar.PartnershipCalendar.LondonDate(clock.GetUtcNow());
        if (plan.RequestsSentOn < today)
            throw new DomainException("The date requests are sent must be today or in the future", nameof(AuditPlan.RequestsSentOn));
        if (plan.ReturnWorkingDays is < 1 or > MaxReturnWorkingDays)
            throw new DomainException($"Working days to return must be between 1 and {MaxReturnWorkingDays}", nameof(AuditPlan.ReturnWorkingDays));
        if (plan.SampleSizeTarget is < 1 or > 100)
            throw new DomainException("The sample size must be between 1 and 100 cases", nameof(AuditPlan.SampleSizeTarget));

        var due = WorkingDays.Add(plan.RequestsSentOn, plan.ReturnWorkingDays, holidays);
        if (plan.PanelOn is { } panel && panel <= due)
            throw new DomainException($"The panel must be after returns are due on {due:d MMMM yyyy}", nameof(AuditPlan.PanelOn));

        var version = await db.ToolVersions.Include(v => v.Sections)
            .FirstOrDefaultAsync(v => v.ToolId == plan.ToolId && v.Number == plan.ToolVersionNumber && v.Tool!.PartnershipId == partnershipId, ct)
            ?? throw new DomainException("Select an audit tool", nameof(AuditPlan.ToolId));
        if (version.Sections.Count == 0)
            throw new DomainException("The tool has no sections yet: add them in the designer, or choose another tool", nameof(AuditPlan.ToolId));

        if (plan.ReviewId is { } reviewId && !await db.PracticeReviews.AnyAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct))
            throw new DomainException("The review the audit comes from is not part of this partnership", nameof(AuditPlan.ThemeSource));

        var audit = new Audit
        {
            ReviewId = plan.ReviewId,
            PartnershipId = partnershipId,
            Title = title,
            Theme = theme,
            ThemeSource = Optional(plan.ThemeSource),
            TermsOfReference = Optional(plan.TermsOfReference),
            ToolVersionId = version.Id,
            LookbackRule = Optional(plan.LookbackRule),
            SampleSizeTarget = plan.SampleSizeTarget,
            RequestsSentOn = plan.RequestsSentOn,
            ReturnWorkingDays = plan.ReturnWorkingDays,
            ReturnsDueOn = due,
            PanelOn = plan.PanelOn,
            Status = AuditStatus.Planning,
            CreatedAt = clock.GetUtcNow(),
        };

        // The audit and the freezing of its tool version land together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Audits.Add(audit);
        await db.SaveChangesAsync(ct);
        await tools.FreezeAsync(version.Id, ct);
        await transaction.CommitAsync(ct);
        return audit;
    }

    /// <summary>
    /// Corrects the terms of reference by the rules that set them. <paramref name="expected"/> is the audit's
    /// version when the form was read: a colleague's change in between is a conflict, never overwritten.
    /// </summary>
    public async Task UpdateTermsAsync(Guid partnershipId, Guid auditId, Guid expected, AuditTerms terms, CancellationToken ct = default)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException("That audit does not exist.");
        var conflict = new EditConflictException("Someone changed this audit while you were editing it. Nothing was saved: the page now shows their changes.", nameof(AuditTerms.Title));
        if (audit.Version != expected) throw conflict;
        db.Entry(audit).Property(a => a.Version).OriginalValue = expected;
        var title = Required(terms.Title, "Enter a title for the audit", nameof(AuditTerms.Title), 200);
        var theme = Required(terms.Theme, "Enter the theme of the audit", nameof(AuditTerms.Theme), 300);
        if (terms.SampleSizeTarget is < 1 or > 100)
            throw new DomainException("The sample size must be between 1 and 100 cases", nameof(AuditTerms.SampleSizeTarget));
        if (terms.PanelOn is { } panel && panel <= audit.ReturnsDueOn)
            throw new DomainException($"The panel must be after returns are due on {audit.ReturnsDueOn:d MMMM yyyy}", nameof(AuditTerms.PanelOn));
        foreach (var (field, value) in new[] { (nameof(AuditTerms.ThemeSource), terms.ThemeSource), (nameof(AuditTerms.LookbackRule), terms.LookbackRule) })
        {
            if (value?.Trim().Length > 300) throw new DomainException("Must be 300 characters or fewer", field);
        }

        if (terms.SampleSource?.Trim().Length > SampleSourceLength)
            throw new DomainException($"Where the sample came from must be {SampleSourceLength:N0} characters or fewer", nameof(AuditTerms.SampleSource));
        audit.SampleSource = Optional(terms.SampleSource);
        (audit.Title, audit.Theme, audit.ThemeSource, audit.TermsOfReference, audit.LookbackRule, audit.SampleSizeTarget, audit.PanelOn) =
            (title, theme, Optional(terms.ThemeSource), Optional(terms.TermsOfReference), Optional(terms.LookbackRule), terms.SampleSizeTarget, terms.PanelOn);
        await db.SaveOrRefuseAsync(conflict, ct);
    }

    private static string Required(string? value, string message, string field, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException(message, field);
        if (trimmed.Length > max) throw new DomainException($"Must be {max} characters or fewer", field);
        return trimmed;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed record TeamMember(Guid Id, Guid UserId, string Name, string Email, AuditTeamRole Role);

    public async Task<IReadOnlyList<TeamMember>> TeamAsync(Guid auditId, CancellationToken ct = default) =>
        await (from m in db.AuditTeamMembers
               join u in db.Users on m.UserId equals u.Id
               where m.AuditId == auditId
               orderby m.Role, u.Email
               select new TeamMember(m.Id, u.Id, u.DisplayName ?? u.Email!, u.Email!, m.Role)).ToListAsync(ct);

    /// <summary>Adds someone of the partnership to the audit team, or changes their role on it.</summary>
    public async Task SetTeamMemberAsync(Guid partnershipId, Guid auditId, Guid userId, AuditTeamRole role, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct))
            throw new RecordNotFoundException("That audit does not exist.");
        if (!Enum.IsDefined(role)) throw new DomainException("Select a role on the audit", "Role");
        // Only people of the same partnership, and not agency auditors, who see their own returns only.
        var user = await db.Members(partnershipId).Where(m => m.UserId == userId && m.AgencyId == null).Select(m => m.User!).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Select a person from your partnership", "UserId");
        var existing = await db.AuditTeamMembers.FirstOrDefaultAsync(m => m.AuditId == auditId && m.UserId == user.Id, ct);
        if (existing is null) db.AuditTeamMembers.Add(new AuditTeamMember { AuditId = auditId, UserId = user.Id, Role = role });
        else existing.Role = role;
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> RemoveTeamMemberAsync(Guid partnershipId, Guid auditId, Guid memberId, CancellationToken ct = default) =>
        await db.RemoveFirstAsync<AuditTeamMember>(m => m.Id == memberId && m.AuditId == auditId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct);

    /// <summary>Moves the audit to its next stage (returns open is reached by sending requests).</summary>
    public async Task<AuditStatus> AdvanceAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException("That audit does not exist.");
        audit.Status = audit.Status switch
        {
            AuditStatus.Planning => throw new DomainException("Send the return requests to open returns", "Status"),
            AuditStatus.ReturnsOpen => AuditStatus.Panel,
            AuditStatus.Panel => AuditStatus.Reporting,
            AuditStatus.Reporting => AuditStatus.Actions,
            AuditStatus.Actions => AuditStatus.Closed,
            _ => throw new DomainException("The audit is closed", "Status"),
        };
        await db.SaveChangesAsync(ct);
        return audit.Status;
    }

    /// <summary>Who may read a case's compiled returns ahead of the panel.</summary>
    public async Task SetCollationAccessAsync(Guid partnershipId, Guid auditId, Panels.CollationAccess access, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(access)) throw new DomainException("Select who may read the compiled returns", "CollationAccess");
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException("That audit does not exist.");
        audit.CollationAccess = access;
        await db.SaveChangesAsync(ct);
    }
}
