namespace Parallax.Tests.Web;

/// <summary>
/// Decision 0059: saves, autosaves and query replies are never counted as uploads; uploads are
/// limited per person (the default 20 a minute), with a page that says so, and one person's limit is not another's.
/// </summary>
public abstract class UploadLimitTests(ParallaxAppFactory app)
{
    // "Save and come back later" on the return's first section: it saves without asking for the rest of the section.
    private const string SaveButton = "button[formaction$='handler=Later']";

    [Fact]
    public async Task ThirtySavesInAMinute_AllSucceed_AndThe21stUploadIsRefused_WhileAnotherPersonsUploadWorks()
    {
        Guid request;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Upload limit audit", TestAudits.NewUin("UL"), app.Data.Police.Id);
            request = requests.Single().Id;
        }

        var url = $"/returns/{request}";
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        for (var i = 0; i < 30; i++)
        {
            var form = await police.OpenFormAsync($"{url}/sections/1", SaveButton);
            var saved = await form.Set(AnswerFields.Value("TT1"), AnswerFields.Yes).Set(AnswerFields.Comment("TT1"), $"Save number {i + 1}").PostAsync(police);
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Save {i + 1} answered {(int)saved.StatusCode}");
        }

        // The same person may still upload: thirty saves used none of the upload allowance.
        var workbook = await police.UploadAsync($"{url}?handler=Upload", "Workbook", "return.xlsx", "not a workbook"u8.ToArray(), formUrl: url);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, workbook.StatusCode);

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var limited = await lead.PackagesOverTheLimitAsync(20);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        var page = await limited.ReadDocumentAsync();
        Assert.Equal("Too many uploads", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("You have uploaded 20 files in the last minute", page.QuerySelector("#problem")!.TextContent);

        // Another person's upload in the same minute still works, and the lead can still read pages.
        var otherLead = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.OK, (await otherLead.UploadAsync("/audits/import", "Package", "audit.json", "not json"u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/audits")).StatusCode);
    }
}

/// <summary>A host with the default upload limit (20 a minute) on each provider.</summary>
public sealed class DefaultUploadLimitSqliteFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parallax:RateLimits:UploadsPerMinute"] = "20" }));
    }
}

public sealed class DefaultUploadLimitPostgresFactory() : ParallaxAppFactory(DatabaseProvider.Postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parallax:RateLimits:UploadsPerMinute"] = "20" }));
    }
}

public sealed class SqliteUploadLimitTests(DefaultUploadLimitSqliteFactory app) : UploadLimitTests(app), IClassFixture<DefaultUploadLimitSqliteFactory>;

public sealed class PostgresUploadLimitTests(DefaultUploadLimitPostgresFactory app) : UploadLimitTests(app), IClassFixture<DefaultUploadLimitPostgresFactory>;
