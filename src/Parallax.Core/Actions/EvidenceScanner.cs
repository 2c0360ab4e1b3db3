namespace Parallax.Core.Actions;

/// <summary>The outcome of scanning an evidence file: clean files are kept; anything else is refused with the reason.</summary>
public sealed record ScanOutcome(bool Clean, string Result);

/// <summary>
/// The hook where an installation plugs in its virus scanner (ClamAV, a cloud scanning API). Every
/// evidence file goes through it before it is stored.
/// </summary>
public interface IEvidenceScanner
{
    Task<ScanOutcome> ScanAsync(string fileName, byte[] content, CancellationToken ct = default);
}

/// <summary>No scanner configured: files are accepted and recorded as not scanned.</summary>
public sealed class NoEvidenceScanner : IEvidenceScanner
{
    public Task<ScanOutcome> ScanAsync(string fileName, byte[] content, CancellationToken ct = default) =>
        Task.FromResult(new ScanOutcome(true, "not scanned"));
}
