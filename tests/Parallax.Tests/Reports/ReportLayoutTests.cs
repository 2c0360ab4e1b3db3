using DocumentFormat.OpenXml.Wordprocessing;
namespace Parallax.Tests.Reports;

/// <summary>
/// How the Word report holds together on the page: seen when rendering a 10-case report to PNG, a section's heading
/// and its sentence sat at the foot of one page with their chart on the next.
/// </summary>
public class ReportLayoutTests
{
    [Fact]
    public void TheSentenceBeforeAChart_IsKeptWithIt_SoItsHeadingIsNotLeftAlone()
    {
        var chart = new ReportChart("Percentage of Yes answers: Section 2", "Bar chart", "% Yes", [new ReportBar("Q1", 100), new ReportBar("Q2", 40)]);
        var report = new ReportDocument("Testshire SCP", "Audit", "Multi-agency case audit report", new DateOnly(2030, 7, 1), 0, "OFFICIAL-SENSITIVE",
        [
            new ReportSectionContent("thematic", "Thematic analysis",
            false,
            [
                new ReportParagraph("An opening sentence, not before a chart."),
                new ReportSubheading("Section 2"),
                new ReportParagraph("64% of answers in this section were Yes."),
                chart,
                new ReportParagraph("A closing sentence."),
            ]),
        ], []);

        using var document = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Write(report, _ => [])), false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        Paragraph Find(string text) => paragraphs.Single(p => p.InnerText == text);
        bool KeptWithNext(Paragraph p) => p.ParagraphProperties?.KeepNext is not null;

        Assert.True(KeptWithNext(Find("64% of answers in this section were Yes.")));
        var drawing = paragraphs.Single(p => p.Descendants<Drawing>().Any());
        Assert.Same(Find("64% of answers in this section were Yes."), paragraphs[paragraphs.IndexOf(drawing) - 1]);
        Assert.False(KeptWithNext(Find("An opening sentence, not before a chart.")));
        Assert.False(KeptWithNext(Find("A closing sentence.")));
    }
}
