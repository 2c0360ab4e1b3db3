using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Agencies;
using Parallax.Core.Data;
using Parallax.Core.Findings;
using Parallax.Core.Packages;
using Parallax.Core.Panels;
using Parallax.Core.Partnerships;
using Parallax.Core.Returns;
using Parallax.Core.Tools;
using Parallax.Core.Users;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Analysis;

/// <summary>Audit packages: a whole audit out and back in, re-keyed; and every refusal leaves the database as it was.</summary>
public abstract class PackageTests(ParallaxAppFactory app)
{
    /// <summary>An audit with a submitted police return, an open school request, a query, a panel meeting and record, and a finding.</summary>
    private async Task<Guid> FullAuditAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var (audit, @case, requests) = await TestAudits.SentAsync(s, partnership, "Packaged audit", TestAudits.NewUin("PK"), app.Data.Police.Id, app.Data.School.Id);
        var police = requests.Single(r => r.AgencyId == app.Data.Police.Id);
        var completion = s.GetRequiredService<ReturnCompletion>();
        var context = (await completion.LoadAsync(partnership, app.Data.Police.Id, police.Id))!;
        var section = context.ToolVersion.Sections.Single();
        var answers = new ToolAnswers { AgencyJudgement = new JudgementAnswer(Grade.Good, "with elements of outstanding", "R"), SectionJudgements = { [section.Id] = new JudgementAnswer(Grade.RequiresImprovement, null, "S") }, GoodPractice = "Seen alone" };
        foreach (var q in section.Questions) answers.Questions[q.Code] = new QuestionAnswer(AnswerFields.Yes);
        answers.Questions["TT2"] = new QuestionAnswer(AnswerFields.No, null, "No plan");
        await completion.SubmitAsync(context, null, answers, true, "police auditor");
        var lead = await s.GetRequiredService<ParallaxDbContext>().Users.SingleAsync(u => u.Email == TestPartnership.Lead);
        var query = await s.GetRequiredService<ReturnQueries>().RaiseAsync(partnership, audit.Id, police.Id, "TT2", "Which plan?", lead.Id, TestPartnership.Lead);
        await s.GetRequiredService<ReturnQueries>().ReplyAsync(partnership, app.Data.Police.Id, query.Id, "The CP plan.", "police auditor");
        await s.GetRequiredService<PanelRecords>().SaveMeetingAsync(partnership, audit.Id, new DateOnly(2031, 3, 4), ["TPOL: detective sergeant", "TEDU: designated safeguarding lead"]);
        await s.GetRequiredService<PanelRecords>().SaveAsync(partnership, audit.Id, @case.Id, null, new PanelCaseInput("10:00", "Pen", "Well", "Improve", "Learn", Grade.RequiresImprovement, null, "Why"), "lead");
        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnership)).First(t => t.Name == "Chronology");
        await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronology not updated", [@case.Id]));
        return audit.Id;
    }

    private async Task<Partnership> PartnershipWithAgenciesAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var partnership = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync(name);
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        db.Agencies.Add(new Agency { PartnershipId = partnership.Id, Code = "TPOL", Name = "Testshire Police", Type = AgencyType.Police, WorksWithAdults = true });
        db.Agencies.Add(new Agency { PartnershipId = partnership.Id, Code = "TEDU", Name = "Testshire Schools", Type = AgencyType.Education });
        await db.SaveChangesAsync();
        return partnership;
    }

    private async Task<string> ExportAsync(Guid partnership, Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return AuditPackages.Serialize((await scope.ServiceProvider.GetRequiredService<AuditPackages>().ExportAsync(partnership, audit))!);
    }

    private async Task<Guid> ImportAsync(Guid partnership, string json)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var package = AuditPackages.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        return (await scope.ServiceProvider.GetRequiredService<AuditPackages>().ImportAsync(partnership, package)).Id;
    }

    private async Task<(int Audits, int Tools, int Cases)> CountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        return (await db.Audits.CountAsync(), await db.AuditTools.CountAsync(), await db.Cases.CountAsync());
    }

    /// <summary>The package without the moment it was made, which is the one thing that differs between two exports.</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("exportedAt");
        return node.ToJsonString();
    }

    [Fact]
    public async Task RoundTrip_IntoAnotherPartnership_ExportsIdentically()
    {
        var audit = await FullAuditAsync();
        var exported = await ExportAsync(app.Data.Partnership.Id, audit);
        var copy = await PartnershipWithAgenciesAsync("Copyshire SCP " + Guid.NewGuid().ToString("N")[..4]);

        var imported = await ImportAsync(copy.Id, exported);

        Assert.NotEqual(audit, imported);
        Assert.Equal(Normalise(exported), Normalise(await ExportAsync(copy.Id, imported)));
        var package = JsonNode.Parse(exported)!;
        Assert.Equal(1, (int)package["schemaVersion"]!);
        Assert.Equal("No plan", (string)package["requests"]!.AsArray().Single(r => (string)r!["agency"]! == "TPOL")!["return"]!["answers"]!.AsArray().Single(a => (string)a!["code"]! == "TT2")!["comment"]!);
        Assert.Equal(["TPOL: detective sergeant", "TEDU: designated safeguarding lead"], package["panelMeeting"]!["attendees"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task AnImportedQuery_WhoseAuthorIsNotAUserHere_FallsToTheLeads()
    {
        var audit = await FullAuditAsync();
        var copy = await PartnershipWithAgenciesAsync("Copyshire SCP " + Guid.NewGuid().ToString("N")[..4]);
        var imported = await ImportAsync(copy.Id, await ExportAsync(app.Data.Partnership.Id, audit));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var query = await db.ReturnQueries.SingleAsync(q => db.ReturnRequests.Any(r => r.Id == q.RequestId && r.AuditId == imported));
        var queries = scope.ServiceProvider.GetRequiredService<ReturnQueries>();
        var someone = Guid.NewGuid();

        await Assert.ThrowsAsync<DomainException>(() => queries.CloseAsync(new Caller(someone, copy.Id, null, new HashSet<string> { Roles.PanelMember }, "panel"), query.Id));
        await queries.CloseAsync(new Caller(someone, copy.Id, null, new HashSet<string> { Roles.AuditLead }, "lead"), query.Id);

        Assert.Equal(QueryStatus.Closed, (await db.ReturnQueries.AsNoTracking().SingleAsync(q => q.Id == query.Id)).Status);
    }

    [Fact]
    public async Task ThePackage_DownloadsFromTheAuditPage_AndAClashingImportIsRefusedOnThePage()
    {
        Guid audit;
        await using (var scope = app.Services.CreateAsyncScope())
            audit = (await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Web package", TestAudits.NewUin("WP"), app.Data.Police.Id)).Audit.Id;
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var download = await lead.GetAsync($"/audits/{audit}?handler=Package");
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        var json = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("Web package", (string)JsonNode.Parse(json)!["audit"]!["title"]!);

        var refused = await lead.UploadAsync("/audits/import", "Package", "audit.json", json);
        Assert.Contains("already registered in your partnership", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Import_ValuesTheFormsWouldRefuse_AreRefusedWholeWithTheirPaths()
    {
        var audit = await FullAuditAsync();
        var exported = await ExportAsync(app.Data.Partnership.Id, audit);
        var copy = await PartnershipWithAgenciesAsync("Checkshire SCP " + Guid.NewGuid().ToString("N")[..4]);
        var bad = JsonNode.Parse(exported)!;
        var (police, i) = bad["requests"]!.AsArray().Select((r, i) => (r!, i)).Single(x => (string)x.Item1["agency"]! == "TPOL");
        var (tt1, j) = police["return"]!["answers"]!.AsArray().Select((a, j) => (a!, j)).Single(x => (string)x.Item1["code"]! == "TT1");
        tt1["value"] = "Yes"; // The form stores "yes": a capital Y would be left out of every count.
        bad["cases"]![0]!["initials"] = "Alice Smith";
        bad["cases"]![0]!["ageYears"] = 25;
        bad["cases"]![0]!["ethnicity"] = "Martian";
        var before = await CountsAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(copy.Id, bad.ToJsonString()));

        Assert.Contains("4 value(s) break the rules the forms apply", refused.Message);
        Assert.Contains($"$.requests[{i}].return.answers[{j}].value: Select yes, no or not applicable for TT1.", refused.Message);
        Assert.Contains("$.cases[0].initials: Enter initials only for the child", refused.Message);
        Assert.Contains("$.cases[0].ageYears: The child's age must be in years, from 0 to 17", refused.Message);
        Assert.Contains("$.cases[0].ethnicity: \"Martian\" is not an ethnicity on the case form's list", refused.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Refusals_NameTheProblem_AndImportNothing()
    {
        var audit = await FullAuditAsync();
        var exported = await ExportAsync(app.Data.Partnership.Id, audit);
        var before = await CountsAsync();

        // Back into the same partnership: its UINs are taken.
        var clash = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(app.Data.Partnership.Id, exported));
        Assert.Contains("already registered in your partnership", clash.Message);

        // Into a partnership without the police and schools.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var other = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Partnerships.SingleAsync(p => p.Name.StartsWith("Otherfield"));
            var missing = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(other.Id, exported));
            Assert.Contains("agencies your partnership does not have: TEDU, TPOL", missing.Message);
        }

        var copy = await PartnershipWithAgenciesAsync("Refuseshire SCP " + Guid.NewGuid().ToString("N")[..4]);
        var newer = JsonNode.Parse(exported)!;
        newer["schemaVersion"] = 2;
        Assert.Contains("newer version of Parallax (schema 2)", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync(copy.Id, newer.ToJsonString()))).Message);

        var unknownQuestion = JsonNode.Parse(exported)!;
        unknownQuestion["requests"]!.AsArray().Single(r => (string)r!["agency"]! == "TPOL")!["return"]!["answers"]![0]!["code"] = "ZZ9";
        Assert.Contains("answers question \"ZZ9\", which is not in the package's tool", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync(copy.Id, unknownQuestion.ToJsonString()))).Message);

        var badGrade = JsonNode.Parse(exported)!;
        badGrade["panel"]![0]!["agreedGrade"] = "Brilliant";
        Assert.Contains("The package is not valid", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync(copy.Id, badGrade.ToJsonString()))).Message);

        Assert.Contains("not an audit package", (await Assert.ThrowsAsync<DomainException>(() => ImportAsync(copy.Id, "{\"title\": \"x\"}"))).Message);
        Assert.Equal(before, await CountsAsync());
    }
}

