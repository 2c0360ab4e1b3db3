namespace Parallax.Tests.Packages;

/// <summary>Audit packages: a whole audit out and back in, re-keyed; and every refusal leaves the database as it was.</summary>
public abstract class PackageTests(ParallaxAppFactory app)
{
    private Task<Guid> FullAuditAsync() => PackagedAudits.FullAuditAsync(app);

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
        return (await scope.ServiceProvider.GetRequiredService<AuditPackages>().ImportAsync(Caller.Lead(partnership, "test"), package, "audit.json")).Id;
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
        // A household member whose role is in words travels with its words (decision 0071).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var caseId = await db.AuditCases.Where(c => c.AuditId == audit).Select(c => c.CaseId).FirstAsync();
            var @case = await db.Cases.Include(c => c.Household).SingleAsync(c => c.Id == caseId);
            @case.Household.Add(new Parallax.Core.Cases.HouseholdMember { CaseId = caseId, Order = @case.Household.Count + 1, Role = Parallax.Core.Cases.HouseholdRole.Other, RoleName = "partner of mother", Initials = "PM" });
            await db.SaveChangesAsync();
        }

        var exported = await ExportAsync(app.Data.Partnership.Id, audit);
        var copy = await PartnershipWithAgenciesAsync("Copyshire SCP " + Guid.NewGuid().ToString("N")[..4]);

        var imported = await ImportAsync(copy.Id, exported);

        Assert.NotEqual(audit, imported);
        Assert.Equal(Normalise(exported), Normalise(await ExportAsync(copy.Id, imported)));
        var package = JsonNode.Parse(exported)!;
        Assert.Equal(1, (int)package["schemaVersion"]!);
        Assert.Contains(package["cases"]!.AsArray().SelectMany(c => c!["household"]!.AsArray()), m => (string?)m!["roleName"] == "partner of mother" && (string?)m["role"] == "Other");
        Assert.Equal("No plan", (string)package["requests"]!.AsArray().Single(r => (string)r!["agency"]! == "TPOL")!["return"]!["answers"]!.AsArray().Single(a => (string)a!["code"]! == "TT2")!["comment"]!);
        Assert.Equal(["TPOL: detective sergeant", "TEDU: designated safeguarding lead"], package["panelMeeting"]!["attendees"]!.AsArray().Select(a => (string)a!));
        // The school's draft stays with the school: its request travels, its answers do not.
        var school = package["requests"]!.AsArray().Single(r => (string)r!["agency"]! == "TEDU")!;
        Assert.Equal("InProgress", (string)school["status"]!);
        Assert.Null(school["return"]);
        Assert.DoesNotContain("A draft comment", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft words", exported, StringComparison.Ordinal);
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
    public async Task AnAdministrator_ImportingAPackageNamingNewAgencies_IsOfferedToCreateThem_ALeadIsNot()
    {
        var audit = await FullAuditAsync();
        var json = System.Text.Encoding.UTF8.GetBytes(await ExportAsync(app.Data.Partnership.Id, audit));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (admin, lead) = ($"admin.{tag}@newshire.example", $"lead.{tag}@newshire.example");
        Guid partnership;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            partnership = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync("Newshire SCP " + tag)).Id;
            var people = scope.ServiceProvider.GetRequiredService<Parallax.Core.Users.UserAdministration>();
            await people.AddAsync(partnership, admin, [Parallax.Core.Users.Roles.Administrator, Parallax.Core.Users.Roles.AuditLead], null, TestPartnership.Password);
            await people.AddAsync(partnership, lead, [Parallax.Core.Users.Roles.AuditLead], null, TestPartnership.Password);
        }

        var before = await CountsAsync();

        // An audit lead is told to ask the administrator; ticking the box by hand creates nothing.
        var leadBrowser = await app.SignedInBrowserAsync(lead);
        var leadPage = await (await leadBrowser.UploadAsync("/audits/import", "Package", "audit.json", json)).ReadDocumentAsync();
        Assert.Contains("ask your administrator", leadPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(leadPage.QuerySelector("#CreateAgencies"));
        var forced = await leadBrowser.UploadAsync("/audits/import", "Package", "audit.json", json, fields: new() { ["CreateAgencies"] = "true" });
        Assert.Equal(System.Net.HttpStatusCode.OK, forced.StatusCode);

        // The administrator is shown the agencies, with the box ticked, and nothing is stored until they import again.
        var adminBrowser = await app.SignedInBrowserAsync(admin);
        var offered = await (await adminBrowser.UploadAsync("/audits/import", "Package", "audit.json", json)).ReadDocumentAsync();
        Assert.Contains("Testshire Police (TPOL)", offered.QuerySelector("#missing-agencies")!.TextContent);
        Assert.True(offered.QuerySelector("#CreateAgencies")!.HasAttribute("checked"));
        Assert.Equal(before, await CountsAsync());
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies.AnyAsync(a => a.PartnershipId == partnership));

        var done = await adminBrowser.UploadAsync("/audits/import", "Package", "audit.json", json, fields: new() { ["CreateAgencies"] = "true" });
        Assert.True(done.StatusCode == System.Net.HttpStatusCode.Redirect, (await done.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var agencies = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies.Where(a => a.PartnershipId == partnership).OrderBy(a => a.Code).ToListAsync();
            Assert.Equal(["TEDU", "TPOL"], agencies.Select(a => a.Code));
            Assert.Equal(("Testshire Police", AgencyType.Police), (agencies[1].Name, agencies[1].Type));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.CountAsync(a => a.PartnershipId == partnership));
        }
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
            var missing = await Assert.ThrowsAsync<MissingAgenciesException>(() => ImportAsync(other.Id, exported));
            Assert.Contains("agencies your partnership does not have: Testshire Schools (TEDU), Testshire Police (TPOL)", missing.Message);
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

