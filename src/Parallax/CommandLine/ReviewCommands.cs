using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parallax.CommandLine;

/// <summary><c>review list</c>, <c>review indicators</c>, <c>review export</c>, <c>review import</c> and <c>review report</c>.</summary>
internal static class ReviewCommands
{
    public static Command Build(
        TextWriter output, TextWriter error, Func<Option<string?>> partnershipOption,
        Func<ParseResult, ServiceProvider> services, Func<ParseResult, TextWriter, Func<Task<int>>, Task<int>> guard)
    {
        var listPartnership = partnershipOption();
        var list = new Command("list", "List reviews: id, kind, title, status, one per line.") { listPartnership };
        list.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(listPartnership), ct);
            var reviews = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews
                .Where(r => r.PartnershipId == target.Id).OrderBy(r => r.CreatedAt).Select(r => new { r.Id, r.Kind, r.Title, r.Status }).ToListAsync(ct);
            foreach (var r in reviews) await output.WriteLineAsync($"{r.Id}\t{PracticeReview.Describe(r.Kind)}\t{r.Title}\t{PracticeReview.Describe(r.Status)}");
            return ParallaxCommandLine.Success;
        }));

        var id = new Argument<Guid>("ID") { Description = "The review's id (see `review list`)." };
        var indicatorsPartnership = partnershipOption();
        var indicators = new Command("indicators", "Print the merged chronology's indicators as JSON: rule in words, whether it shows, count, and its events (a duplicate group once, with all its agencies).") { id, indicatorsPartnership };
        indicators.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(indicatorsPartnership), ct);
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var review = await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == parse.GetValue(id) && r.PartnershipId == target.Id, ct)
                ?? throw new DomainException($"There is no review {parse.GetValue(id)} in {target.Name}: `review list` shows the reviews.");
            var events = await scope.ServiceProvider.GetRequiredService<ReviewChronology>().SubmittedEventsAsync(review.Id, ct);
            await output.WriteLineAsync(IndicatorsJson(events, ReviewChronology.Context(review)).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ParallaxCommandLine.Success;
        }));

        var exportId = new Argument<Guid>("ID") { Description = "The review's id (see `review list`)." };
        var outFile = new Option<FileInfo>("--out") { Description = "The JSON file to write.", Required = true };
        var exportPartnership = partnershipOption();
        var export = new Command("export", "Write the whole review as a package (docs/schema/review-package.schema.json).") { exportId, outFile, exportPartnership };
        export.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(exportPartnership), ct);
            var package = await scope.ServiceProvider.GetRequiredService<ReviewPackages>().ExportAsync(target.Id, parse.GetValue(exportId), ct)
                ?? throw new DomainException($"There is no review {parse.GetValue(exportId)} in {target.Name}: `review list` shows the reviews.");
            var file = parse.GetValue(outFile)!;
            await File.WriteAllTextAsync(file.FullName, ReviewPackages.Serialize(package), ct);
            await output.WriteLineAsync($"Wrote \"{package.Review.Title}\" ({package.Chronologies.Count} chronologies, {package.Chronologies.Sum(c => c.Events.Count)} events) to {file.FullName}.");
            return ParallaxCommandLine.Success;
        }));

        var inFile = new Argument<FileInfo>("FILE") { Description = "A review package JSON file." };
        var importPartnership = partnershipOption();
        var import = new Command("import", "Add a review from a package; nothing is stored if the package has any problem.") { inFile, importPartnership };
        import.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            var file = parse.GetValue(inFile)!;
            if (!file.Exists) throw new DomainException($"There is no file {file.FullName}.");
            ReviewPackage package;
            await using (var stream = file.OpenRead()) package = ReviewPackages.Parse(stream);
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(importPartnership), ct);
            var review = await scope.ServiceProvider.GetRequiredService<ReviewPackages>().ImportAsync(target.Id, package, "command line", ct);
            await output.WriteLineAsync($"{review.Id}\t{PracticeReview.Describe(review.Kind)}\t{review.Title}\t{PracticeReview.Describe(review.Status)}");
            return ParallaxCommandLine.Success;
        }));

        var reportId = new Argument<Guid>("ID") { Description = "The review's id (see `review list`)." };
        var format = new Option<string>("--format") { Description = "docx or pdf.", Required = true };
        format.AcceptOnlyFromAmong("docx", "pdf");
        var reportOut = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var reportPartnership = partnershipOption();
        var report = new Command("report", "Write the review's report as Word or PDF, as it stands now.") { reportId, format, reportOut, reportPartnership };
        report.SetAction((parse, ct) => guard(parse, error, async () =>
        {
            await using var provider = services(parse);
            await using var scope = provider.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(reportPartnership), ct);
            var review = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == parse.GetValue(reportId) && r.PartnershipId == target.Id, ct)
                ?? throw new DomainException($"There is no review {parse.GetValue(reportId)} in {target.Name}: `review list` shows the reviews.");
            var reports = scope.ServiceProvider.GetRequiredService<ReviewReports>();
            var content = (await reports.RenderAsync(await reports.ReportAsync(review, ct), parse.GetValue(format) == "pdf" ? ReportFormat.Pdf : ReportFormat.Docx, "review report", ct)).Content;
            var path = parse.GetValue(reportOut)!;
            await File.WriteAllBytesAsync(path.FullName, content, ct);
            await output.WriteLineAsync($"Wrote {path.FullName} ({content.Length:N0} bytes).");
            return ParallaxCommandLine.Success;
        }));

        return new Command("review", "Practice reviews.") { list, indicators, export, import, report };
    }

    /// <summary>The documented shape of <c>review indicators</c> (README); more fields may be added, none renamed.</summary>
    public static JsonObject IndicatorsJson(IReadOnlyList<MergeEvent> events, IndicatorContext context)
    {
        var merged = ChronologyMerge.Merge(events);
        var episodes = CumulativeRisk.Episodes(merged);
        var byId = episodes.SelectMany(e => e.Members.Select(m => (m.Id, e))).ToDictionary(x => x.Id, x => x.e);
        var array = new JsonArray();
        foreach (var indicator in CumulativeRisk.Compute(merged, context))
        {
            var shown = new JsonArray();
            foreach (var episode in indicator.EventIds.Select(i => byId[i]).Distinct())
            {
                shown.Add(new JsonObject
                {
                    ["date"] = episode.Date.ToString(),
                    ["agencies"] = new JsonArray([.. episode.Members.Select(m => m.Agency).Distinct().Select(a => (JsonNode)JsonValue.Create(a)!)]),
                    ["text"] = episode.First.Text,
                    ["records"] = new JsonArray([.. episode.Members.Select(m => (JsonNode)new JsonObject { ["agency"] = m.Agency, ["date"] = m.Date.ToString(), ["text"] = m.Text })]),
                });
            }

            array.Add(new JsonObject
            {
                ["key"] = indicator.Key,
                ["title"] = indicator.Title,
                ["rule"] = indicator.Explanation,
                ["shows"] = indicator.Fired,
                ["count"] = indicator.Count,
                ["finding"] = indicator.Finding,
                ["instances"] = new JsonArray([.. indicator.Instances.Select(i => (JsonNode)JsonValue.Create(i.Summary)!)]),
                ["events"] = shown,
            });
        }

        return new JsonObject { ["indicators"] = array };
    }
}
