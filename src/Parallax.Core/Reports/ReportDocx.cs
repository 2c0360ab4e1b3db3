using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Parallax.Core.Reports;

/// <summary>
/// Writes a report as a Word document with the Open XML SDK: named styles a user can restyle (Title,
/// Heading 1 and 2, Caption, the table style), a contents field over the headings, bookmarked headings,
/// numbered recommendations, real tables with repeating header rows, charts as PNG with alt text, and
/// the protective marking and "Page X of Y" on every page.
/// </summary>
public sealed class ReportDocx
{
    private const string Font = "Arial";
    private const long ChartWidthEmu = 5_760_000; // 16 cm
    private readonly ReportDocument report;
    private readonly Func<ReportChart, byte[]> drawChart;
    private MainDocumentPart main = null!;
    private Numbering numbering = null!;
    private int bookmarkId;
    private int drawingId;
    private int tableNumber;
    private int figureNumber;
    private readonly List<(int Level, string Text, string Bookmark)> headings = [];

    private readonly bool forConversion;
    private readonly bool paper;

    private ReportDocx(ReportDocument report, Func<ReportChart, byte[]> drawChart, bool forConversion, bool paper = false)
    {
        this.report = report;
        this.drawChart = drawChart;
        this.forConversion = forConversion;
        this.paper = paper;
    }

    /// <summary>A short paper for an executive meeting (an action plan): the title and marking at the top, no cover or contents; the same styles.</summary>
    public static byte[] WritePaper(ReportDocument report) => new ReportDocx(report, ReportCharts.Png, forConversion: false, paper: true).Write();

    /// <summary>The Word report. <paramref name="forConversion"/>: the copy LibreOffice turns into PDF, whose contents list is plain
    /// cross-references (LibreOffice computes their page numbers when it lays out the pages, but shows a TOC field's stored result as it is).</summary>
    public static byte[] Write(ReportDocument report, Func<ReportChart, byte[]>? drawChart = null, bool forConversion = false) =>
        new ReportDocx(report, drawChart ?? ReportCharts.Png, forConversion).Write();

    private byte[] Write()
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Creator = report.Partnership;
            document.PackageProperties.Subject = report.Subtitle;
            main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            numbering = new Numbering(BulletDefinition(), NumberedDefinition(), new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering;
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new DefaultTabStop { Val = 720 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress }, new UpdateFieldsOnOpen { Val = true });

            var body = new Body();
            if (paper)
            {
                body.Append(Para(report.Title, "Title"), Para($"{report.Partnership}, {ReportDrafts.Date(report.Date)}", "Subtitle"));
            }
            else
            {
                Cover(body);
            }

