namespace Parallax.Tests.Returns;

/// <summary>Nobody waits for a request that no one receives: before sending, the lead sees who will hear of each agency's requests.</summary>
public abstract class RecipientTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task Send_ToAnAgencyNoOneWouldHearFrom_IsRefusedNamingIt_ThenItsReturnsContactIsTold()
    {
        var code = "NA" + Random.Shared.Next(1000, 9999);
        Guid audit, quiet, leaver;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            var register = s.GetRequiredService<AgencyRegister>();
            quiet = (await register.AddAsync(app.Data.Partnership.Id, new AgencyInput(code, "Quiet Housing " + code, "Housing", true, null))).Id;
            // An agency whose only auditor has left counts as having none.
            leaver = (await register.AddAsync(app.Data.Partnership.Id, new AgencyInput(code + "L", "Left Service " + code, "Voluntary", false, "team@left.example"))).Id;
            var gone = await s.GetRequiredService<UserAdministration>().AddAsync(app.Data.Partnership.Id, $"gone.{code}@left.example", [Roles.AgencyAuditor], code + "L", TestPartnership.Password);
            await s.GetRequiredService<People>().DeactivateAsync(app.Data.Partnership.Id, gone.Id, null);

            audit = (await TestAudits.CreateAsync(s, app.Data.Partnership.Id, "Recipients audit " + code)).Id;
            var @case = await TestAudits.AddCaseAsync(s, app.Data.Partnership.Id, audit, TestAudits.NewUin("RC"));
            var requests = s.GetRequiredService<ReturnRequests>();
            await requests.SetInvolvementAsync(app.Data.Partnership.Id, audit, @case.Id, [(app.Data.Police.Id, null), (quiet, null), (leaver, null)]);
            await requests.GenerateAsync(app.Data.Partnership.Id, audit);
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await lead.GetDocumentAsync($"/audits/{audit}/returns");
        var warning = before.QuerySelector("#without-auditor")!.TextContent;
        Assert.Contains($"Quiet Housing {code}: no one would be told", warning);
        Assert.Contains($"Left Service {code}: the notice goes to its returns contact, team@left.example", warning);
        Assert.DoesNotContain("Testshire Police", warning);

        var refused = await lead.SubmitFormAsync($"/audits/{audit}/returns?handler=Send", new(), $"/audits/{audit}/returns");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains($"no one would be told of the requests to Quiet Housing {code}", summary);
        Assert.DoesNotContain("Left Service", summary);
        // The same refusal from the page that checks the requests before sending: one error summary, not two.
        var checkedFirst = await (await lead.SubmitFormAsync($"/audits/{audit}/returns/send", new())).ReadDocumentAsync();
        var summaries = checkedFirst.QuerySelectorAll(".govuk-error-summary");
        Assert.Single(summaries);
        Assert.Contains($"no one would be told of the requests to Quiet Housing {code}", summaries[0].TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.True(await db.ReturnRequests.Where(r => r.AuditId == audit).AllAsync(r => r.Status == ReturnStatus.Draft));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.AuditId == audit));
        }

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        await admin.SubmitFormAsync($"/admin/agencies/{quiet}", new() { ["Form.Code"] = code, ["Form.Name"] = "Quiet Housing " + code, ["Form.Type"] = "Housing", ["Form.ReturnsContactEmail"] = "duty@quiet.example" });
        Assert.Contains("duty@quiet.example", (await lead.GetDocumentAsync($"/audits/{audit}/returns")).QuerySelector("#without-auditor")!.TextContent);

        var sent = await lead.SubmitFormAsync($"/audits/{audit}/returns?handler=Send", new(), $"/audits/{audit}/returns");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var to = await db.OutboxMessages.Where(m => m.AuditId == audit).Select(m => m.To).OrderBy(t => t).ToListAsync();
            Assert.Equal(["duty@quiet.example", TestPartnership.PoliceAuditor, "team@left.example"], to);
        }
    }
}

public sealed class SqliteRecipientTests(SqliteAppFactory app) : RecipientTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRecipientTests(PostgresAppFactory app) : RecipientTests(app), IClassFixture<PostgresAppFactory>;
