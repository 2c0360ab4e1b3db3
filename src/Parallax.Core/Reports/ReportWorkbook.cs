namespace Parallax.Core.Reports;

/// <summary>The report's data as a workbook, one sheet per table, values only (no formulas), for leads who keep their own analysis.</summary>
public static class ReportWorkbook
{
    public static byte[] Write(ReportDocument report)
    {
        var sheets = new List<WorksheetDraft>();
        var about = new WorksheetDraft("About") { };
        about.ColumnWidths.AddRange([28, 90]);
        about.Add(new WorkbookCell(report.Title, CellStyle.Title));
        about.Add(new WorkbookCell("Partnership", CellStyle.Heading), new WorkbookCell(report.Partnership));
        about.Add(new WorkbookCell("Protective marking", CellStyle.Heading), new WorkbookCell(report.ProtectiveMarking));
        about.Add(new WorkbookCell("Report version", CellStyle.Heading), new WorkbookCell(report.Version > 0 ? $"{report.Version}" : "Draft"));
        about.Add(new WorkbookCell("Date", CellStyle.Heading), new WorkbookCell(ReportDrafts.Date(report.Date)));
        about.Add(new WorkbookCell("Percentages", CellStyle.Heading), new WorkbookCell("Of Yes plus No answers (N/A left out), rounded half away from zero. Returns matrix: " + ReportBuilder.MatrixKey, CellStyle.Wrapped));
        sheets.Add(about);
        foreach (var table in report.DataTables)
        {
            var sheet = new WorksheetDraft(table.Sheet);
            sheet.ColumnWidths.AddRange(table.Header.Select((_, c) => (double)Math.Clamp(Math.Max(table.Header[c].Length, table.Rows.Select(r => c < r.Count ? r[c].Length : 0).DefaultIfEmpty(0).Max()) + 2, 8, 80)));
            sheet.Add([.. table.Header.Select(h => new WorkbookCell(h, CellStyle.Heading))]);
            foreach (var row in table.Rows)
                sheet.Add([.. row.Select(cell => int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? WorkbookCell.Of(n) : new WorkbookCell(ReportText.Clean(cell)))]);
            if (table.Rows.Count == 0) sheet.Add(new WorkbookCell("Nothing recorded yet."));
            sheets.Add(sheet);
        }

        return WorkbookWriter.Write(sheets);
    }
}
