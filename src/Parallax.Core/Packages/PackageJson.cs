namespace Parallax.Core.Packages;

/// <summary>
/// What audit and review packages share: their JSON settings, their size limit, and how a package file is read up to
/// its schema version. <c>what</c> names the kind of package in the sentences ("an audit package", "a review package").
/// </summary>
public static class PackageJson
{
    public const int MaxBytes = 50 * 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The whole file, refused when it is larger than <see cref="MaxBytes"/> or empty.</summary>
    public static MemoryStream ReadAll(Stream stream, string what)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (copy.Length > MaxBytes) throw new DomainException("The package is larger than 50 MB.");
        if (copy.Length == 0) throw new DomainException($"The file is empty: choose {what} exported from Parallax (a .json file).");
        return copy;
    }

    /// <summary>The package, when its schemaVersion is one this installation reads.</summary>
    public static T Read<T>(JsonDocument document, string what, int currentSchemaVersion)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("schemaVersion", out var schema) || !schema.TryGetInt32(out var number))
            throw new DomainException($"The file is not {what}: it has no schemaVersion.");
        if (number > currentSchemaVersion)
            throw new DomainException($"The package was made by a newer version of Parallax (schema {number}); this installation reads schema {currentSchemaVersion}. Update Parallax, then import it.");
        if (number < 1) throw new DomainException($"Schema version {number} is not one Parallax has made.");
        return document.RootElement.Deserialize<T>(Options) ?? throw new DomainException("The package is empty.");
    }

    /// <summary>A value the package's records refuse, named by its JSON path.</summary>
    public static DomainException Invalid(JsonException e) =>
        new($"The package is not valid: {e.Message.Split(". Path:")[0].TrimEnd('.')} (at {e.Path ?? "the start"}).");
}
