using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Parallax.Core.Reports;

/// <summary>
/// Turns the Word report into PDF with LibreOffice in headless mode, so the PDF is the Word document as
/// printed, page for page. One conversion at a time (LibreOffice is heavy), each with its own profile
/// folder, and a time limit. Set <c>Parallax:Reports:LibreOffice</c> to the soffice program if it is not on the PATH.
/// </summary>
public sealed class PdfConverter(IConfiguration configuration)
{
    public const string ProgramKey = "Parallax:Reports:LibreOffice";
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public string? Program => configuration[ProgramKey] is { Length: > 0 } configured ? configured : Find();

    public async Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken ct = default)
    {
        var program = Program ?? throw new ReportException(
            "PDF needs LibreOffice on the server: install it (apt-get install libreoffice-writer-nogui) or set Parallax:Reports:LibreOffice to its soffice program. The Word version can be downloaded meanwhile.");
        var folder = Directory.CreateTempSubdirectory("parallax-pdf-");
        await OneAtATime.WaitAsync(ct);
        try
        {
            var input = Path.Combine(folder.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList = { $"-env:UserInstallation=file://{Path.Combine(folder.FullName, "profile")}", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder.FullName, input },
            };
            using var process = Process.Start(start) ?? throw new ReportException("LibreOffice could not be started to make the PDF.");
            var errors = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new ReportException("Making the PDF took longer than two minutes and was stopped. Try again, or download the Word version.");
            }

            var output = Path.Combine(folder.FullName, "report.pdf");
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                throw new ReportException($"LibreOffice could not make the PDF (exit code {process.ExitCode}{(reason is null ? "" : $": {reason}")}). The Word version can be downloaded meanwhile.");
            }

            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            OneAtATime.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by an exiting LibreOffice: the temporary folder is cleaned by the system.
            }
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.SelectMany(folder => new[] { Path.Combine(folder, "soffice"), Path.Combine(folder, "libreoffice") })
            .Append("/usr/lib/libreoffice/program/soffice")
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A report request that cannot be done, with a sentence for the user; <see cref="Field"/> names the form field at fault, if any.</summary>
public sealed class ReportException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
