namespace Parallax.Tests.Web;

/// <summary>A NUL character in a form field or a query: a sentence and 400 on both providers, never a server error, nothing stored.</summary>
public abstract class NulCharacterTests(ParallaxAppFactory app)
{
    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var page = await response.ReadDocumentAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {page.QuerySelector("main")?.TextContent.Trim()}");
        Assert.Equal("There was a problem with your request", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("NUL character", page.QuerySelector("#problem")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WithANulInTheEmail_IsASentenceAnd400()
    {
        var browser = app.CreateBrowser();

        await AssertRefusedAsync(await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = "lead@testshire.example\0", ["Input.Password"] = TestPartnership.Password }));
    }

    [Fact]
    public async Task SaveReturn_WithANulInAComment_IsASentenceAnd400_AndStoresNothing()
    {
        Guid request;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "NUL audit", TestAudits.NewUin("NU"), app.Data.Police.Id);
            request = requests[0].Id;
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        await AssertRefusedAsync(await police.SubmitFormAsync($"{url}?handler=Save",
            new() { ["Expected"] = "", [AnswerFields.Value("TT1")] = "no", [AnswerFields.Comment("TT1")] = "Seen\0 at home" }, formUrl: url));

        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.AnyAsync(r => r.Id == request));
    }

    [Fact]
    public async Task AuditTrailFilter_WithANulInTheQuery_IsASentenceAnd400()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        await AssertRefusedAsync(await admin.GetAsync("/admin/audit-trail?Actor=%00"));
    }
}

public sealed class NulCharacterTestsSqlite(SqliteAppFactory app) : NulCharacterTests(app), IClassFixture<SqliteAppFactory>;

public sealed class NulCharacterTestsPostgres(PostgresAppFactory app) : NulCharacterTests(app), IClassFixture<PostgresAppFactory>;
