using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parallax.Core.Tools;

/// <summary>
/// The blank tool as an editable Word document, for partnerships that circulate the tool before the audit:
/// real heading styles (navigation pane), a table per Yes/No section shaped like the originals
/// (No. | Question | Response | Comments), and a judgement table per judged section.
/// </summary>
public static class ToolWordDocument
{
    public static byte[] Build(AuditTool tool, ToolVersion version)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Paragraph(tool.Name, "Title"));
            body.Append(Paragraph($"Audit tool, version {version.Number}. OFFICIAL-SENSITIVE when completed.", null));
            if (tool.Description is { } description) body.Append(Paragraph(description, null));
            if (version.Guidance is { } guidance)
            {
                body.Append(Paragraph("Guidance notes", "Heading1"));
                foreach (var line in guidance.Split('\n', StringSplitOptions.RemoveEmptyEntries)) body.Append(Paragraph(line.Trim(), "ListBullet"));
            }

            body.Append(Paragraph("About this return", "Heading1"));
            body.Append(LabelTable(["Case number (UIN)", "Agency completing the audit", "Completed by (role)"]));

            foreach (var section in version.Sections.OrderBy(s => s.Order))
            {
                body.Append(Paragraph(section.Title, "Heading1"));
                if (section.Applicability != SectionApplicability.AllAgencies)
                    body.Append(Paragraph(section.Applicability == SectionApplicability.AgenciesWorkingWithAdults
                        ? "This section is for agencies providing services to adults."
                        : $"This section is for: {string.Join(", ", section.AgencyTypes.Select(Agencies.AgencyTypeNames.DisplayName))}.", "Emphasis"));
                if (section.Scope == SectionScope.OncePerAgency)
                    body.Append(Paragraph("Completed once by each agency for all its cases.", "Emphasis"));
                if (section.Guidance is { } sectionGuidance) body.Append(Paragraph(sectionGuidance, null));

                var questions = section.Questions.OrderBy(q => q.Order).ToList();
                if (questions.Count > 0) body.Append(QuestionTable(questions));
                if (section.HasJudgement) AppendJudgement(body, section.JudgementPrompt ?? $"Judgement on {section.Title}");
            }

            if (version.AsksOverallAgencyJudgement) AppendJudgement(body, "Judgement on the quality of the work overall for your agency");
            if (version.AsksPartnershipJudgement) AppendJudgement(body, "Judgement on the quality of the work overall as a partnership");
            if (version.AsksGoodPractice)
            {
                body.Append(Paragraph("Any areas of good practice identified (this could be in your own or another agency)", "Heading2"));
                body.Append(LabelTable([""]));
            }

            if (version.AsksOtherComments)
            {
                body.Append(Paragraph("Any other comments", "Heading2"));
                body.Append(LabelTable([""]));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
        }

        return stream.ToArray();
    }

    private static Table QuestionTable(IReadOnlyList<ToolQuestion> questions)
    {
        var yesNo = questions.All(q => q.Kind == QuestionKind.YesNoNa);
        var table = NewTable(yesNo ? [800, 4400, 1500, 3000] : [800, 4700, 4200]);
        table.Append(Row(true, yesNo ? ["No.", "Question", "Response (Yes/No/N/A)", "Comments on quality of work"] : ["No.", "Question", "Response"]));
        foreach (var q in questions)
        {
            var text = q.Text + (q.HelpText is null ? "" : $"\n{q.HelpText}");
            if (q.Options.Count > 0) text += "\n" + string.Join("\n", q.Options.Select(o => $"☐ {o}"));
            table.Append(Row(false, yesNo ? [q.Code, text, "", ""] : [q.Code, text, ""]));
        }

        return table;
    }

    private static void AppendJudgement(Body body, string prompt)
    {
        body.Append(Paragraph(prompt, "Heading2"));
        var table = NewTable([3000, 6700]);
        table.Append(Row(true, ["Judgement (keep one)", "Why this judgement was made"]));
        table.Append(Row(false, [string.Join("\n", GradeNames.Scale.Select(g => $"☐ {g.Grade.DisplayName()}")), ""]));
        body.Append(table);
    }

    private static Table LabelTable(IReadOnlyList<string> labels)
    {
        var table = NewTable(labels.Count == 1 && labels[0] == "" ? [9700] : [3500, 6200]);
        foreach (var label in labels) table.Append(label == "" ? Row(false, [""], minHeight: 1700) : Row(false, [label, ""]));
        return table;
    }

    private static Table NewTable(int[] widths)
    {
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
        };
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Dxa, Width = widths.Sum().ToString() },
            new TableBorders(border()),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    private static TableRow Row(bool header, IReadOnlyList<string> cells, int minHeight = 0)
    {
        var row = new TableRow();
        var properties = new TableRowProperties();
        if (header) properties.Append(new TableHeader());
        if (minHeight > 0) properties.Append(new TableRowHeight { Val = (uint)minHeight, HeightType = HeightRuleValues.AtLeast });
        row.Append(properties);
        foreach (var text in cells)
        {
            var cell = new TableCell();
            if (header) cell.Append(new TableCellProperties(new Shading { Val = ShadingPatternValues.Clear, Fill = "E8E8E8" }));
            var lines = text.Split('\n');
            foreach (var line in lines)
            {
                var run = new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve });
                if (header) run.PrependChild(new RunProperties(new Bold()));
                cell.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "60" }), run));
            }

            row.Append(cell);
        }

        return row;
    }

    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        // Children are written in the order the schema requires (rFonts, b, i, sz; keepNext, spacing, outlineLvl).
        Style ParagraphStyle(string id, string name, int halfPoints, bool bold, int? outline, string? basedOn = "Normal", bool italic = false)
        {
            var runProperties = new StyleRunProperties();
            if (basedOn is null) runProperties.Append(new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" });
            if (bold) runProperties.Append(new Bold());
            if (italic) runProperties.Append(new Italic());
            runProperties.Append(new FontSize { Val = halfPoints.ToString() });
            var paragraphProperties = new StyleParagraphProperties();
            if (outline is not null) paragraphProperties.Append(new KeepNext());
            paragraphProperties.Append(new SpacingBetweenLines { Before = outline is null ? "0" : "240", After = "120" });
            if (outline is { } level) paragraphProperties.Append(new OutlineLevel { Val = level });
            var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraphProperties, runProperties)
            {
                Type = StyleValues.Paragraph,
                StyleId = id,
            };
            if (basedOn is not null) style.InsertAfter(new BasedOn { Val = basedOn }, style.StyleName);
            return style;
        }

        var normal = ParagraphStyle("Normal", "Normal", 22, false, null, basedOn: null);
        normal.Default = true;
        styles.Styles = new Styles(
            normal,
            ParagraphStyle("Title", "Title", 40, true, null),
            ParagraphStyle("Heading1", "heading 1", 32, true, 0),
            ParagraphStyle("Heading2", "heading 2", 26, true, 1),
            ParagraphStyle("ListBullet", "List Bullet", 22, false, null),
            ParagraphStyle("Emphasis", "Section note", 22, false, null, italic: true));
    }
}
