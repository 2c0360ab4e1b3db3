namespace Parallax.Tests.Reviews;

/// <summary>Text that a spreadsheet could run as a formula is neutralised in exported workbooks; what agencies type into a return form is left as typed.</summary>
public class ExportInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://attacker.example\",\"Open\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public void ChronologyWorkbook_FormulaLikeEvent_IsExportedAsText(string text)
    {
        var child = new Case { Uin = "X1", Initials = "AB", Ethnicity = Ethnicities.NotRecorded };
        var review = new PracticeReview { Title = "Child Z", TriggerIncident = "test", CreatedBy = "test" };
        var e = new MergeEvent(Guid.NewGuid(), Guid.NewGuid(), "POL", new ChronologyDate(new DateOnly(2025, 1, 2), DatePrecision.Day), null, text, [child.Id], null, EventSignal.None, 1, AgencyComment: text);

        var bytes = ReviewReports.ChronologyWorkbook(review, [new MergedEvent(e, null, [])], new ReviewHousehold(child, []));
        var sheet = SheetReader.ReadXlsx(new MemoryStream(bytes));

        Assert.Equal("'" + text, sheet.Cell(3, 3)); // the event
        Assert.Equal("'" + text, sheet.Cell(3, 8)); // the agency's comment
        Assert.Equal("Child (AB)", sheet.Cell(3, 5));
    }

    [Fact]
    public void InputCells_AreLeftAsTyped_BecauseTheyAreReadBackOnUpload()
    {
        var sheet = new WorksheetDraft("Return");
        sheet.Add(new WorkbookCell("-2 weeks late", CellStyle.Input), new WorkbookCell("-2 weeks late"));

        var read = SheetReader.ReadXlsx(new MemoryStream(WorkbookWriter.Write([sheet])));

        Assert.Equal("-2 weeks late", read.Cell(1, 1));
        Assert.Equal("'-2 weeks late", read.Cell(1, 2));
    }
}
