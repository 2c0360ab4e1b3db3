namespace Parallax.Features;

/// <summary>
/// A page that adds a list from a CSV or XLSX file, all rows or none: the partnership's agencies, people to invite, the
/// cases of a sample. The file is read by the same rules on each, and a refused list shows every problem by row and
/// column, with one sentence in the error summary that links to them.
/// </summary>
public abstract class SpreadsheetImportPage : PageModel
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    /// <summary>A blank list to fill in, as CSV with a byte-order mark so that Excel reads its accents right.</summary>
    protected static FileContentResult CsvTemplate(string csv, string fileName) => CsvTemplateFile(csv, fileName);

    /// <summary>The same, for a page that takes a list without being an import page (an agency's chronology).</summary>
    public static FileContentResult CsvTemplateFile(string csv, string fileName) =>
        new(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv") { FileDownloadName = fileName };

    /// <summary>What the error summary says when the list is refused; a page may put it in its own words.</summary>
    protected virtual string Refused(string summary) => summary;

    /// <summary>
    /// Reads <paramref name="file"/> and hands it to <paramref name="import"/>. When every row is added the person is told
    /// how many (<paramref name="added"/>) and taken on (<paramref name="next"/>); otherwise the form shows again with the
    /// problems, against the file's field.
    /// </summary>
    protected async Task<IActionResult> ImportAsync(
        IFormFile? file, string field, string selectAFile, Func<Sheet, Task<ImportResult>> import, Func<int, string> added, Func<IActionResult> next)
    {
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            ModelState.AddModelError(field, selectAFile);
            return Page();
        }

        try
        {
            await using var stream = file.OpenReadStream();
            var result = await import(SheetReader.Read(stream, file.FileName, file.Length));
            if (result.Succeeded)
            {
                TempData["Notification"] = added(result.Added);
                return next();
            }

            Problems = result.Problems;
            var message = Refused(ImportProblems.Summary(Problems.Count, Problems[0].Row == 0, Problems[0].Message));
            // The summary links to the table of problems, which lists every row and column.
            ViewData["OrderedErrors"] = new[] { ("problems", message) };
            ModelState.AddModelError(field, message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(field, e.Message);
        }

        return Page();
    }
}
