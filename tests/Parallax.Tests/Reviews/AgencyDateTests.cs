using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Parallax.Tests.Reviews;

/// <summary>Dates as agencies write them, and Excel date cells read at the precision their number format shows.</summary>
public class AgencyDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("Jun-17", "June 2017", "2017-06-30")]
    [InlineData("June 17", "June 2017", "2017-06-30")]
    [InlineData("June 2017", "June 2017", "2017-06-30")]
    [InlineData("June 17 - May 19", "June 2017 to May 2019", "2019-05-31")]
    [InlineData("2017/18", "2017 to 2018", "2018-12-31")]
    [InlineData("2017/2018", "2017 to 2018", "2018-12-31")]
    [InlineData("w/c 4 June 2018", "4 June 2018 to 10 June 2018", "2018-06-10")]
    [InlineData("Week commencing 04/06/2018", "4 June 2018 to 10 June 2018", "2018-06-10")]
    [InlineData("early 2018", "January 2018 to April 2018", "2018-04-30")]
    [InlineData("mid 2018", "May 2018 to August 2018", "2018-08-31")]
    [InlineData("late 2018", "September 2018 to December 2018", "2018-12-31")]
    public void Parse_FormsAgenciesUse_KeepTheirPrecision(string text, string shown, string lastDay)
    {
        var result = ChronologyDates.Parse(text, null, Today);

        Assert.Null(result.Error);
        Assert.Equal(shown, result.Date!.Value.ToString());
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), result.Date.Value.LastDay);
    }

    [Theory]
    [InlineData("2017/19", "two years in a row")]
    [InlineData("w/c June 2018", "the day the week starts")]
    [InlineData("Jun-36", "in the future")]
    public void Parse_RefusesWithASentence(string text, string says)
    {
        var result = ChronologyDates.Parse(text, null, Today);
        Assert.Null(result.Date);
        Assert.Contains(says, result.Error);
    }

    [Theory]
    [InlineData("mmm-yy", DatePrecision.Month)]
    [InlineData("mmmm yyyy", DatePrecision.Month)]
    [InlineData("dd/mm/yyyy", DatePrecision.Day)]
    [InlineData("[$-en-GB]d mmmm yyyy;@", DatePrecision.Day)]
    [InlineData("yyyy", DatePrecision.Year)]
    [InlineData("\"Month: \"mmm yyyy", DatePrecision.Month)]
    [InlineData("0.00", null)]
    [InlineData("h:mm", null)]
    public void PrecisionOfFormat_ReadsTheFormatCode(string code, DatePrecision? expected) =>
        Assert.Equal(expected, ChronologyDates.PrecisionOfFormat(code));

    /// <summary>
    /// A workbook as Excel saves one: 1 June 2017 (serial 42887) four times, formatted as Excel's built-in month
    /// ("mmm-yy", id 17), built-in day (id 14), a custom month ("mmmm yyyy") and a custom day ("d mmmm yyyy").
    /// </summary>
    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "mmmm yyyy" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "d mmmm yyyy" }) { Count = 2 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 17, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true })
                { Count = 5 });
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            Row Row(uint index, params Cell[] cells) { var r = new Row { RowIndex = index }; r.Append(cells); return r; }
            Cell Text(string reference, string text) => new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            Cell Date(string reference, uint style) => new() { CellReference = reference, StyleIndex = style, CellValue = new CellValue("42887") };
            string[] headings = ["Date", "Date precision", "Time", "Event", "Household members", "Source reference", "Agency comment"];
            data.Append(Row(1, [.. headings.Select((h, i) => Text($"{(char)('A' + i)}1", h))]));
            uint[] formats = [1, 2, 3, 4];
            foreach (var (style, i) in formats.Select((s, i) => (s, (uint)i + 2)))
                data.Append(Row(i, Date($"A{i}", style), Text($"D{i}", $"Event {i}"), Text($"E{i}", "Child")));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Chronology" }));
        }

        return stream.ToArray();
    }

    [Fact]
    public void Xlsx_DateCellsKeepThePrecisionOfTheirNumberFormat()
    {
        var sheet = SheetReader.ReadXlsx(new MemoryStream(Workbook()));
        Assert.Equal("mmm-yy", sheet.Format(2, 1));
        var child = new Parallax.Core.Cases.Case { Uin = "T1", Initials = "QZ", Ethnicity = Parallax.Core.Cases.Ethnicities.NotRecorded };
        var result = ChronologyImport.Read(sheet, new ReviewHousehold(child, []), [], Today);

        Assert.Empty(result.Errors);
        Assert.Equal(["June 2017", "1 June 2017", "June 2017", "1 June 2017"], result.Events.Select(e => e.Date.ToString()));
        Assert.Null(result.Warning); // two day dates on the 1st: too few to warn about
    }

    [Fact]
    public void Upload_EveryDayDateOnThe1st_IsAWarningBeforeStoring()
    {
        var csv = "Date,Date precision,Time,Event,Household members,Source reference,Agency comment\n01/03/2018,,,Visit,,,\n01/05/2018,,,Visit,,,\n01/09/2018,,,Visit,,,\n";
        var sheet = SheetReader.ReadCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));
        var result = ChronologyImport.Read(sheet, new ReviewHousehold(new Parallax.Core.Cases.Case { Uin = "T1", Initials = "QZ", Ethnicity = Parallax.Core.Cases.Ethnicities.NotRecorded }, []), [], Today);

        Assert.Empty(result.Errors);
        Assert.Contains("falls on the 1st", result.Warning);
    }
}
