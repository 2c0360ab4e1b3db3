using System.CommandLine;

namespace Parallax.CommandLine;

/// <summary><c>tool list</c>, <c>tool export</c> and <c>tool import</c>: audit tools as JSON files (docs/schema/audit-tool.schema.json).</summary>
internal static class ToolCommands
{
    public static Command Build(
        TextWriter output, TextWriter error, Func<Option<string?>> partnershipOption,
        Func<ParseResult, ServiceProvider> services, Func<ParseResult, TextWriter, Func<Task<int>>, Task<int>> guard)
    {
        var partnership = partnershipOption();
        var list = new Command("list", "List audit tools: id, name, latest version, one per line.") { partnership };
        list.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), ct);
            var tools = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditTools
                .Where(t => t.PartnershipId == target.Id).OrderBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, Latest = t.Versions.Max(v => v.Number) })
                .ToListAsync(ct);
            foreach (var t in tools) await output.WriteLineAsync($"{t.Id}\t{t.Name}\tv{t.Latest}");
            return ParallaxCommandLine.Success;
        }));

        var id = new Argument<Guid>("ID") { Description = "The tool's id (see `tool list`)." };
        var outFile = new Option<FileInfo>("--out") { Description = "The JSON file to write.", Required = true };
        var version = new Option<int?>("--version") { Description = "Which version (default: the latest)." };
        var exportPartnership = partnershipOption();
        var export = new Command("export", "Write one version of a tool to a JSON file.") { id, outFile, version, exportPartnership };
        export.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(exportPartnership), ct);
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var toolId = parse.GetValue(id);
            var number = parse.GetValue(version)
                ?? await db.ToolVersions.Where(v => v.ToolId == toolId && v.Tool!.PartnershipId == target.Id).MaxAsync(v => (int?)v.Number, ct)
                ?? throw new DomainException($"There is no tool {toolId}: `tool list` shows the tools.");
            var found = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().FindAsync(target.Id, toolId, number, ct: ct)
                ?? throw new DomainException($"Tool {toolId} has no version {number}.");
            var file = parse.GetValue(outFile)!;
            await File.WriteAllTextAsync(file.FullName, ToolInterchange.Serialize(ToolMapping.ToDocument(found.Tool, found.Version)), ct);
            await output.WriteLineAsync($"Wrote {found.Tool.Name} v{number} to {file.FullName}.");
            return ParallaxCommandLine.Success;
        }));

        var inFile = new Argument<FileInfo>("FILE") { Description = "An audit tool JSON file." };
        var importPartnership = partnershipOption();
        var import = new Command("import", "Add an audit tool from a JSON file; nothing is stored if the file has any problem.") { inFile, importPartnership };
        import.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            var file = parse.GetValue(inFile)!;
            if (!file.Exists) throw new DomainException($"There is no file {file.FullName}.");
            ToolDocument document;
            await using (var stream = file.OpenRead()) document = ToolInterchange.Parse(stream);

            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(importPartnership), ct);
            var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(target.Id, document, ct: ct);
            await output.WriteLineAsync($"{tool.Id}\t{tool.Name}\tv1");
            return ParallaxCommandLine.Success;
        }));

        return new Command("tool", "Audit tools.") { list, export, import };
    }
}
