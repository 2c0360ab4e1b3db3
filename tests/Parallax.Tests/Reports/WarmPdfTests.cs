using DocumentFormat.OpenXml.Wordprocessing;
namespace Parallax.Tests.Reports;

/// <summary>
/// The warm LibreOffice (decision 0048): one kept running, conversions handed to it; killed, the next conversion
/// still makes a PDF (cold, then warm again); disposed, nothing of it stays running or on disk.
/// Real LibreOffice, as scripts/test installs it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WarmPdfTests : IDisposable
{
    private readonly PdfConverter converter = new(new ConfigurationBuilder().Build());

    public void Dispose() => converter.Dispose();

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return stream.ToArray();
    }

    private static string Text(byte[] pdf)
    {
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static List<string> ConversionFolders() =>
        [.. new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(PdfConverter.FolderPrefix + "*").Select(d => d.FullName)];

    [Fact]
    public async Task TheSecondConversion_IsHandedToTheSameRunningLibreOffice_AndLeavesNothingOnDisk()
    {
        var before = ConversionFolders();

        Assert.Contains("First report", Text(await converter.ToPdfAsync(Docx("First report"))));
        var warm = converter.WarmProcessId;
        Assert.NotNull(warm);

        Assert.Contains("Second report", Text(await converter.ToPdfAsync(Docx("Second report"))));

        // How fast is measured in bench/ (docs/performance.md), not here.
        Assert.Equal(warm, converter.WarmProcessId);
        // Nothing of either report stays on disk. Other tests' conversions in this process come and go: a folder of
        // ours would stay for good, so wait for theirs to finish.
        for (var i = 0; i < 60 && ConversionFolders().Except(before).Any(); i++) await Task.Delay(500);
        Assert.Empty(ConversionFolders().Except(before));
    }

    [Fact]
    public async Task TheWarmLibreOfficeKilled_TheNextConversionStillMakesThePdf_AndAnotherIsKeptWarm()
    {
        await converter.ToPdfAsync(Docx("Before"));
        var killed = converter.WarmProcessId!.Value;
        using (var process = Process.GetProcessById(killed)) process.Kill(entireProcessTree: true);

        Assert.Contains("After the kill", Text(await converter.ToPdfAsync(Docx("After the kill"))));

        Assert.NotNull(converter.WarmProcessId);
        Assert.NotEqual(killed, converter.WarmProcessId);
        Assert.Contains("And again", Text(await converter.ToPdfAsync(Docx("And again"))));
    }

    [Fact]
    public async Task OnlyTheConvertingProcessKilled_TheLauncherLeftRunning_IsNotTakenForWarm()
    {
        await converter.ToPdfAsync(Docx("Before"));
        var launcher = converter.WarmProcessId!.Value;
        var children = PdfConverter.Children(launcher);
        Assert.NotEmpty(children);
        foreach (var child in children)
        {
            using var process = Process.GetProcessById(child);
            process.Kill();
            await process.WaitForExitAsync();
        }

        Assert.Contains("After soffice.bin died", Text(await converter.ToPdfAsync(Docx("After soffice.bin died"))));
        Assert.NotEqual(launcher, converter.WarmProcessId);
    }

    [Fact]
    public async Task Disposed_TheWarmLibreOfficeStops_AndItsFolderIsRemoved()
    {
        await converter.ToPdfAsync(Docx("Report"));
        var warm = converter.WarmProcessId!.Value;
        // Its own folder: other tests' converters in this process keep theirs.
        var folder = converter.WarmFolder!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), $"{PdfConverter.WarmPrefix}{Environment.ProcessId}-"), folder, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder));

        converter.Dispose();

        Assert.False(Directory.Exists($"/proc/{warm}") && !File.ReadAllText($"/proc/{warm}/stat").Contains(") Z ", StringComparison.Ordinal), "The warm LibreOffice is still running");
        Assert.False(Directory.Exists(folder), folder);
    }

    [Fact]
    public void AWarmFolderOfAHostThatIsGone_IsRemovedOnStart_WithTheLibreOfficeStillRunningInIt()
    {
        var scratch = Directory.CreateTempSubdirectory("parallax-warmtest-");
        try
        {
            // A host that is gone: a process id that was started and has exited.
            using var gone = Process.Start(new ProcessStartInfo("true"))!;
            gone.WaitForExit();
            var folder = Directory.CreateDirectory(Path.Combine(scratch.FullName, $"{PdfConverter.WarmPrefix}{gone.Id}-{Guid.NewGuid():N}"));
            using var orphan = Process.Start(new ProcessStartInfo("sleep", ["300", folder.FullName]))!;
            var alive = Directory.CreateDirectory(Path.Combine(scratch.FullName, $"{PdfConverter.WarmPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));

            Assert.Equal(1, PdfConverter.RemoveLeftovers(scratch.FullName, DateTimeOffset.UtcNow));

            Assert.False(folder.Exists || Directory.Exists(folder.FullName));
            Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(10)), "The orphaned LibreOffice was left running");
            Assert.True(Directory.Exists(alive.FullName));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
