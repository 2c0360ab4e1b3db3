namespace Parallax.Features.Reviews.Chronology;

/// <summary>The review lead's merged chronology: indicators, filters, the timeline, the table and the exports.</summary>
public class ChronologyModel(ChronologyViews views) : MergedChronologyPage(views)
{
    protected override bool Lead => true;
}
