using Parallax.Features.Reviews.Chronology;

namespace Parallax.Features.AgencyChronologies;

/// <summary>The merged chronology, read-only, for an agency that contributed to a review which shares it (a learning event). Otherwise not found.</summary>
public class MergedModel(ChronologyViews views) : MergedChronologyPage(views)
{
    protected override Task<PracticeReview?> ReviewAsync() =>
        Task.FromResult(HttpContext.LoadedRecord<AgencyChronology>() is { MaySeeMerged: true } chronology ? chronology.Review : null);
}
