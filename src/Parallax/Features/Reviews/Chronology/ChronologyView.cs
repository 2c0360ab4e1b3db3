using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Core.Reviews;

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

    public static async Task<ChronologyView> LoadAsync(ParallaxDbContext db, PracticeReviews reviews, PracticeReview review, IQueryCollection query, string path, DateOnly today)
    {
        var household = await reviews.HouseholdAsync(review);
        var events = await reviews.SubmittedEventsAsync(review.Id);
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
        return new ChronologyView
        {
            Review = review,
            Household = household,
            Rows = ChronologyMerge.Merge(events, filter),
            Total = events.Count,
            Indicators = CumulativeRisk.Compute(events, PracticeReviews.Context(review)),
            Agencies = [.. agencies.Select(a => (a.Id, a.Code, a.Name))],
            Types = await reviews.EventTypesAsync(review.PartnershipId),
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

    /// <summary>The visual timeline: one lane per agency across the rows' dates, in SVG units (1000 wide).</summary>
    public sealed record Mark(double X, double Width, int Lane, string Label, bool Duplicate);

    public const double LabelWidth = 70, PlotWidth = 910, LaneHeight = 26;

    public (IReadOnlyList<Mark> Marks, IReadOnlyList<(double X, string Label)> Ticks, int Lanes) Timeline()
    {
        if (Rows.Count == 0) return ([], [], 0);
        var first = Rows.Min(r => r.Event.Date.Start);
        var last = Rows.Max(r => r.Event.Date.LastDay);
        var span = Math.Max(1, last.DayNumber - first.DayNumber + 1);
        double X(DateOnly d) => LabelWidth + ((d.DayNumber - first.DayNumber) * PlotWidth / span);
        var lanes = Agencies.Select(a => a.Id).Where(id => Rows.Any(r => r.Event.AgencyId == id)).ToList();
        var marks = Rows.Select(r =>
        {
            var start = X(r.Event.Date.Start);
            var width = Math.Max(4, X(r.Event.Date.LastDay.AddDays(1)) - start);
            return new Mark(start, width, lanes.IndexOf(r.Event.AgencyId), $"{r.Event.Date}: {Shorten(r.Event.Text)}", r.Group is not null);
        }).ToList();
        var ticks = Enumerable.Range(first.Year, last.Year - first.Year + 2)
            .Select(y => new DateOnly(y, 1, 1)).Where(d => d >= first && d <= last.AddDays(1))
            .Select(d => (X(d), d.Year.ToString(CultureInfo.InvariantCulture))).ToList();
        return (marks, ticks, lanes.Count);
    }

    public string LaneLabel(int lane) => Agencies.Where(a => Rows.Any(r => r.Event.AgencyId == a.Id)).ElementAtOrDefault(lane).Code ?? "";

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";
}
