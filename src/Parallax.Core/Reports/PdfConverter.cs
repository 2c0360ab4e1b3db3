using System.Diagnostics;

namespace Parallax.Core.Reports;

/// <summary>
/// Turns the Word report into PDF with LibreOffice in headless mode, so the PDF is the Word document as
/// printed, page for page. One conversion at a time (LibreOffice is heavy), with a time limit.
/// <para>
/// Kept warm (decision 0048): one LibreOffice is started on the first conversion and kept running, with a private
/// profile and a small document of its own open (without an open document LibreOffice quits after a conversion).
/// Each conversion runs <c>soffice --convert-to</c> with the same profile, which hands the work to the running one
/// and waits for it: a fraction of a second instead of a start of several. If the warm one has died, fails or
/// times out, it is stopped and the conversion is done cold, by a LibreOffice of its own as before.
/// </para>
/// Set <c>Parallax:Reports:LibreOffice</c> to the soffice program if it is not on the PATH, and
/// <c>Parallax:Reports:KeepLibreOfficeWarm</c> to false to start one per conversion.
/// </summary>
public sealed class PdfConverter(IConfiguration configuration) : IDisposable
{
    public const string ProgramKey = "Parallax:Reports:LibreOffice";
    public const string WarmKey = "Parallax:Reports:KeepLibreOfficeWarm";
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WarmStartLimit = TimeSpan.FromMinutes(1);

    public string? Program => configuration[ProgramKey] is { Length: > 0 } configured ? configured : Find();

    public bool KeepWarm => configuration.GetValue(WarmKey, true);

    /// <summary>Where conversions keep the report while LibreOffice works: one folder each, named with this prefix.</summary>
    public const string FolderPrefix = "parallax-pdf-";

    /// <summary>The warm LibreOffice's folder (its profile and the document it keeps open, no case data): this prefix, the host's process id, a dash.</summary>
    public const string WarmPrefix = "parallax-office-";

    /// <summary>A folder older than this is no conversion's any more (each is stopped after two minutes): removed on start.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    private WarmOffice? warm;
    private bool disposed;

    /// <summary>The process id of the warm LibreOffice (its launcher), or null when none is running. For tests and diagnostics.</summary>
    public int? WarmProcessId => warm is { } w && w.IsAlive() ? w.Process.Id : null;

    /// <summary>The folder of the LibreOffice kept warm (its profile and files), while there is one.</summary>
    public string? WarmFolder => warm?.Folder.FullName;

