using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Parallax.Core.Spreadsheets;


/// <summary>One worksheet as text cells, addressed by row and column (both from 1, as a spreadsheet shows them).</summary>
public sealed class Sheet(string name, IReadOnlyDictionary<(int Row, int Column), string> cells, IReadOnlyDictionary<(int Row, int Column), string>? formats = null)
{
    /// <summary>The number format code of a numeric .xlsx cell ("mmm-yy", "dd/mm/yyyy"), or null (CSV, text, General).</summary>
    public string? Format(int row, int column) => formats is not null && formats.TryGetValue((row, column), out var f) ? f : null;

    public string Name { get; } = name;

    public int RowCount { get; } = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Row);

    public string Cell(int row, int column) => cells.TryGetValue((row, column), out var value) ? value : "";

    public IEnumerable<string> Row(int row, int columns) => Enumerable.Range(1, columns).Select(c => Cell(row, c));

    public static string ColumnLetter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + ((column - 1) % 26)) + letters;
        return letters;
    }
}

/// <summary>Reads CSV (CsvHelper) and XLSX (Open XML SDK) into <see cref="Sheet"/>s; refuses anything else with a sentence.</summary>
public static class SheetReader
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>What a workbook may unpack to. A 2 MB .xlsx of real text unpacks to a few times that; a "zip bomb" unpacks to gigabytes.</summary>
    public const long MaxUnpackedBytes = 50L * 1024 * 1024;

    public static Sheet ReadCsv(Stream stream)
    {
        var cells = new Dictionary<(int, int), string>();
        try
        {
            // Invalid UTF-8 is refused, not silently replaced: a "CSV (comma delimited)" file from Excel is Windows-1252, and its £ or é would be lost.
            using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, BadDataFound = null });
            var row = 0;
            while (csv.Read())
            {
                row++;
                var record = csv.Record ?? [];
                for (var c = 0; c < record.Length; c++)
                {
                    if (record[c].Length > 0) cells[(row, c + 1)] = record[c];
                }
            }
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new DomainException("The file is not UTF-8 text: save it from your spreadsheet as \"CSV UTF-8 (comma delimited)\" and try again.");
        }
        catch (CsvHelperException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            throw new DomainException("The file is not UTF-8 text: save it from your spreadsheet as \"CSV UTF-8 (comma delimited)\" and try again.");
        }
        catch (CsvHelperException)
        {
            throw new DomainException("The file could not be read as CSV: save it from your spreadsheet as \"CSV UTF-8 (comma delimited)\" and try again.");
        }

        return new Sheet("CSV", cells);
    }

    /// <summary>The named worksheet (or the first), with shared strings, numbers and booleans as text.</summary>
    public static Sheet ReadXlsx(Stream stream, string? sheetName = null)
    {
        RefuseZipBomb(stream);
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new DomainException("The file is not an Excel workbook (.xlsx).");
            var sheets = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList() ?? [];
            var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name?.Value == sheetName);
            if (sheet?.Id?.Value is not { } id)
                throw new DomainException(sheetName is null ? "The workbook has no worksheets." : $"The workbook has no worksheet called \"{sheetName}\": use the workbook downloaded from Parallax without renaming its sheets.");
            var part = (WorksheetPart)workbook.GetPartById(id);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var cells = new Dictionary<(int, int), string>();
            var formats = new Dictionary<(int, int), string>();
            var cellFormats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
            var custom = workbook.WorkbookStylesPart?.Stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
                .Where(n => n.NumberFormatId?.Value is not null && n.FormatCode?.Value is not null)
                .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!) ?? [];
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                if (cell.CellReference?.Value is not { } reference) continue;
                var text = cell.DataType?.Value == CellValues.SharedString ? shared.ElementAtOrDefault(int.Parse(cell.CellValue?.Text ?? "-1", CultureInfo.InvariantCulture)) ?? ""
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.DataType?.Value == CellValues.Boolean ? (cell.CellValue?.Text == "1" ? "TRUE" : "FALSE")
                    : cell.CellValue?.Text ?? "";
                if (text.Length > 0) cells[Parse(reference)] = text;
                var numeric = cell.DataType?.Value is not { } kind || kind == CellValues.Number || kind == CellValues.Date;
                if (text.Length > 0 && numeric
                    && cell.StyleIndex?.Value is { } style && style < cellFormats.Count && cellFormats[(int)style].NumberFormatId?.Value is { } formatId
                    && (custom.TryGetValue(formatId, out var code) || BuiltInDateFormats.TryGetValue(formatId, out code)))
                    formats[Parse(reference)] = code;
            }

            return new Sheet(sheet.Name?.Value ?? "", cells, formats);
        }
        catch (System.Xml.XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // A document type definition is how "billion laughs" and external-entity attacks start; Excel never writes one.
            throw new DomainException("The workbook contains a document type definition (DTD), which Excel never writes and Parallax never opens. Save it again from Excel or LibreOffice as .xlsx.");
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.IO.FileFormatException or FormatException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new DomainException("The file is not an Excel workbook (.xlsx) that can be read. If it was a workbook, save it again from Excel or LibreOffice as .xlsx.");
        }
    }

    /// <summary>Excel's built-in date and time formats (ECMA-376 18.8.30); the others are numbers or text.</summary>
    private static readonly Dictionary<uint, string> BuiltInDateFormats = new()
    {
        [14] = "dd/mm/yyyy", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "dd/mm/yyyy h:mm", [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0",
    };

    /// <summary>Reads by file name: .csv or .xlsx, nothing else.</summary>
    public static Sheet Read(Stream stream, string fileName, long length)
    {
        if (length == 0) throw new DomainException("The file is empty.");
        if (length > MaxBytes) throw new DomainException("The file must be smaller than 2 MB.");
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(stream),
            ".xlsx" => ReadXlsx(stream),
            _ => throw new DomainException("The file must be a CSV (.csv) or an Excel workbook (.xlsx)."),
        };
    }

    /// <summary>Reads the workbook's directory (not its contents) and refuses one that would unpack to more than <see cref="MaxUnpackedBytes"/>.</summary>
    private static void RefuseZipBomb(Stream stream)
    {
        if (!stream.CanSeek) return;
        var unpacked = Files.FileContent.UnpackedBytes(stream)
            ?? throw new DomainException("The file is not an Excel workbook (.xlsx) that can be read. If it was a workbook, save it again from Excel or LibreOffice as .xlsx.");
        if (unpacked > MaxUnpackedBytes)
            throw new DomainException($"The workbook would unpack to {unpacked / (1024 * 1024):N0} MB, far more than a spreadsheet of this size holds: it was not opened. Save it again from Excel or LibreOffice as .xlsx.");
    }

    private static (int Row, int Column) Parse(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsLetter(reference[i]); i++) column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return (int.Parse(reference[i..], CultureInfo.InvariantCulture), column);
    }
}
