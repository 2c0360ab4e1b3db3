namespace Parallax.Tests.Analysis;

public abstract class FindingTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task Findings_NeedTheirAgencyAndTheme_AndLinkOnlyCasesOfTheSample()
    {
        Guid audit, own, other;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sent = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Findings audit", TestAudits.NewUin("FD"), app.Data.Police.Id);
            (audit, own) = (sent.Audit.Id, sent.Case.Id);
            other = (await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Other audit", TestAudits.NewUin("FO"), app.Data.Police.Id)).Case.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/findings";
        var page = await lead.GetDocumentAsync(url);
        var theme = page.QuerySelectorAll("#ThemeId option").Single(o => o.TextContent == "Fathers and significant males").GetAttribute("value")!;
        Dictionary<string, string> Form(string scope, string? agency, string caseId) => new()
        {
            ["Kind"] = "AreaForImprovement", ["Scope"] = scope, ["AgencyId"] = agency ?? "", ["ThemeId"] = theme,
            ["Text"] = "Fathers were not invited to core groups.", ["CaseIds"] = caseId,
        };

        var noAgency = await lead.SubmitFormAsync(url + "?handler=Add", Form("SingleAgency", null, own.ToString()), formUrl: url);
        Assert.Contains("Select the agency a single-agency finding is about", (await noAgency.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var wrongCase = await lead.SubmitFormAsync(url + "?handler=Add", Form("SingleAgency", app.Data.Police.Id.ToString(), other.ToString()), formUrl: url);
        Assert.Contains("Select cases from this audit's sample only", (await wrongCase.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var added = await lead.SubmitFormAsync(url + "?handler=Add", Form("SingleAgency", app.Data.Police.Id.ToString(), own.ToString()), formUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var listed = (await lead.GetDocumentAsync(url)).QuerySelector("#improvements")!.TextContent;
        Assert.Contains("Fathers were not invited to core groups.", listed);
        Assert.Contains("Single agency: TPOL", listed);
        Assert.Contains("Fathers and significant males", listed);
        await using var check = app.Services.CreateAsyncScope();
        Assert.Equal([own], (await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().Findings.SingleAsync(f => f.AuditId == audit)).CaseIds);
    }

    [Fact]
    public async Task Themes_StartFromTheCommonList_AndRefuseADuplicate()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var themes = (await lead.GetDocumentAsync("/audits/themes")).QuerySelectorAll("#themes li").Select(li => li.TextContent).ToList();
        Assert.Equal(Theme.Defaults.Order(), themes);
        var duplicate = await lead.SubmitFormAsync("/audits/themes", new() { ["ThemeName"] = "voice of the child" });
        Assert.Contains("is already on the list", (await duplicate.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await lead.SubmitFormAsync("/audits/themes", new() { ["ThemeName"] = "Neurodiversity" });
        Assert.Contains("Neurodiversity", (await lead.GetDocumentAsync("/audits/themes")).QuerySelector("#themes")!.TextContent);
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/audits/themes")).StatusCode);
    }
}

public sealed class SqliteFindingTests(SqliteAppFactory app) : FindingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFindingTests(PostgresAppFactory app) : FindingTests(app), IClassFixture<PostgresAppFactory>;