    public async Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken ct = default)
    {
        var program = Program ?? throw new DomainException(
            "PDF needs LibreOffice on the server: install it (apt-get install libreoffice-writer-nogui) or set Parallax:Reports:LibreOffice to its soffice program. The Word version can be downloaded meanwhile.");
        await OneAtATime.WaitAsync(ct);
        // Made only once this conversion's turn has come, so a wait that is given up leaves nothing behind.
        var folder = Directory.CreateTempSubdirectory(FolderPrefix);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var input = Path.Combine(folder.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, docx, ct);

            if (KeepWarm && await WarmAsync(program, ct) is { } office)
            {
                try
                {
                    var (pdf, _) = await ConvertAsync(program, office.ProfileUrl, folder.FullName, input, ct);
                    if (pdf is not null) return pdf;
                }
                catch (DomainException)
                {
                    // Over time: the warm one may be stuck. Stopped below, and the conversion tried cold.
                }
                catch (OperationCanceledException)
                {
                    // The request was given up while the warm one was converting: it is stopped, so it writes nothing more.
                    StopWarm();
                    throw;
                }

                StopWarm();
                File.Delete(Path.Combine(folder.FullName, "report.pdf"));
            }

            var (cold, reason) = await ConvertAsync(program, ProfileUrl(folder), folder.FullName, input, ct);
            return cold ?? throw new DomainException($"LibreOffice could not make the PDF ({reason}). The Word version can be downloaded meanwhile.");
        }
        finally
        {
            // However it ended (done, failed, over time, or the request given up): LibreOffice has stopped working on
            // it before its folder, which holds the case's report, is removed; nothing of it stays on disk.
            Remove(folder);
            OneAtATime.Release();
        }
    }

    private static string ProfileUrl(DirectoryInfo folder) => new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;

    /// <summary>
    /// One <c>soffice --convert-to</c> with the given profile: cold, it does the work itself; with the warm one's
    /// profile it hands the work over and waits. Returns the PDF, or null and why not.
    /// </summary>
    private static async Task<(byte[]? Pdf, string Reason)> ConvertAsync(string program, string profileUrl, string folder, string input, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { $"-env:UserInstallation={profileUrl}", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder, input },
        };
        Process? process = null;
        try
        {
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

            var output = Path.Combine(folder, "report.pdf");
            if (process.ExitCode == 0 && File.Exists(output)) return (await File.ReadAllBytesAsync(output, ct), "");
            var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(line => !line.StartsWith("Warning: failed to launch javaldx", StringComparison.Ordinal));
            return (null, $"exit code {process.ExitCode}{(reason is null ? "" : $": {reason}")}");
        }
        finally
        {
            Stop(process);
            process?.Dispose();
        }
    }

    /// <summary>The warm LibreOffice, started if none is running; null if it could not be started (the conversion goes cold).</summary>
    private async Task<WarmOffice?> WarmAsync(string program, CancellationToken ct)
    {
        if (warm is { } running && running.IsAlive()) return running;
        StopWarm();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{WarmPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var keep = Path.Combine(folder.FullName, "keep-warm.txt");
        await File.WriteAllTextAsync(keep, "Parallax keeps LibreOffice running with this document open, so that a PDF does not wait for it to start.", ct);
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList = { $"-env:UserInstallation={ProfileUrl(folder)}", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", keep },
            })!;
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Remove(folder);
            return null;
        }

        var office = warm = new WarmOffice(folder, ProfileUrl(folder), process);
        // Ready once it has opened its document: LibreOffice then holds a lock file beside it, and listens for conversions.
        var lockFile = Path.Combine(folder.FullName, ".~lock.keep-warm.txt#");
        var waiting = Stopwatch.StartNew();
        while (!File.Exists(lockFile))
        {
            if (process.HasExited || waiting.Elapsed > WarmStartLimit)
            {
                StopWarm();
                return null;
            }

            try
            {
                await Task.Delay(50, ct);
            }
            catch (OperationCanceledException)
            {
                StopWarm();
                throw;
            }
        }

        return office;
    }

    private void StopWarm()
    {
        if (warm is not { } office) return;
        warm = null;
        Stop(office.Process);
        office.Process.Dispose();
        Remove(office.Folder);
    }

    /// <summary>Stops the warm LibreOffice and removes its folder (the host stopping).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var turn = OneAtATime.Wait(TimeSpan.FromSeconds(30));
        try
        {
            StopWarm();
        }
        finally
        {
            if (turn) OneAtATime.Release();
        }
    }

    private sealed class WarmOffice(DirectoryInfo folder, string profileUrl, Process process)
    {
        public DirectoryInfo Folder { get; } = folder;

        public string ProfileUrl { get; } = profileUrl;

        public Process Process { get; } = process;

        /// <summary>
        /// The launcher (oosplash, which the soffice script becomes) outlives a killed soffice.bin, so alive means
        /// the launcher is running and still has a child, or is soffice.bin itself.
        /// </summary>
        public bool IsAlive()
        {
            try
            {
                if (Process.HasExited) return false;
                if (!Directory.Exists($"/proc/{Process.Id}/task")) return true;
                return Children(Process.Id).Count > 0 || File.ReadAllText($"/proc/{Process.Id}/comm").Trim() == "soffice.bin";
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>A process's living children, from every one of its threads (oosplash starts soffice.bin from a thread of its own).</summary>
    public static List<int> Children(int id) =>
        [.. Directory.EnumerateDirectories($"/proc/{id}/task")
            .SelectMany(task => File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture))
            .Where(child => File.Exists($"/proc/{child}/stat") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal))];

    /// <summary>
    /// Removes conversion folders left by a host that was killed mid-conversion (the finally above never ran). Only
    /// folders older than <see cref="LeftoverAge"/>: another node on this machine may be converting now. A warm
    /// LibreOffice's folder whose host has gone is removed, and the LibreOffice still running in it stopped.
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

        foreach (var folder in new DirectoryInfo(temporaryFolder).EnumerateDirectories(WarmPrefix + "*"))
        {
            // This host's own, or a host still running (another node on this machine): in use.
            var host = folder.Name[WarmPrefix.Length..].Split('-')[0];
            if (int.TryParse(host, CultureInfo.InvariantCulture, out var id) && (id == Environment.ProcessId || Directory.Exists($"/proc/{id}"))) continue;
            StopProcessesUsing(folder.FullName);
            if (Remove(folder)) removed++;
        }

        return removed;
    }

    /// <summary>A warm LibreOffice whose host was killed: found by its profile folder on its command line.</summary>
    private static void StopProcessesUsing(string folder)
    {
        if (!Directory.Exists("/proc")) return;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), CultureInfo.InvariantCulture, out var id)) continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(folder, StringComparison.Ordinal)) continue;
                using var process = Process.GetProcessById(id);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile, or not ours to stop.
            }
        }
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
