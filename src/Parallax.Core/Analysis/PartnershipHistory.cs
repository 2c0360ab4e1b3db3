namespace Parallax.Core.Analysis;

/// <summary>One audit's headline figures, for views across a partnership's years of audits.</summary>
public sealed record AuditSummary(Guid AuditId, string Title, int Year, AuditStatus Status, int Requested, int Submitted, int NotKnown, AnswerCounts Answers)
{
    public int? ResponseRatePct => ReturnsDashboard.Percent(Submitted, Requested - NotKnown);
}

/// <summary>
/// Figures over every audit of a partnership, in two grouped queries (the answer counts each return kept at
/// submission, by audit; requests by audit and status), so the cost follows returns, not answers.
/// </summary>
public sealed class PartnershipHistory(ParallaxDbContext db)
{
    public async Task<IReadOnlyList<AuditSummary>> SummariesAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var audits = await db.Audits.AsNoTracking().Where(a => a.PartnershipId == partnershipId)
            .Select(a => new { a.Id, a.Title, a.RequestsSentOn, a.Status }).ToListAsync(ct);
        var answers = await (
            from saved in db.AuditReturns
            join request in db.ReturnRequests on saved.Id equals request.Id
            join audit in db.Audits on request.AuditId equals audit.Id
            where audit.PartnershipId == partnershipId && request.Status == ReturnStatus.Submitted
            group saved by request.AuditId into g
            select new
            {
                AuditId = g.Key,
                Yes = g.Sum(r => r.YesCount ?? 0),
                No = g.Sum(r => r.NoCount ?? 0),
                Na = g.Sum(r => r.NotApplicableCount ?? 0),
            }).ToDictionaryAsync(x => x.AuditId, ct);
        var requests = await (
            from request in db.ReturnRequests
            join audit in db.Audits on request.AuditId equals audit.Id
            where audit.PartnershipId == partnershipId && request.Status != ReturnStatus.Draft
            group request by new { request.AuditId, request.Status } into g
            select new { g.Key.AuditId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var byAudit = requests.ToLookup(r => r.AuditId);

        return audits.OrderBy(a => a.RequestsSentOn).Select(a =>
        {
            var counts = answers.TryGetValue(a.Id, out var c) ? new AnswerCounts(c.Yes, c.No, c.Na) : new AnswerCounts(0, 0, 0);
            var statuses = byAudit[a.Id].ToList();
            return new AuditSummary(a.Id, a.Title, a.RequestsSentOn.Year, a.Status, statuses.Sum(s => s.Count),
                statuses.Where(s => s.Status == ReturnStatus.Submitted).Sum(s => s.Count),
                statuses.Where(s => s.Status == ReturnStatus.NotKnownToAgency).Sum(s => s.Count), counts);
        }).ToList();
    }
}
