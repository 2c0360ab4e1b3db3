using Microsoft.AspNetCore.Http;

namespace Parallax.Features.Reviews.Chronology;

/// <summary>
/// What the merged-chronology partial shows: the filtered rows, the indicators over the whole chronology,
/// the filter choices and where the exports are. Built the same way for leads and, when the review allows
/// it, for contributing agencies.
/// </summary>
public sealed class ChronologyView
{
    public required PracticeReview Review { get; init; }

    /// <summary>The lead's view: each row links to retyping it, and the indicators to their settings.</summary>
    public bool Lead { get; set; }

    public required ReviewHousehold Household { get; init; }

    public required IReadOnlyList<MergedEvent> Rows { get; init; }

    public required int Total { get; init; }

    public required IReadOnlyList<RiskIndicator> Indicators { get; init; }

    public required IReadOnlyList<(Guid Id, string Code, string Name)> Agencies { get; init; }

    public required IReadOnlyList<ChronologyEventType> Types { get; init; }

    public required ChronologyFilter Filter { get; init; }

    /// <summary>The page the filters and exports go to, e.g. "/reviews/{id}/chronology".</summary>
    public required string Path { get; init; }

    public required string QueryString { get; init; }

    public string? FromText { get; init; }

    public string? ToText { get; init; }

    public IReadOnlyList<(string Field, string Message)> FilterErrors { get; init; } = [];

    public static async Task<ChronologyView> LoadAsync(ParallaxDbContext db, PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, PracticeReview review, IQueryCollection query, string path, DateOnly today)
    {
        var household = await reviews.HouseholdAsync(review);
        var events = await mergedChronology.SubmittedEventsAsync(review.Id);
        var errors = new List<(string, string)>();
        Guid? Id(string key) => Guid.TryParse(query[key], out var id) ? id : null;
        DateOnly? Date(string key, bool end)
        {
            var text = query[key].ToString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            var parsed = ChronologyDates.Parse(text, null, today);
            if (parsed.Error is not null)
            {
                errors.Add((key, parsed.Error));
                return null;
            }

            return end ? parsed.Date!.Value.LastDay : parsed.Date!.Value.Start;
        }

        var filter = new ChronologyFilter(Id("agency"), Id("person"), Id("type"), Date("from", end: false), Date("to", end: true));
        var agencies = await (from r in db.ChronologyRequests.AsNoTracking()
                              join a in db.Agencies on r.AgencyId equals a.Id
                              where r.ReviewId == review.Id && r.Status == ChronologyStatus.Submitted
                              orderby a.Code
                              select new { a.Id, a.Code, a.Name }).ToListAsync();
        // Merged once: the indicators read the whole chronology, the table shows what the filter keeps.
        var merged = ChronologyMerge.Merge(events);
        return new ChronologyView
        {
            Review = review,
            Household = household,
            Rows = [.. merged.Where(r => filter.Matches(r.Event))],
            Total = events.Count,
            Indicators = CumulativeRisk.Compute(merged, ReviewChronology.Context(review)),
            Agencies = [.. agencies.Select(a => (a.Id, a.Code, a.Name))],
            Types = await eventTypes.EventTypesAsync(review.PartnershipId),
            Filter = filter,
            Path = path,
            QueryString = string.Join("&", new[] { "agency", "person", "type", "from", "to" }.Where(k => !string.IsNullOrWhiteSpace(query[k])).Select(k => $"{k}={Uri.EscapeDataString(query[k].ToString())}")),
            FromText = query["from"],
            ToText = query["to"],
            FilterErrors = errors,
        };
    }

