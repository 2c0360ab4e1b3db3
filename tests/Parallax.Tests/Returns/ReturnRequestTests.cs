namespace Parallax.Tests.Returns;

public abstract class ReturnRequestTests(ParallaxAppFactory app)
{
    private async Task<(Guid Audit, Case Case)> AuditWithCaseAsync(string uin)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var audit = await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Returns audit");
        var @case = await TestAudits.AddCaseAsync(scope.ServiceProvider, app.Data.Partnership.Id, audit.Id, uin,
            new HouseholdInput(HouseholdRole.Mother, "KT"), new HouseholdInput(HouseholdRole.Father, "DT"));
        return (audit.Id, @case);
    }

    private async Task<List<ReturnRequest>> RequestsAsync(Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.AuditId == audit).ToListAsync();
    }

    [Fact]
    public async Task Involvement_ThenGenerate_AsksEachAgencyOnceAndShowsTheMatrix()
    {
        var (audit, @case) = await AuditWithCaseAsync("RR-1");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/{@case.Id}/agencies";
        var mother = @case.Household.Single(h => h.Role == HouseholdRole.Mother).Id;
        var father = @case.Household.Single(h => h.Role == HouseholdRole.Father).Id;

        // The police know both parents; the school knows the child.
        var form = new FormUrlEncodedContent(new[]
        {
            KeyValuePair.Create("Known", $"{app.Data.Police.Id}:{mother}"),
            KeyValuePair.Create("Known", $"{app.Data.Police.Id}:{father}"),
            KeyValuePair.Create("Known", $"{app.Data.School.Id}:child"),
            KeyValuePair.Create("__RequestVerificationToken", (await browser.GetDocumentAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(url, form)).StatusCode);

        await browser.SubmitFormAsync($"/audits/{audit}/returns?handler=Generate", [], formUrl: $"/audits/{audit}/returns");
        await browser.SubmitFormAsync($"/audits/{audit}/returns?handler=Generate", [], formUrl: $"/audits/{audit}/returns");

        var requests = await RequestsAsync(audit);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(ReturnStatus.Draft, r.Status));
        Assert.All(requests, r => Assert.Equal(new DateOnly(2030, 6, 17), r.DueOn));
        var matrix = await browser.GetDocumentAsync($"/audits/{audit}/returns");
        Assert.Equal(["Case", "TEDU", "TPOL"], matrix.QuerySelectorAll("#returns-matrix thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["RR-1", "Not sent", "Not sent"], matrix.QuerySelectorAll("#returns-matrix tbody tr:first-child > *").Select(c => (c.QuerySelector(".govuk-tag") ?? c).TextContent.Trim()));
    }

    [Fact]
    public async Task MyReturns_ShowsOnlyTheAgencysOwnSentRequestsWithTheAdultsItKnows()
    {
        var (audit, @case) = await AuditWithCaseAsync("RR-6");
        var mother = @case.Household.Single(h => h.Role == HouseholdRole.Mother).Id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
            await requests.SetInvolvementAsync(app.Data.Partnership.Id, audit, @case.Id, [(app.Data.Police.Id, mother), (app.Data.School.Id, null)]);
            await requests.GenerateAsync(app.Data.Partnership.Id, audit);
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.DoesNotContain("RR-6", (await police.GetDocumentAsync("/returns")).QuerySelector("main")!.TextContent);

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        await lead.SubmitFormAsync($"/audits/{audit}/returns?handler=Send", [], formUrl: $"/audits/{audit}/returns");

        var policeRow = (await police.GetDocumentAsync("/returns")).QuerySelectorAll("#my-returns tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "RR-6");
        Assert.Equal(["RR-6", "Returns audit", "mother (KT)", "17 Jun 2030", "Requested"], policeRow.Children.Select(c => c.TextContent.Trim()));
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var schoolRow = (await school.GetDocumentAsync("/returns")).QuerySelectorAll("#my-returns tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "RR-6");
        Assert.Equal("the child (JT)", schoolRow.Children[2].TextContent.Trim());
        await using var check = app.Services.CreateAsyncScope();
        Assert.Equal(AuditStatus.ReturnsOpen, (await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.SingleAsync(a => a.Id == audit)).Status);
    }

    [Theory]
    [InlineData(TestPartnership.Lead)]
    [InlineData(TestPartnership.Viewer)]
    [InlineData(TestPartnership.Admin)]
    public async Task MyReturns_ForUsersWithoutAnAgency_IsForbidden(string email)
    {
        var browser = await app.SignedInBrowserAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/returns")).StatusCode);
    }

    [Fact]
    public async Task Involvement_NamingAnotherPartnershipsAgency_IsRefusedAndChangesNothing()
    {
        var (audit, @case) = await AuditWithCaseAsync("RR-2");
        Guid otherAgency;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            otherAgency = (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies.SingleAsync(a => a.Code == "OPOL")).Id;
        }

        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/{@case.Id}/agencies";

        var response = await browser.SubmitFormAsync(url, new() { ["Known"] = $"{otherAgency}:child" });

        Assert.Contains("not part of this case", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().AgencyInvolvements.AnyAsync(i => i.CaseId == @case.Id));
    }

    [Fact]
    public async Task AddingTheSameAgencyTwiceForACase_IsRefused()
    {
        var (audit, @case) = await AuditWithCaseAsync("RR-3");
        await using var scope = app.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
        await requests.AddAsync(app.Data.Partnership.Id, audit, @case.Id, app.Data.Police.Id);

        var error = await Assert.ThrowsAsync<DomainException>(() => requests.AddAsync(app.Data.Partnership.Id, audit, @case.Id, app.Data.Police.Id));

        Assert.Equal("That agency has already been asked for a return on this case.", error.Message);
        Assert.Single(await RequestsAsync(audit));
    }

    [Fact]
    public async Task InvolvementPage_ForACaseNotInTheAudit_IsNotFound()
    {
        var (audit, _) = await AuditWithCaseAsync("RR-4");
        var (_, otherCase) = await AuditWithCaseAsync("RR-5");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/audits/{audit}/cases/{otherCase.Id}/agencies")).StatusCode);
    }
}

public sealed class ReturnRequestTestsSqlite(SqliteAppFactory app) : ReturnRequestTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReturnRequestTestsPostgres(PostgresAppFactory app) : ReturnRequestTests(app), IClassFixture<PostgresAppFactory>;
