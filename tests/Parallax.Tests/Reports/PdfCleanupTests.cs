namespace Parallax.Tests.Reports;

/// <summary>
/// The report is case data: its temporary folder is removed after every conversion however it ended, and on start
/// for a host killed mid-conversion. A stand-in for LibreOffice (a shell script) plays each ending.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // The stand-in for LibreOffice is a shell script.
public sealed class PdfCleanupTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("parallax-pdftest-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    /// <summary>A fake soffice that notes its process id and output folder, writes a PDF, then does <paramref name="then"/>.</summary>
    private PdfConverter Converter(string then)
    {
        var script = Path.Combine(scratch, "soffice");
        File.WriteAllText(script, $"#!/bin/sh\necho $$ > '{scratch}/pid'\necho \"$8\" > '{scratch}/outdir'\necho pdf > \"$8/report.pdf\"\n{then}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new PdfConverter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PdfConverter.ProgramKey] = script, [PdfConverter.WarmKey] = "false" }).Build());
    }

    private string OutputFolder() => File.ReadAllText(Path.Combine(scratch, "outdir")).Trim();

    private int ProcessId() => int.Parse(File.ReadAllText(Path.Combine(scratch, "pid")).Trim());

    [Fact]
    public async Task ToPdf_Succeeds_LeavesNoFolder()
    {
        var pdf = await Converter("exit 0").ToPdfAsync("docx"u8.ToArray());

        Assert.Equal("pdf\n", System.Text.Encoding.UTF8.GetString(pdf));
        Assert.False(Directory.Exists(OutputFolder()));
    }

    [Fact]
    public async Task ToPdf_LibreOfficeFails_LeavesNoFolder()
    {
        await Assert.ThrowsAsync<DomainException>(() => Converter("exit 3").ToPdfAsync("docx"u8.ToArray()));

        Assert.False(Directory.Exists(OutputFolder()));
    }

    [Fact]
    public async Task ToPdf_RequestGivenUp_StopsLibreOfficeAndLeavesNoFolder()
    {
        using var givenUp = new CancellationTokenSource();
        var converting = Converter("sleep 60").ToPdfAsync("docx"u8.ToArray(), givenUp.Token);
        // Given up once LibreOffice is running (it has noted its process and folder), not after a fixed time: on a busy
        // machine a fixed time can end before the process has started, and then there is nothing to stop.
        var started = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(scratch, "outdir")) || OutputFolder().Length == 0)
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(50) && !converting.IsCompleted, "The stand-in for LibreOffice never started");
            await Task.Delay(50);
        }

        await givenUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => converting);

        Assert.False(Directory.Exists($"/proc/{ProcessId()}"), "LibreOffice is still running after the request was given up");
        Assert.False(Directory.Exists(OutputFolder()));
    }

    [Fact]
    public void RemoveLeftovers_RemovesFoldersOlderThanAnyConversion_AndKeepsOnesInUse()
    {
        var old = Directory.CreateDirectory(Path.Combine(scratch, PdfConverter.FolderPrefix + "old"));
        File.WriteAllText(Path.Combine(old.FullName, "report.docx"), "case data");
        var fresh = Directory.CreateDirectory(Path.Combine(scratch, PdfConverter.FolderPrefix + "fresh"));
        var now = DateTimeOffset.UtcNow;
        Directory.SetLastWriteTimeUtc(old.FullName, now.AddHours(-1).UtcDateTime);

        Assert.Equal(1, PdfConverter.RemoveLeftovers(scratch, now));

        Assert.False(Directory.Exists(old.FullName));
        Assert.True(Directory.Exists(fresh.FullName));
    }

    [Fact]
    public async Task StartingTheHost_RemovesAConversionFolderLeftByAKilledHost()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), PdfConverter.FolderPrefix + "killed-" + Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(leftover.FullName, "report.pdf"), "case data");
        Directory.SetLastWriteTimeUtc(leftover.FullName, DateTime.UtcNow.AddHours(-2));

        await using var app = new SqliteAppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();

        Assert.False(Directory.Exists(leftover.FullName));
    }
}
