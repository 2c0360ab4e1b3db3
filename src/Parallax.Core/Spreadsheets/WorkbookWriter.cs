using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Parallax.Core.Spreadsheets;

/// <summary>How a cell looks and whether the person filling the workbook may type in it.</summary>
public enum CellStyle : uint
{
    Text = 0,
    Heading = 1,

    /// <summary>Unlocked, shaded: where answers go.</summary>
    Input = 2,
    Wrapped = 3,
    Title = 4,
}

public sealed record WorkbookCell(string Text, CellStyle Style = CellStyle.Text, IReadOnlyList<string>? Choices = null, double? Number = null)
{
    /// <summary>A number stored as a number, so a spreadsheet can add it up.</summary>
    public static WorkbookCell Of(double number) => new(number.ToString(System.Globalization.CultureInfo.InvariantCulture), Number: number);
}

/// <summary>A worksheet to write: rows of cells, column widths, and whether its structure is protected.</summary>
public sealed class WorksheetDraft(string name)
{
    public string Name { get; } = name;

    public List<List<WorkbookCell>> Rows { get; } = [];

    public List<double> ColumnWidths { get; } = [];

    /// <summary>Locks every cell but the input cells, so rows and columns cannot be moved by accident (no password: this guards structure, not secrets).</summary>
    public bool Protect { get; init; }

    public bool Hidden { get; init; }

    /// <summary>Printed landscape, scaled to the page's width (the form's five columns on one page).</summary>
    public bool PrintLandscapeFitToWidth { get; init; }

    public void Add(params WorkbookCell[] cells) => Rows.Add([.. cells]);
}

/// <summary>Writes .xlsx workbooks with the Open XML SDK: inline strings, a few styles, drop-down lists and sheet protection.</summary>
public static class WorkbookWriter
{
    /// <summary>
    /// Text that a spreadsheet could take for a formula (it starts with =, +, -, @, a tab or a carriage return)
    /// gets a leading apostrophe, so it stays text even if the workbook is saved on as CSV (OWASP "CSV
    /// injection"). Input cells of a return form are left as typed: they are read back on upload.
    /// </summary>
    public static string Neutralised(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static byte[] Write(IReadOnlyList<WorksheetDraft> sheets)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var draft in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(draft);
                list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbook.GetIdOfPart(part), SheetId = id++, Name = draft.Name,
                    State = draft.Hidden ? SheetStateValues.Hidden : null,
                });
            }

            workbook.Workbook.Save();
        }

        return memory.ToArray();
    }

    private static Worksheet Worksheet(WorksheetDraft draft)
    {
        var worksheet = new Worksheet();
        if (draft.PrintLandscapeFitToWidth)
            worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        if (draft.ColumnWidths.Count > 0)
        {
            var columns = new Columns();
            for (var i = 0; i < draft.ColumnWidths.Count; i++)
                columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = draft.ColumnWidths[i], CustomWidth = true });
            worksheet.Append(columns);
        }

        var data = new SheetData();
        var validations = new List<DataValidation>();
        for (var r = 0; r < draft.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            // Spreadsheet programs do not all grow rows to fit wrapped text on opening: give each row the height its longest wrapped cell needs.
            var lines = draft.Rows[r].Select((cell, c) => cell.Style is CellStyle.Wrapped or CellStyle.Input && c < draft.ColumnWidths.Count
                ? cell.Text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(part.Length / (draft.ColumnWidths[c] * 0.95))))
                : 1).DefaultIfEmpty(1).Max();
            if (lines > 1)
            {
                row.Height = 15 * lines;
                row.CustomHeight = true;
            }

            for (var c = 0; c < draft.Rows[r].Count; c++)
            {
                var cell = draft.Rows[r][c];
                var reference = $"{Spreadsheets.Sheet.ColumnLetter(c + 1)}{r + 1}";
                row.Append(cell.Number is { } number
                    ? new Cell { CellReference = reference, DataType = CellValues.Number, StyleIndex = (uint)cell.Style, CellValue = new CellValue(number) }
                    : new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = (uint)cell.Style,
                        InlineString = new InlineString(new Text(cell.Style == CellStyle.Input ? cell.Text : Neutralised(cell.Text)) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                if (cell.Choices is { Count: > 0 } choices)
                {
                    validations.Add(new DataValidation
                    {
                        Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true,
                        ErrorTitle = "Choose from the list", Error = "Choose one of: " + string.Join(", ", choices),
                        SequenceOfReferences = new ListValue<StringValue> { InnerText = reference },
                        Formula1 = new Formula1("\"" + string.Join(",", choices.Select(o => o.Replace("\"", "\"\"").Replace(",", " "))) + "\""),
                    });
                }
            }

            data.Append(row);
        }

        worksheet.Append(data);
        if (draft.Protect)
        {
            worksheet.Append(new SheetProtection
            {
                Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false,
                InsertRows = true, DeleteRows = true, InsertColumns = true, DeleteColumns = true, Sort = true, AutoFilter = true,
            });
        }

        if (validations.Count > 0) worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
        if (draft.PrintLandscapeFitToWidth)
        {
            worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            worksheet.Append(new PageSetup { Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0, PaperSize = 9 });
        }

        return worksheet;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Arial" })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF7BF" }) { PatternType = PatternValues.Solid })),
        new Borders(
            new Border(),
            new Border(
                new LeftBorder(new Color { Rgb = "FF505A5F" }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Rgb = "FF505A5F" }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Rgb = "FF505A5F" }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Rgb = "FF505A5F" }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder())),
        new CellFormats(
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }, new Protection { Locked = false }) { FontId = 0, FillId = 2, BorderId = 1, ApplyFill = true, ApplyBorder = true, ApplyProtection = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, ApplyFont = true }));
}
