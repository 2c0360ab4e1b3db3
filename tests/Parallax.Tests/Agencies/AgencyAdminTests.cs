namespace Parallax.Tests.Agencies;

/// <summary>The administrator's agency pages: add, change, retire, reinstate and import, on real databases.</summary>
public abstract class AgencyAdminTests(ParallaxAppFactory app)
{
    private const string Headings = "Code,Name,Type,Works with adults,Returns contact e-mail";

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Headings)));

    private async Task<T> WithDbAsync<T>(Func<ParallaxDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParallaxDbContext>());
    }

    private static string Unique(string prefix) => prefix + Random.Shared.Next(1000, 9999);

    [Fact]
    public async Task Post_NewAgency_AddsIt_AndTheAuditTrailRecordsWhoDidIt()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var code = Unique("CAM");

        var response = await admin.SubmitFormAsync("/admin/agencies/new", new()
        {
            ["Form.Code"] = code.ToLowerInvariant(), ["Form.Name"] = $"Testshire CAMHS {code}", ["Form.Type"] = nameof(AgencyType.Camhs),
            ["Form.WorksWithAdults"] = "true", ["Form.ReturnsContactEmail"] = "camhs.safeguarding@nhs.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var agency = await WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == code));
        Assert.Equal((app.Data.Partnership.Id, AgencyType.Camhs, true, "camhs.safeguarding@nhs.example"), (agency.PartnershipId, agency.Type, agency.WorksWithAdults, agency.ReturnsContactEmail));
        var trail = await WithDbAsync(db => db.AuditEvents.Where(e => e.Entity == "Agency" && e.EntityKey == agency.Id.ToString()).FieldsAsync());
        Assert.Contains(trail, e => e.Field == "Code" && e.NewValue == code && e.ActorName == TestPartnership.Admin);
        var list = await admin.GetDocumentAsync($"/admin/agencies?q={code}");
        Assert.Contains($"Testshire CAMHS {code}", list.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task Post_DuplicateCodeOrBadInput_ShowsOneSentencePerField_AndStoresNothing()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var before = await WithDbAsync(db => db.Agencies.CountAsync());

        var duplicate = await admin.SubmitFormAsync("/admin/agencies/new", new() { ["Form.Code"] = "tpol", ["Form.Name"] = "Another police", ["Form.Type"] = "Police" });
        var page = await duplicate.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("already has an agency with code TPOL", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#Form_Code", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#Form_Code-error"));

        var badType = await (await admin.SubmitFormAsync("/admin/agencies/new", new() { ["Form.Code"] = "NEWX", ["Form.Name"] = "New agency", ["Form.Type"] = "Spaceship" })).ReadDocumentAsync();
        Assert.Contains("is not an agency type", badType.QuerySelector(".govuk-error-summary")!.TextContent);
        var badMail = await (await admin.SubmitFormAsync("/admin/agencies/new", new() { ["Form.Code"] = "NEWX", ["Form.Name"] = "New agency", ["Form.Type"] = "Police", ["Form.ReturnsContactEmail"] = "not an address" })).ReadDocumentAsync();
        Assert.Contains("correct format", badMail.QuerySelector(".govuk-error-summary")!.TextContent);

        Assert.Equal(before, await WithDbAsync(db => db.Agencies.CountAsync()));
    }

    [Fact]
    public async Task Csv_AddsEveryAgency_WithTypesWrittenAsPeopleWriteThem()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var (a, b, c) = (Unique("HV"), Unique("GP"), Unique("YJ"));

        var response = await admin.UploadAsync("/admin/agencies/import", "AgencyList", "agencies.csv", Csv(
            $"{a},Testshire 0-19 {a},Health visiting,No,hv@nhs.example",
            $"{b},Testshire GPs {b},GP,no,",
            $"{c},Testshire Youth Justice {c},YouthJustice,Yes,"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = await WithDbAsync(db => db.Agencies.Where(x => x.Code == a || x.Code == b || x.Code == c).OrderBy(x => x.Name).ToListAsync());
        Assert.Equal([AgencyType.HealthVisiting, AgencyType.GeneralPractice, AgencyType.YouthJustice], added.Select(x => x.Type));
        Assert.Equal([false, false, true], added.Select(x => x.WorksWithAdults));
        Assert.All(added, x => Assert.Equal(app.Data.Partnership.Id, x.PartnershipId));
    }

    [Fact]
    public async Task Csv_WithAnyBadRow_ListsEveryProblemByRowAndColumn_AndAddsNothing()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var before = await WithDbAsync(db => db.Agencies.CountAsync());
        var good = Unique("OK");

        var response = await admin.UploadAsync("/admin/agencies/import", "AgencyList", "agencies.csv", Csv(
            $"{good},A good agency {good},Police,No,",
            "TPOL,Duplicate of an existing code,Police,No,",
            $"{good},Second use of the code,Police,No,",
            "X,Too short a code,Police,No,",
            "NOTYPE,No such type,Spaceship,No,",
            "ADULT,Bad adults flag,Police,Perhaps,",
            "MAIL,Bad mail,Police,No,nobody-at-example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var problems = page.QuerySelectorAll("#problems tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Contains(problems, p => p.StartsWith("3|Code|The partnership already has an agency with code TPOL"));
        Assert.Contains(problems, p => p.StartsWith($"4|Code|Code {good} is also on row 2"));
        Assert.Contains(problems, p => p.StartsWith("5|Code|"));
        Assert.Contains(problems, p => p.StartsWith("6|Type|\"Spaceship\" is not an agency type"));
        Assert.Contains(problems, p => p.StartsWith("7|Works with adults|"));
        Assert.Contains(problems, p => p.StartsWith("8|Returns contact e-mail|"));
        Assert.Contains("nothing was added", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(before, await WithDbAsync(db => db.Agencies.CountAsync()));
    }

    [Fact]
    public async Task Templates_DownloadAsCsvAndXlsx_AndTheWorkbookReadsBackWithTheColumns()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var csv = await admin.GetAsync("/admin/agencies/import?handler=Template");
        var xlsx = await admin.GetAsync("/admin/agencies/import?handler=Workbook");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(Headings, (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var sheet = SheetReader.ReadXlsx(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Equal(Headings.Split(','), sheet.Row(1, 5));
        Assert.Equal("Northshire Police", sheet.Cell(2, 2));
    }

    [Fact]
    public async Task Retire_KeepsTheAgencyAndItsHistory_RefusesNewRequests_AndReinstateUndoesIt()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var code = Unique("RET");
        await admin.SubmitFormAsync("/admin/agencies/new", new() { ["Form.Code"] = code, ["Form.Name"] = $"Leaving agency {code}", ["Form.Type"] = "Housing" });
        var agency = await WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == code));
        Guid audit, @case;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            audit = (await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Retirement audit " + code)).Id;
            @case = (await TestAudits.AddCaseAsync(scope.ServiceProvider, app.Data.Partnership.Id, audit, TestAudits.NewUin("RT"))).Id;
        }

        var retired = await admin.SubmitFormAsync($"/admin/agencies/{agency.Id}?handler=Retire", new(), $"/admin/agencies/{agency.Id}");

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.NotNull(await WithDbAsync(db => db.Agencies.Where(a => a.Id == agency.Id).Select(a => a.RetiredAt).SingleAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
            var refused = await Assert.ThrowsAsync<DomainException>(() => requests.AddAsync(app.Data.Partnership.Id, audit, @case, agency.Id));
            Assert.Contains("retired", refused.Message);
            await Assert.ThrowsAsync<DomainException>(() => requests.SetInvolvementAsync(app.Data.Partnership.Id, audit, @case, [(agency.Id, null)]));
        }

        Assert.Equal(0, await WithDbAsync(db => db.ReturnRequests.CountAsync(r => r.AgencyId == agency.Id)));
        var involvement = await admin.GetDocumentAsync($"/audits/{audit}/cases/{@case}/agencies");
        Assert.DoesNotContain($"Leaving agency {code}", involvement.Body!.TextContent);

        var reinstated = await admin.SubmitFormAsync($"/admin/agencies/{agency.Id}?handler=Reinstate", new(), $"/admin/agencies/{agency.Id}");
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReturnRequests>().AddAsync(app.Data.Partnership.Id, audit, @case, agency.Id);
        Assert.Equal(1, await WithDbAsync(db => db.ReturnRequests.CountAsync(r => r.AgencyId == agency.Id)));
    }

    [Fact]
    public async Task Edit_ChangesTheDetails_AndAnotherPartnershipsAgencyIsNotFound()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var code = Unique("ED");
        await admin.SubmitFormAsync("/admin/agencies/new", new() { ["Form.Code"] = code, ["Form.Name"] = $"Old name {code}", ["Form.Type"] = "Housing" });
        var agency = await WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == code));

        var form = await admin.GetDocumentAsync($"/admin/agencies/{agency.Id}");
        Assert.Equal($"Old name {code}", form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        var response = await admin.SubmitFormAsync($"/admin/agencies/{agency.Id}", new() { ["Form.Code"] = code, ["Form.Name"] = $"New name {code}", ["Form.Type"] = "AdultSocialCare", ["Form.WorksWithAdults"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changed = await WithDbAsync(db => db.Agencies.SingleAsync(a => a.Id == agency.Id));
        Assert.Equal(($"New name {code}", AgencyType.AdultSocialCare, true), (changed.Name, changed.Type, changed.WorksWithAdults));
        var other = await WithDbAsync(db => db.Agencies.Where(a => a.Code == "OPOL").Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/agencies/{other}")).StatusCode);
    }
}

public sealed class SqliteAgencyAdminTests(SqliteAppFactory app) : AgencyAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAgencyAdminTests(PostgresAppFactory app) : AgencyAdminTests(app), IClassFixture<PostgresAppFactory>;
