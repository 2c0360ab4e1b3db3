using System.Xml;

namespace Parallax.Core.Reports;

/// <summary>
/// One piece of a report section. Renderers (Word, HTML, workbook) know each kind; the report itself is
/// stored as these blocks, so a version renders the same in every format for as long as it is kept.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ReportParagraph), "paragraph")]
[JsonDerivedType(typeof(ReportSubheading), "subheading")]
[JsonDerivedType(typeof(ReportList), "list")]
[JsonDerivedType(typeof(ReportTable), "table")]
[JsonDerivedType(typeof(ReportChart), "chart")]
[JsonDerivedType(typeof(ReportNotice), "notice")]
[JsonDerivedType(typeof(ReportRichText), "rich")]
public abstract record ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A sub-heading: level 2 is in the contents; level 3 sits under it (a group of findings, an agency).</summary>
public sealed record ReportSubheading(string Text, int Level = 2) : ReportBlock;

/// <summary>Narrative a person wrote, in the Markdown subset of <see cref="NarrativeMarkup"/>: sub-headings, lists, emphasis, links and quotes.</summary>
public sealed record ReportRichText(string Text) : ReportBlock;

/// <summary>A bulleted list, or a numbered one (recommendations).</summary>
public sealed record ReportList(IReadOnlyList<string> Items, bool Numbered = false) : ReportBlock;

/// <summary>A real table: a caption, a header row, rows of text, and an optional key under it (the returns matrix).</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Key = null) : ReportBlock;

/// <summary>A bar chart, drawn as a picture in Word and the PDF; <see cref="AltText"/> says what it shows, and the same figures are always in a table too.</summary>
public sealed record ReportChart(string Title, string AltText, string ValueLabel, IReadOnlyList<ReportBar> Bars, double? Maximum = null) : ReportBlock;

public sealed record ReportBar(string Label, double Value);

/// <summary>A sheet of the data workbook: a name (31 characters at most), a header row and rows; cells that are whole numbers are written as numbers.</summary>
public sealed record ReportDataTable(string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Where content would be but the audit has none yet ("No panel record has been made"): said, not left blank.</summary>
public sealed record ReportNotice(string Text) : ReportBlock;

/// <summary>One chapter of the report or one appendix.</summary>
public sealed record ReportSectionContent(string Key, string Title, bool Appendix, IReadOnlyList<ReportBlock> Blocks, bool UnreviewedDraft = false);

/// <summary>The whole report: cover details and the chosen sections in the chosen order.</summary>
/// <remarks><see cref="DataTables"/> are the data workbook's sheets: always all of them, whichever sections the report includes.</remarks>
/// <remarks><see cref="Status"/>, <see cref="Author"/> and <see cref="PublishedOn"/> are the cover's details of a document with a status of its own (a review):
/// when <see cref="Status"/> is set the cover shows it instead of the version number.</remarks>
public sealed record ReportDocument(
    string Partnership, string Title, string Subtitle, DateOnly Date, int Version, string ProtectiveMarking, IReadOnlyList<ReportSectionContent> Sections,
    IReadOnlyList<ReportDataTable> DataTables, string? Status = null, string? Author = null, DateOnly? PublishedOn = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportDocument FromJson(string json) => JsonSerializer.Deserialize<ReportDocument>(json, Json)!;

    /// <summary>Every piece of prose in the report, for the identifiable-data check.</summary>
    public IEnumerable<(string Section, string Text)> Texts() => Sections.SelectMany(s => s.Blocks.SelectMany(b => b switch
    {
        ReportParagraph p => [p.Text],
        ReportRichText r => [r.Text],
        ReportSubheading h => [h.Text],
        ReportList l => l.Items,
        ReportNotice n => [n.Text],
        ReportTable t => t.Rows.SelectMany(r => r),
        _ => Array.Empty<string>(),
    }).Select(text => (s.Title, text)));
}

public static class ReportText
{
    /// <summary>
    /// Text as it can go into XML: characters XML 1.0 cannot carry (control characters pasted from other
    /// programs, lone surrogates) are dropped, tabs become spaces, and line endings become \n.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                builder.Append('\n');
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (c == '\n' || (XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Narrative as paragraphs: blank lines separate them.</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        Clean(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Trim());

    /// <summary>Numbers as a report writes them: words from zero to twenty, figures above.</summary>
    public static string Number(int n, bool capital = false)
    {
        string[] words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
            "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
        var word = n >= 0 && n < words.Length ? words[n] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return capital ? char.ToUpperInvariant(word[0]) + word[1..] : word;
    }

    /// <summary>"3 cases", "one case", "no cases".</summary>
    public static string Count(int n, string singular, string plural, bool capital = false) => $"{Number(n, capital)} {(n == 1 ? singular : plural)}";

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
