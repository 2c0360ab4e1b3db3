using DocumentFormat.OpenXml.Spreadsheet;
using Sheet = DocumentFormat.OpenXml.Spreadsheet.Sheet;

namespace Parallax.Tests.Infrastructure;

/// <summary>Types into a downloaded workbook as a person would in a spreadsheet program: cell by cell.</summary>
public static class WorkbookEditing
{
    public static byte[] SetCells(byte[] workbook, string sheetName, Dictionary<string, string> cells)
    {
        using var memory = new MemoryStream();
        memory.Write(workbook);
        memory.Position = 0;
        using (var document = SpreadsheetDocument.Open(memory, true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            foreach (var (reference, value) in cells)
            {
                var rowIndex = uint.Parse(new string(reference.Where(char.IsDigit).ToArray()));
                var row = data.Elements<Row>().Single(r => r.RowIndex! == rowIndex);
                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
                if (cell is null)
                {
                    cell = new Cell { CellReference = reference };
                    row.Append(cell);
                }

                cell.DataType = CellValues.InlineString;
                cell.CellValue = null;
                cell.InlineString = new InlineString(new Text(value));
            }

            part.Workbook.Save();
        }

        return memory.ToArray();
    }
}

/// <summary>Files a careless or hostile upload might carry.</summary>
public static class HostileFiles
{
    /// <summary>A small zip whose one part, <paramref name="entry"/>, unpacks to <paramref name="megabytes"/> MB of the same byte.</summary>
    public static byte[] ZipBomb(string entry, int megabytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = zip.CreateEntry(entry, System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) part.Write(block);
        }

        return memory.ToArray();
    }

    /// <summary>
    /// A real workbook whose worksheets start with a document type definition: an external entity (XXE), or
    /// with <paramref name="laughs"/> the "billion laughs" of nested entities that expand to gigabytes.
    /// </summary>
    public static byte[] WithDoctype(byte[] workbook, bool laughs)
    {
        var doctype = laughs
            ? "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" + string.Concat(Enumerable.Range(1, 9).Select(i =>
                $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">")) + "]>"
            : "<!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>";
        using var memory = new MemoryStream();
        memory.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
            {
                string xml;
                using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
                var start = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
                xml = xml[..start] + doctype + xml[start..].Replace("</sheetData>", "<row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>" + (laughs ? "&lol9;" : "&secret;") + "</t></is></c></row></sheetData>");
                var name = entry.FullName;
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(xml);
            }
        }

        return memory.ToArray();
    }
}