public sealed class SqlitePackageTests(SqliteAppFactory app) : PackageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPackageTests(PostgresAppFactory app) : PackageTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The documented schema (docs/schema/audit-package.schema.json) must name every field the package has.</summary>
public class PackageSchemaTests
{
    private static JsonNode Schema()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parallax.slnx"))) folder = folder.Parent;
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "docs", "schema", "audit-package.schema.json")))!;
    }

    [Theory]
    [InlineData(typeof(AuditPackage), null)]
    [InlineData(typeof(PackagedAudit), "audit")]
    [InlineData(typeof(PackagedAgency), "agency")]
    [InlineData(typeof(PackagedCase), "case")]
    [InlineData(typeof(PackagedMember), "member")]
    [InlineData(typeof(PackagedInvolvement), "involvement")]
    [InlineData(typeof(PackagedRequest), "request")]
    [InlineData(typeof(PackagedReturn), "return")]
    [InlineData(typeof(PackagedAnswer), "answer")]
    [InlineData(typeof(PackagedJudgement), "judgement")]
    [InlineData(typeof(PackagedStatusChange), "statusChange")]
    [InlineData(typeof(PackagedQuery), "query")]
    [InlineData(typeof(PackagedMessage), "message")]
    [InlineData(typeof(PackagedPanelCase), "panelCase")]
    [InlineData(typeof(PackagedFinding), "finding")]
    public void Schema_NamesEveryField(Type type, string? definition)
    {
        var node = definition is null ? Schema() : Schema()["$defs"]![definition]!;
        var fields = type.GetProperties().Where(p => p.GetMethod?.IsStatic == false).Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order();

        Assert.Equal(fields, node["properties"]!.AsObject().Select(p => p.Key).Order());
    }
}
