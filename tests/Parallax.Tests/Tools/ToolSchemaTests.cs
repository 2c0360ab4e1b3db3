namespace Parallax.Tests.Tools;

/// <summary>The documented schema (docs/schema/audit-tool.schema.json) must describe what the importer reads.</summary>
public class ToolSchemaTests
{
    private static JsonNode Schema()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parallax.slnx"))) folder = folder.Parent;
        Assert.NotNull(folder);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder.FullName, "docs", "schema", "audit-tool.schema.json")))!;
    }

    private static IEnumerable<string> Words<T>() where T : struct, Enum => Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName);

    [Fact]
    public void Schema_ListsExactlyTheEnumsTheImporterAccepts()
    {
        var defs = Schema()["$defs"]!;

        Assert.Equal(Words<QuestionKind>(), defs["question"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Words<SectionApplicability>(), defs["section"]!["properties"]!["applicability"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Words<SectionScope>(), defs["section"]!["properties"]!["scope"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Words<AgencyType>(), defs["section"]!["properties"]!["agencyTypes"]!["items"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Schema_ListsEveryFieldOfTheDocuments()
    {
        var schema = Schema();
        string[] Properties(JsonNode node) => node["properties"]!.AsObject().Select(p => p.Key).Order().ToArray();
        string[] Fields<T>() => typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToArray();

        Assert.Equal(Fields<ToolDocument>(), Properties(schema));
        Assert.Equal(Fields<SectionDocument>(), Properties(schema["$defs"]!["section"]!));
        Assert.Equal(Fields<QuestionDocument>(), Properties(schema["$defs"]!["question"]!));
    }
}
