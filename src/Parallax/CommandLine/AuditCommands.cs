using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parallax.CommandLine;

/// <summary><c>audit list</c> and <c>audit stats</c>: the audits of a partnership and their figures as JSON.</summary>
internal static class AuditCommands
{
    public static Command Build(
        TextWriter output, TextWriter error, Func<Option<string?>> partnershipOption,
        Func<ParseResult, ServiceProvider> services, Func<ParseResult, TextWriter, Func<Task<int>>, Task<int>> guard)
    {
        var listPartnership = partnershipOption();
        var list = new Command("list", "List audits: id, title, status, one per line.") { listPartnership };
        list.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(listPartnership), ct);
            var audits = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits
                .Where(a => a.PartnershipId == target.Id).OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.Title, a.Status }).ToListAsync(ct);
            foreach (var a in audits) await output.WriteLineAsync($"{a.Id}\t{a.Title}\t{a.Status}");
            return ParallaxCommandLine.Success;
        }));

        var id = new Argument<Guid>("ID") { Description = "The audit's id (see `audit list`)." };
        var statsPartnership = partnershipOption();
        var stats = new Command("stats", "Print the audit's figures as JSON: questions, case judgements, returns.") { id, statsPartnership };
        stats.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(statsPartnership), ct);
            var figures = await scope.ServiceProvider.GetRequiredService<AuditStatistics>().ComputeAsync(target.Id, parse.GetValue(id), ct: ct)
                ?? throw new DomainException($"There is no audit {parse.GetValue(id)} in {target.Name}: `audit list` shows the audits.");
            await output.WriteLineAsync(ToJson(figures).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ParallaxCommandLine.Success;
        }));

        var exportId = new Argument<Guid>("ID") { Description = "The audit's id (see `audit list`)." };
        var outFile = new Option<FileInfo>("--out") { Description = "The JSON file to write.", Required = true };
        var exportPartnership = partnershipOption();
        var export = new Command("export", "Write the whole audit as a package (docs/schema/audit-package.schema.json).") { exportId, outFile, exportPartnership };
        export.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(exportPartnership), ct);
            var package = await scope.ServiceProvider.GetRequiredService<AuditPackages>().ExportAsync(target.Id, parse.GetValue(exportId), ct)
                ?? throw new DomainException($"There is no audit {parse.GetValue(exportId)} in {target.Name}: `audit list` shows the audits.");
            var file = parse.GetValue(outFile)!;
            await File.WriteAllTextAsync(file.FullName, AuditPackages.Serialize(package), ct);
            await output.WriteLineAsync($"Wrote \"{package.Audit.Title}\" ({package.Cases.Count} cases, {package.Requests.Count} requests) to {file.FullName}.");
            return ParallaxCommandLine.Success;
        }));

        var inFile = new Argument<FileInfo>("FILE") { Description = "An audit package JSON file." };
        var importPartnership = partnershipOption();
        var createAgencies = new Option<bool>("--create-agencies") { Description = "Create the agencies the package names that the partnership does not have (code, name and type from the package)." };
        var import = new Command("import", "Add an audit from a package; nothing is stored if the package has any problem or would clash.") { inFile, importPartnership, createAgencies };
        import.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            var file = parse.GetValue(inFile)!;
            if (!file.Exists) throw new DomainException($"There is no file {file.FullName}.");
            AuditPackage package;
            await using (var stream = file.OpenRead()) package = AuditPackages.Parse(stream);
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(importPartnership), ct);
            var audit = await scope.ServiceProvider.GetRequiredService<AuditPackages>().ImportAsync(Caller.Administrator(target.Id, "command line"), package, file.Name, ct, createMissingAgencies: parse.GetValue(createAgencies));
            await output.WriteLineAsync($"{audit.Id}\t{audit.Title}\t{audit.Status}");
            return ParallaxCommandLine.Success;
        }));

        var reportId = new Argument<Guid>("ID") { Description = "The audit's id (see `audit list`)." };
        var format = new Option<ReportFormat>("--format") { Description = "docx, pdf, xlsx or html.", Required = true };
        var reportOut = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var reportVersion = new Option<int?>("--version") { Description = "A saved version's number; without it, the report as it stands now (a draft, not saved)." };
        var reportPartnership = partnershipOption();
        var report = new Command("report", "Write the audit's report as Word, PDF, a data workbook or HTML.") { reportId, format, reportOut, reportVersion, reportPartnership };
        report.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(reportPartnership), ct);
            var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();
            var audit = parse.GetValue(reportId);
            if (!await reports.ExistsAsync(target.Id, audit, ct))
                throw new DomainException($"There is no audit {audit} in {target.Name}: `audit list` shows the audits.");
            ReportFile file;
            if (parse.GetValue(reportVersion) is { } number)
            {
                file = await reports.DownloadAsync(target.Id, audit, number, parse.GetValue(format), "command line", ct)
                    ?? throw new DomainException($"The audit has no report version {number}.");
            }
            else
            {
                var draft = (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(target.Id, audit, ct: ct))!;
                file = await reports.RenderAsync(draft, parse.GetValue(format), ct);
            }

            var path = parse.GetValue(reportOut)!;
            await File.WriteAllBytesAsync(path.FullName, file.Content, ct);
            await output.WriteLineAsync($"Wrote {path.FullName} ({file.Content.Length:N0} bytes).");
            return ParallaxCommandLine.Success;
        }));

        return new Command("audit", "Audits.") { list, stats, export, import, report };
    }

    /// <summary>The documented shape of <c>audit stats</c> (README); more fields may be added, none renamed.</summary>
    internal static JsonObject ToJson(AuditFigures f)
    {
        var judgements = new JsonObject();
        foreach (var grade in Enum.GetValues<Grade>()) judgements[grade.ToString()] = f.CaseJudgements[grade];
        judgements["NotJudged"] = f.CasesNotJudged;
        return new JsonObject
        {
            ["audit"] = new JsonObject
            {
                ["id"] = f.Audit.Id.ToString(), ["title"] = f.Audit.Title, ["theme"] = f.Audit.Theme, ["status"] = f.Audit.Status.ToString(),
                ["tool"] = f.ToolVersion.Id.ToString(), ["returnsDueOn"] = f.Audit.ReturnsDueOn.ToString("yyyy-MM-dd"),
            },
            ["questions"] = new JsonArray([.. f.Questions.Select(q => (JsonNode)new JsonObject
            {
                ["code"] = q.Code, ["section"] = q.Section, ["yes"] = q.Counts.Yes, ["no"] = q.Counts.No, ["na"] = q.Counts.Na,
                ["total"] = q.Counts.Total, ["pctYes"] = q.Counts.PctYes, ["pctNo"] = q.Counts.PctNo,
            })]),
            ["caseJudgements"] = judgements,
            ["returns"] = new JsonObject
            {
                ["requested"] = f.Returns.Requested, ["submitted"] = f.Returns.Submitted, ["notKnown"] = f.Returns.NotKnown,
                ["noReturn"] = f.Returns.NoReturn, ["open"] = f.Returns.Open, ["responseRatePct"] = f.Returns.ResponseRatePct,
            },
        };
    }
}
