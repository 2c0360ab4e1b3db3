namespace Parallax.Core.Reports;

/// <summary>A rendered report ready to download: its bytes, its file's name and its content type.</summary>
public sealed record ReportFile(byte[] Content, string FileName, string ContentType)
{
    /// <summary>
    /// A report document in a format, its file named <paramref name="name"/> and the format's ending: the one place a
    /// format becomes bytes and a content type, for an audit's report and a review's documents alike. PDF is the Word
    /// document converted by LibreOffice, with its contents' page numbers worked out.
    /// </summary>
    public static async Task<ReportFile> RenderAsync(ReportDocument report, ReportFormat format, string name, PdfConverter pdf, CancellationToken ct = default) =>
        format switch
        {
            ReportFormat.Docx => new ReportFile(ReportDocx.Write(report), name + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ReportFormat.Pdf => new ReportFile(await pdf.ToPdfAsync(ReportDocx.Write(report, forConversion: true), ct), name + ".pdf", "application/pdf"),
            ReportFormat.Xlsx => new ReportFile(ReportWorkbook.Write(report), name + "-data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            _ => new ReportFile(Encoding.UTF8.GetBytes(ReportHtml.Page(report)), name + ".html", "text/html"),
        };
}
