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

    /// <summary>Where conversions keep the report while LibreOffice works: one folder each, named with this prefix.</summary>
    public const string FolderPrefix = "parallax-pdf-";

    /// <summary>A folder older than this is no conversion's any more (each is stopped after two minutes): removed on start.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    public async Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken ct = default)
    {
        var program = Program ?? throw new DomainException(
            "PDF needs LibreOffice on the server: install it (apt-get install libreoffice-writer-nogui) or set Parallax:Reports:LibreOffice to its soffice program. The Word version can be downloaded meanwhile.");
        await OneAtATime.WaitAsync(ct);
        // Made only once this conversion's turn has come, so a wait that is given up leaves nothing behind.
        var folder = Directory.CreateTempSubdirectory(FolderPrefix);
        Process? process = null;
        try
        {
            var input = Path.Combine(folder.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList = { $"-env:UserInstallation=file://{Path.Combine(folder.FullName, "profile")}", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder.FullName, input },
            };
            process = Process.Start(start) ?? throw new DomainException("LibreOffice could not be started to make the PDF.");
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new DomainException("Making the PDF took longer than two minutes and was stopped. Try again, or download the Word version.");
            }

            var output = Path.Combine(folder.FullName, "report.pdf");
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                throw new DomainException($"LibreOffice could not make the PDF (exit code {process.ExitCode}{(reason is null ? "" : $": {reason}")}). The Word version can be downloaded meanwhile.");
            }

            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            // However it ended (done, failed, over time, or the request given up): LibreOffice is stopped before its
            // folder, which holds the case's report, is removed; nothing of it stays on disk.
            Stop(process);
            process?.Dispose();
            Remove(folder);
            OneAtATime.Release();
        }
    }

    /// <summary>
    /// Removes conversion folders left by a host that was killed mid-conversion (the finally above never ran). Only
    /// folders older than <see cref="LeftoverAge"/>: another node on this machine may be converting now.
    /// Returns how many were removed.
    /// </summary>
    public static int RemoveLeftovers(string temporaryFolder, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var folder in new DirectoryInfo(temporaryFolder).EnumerateDirectories(FolderPrefix + "*"))
        {
            if (now - new DateTimeOffset(folder.LastWriteTimeUtc, TimeSpan.Zero) < LeftoverAge) continue;
            if (Remove(folder)) removed++;
        }

        return removed;
    }

    private static void Stop(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    private static bool Remove(DirectoryInfo folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                folder.Refresh();
                if (folder.Exists) folder.Delete(recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held by an exiting LibreOffice: wait a moment and try again; the next start removes what stays.
                Thread.Sleep(200);
            }
        }

        return false;
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.SelectMany(folder => new[] { Path.Combine(folder, "soffice"), Path.Combine(folder, "libreoffice") })
            .Append("/usr/lib/libreoffice/program/soffice")
            .FirstOrDefault(File.Exists);
    }
}

