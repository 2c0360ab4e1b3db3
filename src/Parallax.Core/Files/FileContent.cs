using System.IO.Compression;

namespace Parallax.Core.Files;

/// <summary>
/// What an uploaded file really is, whatever its name says: the first bytes of the formats Parallax accepts, text
/// that must be UTF-8, and the directory of a zip-based document (read without unpacking anything) so that a
/// "zip bomb" is refused before it is opened.
/// </summary>
public static class FileContent
{
    /// <summary>The bytes a file of each kind begins with. Office Open XML and OpenDocument files are zip archives.</summary>
    private static readonly Dictionary<string, (string Kind, byte[] Start)> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("a PDF", "%PDF"u8.ToArray()),
        [".png"] = ("a PNG picture", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        [".jpg"] = ("a JPEG picture", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("a JPEG picture", [0xFF, 0xD8, 0xFF]),
        [".docx"] = ("a Word document", [0x50, 0x4B, 0x03, 0x04]),
        [".xlsx"] = ("an Excel workbook", [0x50, 0x4B, 0x03, 0x04]),
        [".pptx"] = ("a PowerPoint presentation", [0x50, 0x4B, 0x03, 0x04]),
        [".odt"] = ("an OpenDocument text", [0x50, 0x4B, 0x03, 0x04]),
        [".ods"] = ("an OpenDocument spreadsheet", [0x50, 0x4B, 0x03, 0x04]),
    };

    private static readonly HashSet<string> Text = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".csv", ".eml", ".json" };

    /// <summary>
    /// What the zip directory says the archive unpacks to, in bytes; null when it is not a readable zip. Reads only
    /// the central directory, so a bomb costs nothing to measure.
    /// </summary>
    public static long? UnpackedBytes(Stream stream)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Sum(e => e.Length);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        finally
        {
            if (stream.CanSeek) stream.Position = start;
        }
    }

    /// <summary>A sentence saying why <paramref name="content"/> is not the kind of file its name says, or null when it is.</summary>
    public static string? Problem(string name, byte[] content, long maxUnpackedBytes)
    {
        var extension = Path.GetExtension(name);
        if (Text.Contains(extension))
        {
            return System.Text.Unicode.Utf8.IsValid(content) ? null
                : $"\"{name}\" is not UTF-8 text. Save it again choosing UTF-8 (Excel: \"CSV UTF-8\"; Notepad: encoding UTF-8), then upload it.";
        }

        if (!Signatures.TryGetValue(extension, out var signature)) return null;
        if (!content.AsSpan().StartsWith(signature.Start))
            return $"\"{name}\" is not {signature.Kind}: its contents are a different kind of file. Save it again as {signature.Kind[(signature.Kind.IndexOf(' ') + 1)..]}, or give it its own extension.";
        if (signature.Start[0] != 0x50) return null;

        using var stream = new MemoryStream(content, writable: false);
        var unpacked = UnpackedBytes(stream);
        if (unpacked is null) return $"\"{name}\" is damaged: it cannot be opened as {signature.Kind}. Save it again, then upload it.";
        return unpacked > maxUnpackedBytes
            ? $"\"{name}\" would unpack to {unpacked / (1024 * 1024):N0} MB, far more than a document of this size holds: it was not kept. Save it again, then upload it."
            : null;
    }
}
