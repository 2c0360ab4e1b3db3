namespace Parallax.Core.AuditTrail;

/// <summary>
/// The secret the audit chain is keyed with (decision 0020), kept out of the database: whoever holds the database
/// can recompute plain hashes, not these. The current key seals; previous keys (after a rotation) only verify.
/// Each key is named in its seals by a short id derived from it, never by the key itself.
/// </summary>
public sealed class AuditChainKeys
{
    public const string KeyKey = "Parallax:AuditTrail:ChainKey";
    public const string KeyFileKey = "Parallax:AuditTrail:ChainKeyFile";
    public const string PreviousKeysKey = "Parallax:AuditTrail:PreviousChainKeys";

    private readonly Dictionary<string, byte[]> all;

    public AuditChainKeys(byte[]? current, IEnumerable<byte[]> previous)
    {
        Current = current;
        CurrentId = current is null ? null : Id(current);
        all = previous.Append(current).OfType<byte[]>().DistinctBy(Id).ToDictionary(Id);
    }

    public static readonly AuditChainKeys None = new(null, []);

    public byte[]? Current { get; }

    public string? CurrentId { get; }

    public bool Keyed => Current is not null;

    public byte[]? Find(string id) => all.GetValueOrDefault(id);

    public static AuditChainKeys From(IConfiguration configuration)
    {
        var text = configuration[KeyKey];
        if (string.IsNullOrWhiteSpace(text) && configuration[KeyFileKey] is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new InvalidOperationException($"The audit chain key file {file} does not exist.");
            text = File.ReadAllText(file);
        }

        var previous = (configuration[PreviousKeysKey] ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse);
        return new AuditChainKeys(string.IsNullOrWhiteSpace(text) ? null : Parse(text), previous);
    }

    /// <summary>At least 32 random bytes, in base64 (for example: openssl rand -base64 32).</summary>
    public static byte[] Parse(string text)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length >= 32) return key;
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException("An audit chain key must be at least 32 random bytes in base64 (for example the output of: openssl rand -base64 32).");
    }

    /// <summary>A short, non-secret name for a key.</summary>
    public static string Id(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("parallax audit chain key id")))[..12];
}

/// <summary>
/// A signed record of the chain's head at one event, to keep outside the database (a ticket, the minutes, a mail):
/// <c>audit-log verify --checkpoint</c> then proves nothing up to that event has changed since.
/// </summary>
public sealed record AuditCheckpoint(long EventId, string Head, DateTimeOffset WrittenAt, string? KeyId, string? Signature)
{
    public static string Sign(byte[] key, long eventId, string head, DateTimeOffset writtenAt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"parallax checkpoint|{eventId}|{head}|{writtenAt.UtcTicks}")));
}
