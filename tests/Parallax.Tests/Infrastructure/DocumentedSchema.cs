namespace Parallax.Tests.Infrastructure;

/// <summary>A JSON schema under docs/schema, and the check that it names every field of a package's record.</summary>
public static class DocumentedSchema
{
    public static JsonNode Read(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parallax.slnx"))) folder = folder.Parent;
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "docs", "schema", file)))!;
    }

    /// <summary>The schema's properties of <paramref name="definition"/> (the root when null) are the record's properties, camel-cased.</summary>
    public static void AssertNamesEveryField(string file, Type type, string? definition)
    {
        var schema = Read(file);
        var node = definition is null ? schema : schema["$defs"]![definition]!;
        var fields = type.GetProperties().Where(p => p.GetMethod?.IsStatic == false && p.Name != "EqualityContract")
            .Select(p => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>(p)?.Name
                ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order();

        Assert.Equal(fields, node["properties"]!.AsObject().Select(p => p.Key).Order());
    }
}
