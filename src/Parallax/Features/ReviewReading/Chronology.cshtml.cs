using Parallax.Features.Reviews.Chronology;

namespace Parallax.Features.ReviewReading;

/// <summary>The merged chronology of a review opened to panel members and viewers: indicators, timeline, table and exports, without retyping.</summary>
public class ChronologyModel(ChronologyViews views) : MergedChronologyPage(views);