            var sectionsStart = new List<OpenXmlElement>();
            foreach (var section in report.Sections) sectionsStart.AddRange(Section(section));
            if (!paper) Contents(body);
            // A landscape table that ends the document ends it landscape, rather than with an empty portrait page after it.
            var endsLandscape = sectionsStart.LastOrDefault() is Paragraph { ParagraphProperties.SectionProperties: not null };
            if (endsLandscape) sectionsStart.RemoveAt(sectionsStart.Count - 1);
            foreach (var element in sectionsStart) body.Append(element);
            body.Append(SectionBreak(landscape: endsLandscape, last: true));
            main.Document = new Document(body);
            // Each numbered list after the first restarts at 1, so numbering definitions are finished last.
            numbering.Save();
        }

        return memory.ToArray();
    }

    private void Cover(Body body)
    {
        // The marking is in the page header of every page, the cover's included: it is not repeated in the body.
        body.Append(Para(report.Partnership, "Subtitle"));
        body.Append(Para(report.Title, "Title"));
        body.Append(Para(report.Subtitle, "Subtitle"));
        if (report.Status is { } status)
        {
            body.Append(Para($"Status: {status}", "CoverDetail"));
            if (report.Author is { Length: > 0 } author) body.Append(Para($"Author: {author}", "CoverDetail"));
            body.Append(Para(report.PublishedOn is { } published ? $"Published: {ReportDrafts.Date(published)}" : $"Date: {ReportDrafts.Date(report.Date)}", "CoverDetail"));
        }
        else
        {
            body.Append(Para(report.Version > 0 ? $"Version {report.Version}" : "Draft (not a saved version)", "CoverDetail"));
            body.Append(Para($"Date: {ReportDrafts.Date(report.Date)}", "CoverDetail"));
        }

        body.Append(PageBreak());
    }

    /// <summary>
    /// The contents: a real TOC field (Word refreshes it on opening, or on F9), whose shown result is
    /// already filled in with every heading and a PAGEREF to it, so readers that do not refresh fields
    /// (LibreOffice converting to PDF) still show a full, clickable contents list.
    /// </summary>
    private void Contents(Body body)
    {
        body.Append(Para("Contents", "TOCHeading"));
        var first = true;
        foreach (var (level, text, bookmark) in headings)
        {
            var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = level == 1 ? "TOC1" : "TOC2" },
                new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = 9016 })));
            if (first && !forConversion) paragraph.Append(FieldBegin(), FieldCode(" TOC \\o \"1-2\" \\h \\z \\u "), FieldSeparate());
            first = false;

            var link = new Hyperlink { Anchor = bookmark, History = true };
            link.Append(TextRun(text), new Run(new TabChar()), FieldBegin(), FieldCode($" PAGEREF {bookmark} \\h "), FieldSeparate(), TextRun(""), FieldEnd());
            paragraph.Append(link);
            body.Append(paragraph);
        }

        if (first) body.Append(Para("No sections were chosen.", "Notice"));
        else if (!forConversion) body.Append(new Paragraph(FieldEnd()));
        body.Append(PageBreak());
    }

    private bool landscapeOpen;

    private bool NeedsLandscape(ReportTable t) => !paper && Minimum(t).Sum() > TextWidth;

    private IEnumerable<OpenXmlElement> Section(ReportSectionContent section)
    {
        // A section that opens with a table too wide for portrait starts on the landscape page with it, heading and all.
        if (section.Blocks.Count > 0 && section.Blocks[0] is ReportTable wide && NeedsLandscape(wide))
        {
            yield return new Paragraph(new ParagraphProperties(SectionBreak(landscape: false)));
            landscapeOpen = true;
        }

        yield return Heading(section.Title, 1);
        // A section nobody has accepted or edited says so in the document itself, until the lead saves it.
        if (section.UnreviewedDraft)
            yield return Para("Draft: written by Parallax from the audit's data. The audit lead has not yet accepted or edited this section.", "DraftNotice");
        for (var i = 0; i < section.Blocks.Count; i++)
        {
            // A sentence introducing a chart stays on the chart's page, so a section's heading is never left alone above it.
            var beforeChart = i + 1 < section.Blocks.Count && section.Blocks[i + 1] is ReportChart;
            foreach (var element in Block(section.Blocks[i], beforeChart)) yield return element;
        }
    }

    private IEnumerable<OpenXmlElement> Block(ReportBlock block, bool beforeChart = false)
    {
        switch (block)
        {
            case ReportParagraph p:
                yield return Para(p.Text, keepWithNext: beforeChart);
                break;
            case ReportSubheading h:
                yield return Heading(h.Text, Math.Clamp(h.Level, 2, 3));
                break;
            case ReportRichText r:
                foreach (var element in RichText(r.Text)) yield return element;
                break;
            case ReportNotice n:
                yield return Para(n.Text, "Notice");
                break;
            case ReportList l:
                var numberId = l.Numbered ? NewNumberedList() : 1;
                foreach (var item in l.Items)
                {
                    yield return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "ListParagraph" },
                        new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numberId })), Runs(item));
                }

                break;
            case ReportTable t:
                // A table whose columns cannot fit the portrait page without breaking a word gets a landscape page of its own.
                var landscape = NeedsLandscape(t);
                if (landscape && !landscapeOpen) yield return new Paragraph(new ParagraphProperties(SectionBreak(landscape: false)));
                landscapeOpen = false;
                yield return Para($"Table {++tableNumber}: {t.Caption}", "Caption", keepWithNext: true);
                yield return Table(t, landscape ? LandscapeTextWidth : TextWidth);
                if (t.Key is { } key) yield return Para(key, "TableKey");
                if (landscape) yield return new Paragraph(new ParagraphProperties(SectionBreak(landscape: true)));
                break;
            case ReportChart c:
                yield return Chart(c);
                yield return Para($"Figure {++figureNumber}: {c.Title}", "Caption");
                break;
        }
    }

    private Paragraph Heading(string text, int level)
    {
        if (level >= 3) return Para(text, "Heading3", keepWithNext: true);
        var bookmark = $"_Toc{++bookmarkId:D6}";
        headings.Add((level, text, bookmark));
        var id = bookmarkId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = level == 1 ? "Heading1" : "Heading2" });
        // A paper runs on from its title: its first heading does not start a new page.
        if (paper && level == 1) properties.Append(new PageBreakBefore { Val = false });
        return new Paragraph(properties,
            new BookmarkStart { Id = id, Name = bookmark }, TextRun(text), new BookmarkEnd { Id = id });
    }

    private Table Table(ReportTable t, int textWidth)
    {
        var widths = ColumnWidths(t, textWidth);
        var table = new Table(new TableProperties(new TableStyle { Val = "ParallaxTable" }, new TableWidth { Type = TableWidthUnitValues.Dxa, Width = $"{textWidth}" },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = $"{w}" })));
        table.Append(Row(t.Header, widths, header: true));
        foreach (var row in t.Rows) table.Append(Row(row, widths, header: false));
        return table;
    }

    private const int TextWidth = 9026; // A4 less two 2.54 cm margins, in twentieths of a point
    private const int LandscapeTextWidth = 13958; // the same, across a landscape page

    /// <summary>The narrowest each column can be without breaking its longest word (9 pt table text, with the cell's margins).</summary>
    internal static int[] Minimum(ReportTable t) =>
        [.. t.Header.Select((h, c) => t.Rows.Select(r => c < r.Count ? r[c] : "").Append(h)
            .SelectMany(x => x.Split([' ', '\n'])).Select(w => w.Length).DefaultIfEmpty(1).Max() * 140 + 220)];

    /// <summary>
    /// Each column gets at least the width of its longest word (so no word is broken), and the rest of the
    /// page width goes to the columns with the most text.
    /// </summary>
    internal static int[] ColumnWidths(ReportTable t, int width)
    {
        var columns = t.Header.Select((h, c) => t.Rows.Select(r => c < r.Count ? r[c] : "").Append(h).ToList()).ToList();
        var minimum = Minimum(t);
        var want = columns.Select(cells => cells.Select(x => x.Length).DefaultIfEmpty(1).Max()).ToArray();
        int[] widths;
        if (minimum.Sum() >= width)
        {
            widths = [.. minimum.Select(m => width * m / minimum.Sum())];
        }
        else
        {
            var spare = width - minimum.Sum();
            var extra = want.Select((w, c) => Math.Max(0, (w * 100) - minimum[c])).ToArray();
            var total = Math.Max(1, extra.Sum());
            widths = [.. minimum.Select((m, c) => m + (int)((long)spare * extra[c] / total))];
        }

        widths[^1] += width - widths.Sum();
        return widths;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, bool header)
    {
        var row = new TableRow();
        var properties = new TableRowProperties(new CantSplit());
        if (header) properties.Append(new TableHeader());
        row.Append(properties);
        for (var c = 0; c < cells.Count; c++)
            row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = $"{widths[Math.Min(c, widths.Length - 1)]}" }),
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }), Runs(cells[c]))));
        return row;
    }

    private Paragraph Chart(ReportChart chart)
    {
        var image = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(drawChart(chart))) image.FeedData(png);
        var relationship = main.GetIdOfPart(image);
        var id = (uint)++drawingId;
        var height = ChartWidthEmu * ReportCharts.Height / ReportCharts.Width;
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png", Description = chart.AltText }, new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = ChartWidthEmu, Cy = height }), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = ChartWidthEmu, Cy = height },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = chart.Title, Description = chart.AltText },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Figure" }, new KeepNext()), new Run(new Drawing(inline)));
    }

    private int NewNumberedList(int start = 1)
    {
        var id = numbering.Elements<NumberingInstance>().Count() + 1;
        numbering.Append(new NumberingInstance(new AbstractNumId { Val = 2 }, new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 }) { NumberID = id });
        return id;
    }

    /// <summary>
    /// Narrative in the Markdown subset (<see cref="NarrativeMarkup"/>) as Word: "##" lines are Heading 2 (in the
    /// contents and the outline) and "###" Heading 3; lists are real numbered or bulleted Word lists, nested by level;
    /// bold, italic and web links are runs and hyperlinks; quotes use the Quote style.
    /// </summary>
    private List<OpenXmlElement> RichText(string text)
    {
        var elements = new List<OpenXmlElement>();
        RichBlocks(NarrativeMarkup.Parse(text), elements, level: -1, quote: false);
        return elements;
    }

    private void RichBlocks(ContainerBlock container, List<OpenXmlElement> elements, int level, bool quote)
    {
        foreach (var block in container) RichBlock(block, elements, level, quote);
    }

    private void RichBlock(Block block, List<OpenXmlElement> elements, int level, bool quote)
    {
        switch (block)
        {
            case HeadingBlock h when h.Level <= 2:
                elements.Add(Heading(InlineText(h.Inline), 2));
                break;
            case HeadingBlock h:
                var heading = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading3" }));
                heading.Append(RichRuns(h.Inline));
                elements.Add(heading);
                break;
            case ParagraphBlock p:
                var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = quote ? "Quote" : "Normal" }));
                paragraph.Append(RichRuns(p.Inline));
                elements.Add(paragraph);
                break;
            case ListBlock list:
                var depth = Math.Min(level + 1, 2);
                var numberId = list.IsOrdered ? NewNumberedList(int.TryParse(list.OrderedStart, out var start) && start > 0 ? start : 1) : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var first = true;
                    foreach (var child in item)
                    {
                        if (child is ParagraphBlock itemParagraph)
                        {
                            // The item's first paragraph carries the number or bullet; later paragraphs line up under its text.
                            var properties = new ParagraphProperties(new ParagraphStyleId { Val = "ListParagraph" });
                            if (first) properties.Append(new NumberingProperties(new NumberingLevelReference { Val = depth }, new NumberingId { Val = numberId }));
                            else properties.Append(new Indentation { Left = $"{720 * (depth + 1)}" });
                            var itemElement = new Paragraph(properties);
                            itemElement.Append(RichRuns(itemParagraph.Inline));
                            elements.Add(itemElement);
                        }
                        else
                        {
                            RichBlock(child, elements, depth, quote);
                        }

                        first = false;
                    }
                }

                break;
            case QuoteBlock q:
                RichBlocks(q, elements, level, quote: true);
                break;
            case ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case LeafBlock leaf:
                // Code blocks: the words as typed.
                elements.Add(Para(leaf.Lines.ToString(), quote ? "Quote" : null));
                break;
            case ContainerBlock other:
                RichBlocks(other, elements, level, quote);
                break;
        }
    }

    private static string InlineText(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private List<OpenXmlElement> RichRuns(ContainerInline? container)
    {
        var runs = new List<OpenXmlElement>();
        if (container is not null) RichInlines(container, runs, bold: false, italic: false);
        return runs;
    }

    private void RichInlines(ContainerInline container, List<OpenXmlElement> runs, bool bold, bool italic)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    runs.Add(StyledRun(literal.Content.ToString(), bold, italic));
                    break;
                case CodeInline code:
                    runs.Add(StyledRun(code.Content, bold, italic));
                    break;
                case HtmlEntityInline entity:
                    runs.Add(StyledRun(entity.Transcoded.ToString(), bold, italic));
                    break;
                case LineBreakInline:
                    runs.Add(new Run(new Break()));
                    break;
                case AutolinkInline auto:
                    runs.Add(Link(NarrativeMarkup.SafeUrl(auto.IsEmail ? "mailto:" + auto.Url : auto.Url), [StyledRun(auto.Url, bold, italic, link: true)], auto.Url, bold, italic));
                    break;
                case LinkInline { IsImage: true } image:
                    RichInlines(image, runs, bold, italic);
                    break;
                case LinkInline link:
                    var url = NarrativeMarkup.SafeUrl(link.Url);
                    if (url is null)
                    {
                        RichInlines(link, runs, bold, italic);
                    }
                    else
                    {
                        var inner = new List<OpenXmlElement>();
                        RichInlines(link, inner, bold, italic);
                        foreach (var r in inner.OfType<Run>()) MarkAsLink(r);
                        runs.Add(Link(url, inner, "", bold, italic));
                    }

                    break;
                case EmphasisInline emphasis:
                    RichInlines(emphasis, runs, bold || emphasis.DelimiterCount >= 2, italic || emphasis.DelimiterCount == 1);
                    break;
                case HtmlInline raw:
                    runs.Add(StyledRun(raw.Tag, bold, italic));
                    break;
                case ContainerInline other:
                    RichInlines(other, runs, bold, italic);
                    break;
            }
        }
    }

    private OpenXmlElement Link(string? url, List<OpenXmlElement> inner, string fallback, bool bold, bool italic)
    {
        if (url is null) return StyledRun(fallback, bold, italic);
        var relationship = main.AddHyperlinkRelationship(new Uri(url), true);
        var hyperlink = new Hyperlink { Id = relationship.Id, History = true };
        foreach (var run in inner) hyperlink.Append(run);
        return hyperlink;
    }

    private static void MarkAsLink(Run run)
    {
        run.RunProperties ??= new RunProperties();
        run.RunProperties.PrependChild(new RunStyle { Val = "Hyperlink" });
    }

    private static Run StyledRun(string text, bool bold, bool italic, bool link = false)
    {
        var run = new Run();
        if (bold || italic || link)
        {
            var properties = new RunProperties();
            if (link) properties.Append(new RunStyle { Val = "Hyperlink" });
            if (bold) properties.Append(new Bold());
            if (italic) properties.Append(new Italic());
            run.Append(properties);
        }

        run.Append(new Text(ReportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private string? headerId;
    private string? footerId;

    /// <summary>Section properties for a page orientation; every section points at the one header and footer, so each page carries the marking.</summary>
    private SectionProperties SectionBreak(bool landscape, bool last = false)
    {
        if (headerId is null)
        {
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Para(report.ProtectiveMarking, "Marking"));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
                TextRun($"{report.ProtectiveMarking}    Page "), FieldBegin(), FieldCode(" PAGE "), FieldSeparate(), TextRun("1"), FieldEnd(),
                TextRun(" of "), FieldBegin(), FieldCode(" NUMPAGES "), FieldSeparate(), TextRun("1"), FieldEnd()));
            headerId = main.GetIdOfPart(header);
            footerId = main.GetIdOfPart(footer);
        }

        var properties = new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId });
        if (!last) properties.Append(new SectionType { Val = SectionMarkValues.NextPage });
        properties.Append(landscape
            ? new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = 11906, Height = 16838 });
        properties.Append(new PageMargin { Top = 1440, Right = 1440, Bottom = 1440, Left = 1440, Header = 708, Footer = 708, Gutter = 0 });
        return properties;
    }

    private static Paragraph Para(string text, string? style = null, bool keepWithNext = false)
    {
        var properties = new ParagraphProperties();
        if (style is not null) properties.Append(new ParagraphStyleId { Val = style });
        if (keepWithNext) properties.Append(new KeepNext());
        return new Paragraph(properties, Runs(text));
    }

    private static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    /// <summary>Text as runs, with line breaks kept and characters XML cannot carry left out.</summary>
    private static Run Runs(string text)
    {
        var run = new Run();
        var lines = ReportText.Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Run TextRun(string text) => new(new Text(ReportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });

    private static Run FieldBegin() => new(new FieldChar { FieldCharType = FieldCharValues.Begin });

    private static Run FieldSeparate() => new(new FieldChar { FieldCharType = FieldCharValues.Separate });

    private static Run FieldEnd() => new(new FieldChar { FieldCharType = FieldCharValues.End });

    private static Run FieldCode(string code) => new(new FieldCode(code) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>Three levels each, so a list nested in a list (an indented "-" or "1.") is a real Word sub-list.</summary>
    private static AbstractNum BulletDefinition() => ListDefinition(1, ["•", "o", "▪"], [NumberFormatValues.Bullet, NumberFormatValues.Bullet, NumberFormatValues.Bullet]);

    private static AbstractNum NumberedDefinition() => ListDefinition(2, ["%1.", "%2.", "%3."], [NumberFormatValues.Decimal, NumberFormatValues.LowerLetter, NumberFormatValues.LowerRoman]);

    private static AbstractNum ListDefinition(int id, string[] texts, NumberFormatValues[] formats)
    {
        var definition = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
        for (var level = 0; level < texts.Length; level++)
        {
            definition.Append(new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = formats[level] }, new LevelText { Val = texts[level] },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = $"{720 * (level + 1)}", Hanging = "360" }))
            { LevelIndex = level });
        }

        return definition;
    }

    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font }, new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" }, new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(ParagraphStyle("Normal", "Normal", null, isDefault: true));
        styles.Append(ParagraphStyle("Title", "Title", new StyleRunProperties(new Bold(), new Color { Val = "0B0C0C" }, new FontSize { Val = "56" }), spacingBefore: 1200, spacingAfter: 240));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", new StyleRunProperties(new Color { Val = "505A5F" }, new FontSize { Val = "32" }), spacingAfter: 240));
        styles.Append(ParagraphStyle("CoverDetail", "Cover detail", new StyleRunProperties(new FontSize { Val = "28" })));
        styles.Append(ParagraphStyle("Marking", "Protective marking", new StyleRunProperties(new Bold(), new FontSize { Val = "20" }), justification: JustificationValues.Center));
        styles.Append(ParagraphStyle("Heading1", "heading 1", new StyleRunProperties(new Bold(), new Color { Val = "0B0C0C" }, new FontSize { Val = "36" }), outline: 0, spacingBefore: 480, spacingAfter: 200, keepNext: true, pageBreakBefore: true));
        styles.Append(ParagraphStyle("Heading2", "heading 2", new StyleRunProperties(new Bold(), new Color { Val = "0B0C0C" }, new FontSize { Val = "28" }), outline: 1, spacingBefore: 320, spacingAfter: 120, keepNext: true));
        styles.Append(ParagraphStyle("Heading3", "heading 3", new StyleRunProperties(new Bold(), new Color { Val = "0B0C0C" }, new FontSize { Val = "24" }), outline: 2, spacingBefore: 240, spacingAfter: 80, keepNext: true));
        styles.Append(ParagraphStyle("DraftNotice", "Draft notice", new StyleRunProperties(new Bold(), new Color { Val = "594D00" }),
            shading: "FFF7BF", spacingBefore: 0, spacingAfter: 240));
        styles.Append(ParagraphStyle("Quote", "Quote", new StyleRunProperties(new Italic(), new Color { Val = "383F43" }), indentLeft: 720));
        styles.Append(new Style(new StyleName { Val = "Hyperlink" }, new UIPriority { Val = 99 },
            new StyleRunProperties(new Color { Val = "1D70B8" }, new Underline { Val = UnderlineValues.Single }))
        { Type = StyleValues.Character, StyleId = "Hyperlink" });
        styles.Append(ParagraphStyle("TOCHeading", "TOC Heading", new StyleRunProperties(new Bold(), new FontSize { Val = "36" }), spacingAfter: 240));
        styles.Append(ParagraphStyle("TOC1", "toc 1", new StyleRunProperties(new Bold()), spacingAfter: 80));
        styles.Append(ParagraphStyle("TOC2", "toc 2", null, spacingAfter: 60, indentLeft: 440));
        styles.Append(ParagraphStyle("Caption", "caption", new StyleRunProperties(new Bold(), new FontSize { Val = "20" }), spacingBefore: 200, spacingAfter: 80));
        styles.Append(ParagraphStyle("TableKey", "Table key", new StyleRunProperties(new Italic(), new FontSize { Val = "18" }), spacingBefore: 60));
        styles.Append(ParagraphStyle("TableText", "Table text", new StyleRunProperties(new FontSize { Val = "18" }), spacingAfter: 0));
        styles.Append(ParagraphStyle("Notice", "Notice", new StyleRunProperties(new Italic(), new Color { Val = "505A5F" })));
        styles.Append(ParagraphStyle("ListParagraph", "List Paragraph", null, spacingAfter: 80));
        styles.Append(ParagraphStyle("Figure", "Figure", null, justification: JustificationValues.Center, spacingAfter: 0));
        styles.Append(ParagraphStyle("Footer", "footer", new StyleRunProperties(new FontSize { Val = "18" }), justification: JustificationValues.Center, spacingAfter: 0));
        styles.Append(new Style(
            new StyleName { Val = "Parallax table" },
            new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" }, new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" }, new RightBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" }),
                new TableCellMarginDefault(new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableStyleProperties(new RunPropertiesBaseStyle(new Bold()), new TableStyleConditionalFormattingTableCellProperties(new Shading { Val = ShadingPatternValues.Clear, Fill = "F3F2F1", Color = "auto" }))
            { Type = TableStyleOverrideValues.FirstRow })
        { Type = StyleValues.Table, StyleId = "ParallaxTable" });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, StyleRunProperties? run, bool isDefault = false, int? outline = null, int spacingBefore = 0, int? spacingAfter = null,
        bool keepNext = false, bool pageBreakBefore = false, JustificationValues? justification = null, int indentLeft = 0, string? shading = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (!isDefault) style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
        style.Append(new PrimaryStyle());
        var paragraph = new StyleParagraphProperties();
        if (keepNext) paragraph.Append(new KeepNext());
        if (pageBreakBefore) paragraph.Append(new PageBreakBefore());
        if (shading is not null) paragraph.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = shading, Color = "auto" });
        if (spacingBefore > 0 || spacingAfter is not null)
        {
            var spacing = new SpacingBetweenLines { Before = $"{spacingBefore}" };
            if (spacingAfter is { } after) spacing.After = $"{after}";
            paragraph.Append(spacing);
        }
        if (indentLeft > 0) paragraph.Append(new Indentation { Left = $"{indentLeft}" });
        if (justification is { } j) paragraph.Append(new Justification { Val = j });
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
        if (paragraph.HasChildren) style.Append(paragraph);
        if (run is not null) style.Append(run);
        return style;
    }
}
