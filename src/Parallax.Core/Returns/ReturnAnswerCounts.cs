namespace Parallax.Core.Returns;

/// <summary>
/// Fills in the answer counts of returns submitted before returns kept them (see <see cref="AuditReturn.YesCount"/>).
/// Runs after every migration; once every submitted return has its counts it touches nothing.
/// </summary>
public static class ReturnAnswerCounts
{
    public static Task<int> BackfillAsync(ParallaxDbContext db, CancellationToken ct = default) =>
        db.AuditReturns.Where(r => r.SubmittedAt != null && r.YesCount == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.YesCount, r => db.Set<ReturnAnswer>().Count(a => a.ReturnId == r.Id && a.Value == AnswerFields.Yes))
            .SetProperty(r => r.NoCount, r => db.Set<ReturnAnswer>().Count(a => a.ReturnId == r.Id && a.Value == AnswerFields.No))
            .SetProperty(r => r.NotApplicableCount, r => db.Set<ReturnAnswer>().Count(a => a.ReturnId == r.Id && a.Value == AnswerFields.NotApplicable)), ct);
}
