namespace Parallax.Core.Spreadsheets;

/// <summary>
/// The rows of an import sheet (agencies, cases, people) under the headings of its first row: the first step of each
/// all-or-nothing import, with the sentence that refuses a file before any row is read (a required heading missing,
/// no rows, too many rows).
/// </summary>
public sealed class SheetRows
{
    private readonly Sheet sheet;
    private readonly Dictionary<string, int> headings;

    private SheetRows(Sheet sheet, Dictionary<string, int> headings, IReadOnlyList<int> rows)
    {
        this.sheet = sheet;
        this.headings = headings;
        Rows = rows;
    }

    /// <summary>The sheet's row numbers that hold anything under a heading, in order (the first data row is 2).</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The trimmed text of <paramref name="row"/> under <paramref name="heading"/>; empty when the sheet has no such column.</summary>
    public string Get(int row, string heading) => headings.TryGetValue(heading, out var c) ? sheet.Cell(row, c).Trim() : "";

    /// <summary>
    /// Reads the headings of the first <paramref name="maxColumns"/> columns and the rows below them, or gives the
    /// sentence that refuses the file. <paramref name="things"/> names the rows ("agencies"), <paramref name="verb"/>
    /// what is done with them ("import").
    /// </summary>
    public static SheetRows? Read(Sheet sheet, IEnumerable<(string Heading, bool Required, string Help)> columns, int maxColumns,
        string things, string verb, int maxRows, out string? refusal)
    {
        var headings = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 1; c <= maxColumns; c++)
        {
            var heading = sheet.Cell(1, c).Trim();
            if (heading.Length > 0) headings.TryAdd(heading, c);
        }

        var missing = columns.Where(c => c.Required && !headings.ContainsKey(c.Heading)).Select(c => c.Heading).ToList();
        var rows = Enumerable.Range(2, Math.Max(0, sheet.RowCount - 1))
            .Where(r => headings.Values.Any(c => sheet.Cell(r, c).Trim().Length > 0)).ToList();
        refusal = missing.Count > 0 ? $"The first row must hold the column headings; missing: {string.Join(", ", missing)}. Download the template to see them."
            : rows.Count == 0 ? $"The file has headings but no {things}."
            : rows.Count > maxRows ? $"The file has {rows.Count} {things}; {verb} at most {maxRows} at a time."
            : null;
        return refusal is null ? new SheetRows(sheet, headings, rows) : null;
    }
}
