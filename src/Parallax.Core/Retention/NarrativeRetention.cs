namespace Parallax.Core.Retention;

/// <summary>What the rule removes, or would remove, from one closed audit.</summary>
public sealed record RetentionItem(Guid PartnershipId, string Partnership, Guid AuditId, string Audit, DateTimeOffset ClosedAt, DateTimeOffset DueAt, int Fields);

/// <summary>The audits past their partnership's rule on a given day, and whether their narrative was removed.</summary>
public sealed record RetentionReport(DateTimeOffset At, bool Applied, IReadOnlyList<RetentionItem> Items)
{
    public int Fields => Items.Sum(i => i.Fields);

    public IEnumerable<string> Lines()
    {
        yield return $"{(Applied ? "Removed" : "Would remove")} narrative from {Items.Count} closed audit(s), {Fields} field(s), on {At:yyyy-MM-dd}.";
        foreach (var item in Items)
            yield return $"{item.Partnership}: \"{item.Audit}\", closed {item.ClosedAt:yyyy-MM-dd}, due {item.DueAt:yyyy-MM-dd}: {item.Fields} field(s).";
    }
}

/// <summary>
/// Each partnership's retention rule for case narrative: N years after an audit is closed,
/// the free text agencies and the panel wrote about the child and family (answer comments, judgement reasons, good
/// practice, queries and replies, the panel's case records) is removed. Figures, grades, findings, recommendations
/// and the report versions already issued stay, so learning over time still counts the audit. The closing date is
/// the audit trail's record of the audit moving to Closed. A dry run reports without changing anything; the
/// background job applies the rule once a day. The removal itself is in the trail, without the text removed.
/// </summary>
public sealed class NarrativeRetention(ParallaxDbContext db, TimeProvider clock)
{
    public const string Removed = "[Removed under the partnership's retention rule]";

    // How the status field begins in an event's changes: narrows the look-up in the database before the changes are read.
    private const string StatusField = "[\"" + nameof(Audit.Status) + "\",";

    public async Task<RetentionReport> RunAsync(bool apply, Guid? partnershipId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rules = await db.Partnerships.AsNoTracking().Where(p => p.NarrativeRetentionYears != null && (partnershipId == null || p.Id == partnershipId))
            .Select(p => new { p.Id, p.Name, Years = p.NarrativeRetentionYears!.Value }).ToListAsync(ct);
        var items = new List<RetentionItem>();
        foreach (var rule in rules)
        {
            var audits = await db.Audits.AsNoTracking().Where(a => a.PartnershipId == rule.Id && a.Status == AuditStatus.Closed)
                .Select(a => new { a.Id, a.Title }).ToListAsync(ct);
            foreach (var audit in audits)
            {
                var key = audit.Id.ToString();
                // The audit's own changes that touched its status (a handful), then those that closed it.
                var closings = (await db.AuditEvents.AsNoTracking()
                        .Where(e => e.Entity == nameof(Audit) && e.EntityKey == key && e.Changes.Contains(StatusField))
                        .ToListAsync(ct))
                    .Where(e => e.Fields().Any(f => f.Field == nameof(Audit.Status) && f.NewValue == nameof(AuditStatus.Closed)))
                    .Select(e => e.OccurredAt).ToList();
                if (closings.Count == 0) continue;
                var closedAt = closings.Max();
                var dueAt = closedAt.AddYears(rule.Years);
                if (dueAt > now) continue;

                var fields = await RemoveAsync(audit.Id, apply, ct);
                if (fields > 0) items.Add(new RetentionItem(rule.Id, rule.Name, audit.Id, audit.Title, closedAt, dueAt, fields));
            }
        }

        return new RetentionReport(now, apply, items);
    }

    /// <summary>Counts (and, applying, removes) the narrative still held for one audit, in one transaction.</summary>
    private async Task<int> RemoveAsync(Guid auditId, bool apply, CancellationToken ct)
    {
        var requests = db.ReturnRequests.Where(r => r.AuditId == auditId).Select(r => r.Id);
        var returns = await db.AuditReturns.Where(r => requests.Contains(r.Id)).ToListAsync(ct);
        var answers = await db.Set<Returns.ReturnAnswer>().Where(a => requests.Contains(a.ReturnId) && a.Comment != null && a.Comment != Removed).ToListAsync(ct);
        var judgements = await db.Set<Returns.ReturnJudgement>().Where(j => requests.Contains(j.ReturnId) && j.Reason != null && j.Reason != Removed).ToListAsync(ct);
        var queries = db.Set<Returns.ReturnQuery>().Where(q => requests.Contains(q.RequestId)).Select(q => q.Id);
        var messages = await db.Set<Returns.ReturnQueryMessage>().Where(m => queries.Contains(m.QueryId) && m.Text != Removed).ToListAsync(ct);
        var panels = await db.Set<Panels.PanelCaseRecord>().Where(p => p.AuditId == auditId).ToListAsync(ct);

        var fields = 0;
        foreach (var r in returns)
        {
            r.GoodPractice = Clear(r.GoodPractice, ref fields);
            r.OtherComments = Clear(r.OtherComments, ref fields);
        }

        foreach (var a in answers) a.Comment = Clear(a.Comment, ref fields);
        foreach (var j in judgements) j.Reason = Clear(j.Reason, ref fields);
        foreach (var m in messages) m.Text = Clear(m.Text, ref fields)!;
        foreach (var p in panels)
        {
            p.PenPicture = Clear(p.PenPicture, ref fields);
            p.WorkedWell = Clear(p.WorkedWell, ref fields);
            p.AreasForImprovement = Clear(p.AreasForImprovement, ref fields);
            p.Learning = Clear(p.Learning, ref fields);
            p.Rationale = Clear(p.Rationale, ref fields);
        }

        if (apply && fields > 0)
        {
            using (AuditTrailInterceptor.RemovingUnderRetention())
                await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        return fields;
    }

    private static string? Clear(string? text, ref int fields)
    {
        if (string.IsNullOrWhiteSpace(text) || text == Removed) return text;
        fields++;
        return Removed;
    }
}