    /// <summary>The rows shown, as a Word table shaped like a published review's.</summary>
    public async Task<FileContentResult> WordAsync(ReviewReports reports) =>
        new(await reports.ChronologyDocxAsync(Review, Rows), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        { FileDownloadName = $"{ReviewDisplay.FileName(Review.Title)} chronology.docx" };

    /// <summary>The rows shown, with every column, as a workbook.</summary>
    public FileContentResult Workbook() =>
        new(ReviewReports.ChronologyWorkbook(Review, Rows, Household), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        { FileDownloadName = $"{ReviewDisplay.FileName(Review.Title)} chronology.xlsx" };

    /// <summary>One event on the timeline, in SVG units: <see cref="Y"/> is its bar's top, inside its agency's lane.</summary>
    public sealed record Mark(double X, double Width, double Y, int Lane, string Label, bool Duplicate, bool Indicator, bool Wide);

    /// <summary>An agency's lane: its top, its height (one row of bars per set of events that would overlap) and its code.</summary>
    public sealed record Lane(double Y, double Height, string Label);

    public sealed record TimelineLayout(IReadOnlyList<Mark> Marks, IReadOnlyList<(double X, string Label)> Ticks, IReadOnlyList<Lane> Lanes, double Height);

    public const double LabelWidth = 70, PlotWidth = 910, RowHeight = 18, BarHeight = 12, LanePadding = 4, AxisHeight = 30;

    /// <summary>The gap, in SVG units, kept between two bars on one row; closer bars go on the next row of their lane.</summary>
    public const double Gap = 2;

    /// <summary>
    /// The visual timeline: one lane per agency across the rows' dates (1000 wide). Bars that would touch or overlap in a
    /// lane (several events in one month, or a month beside a day in it) are put on separate rows of the lane, each bar on
    /// the first row where it fits, so none hides another. Events behind an indicator that shows are marked.
    /// </summary>
    public TimelineLayout Timeline()
    {
        if (Rows.Count == 0) return new([], [], [], 0);
        var first = Rows.Min(r => r.Event.Date.Start);
        var last = Rows.Max(r => r.Event.Date.LastDay);
        var span = Math.Max(1, last.DayNumber - first.DayNumber + 1);
        double X(DateOnly d) => LabelWidth + ((d.DayNumber - first.DayNumber) * PlotWidth / span);
        var behind = Indicators.Where(i => i.Fired).SelectMany(i => i.EventIds).ToHashSet();
        var named = Indicators.Where(i => i.Fired).SelectMany(i => i.EventIds.Select(id => (id, i.Title))).ToLookup(x => x.id, x => x.Title);
        var laneIds = Agencies.Select(a => a.Id).Where(id => Rows.Any(r => r.Event.AgencyId == id)).ToList();
        var marks = new List<Mark>();
        var lanes = new List<Lane>();
        var top = 0.0;
        foreach (var (agency, lane) in laneIds.Select((id, i) => (id, i)))
        {
            var rowEnds = new List<double>();
            var placed = new List<(double X, double Width, int Row, MergedEvent Event)>();
            foreach (var r in Rows.Where(r => r.Event.AgencyId == agency).OrderBy(r => r.Event.Date.Start).ThenBy(r => r.Event.Date.LastDay))
            {
                var start = X(r.Event.Date.Start);
                var width = Math.Max(4, X(r.Event.Date.LastDay.AddDays(1)) - start);
                var row = rowEnds.FindIndex(end => end + Gap <= start);
                if (row < 0)
                {
                    rowEnds.Add(0);
                    row = rowEnds.Count - 1;
                }

                rowEnds[row] = start + width;
                placed.Add((start, width, row, r));
            }

            var height = (Math.Max(1, rowEnds.Count) * RowHeight) + (2 * LanePadding);
            foreach (var (x, width, row, r) in placed)
            {
                var indicator = behind.Contains(r.Event.Id);
                var label = $"{r.Event.Date}: {Shorten(r.Event.Text)}"
                    + (r.AlsoRecordedBy.Count > 0 ? $" (also recorded by {string.Join(", ", r.AlsoRecordedBy)})" : "")
                    + (indicator ? $" (behind: {string.Join("; ", named[r.Event.Id].Distinct())})" : "");
                marks.Add(new Mark(x, width, top + LanePadding + (row * RowHeight) + ((RowHeight - BarHeight) / 2), lane, label, r.Group is not null, indicator,
                    r.Event.Date.Precision != DatePrecision.Day || r.Event.Date.End is not null));
            }

            lanes.Add(new Lane(top, height, LaneLabel(lane)));
            top += height;
        }

        var ticks = Enumerable.Range(first.Year, last.Year - first.Year + 2)
            .Select(y => new DateOnly(y, 1, 1)).Where(d => d >= first && d <= last.AddDays(1))
            .Select(d => (X(d), d.Year.ToString(CultureInfo.InvariantCulture))).ToList();
        return new(marks, ticks, lanes, top + AxisHeight);
    }

    public string LaneLabel(int lane) => Agencies.Where(a => Rows.Any(r => r.Event.AgencyId == a.Id)).ElementAtOrDefault(lane).Code ?? "";

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";
}
