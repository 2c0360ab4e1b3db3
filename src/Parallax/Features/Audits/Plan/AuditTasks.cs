namespace Parallax.Features.Audits.Plan;

/// <summary>The GOV.UK task list statuses.</summary>
public enum AuditTaskStatus
{
    CannotStartYet,
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>One step of an audit's life on its task list: where it is done, and how far it has got.</summary>
public sealed record AuditTask(string Id, string Name, string? Href, AuditTaskStatus Status, string? Hint);

/// <summary>What the task list's statuses are worked out from: counts, loaded in one round of small queries.</summary>
public sealed record AuditTaskFacts(AuditStatus Stage, int? SampleTarget, int Cases, int CasesWithoutAgencies, int Drafts, int Sent, int Open,
    int Findings, int Recommendations, int ReportVersions, bool ReportFinal)
{
    public static async Task<AuditTaskFacts> LoadAsync(ParallaxDbContext db, Audit audit)
    {
        var id = audit.Id;
        var cases = await db.AuditCases.Where(ac => ac.AuditId == id).Select(ac => ac.CaseId).ToListAsync();
        var involved = await db.AgencyInvolvements.Where(i => cases.Contains(i.CaseId)).Select(i => i.CaseId).Distinct().CountAsync();
        var statuses = await db.ReturnRequests.Where(r => r.AuditId == id).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        int Count(params ReturnStatus[] s) => statuses.Where(x => s.Contains(x.Key)).Sum(x => x.Count);
        var versions = await db.ReportVersions.Where(v => v.AuditId == id).Select(v => v.IsFinal).ToListAsync();
        return new AuditTaskFacts(audit.Status, audit.SampleSizeTarget, cases.Count, cases.Count - involved,
            Count(ReturnStatus.Draft), statuses.Sum(x => x.Count) - Count(ReturnStatus.Draft), Count(ReturnChaser.Open),
            await db.Findings.CountAsync(f => f.AuditId == id), await db.Recommendations.CountAsync(r => r.AuditId == id),
            versions.Count, versions.Contains(true));
    }
}

/// <summary>
/// The audit page's task list (decision 0041): each step of an audit with its status, worked out from what has
/// been done, never from a flag a person sets. A step that needs an earlier one cannot start until it has.
/// </summary>
public static class AuditTasks
{
    /// <summary>The steps of one audit; <paramref name="link"/> makes the address of a step's page (a page name and a fragment).</summary>
    public static IReadOnlyList<AuditTask> Of(AuditTaskFacts f, Func<string, string?, string?> link)
    {
        var stage = f.Stage;
        static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

        var sample = f.Cases == 0 ? AuditTaskStatus.NotStarted
            : f.CasesWithoutAgencies > 0 || f.Cases < (f.SampleTarget ?? 0) ? AuditTaskStatus.InProgress : AuditTaskStatus.Completed;
        var sampleHint = f.Cases == 0 ? "Add the cases and the agencies that know each one"
            : $"{Plural(f.Cases, "case", "cases")}{(f.SampleTarget is { } t ? $" of {t} planned" : "")}{(f.CasesWithoutAgencies > 0 ? $"; {Plural(f.CasesWithoutAgencies, "case has", "cases have")} no agencies recorded" : "")}";

        var send = f.Sent == 0 && f.Drafts == 0
            ? (f.Cases > f.CasesWithoutAgencies ? AuditTaskStatus.NotStarted : AuditTaskStatus.CannotStartYet)
            : f.Drafts > 0 ? AuditTaskStatus.InProgress : AuditTaskStatus.Completed;
        var sendHint = f.Drafts > 0 ? $"{Plural(f.Drafts, "request", "requests")} not sent yet" : f.Sent > 0 ? $"{Plural(f.Sent, "request", "requests")} sent" : null;

        var collect = f.Sent == 0 ? AuditTaskStatus.CannotStartYet : f.Open > 0 ? AuditTaskStatus.InProgress : AuditTaskStatus.Completed;
        var collectHint = f.Sent == 0 ? null : f.Open > 0 ? $"{Plural(f.Open, "return", "returns")} still open" : "Every return is in or closed";

        AuditTaskStatus ByStage(AuditStatus from, bool started) =>
            stage > from ? AuditTaskStatus.Completed : stage == from ? (started ? AuditTaskStatus.InProgress : AuditTaskStatus.NotStarted) : AuditTaskStatus.CannotStartYet;

        var panel = ByStage(AuditStatus.Panel, false);
        if (panel == AuditTaskStatus.NotStarted) panel = AuditTaskStatus.InProgress;
        var findings = f.Findings > 0 ? (stage > AuditStatus.Reporting ? AuditTaskStatus.Completed : AuditTaskStatus.InProgress)
            : stage >= AuditStatus.Panel ? AuditTaskStatus.NotStarted : AuditTaskStatus.CannotStartYet;
        var recommendations = f.Recommendations > 0 ? (stage > AuditStatus.Actions ? AuditTaskStatus.Completed : AuditTaskStatus.InProgress)
            : f.Findings > 0 ? AuditTaskStatus.NotStarted : AuditTaskStatus.CannotStartYet;
        var report = f.ReportFinal ? AuditTaskStatus.Completed : f.ReportVersions > 0 ? AuditTaskStatus.InProgress
            : stage >= AuditStatus.Panel ? AuditTaskStatus.NotStarted : AuditTaskStatus.CannotStartYet;

        return
        [
            new("terms", "Terms of reference", link("/Audits/Plan/Terms", null), AuditTaskStatus.Completed, "Theme, tool, lookback and dates"),
            new("team", "Audit team", link("/Audits/Plan/Team", null), AuditTaskStatus.Completed, "Who leads the audit with you"),
            new("sample", "Register the sample", link("/Audits/Plan/Overview", "sample-heading"), sample, sampleHint),
            new("send", "Send return requests", link("/Audits/Requests/Returns", null), send, sendHint),
            new("collect", "Collect and chase returns", link("/Audits/Requests/Returns", null), collect, collectHint),
            new("panel", "Hold the panel", link("/Audits/Panel/Meeting", null), panel, "Agree a partnership judgement per case"),
            new("findings", "Record findings", link("/Audits/Findings/Findings", null), findings, f.Findings > 0 ? Plural(f.Findings, "finding", "findings") : null),
            new("recommendations", "Recommendations and actions", link("/ActionPlan/Plan/Recommendations", null), recommendations, f.Recommendations > 0 ? Plural(f.Recommendations, "recommendation", "recommendations") : null),
            new("report", "Write the report", link("/Audits/Report/Report", null), report, f.ReportFinal ? "A version is final" : f.ReportVersions > 0 ? Plural(f.ReportVersions, "version", "versions") + ", none final yet" : null),
        ];
    }

    public static string Describe(AuditTaskStatus status) => status switch
    {
        AuditTaskStatus.CannotStartYet => "Cannot start yet",
        AuditTaskStatus.NotStarted => "Not started",
        AuditTaskStatus.InProgress => "In progress",
        _ => "Completed",
    };
}