/// <summary>A full audit made through the services, as people would make it (shared by the package tests).</summary>
public static class PackagedAudits
{
    /// <summary>An audit with a submitted police return, an open school request, a query, a panel meeting and record, and a finding.</summary>
    public static async Task<Guid> FullAuditAsync(ParallaxAppFactory app)
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
        await completion.SubmitAsync(context, null, answers, true, TestPartnership.PoliceAuditor);
        // The school's draft: its agency's alone, so never in a package (decision 0009).
        var school = requests.Single(r => r.AgencyId == app.Data.School.Id);
        var draft = (await completion.LoadAsync(partnership, app.Data.School.Id, school.Id))!;
        var drafted = new ToolAnswers { GoodPractice = "Draft words only the school has read" };
        drafted.Questions["TT2"] = new QuestionAnswer(AnswerFields.No, null, "A draft comment");
        await completion.SaveDraftAsync(draft, null, drafted);
        var lead = await s.GetRequiredService<ParallaxDbContext>().Users.SingleAsync(u => u.Email == TestPartnership.Lead);
        var query = await s.GetRequiredService<ReturnQueries>().RaiseAsync(partnership, audit.Id, police.Id, "TT2", "Which plan?", lead.Id, TestPartnership.Lead);
        await s.GetRequiredService<ReturnQueries>().ReplyAsync(partnership, app.Data.Police.Id, query.Id, "The CP plan.", "police auditor");
        await s.GetRequiredService<PanelRecords>().SaveMeetingAsync(partnership, audit.Id, new DateOnly(2031, 3, 4), ["TPOL: detective sergeant", "TEDU: designated safeguarding lead"]);
        await s.GetRequiredService<PanelRecords>().SaveAsync(partnership, audit.Id, @case.Id, null, new PanelCaseInput("10:00", "Pen", "Well", "Improve", "Learn", Grade.RequiresImprovement, null, "Why"), "lead");
        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnership)).First(t => t.Name == "Chronology");
        await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronology not updated", [@case.Id]));
        await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Strategy discussion not recorded", [@case.Id]));
        await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "An earlier referral not found", [@case.Id]));
        return audit.Id;
    }
}

