namespace Parallax.Tests.Findings;

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
    public async Task Remove_AFindingAndATeamMember_GoneFromTheirAudit_AndAnotherAuditsAreNotFoundThere()
    {
        Guid audit, other, kept, removed, keptMember, removedMember;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            audit = (await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Removals audit", TestAudits.NewUin("RM"), app.Data.Police.Id)).Audit.Id;
            other = (await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Other removals audit", TestAudits.NewUin("RO"), app.Data.Police.Id)).Audit.Id;
            var db = services.GetRequiredService<ParallaxDbContext>();
            var panel = await db.Users.SingleAsync(u => u.Email == TestPartnership.Panel);
            var planner = services.GetRequiredService<AuditPlanner>();
            await planner.SetTeamMemberAsync(app.Data.Partnership.Id, audit, panel.Id, AuditTeamRole.PanelMember);
            await planner.SetTeamMemberAsync(app.Data.Partnership.Id, other, panel.Id, AuditTeamRole.PanelChair);
            removedMember = (await db.AuditTeamMembers.SingleAsync(m => m.AuditId == audit)).Id;
            keptMember = (await db.AuditTeamMembers.SingleAsync(m => m.AuditId == other)).Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        async Task<Guid> AddFindingAsync(Guid auditId, string text)
        {
            var url = $"/audits/{auditId}/findings";
            var theme = (await lead.GetDocumentAsync(url)).QuerySelectorAll("#ThemeId option").Single(o => o.TextContent == "Voice of the child").GetAttribute("value")!;
            var added = await lead.SubmitFormAsync(url + "?handler=Add", new()
            {
                ["Kind"] = "AreaForImprovement", ["Scope"] = "WiderSystem", ["AgencyId"] = "", ["ThemeId"] = theme, ["Text"] = text, ["CaseIds"] = "",
            }, formUrl: url);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            await using var scope = app.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Findings.SingleAsync(f => f.AuditId == auditId)).Id;
        }

        removed = await AddFindingAsync(audit, "Children's wishes were not recorded before the meeting.");
        kept = await AddFindingAsync(other, "Plans did not say who would speak to the child.");
        var findings = $"/audits/{audit}/findings";
        var team = $"/audits/{audit}/team";

        // Another audit's finding or team member, named in this audit's page: not found, and left as it was.
        Assert.Equal(HttpStatusCode.NotFound, (await lead.SubmitFormAsync($"{findings}?handler=Remove&findingId={kept}", new(), formUrl: findings)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.SubmitFormAsync($"{team}?handler=Remove&memberId={keptMember}", new(), formUrl: team)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"{findings}?handler=Remove&findingId={removed}", new(), formUrl: findings)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"{team}?handler=Remove&memberId={removedMember}", new(), formUrl: team)).StatusCode);
        Assert.DoesNotContain("Children's wishes were not recorded", (await lead.GetDocumentAsync(findings)).QuerySelector("main")!.TextContent);

        await using var check = app.Services.CreateAsyncScope();
        var stored = check.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        Assert.False(await stored.Findings.AnyAsync(f => f.Id == removed));
        Assert.False(await stored.AuditTeamMembers.AnyAsync(m => m.Id == removedMember));
        Assert.True(await stored.Findings.AnyAsync(f => f.Id == kept));
        Assert.True(await stored.AuditTeamMembers.AnyAsync(m => m.Id == keptMember));
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
