using Microsoft.EntityFrameworkCore;
using Parallax.Core.Calendar;
using Parallax.Core.Data;
using Parallax.Core.Tools;

namespace Parallax.Core.Audits;

public sealed record AuditPlan(
    string Title, string Theme, string? ThemeSource, string? TermsOfReference, Guid ToolId, int ToolVersionNumber,
    string? LookbackRule, int? SampleSizeTarget, DateOnly RequestsSentOn, int ReturnWorkingDays, DateOnly? PanelOn);

/// <summary>A plan that cannot be accepted; <see cref="Field"/> names the form field.</summary>
public sealed class AuditPlanException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Sets up audits: checks the terms of reference, computes the deadline in working days, freezes the tool version.</summary>
public sealed class AuditPlanner(ParallaxDbContext db, ToolCatalogue tools, TimeProvider clock)
{
    public const int MaxReturnWorkingDays = 60;

    public IQueryable<Audit> Audits(Guid partnershipId) => db.Audits.Where(a => a.PartnershipId == partnershipId);

    public async Task<Audit> CreateAsync(Guid partnershipId, AuditPlan plan, BankHolidays holidays, CancellationToken ct = default)
    {
        var title = Required(plan.Title, "Enter a title for the audit", nameof(AuditPlan.Title), 200);
        var theme = Required(plan.Theme, "Enter the theme of the audit", nameof(AuditPlan.Theme), 300);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (plan.RequestsSentOn < today)
            throw new AuditPlanException("The date requests are sent must be today or in the future", nameof(AuditPlan.RequestsSentOn));
        if (plan.ReturnWorkingDays is < 1 or > MaxReturnWorkingDays)
            throw new AuditPlanException($"Working days to return must be between 1 and {MaxReturnWorkingDays}", nameof(AuditPlan.ReturnWorkingDays));
        if (plan.SampleSizeTarget is < 1 or > 100)
            throw new AuditPlanException("The sample size must be between 1 and 100 cases", nameof(AuditPlan.SampleSizeTarget));

        var due = WorkingDays.Add(plan.RequestsSentOn, plan.ReturnWorkingDays, holidays);
        if (plan.PanelOn is { } panel && panel <= due)
            throw new AuditPlanException($"The panel must be after returns are due on {due:d MMMM yyyy}", nameof(AuditPlan.PanelOn));

        var version = await db.ToolVersions.Include(v => v.Sections)
            .FirstOrDefaultAsync(v => v.ToolId == plan.ToolId && v.Number == plan.ToolVersionNumber && v.Tool!.PartnershipId == partnershipId, ct)
            ?? throw new AuditPlanException("Select an audit tool", nameof(AuditPlan.ToolId));
        if (version.Sections.Count == 0)
            throw new AuditPlanException("The tool has no sections yet: add them in the designer, or choose another tool", nameof(AuditPlan.ToolId));

        var audit = new Audit
        {
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

    private static string Required(string? value, string message, string field, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new AuditPlanException(message, field);
        if (trimmed.Length > max) throw new AuditPlanException($"Must be {max} characters or fewer", field);
        return trimmed;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