/// <summary>
/// A package exported from one installation, imported by its lead into an empty installation (its partnership,
/// agencies and people set up, no audit) through the page, and exported again: identical but for the moment it was
/// made (decision 0035). The imported return is marked as imported and attributed to nobody here, although the
/// police auditor has the same user name in both.
/// </summary>
public abstract class PackageRoundTripTests(ParallaxAppFactory source, ParallaxAppFactory empty)
{
    [Fact]
    public async Task ExportImportIntoAnEmptyInstallation_ExportsIdentically_AndTheReturnIsMarkedImported()
    {
        var audit = await PackagedAudits.FullAuditAsync(source);
        var exported = await (await (await source.SignedInBrowserAsync(TestPartnership.Lead)).GetAsync($"/audits/{audit}?handler=Package")).Content.ReadAsStringAsync();
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.CountAsync());
            await TestPartnership.CreateAsync(scope.ServiceProvider);
        }

        var lead = await empty.SignedInBrowserAsync(TestPartnership.Lead);
        var imported = await lead.UploadAsync("/audits/import", "Package", "testshire-audit.json", Encoding.UTF8.GetBytes(exported));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, imported.StatusCode);
        var importedId = imported.Headers.Location!.OriginalString.Split('/').Last();
        var again = await (await lead.GetAsync($"/audits/{importedId}?handler=Package")).Content.ReadAsStringAsync();

        // Byte for byte but for exportedAt, the one value that is the moment of the export.
        static string WithoutExportedAt(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"exportedAt\": \"[^\"]*\"", "\"exportedAt\": \"\"");
        Assert.Equal(WithoutExportedAt(exported), WithoutExportedAt(again));
        Assert.NotEqual(exported, again);

        Guid requestId;
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var police = await db.ReturnRequests.SingleAsync(r => r.AuditId == Guid.Parse(importedId) && db.Agencies.Any(a => a.Id == r.AgencyId && a.Code == "TPOL"));
            Assert.Equal(TestPartnership.Lead, police.ImportedBy);
            Assert.StartsWith("testshire-audit.json (made ", police.ImportedFrom);
            requestId = police.Id;
        }

        // The police's own return: imported, from which package, by whom; submitted where the package was made, by nobody here.
        var policeHere = await empty.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Contains($"/returns/{requestId}", (await policeHere.GetDocumentAsync("/returns?Show=done")).QuerySelector("#my-returns")!.InnerHtml);
        var own = (await policeHere.GetDocumentAsync($"/returns/{requestId}")).QuerySelector("#submitted")!.TextContent;
        Assert.Contains("This return came in an audit package (testshire-audit.json (made ", own);
        Assert.Contains($"imported by {TestPartnership.Lead}", own);
        Assert.Contains("not by anyone here", own);
        Assert.DoesNotContain(TestPartnership.PoliceAuditor, own);

        // The lead's page says the same, and marks the history that came in the package.
        var page = await lead.GetDocumentAsync($"/audits/{importedId}/returns/{requestId}");
        Assert.Contains("not by anyone here", page.QuerySelector("#request-summary")!.TextContent);
        Assert.Contains($"From the audit package testshire-audit.json (made ", page.QuerySelector("#imported")!.TextContent);
        Assert.All(page.QuerySelectorAll("#history tbody tr"), row => Assert.EndsWith("(in the package)", row.Children[2].TextContent.Trim()));
    }
}

public sealed class SqlitePackageRoundTripTests(SqliteAppFactory source, EmptySqliteAppFactory empty)
    : PackageRoundTripTests(source, empty), IClassFixture<SqliteAppFactory>, IClassFixture<EmptySqliteAppFactory>;

public sealed class PostgresPackageRoundTripTests(PostgresAppFactory source, EmptyPostgresAppFactory empty)
    : PackageRoundTripTests(source, empty), IClassFixture<PostgresAppFactory>, IClassFixture<EmptyPostgresAppFactory>;

public sealed class SqlitePackageTests(SqliteAppFactory app) : PackageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPackageTests(PostgresAppFactory app) : PackageTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The documented schema (docs/schema/audit-package.schema.json) must name every field the package has.</summary>
public class PackageSchemaTests
{
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
    public void Schema_NamesEveryField(Type type, string? definition) => DocumentedSchema.AssertNamesEveryField("audit-package.schema.json", type, definition);
}
