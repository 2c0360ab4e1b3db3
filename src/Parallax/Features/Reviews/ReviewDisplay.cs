namespace Parallax.Features.Reviews;

/// <summary>How a chronology's status reads and looks, wherever it is shown.</summary>
public static class ReviewDisplay
{
    /// <summary>A review's document as a download named after the review: its title, then what it is.</summary>
    public static async Task<FileContentResult> DownloadAsync(ReviewReports reports, PracticeReview review, ReportDocument document, ReportFormat format, string what, CancellationToken ct)
    {
        var file = await reports.RenderAsync(document, format, $"{FileName(review.Title)} {what}", ct);
        return new FileContentResult(file.Content, file.ContentType) { FileDownloadName = file.FileName };
    }

    /// <summary>A review's title made safe for a downloaded file's name.</summary>
    public static string FileName(string title) => string.Concat(title.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '"' or '\'' ? '-' : c));

    public static string StatusTag(ChronologyStatus status) => status switch
    {
        ChronologyStatus.Submitted => "govuk-tag--green",
        ChronologyStatus.InProgress => "govuk-tag--yellow",
        ChronologyStatus.Requested => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string Describe(ChronologyStatus status) => status switch
    {
        ChronologyStatus.Draft => "Not yet asked",
        ChronologyStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
