namespace Parallax.Tests.Users;

/// <summary>An empty installation set up in the browser through the one-time link the server prints.</summary>
public abstract class FirstRunTests(ParallaxAppFactory app)
{
    private const string Password = "copper-meadow-lantern-violet";

    private static string Path(string link) => new Uri(link).AbsolutePath;

    [Fact]
    public async Task SetUpLink_WorksOnceWithinItsDay_CreatesThePartnershipAndItsAdministrator_AndBadInputStoresNothing()
    {
        string first, link;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var printed = new StringWriter();
            first = (await ParallaxWebApp.PrintSetUpLinkAsync(scope.ServiceProvider, printed))!;
            Assert.Contains(first, printed.ToString());
            // Restarting prints a new link; the first one stops working.
            link = (await ParallaxWebApp.PrintSetUpLinkAsync(scope.ServiceProvider, new StringWriter()))!;
            var hashes = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OneTimeLinks.Select(l => l.TokenHash).ToListAsync();
            Assert.DoesNotContain(hashes, h => link.Contains(h) || first.Contains(h));
        }

        // A link issued 25 hours ago has expired (added as it was then, beside the current one).
        var (expired, expiredHash) = OneTimeLink.NewToken();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var then = DateTimeOffset.UtcNow.AddHours(-25);
            db.Add(new OneTimeLink { Purpose = OneTimeLinkPurpose.SetUp, TokenHash = expiredHash, CreatedAt = then, ExpiresAt = then + OneTimeLink.Lifetime(OneTimeLinkPurpose.SetUp) });
            await db.SaveChangesAsync();
        }

        var browser = app.CreateBrowser();
        foreach (var unusable in new[] { Path(first), "/set-up/" + expired, Path(link) + "x", "/set-up/nothing" })
        {
            var page = await browser.GetDocumentAsync(unusable);
            Assert.Equal("This set-up link cannot be used", page.QuerySelector("h1")!.TextContent);
            Assert.Null(page.QuerySelector("main form"));
        }

        var form = await browser.GetDocumentAsync(Path(link));
        Assert.Equal("Set up Parallax", form.QuerySelector("h1")!.TextContent);
        var mismatch = await browser.SubmitFormAsync(Path(link), new()
        {
            ["PartnershipName"] = "Northshire Safeguarding Children Partnership", ["DisplayName"] = "Ada Admin", ["Email"] = "ada@northshire.example",
            ["Password"] = Password, ["ConfirmPassword"] = Password + "x",
        });
        var refused = await mismatch.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Equal("#ConfirmPassword", refused.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        var common = await (await browser.SubmitFormAsync(Path(link), new()
        {
            ["PartnershipName"] = "Northshire Safeguarding Children Partnership", ["DisplayName"] = "Ada Admin", ["Email"] = "ada@northshire.example",
            ["Password"] = "password1234", ["ConfirmPassword"] = "password1234",
        })).ReadDocumentAsync();
        Assert.Contains("too common", common.QuerySelector(".govuk-error-summary")!.TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.False(await db.Partnerships.AnyAsync());
            Assert.False(await db.Users.AnyAsync());
        }

        var done = await browser.SubmitFormAsync(Path(link), new()
        {
            ["PartnershipName"] = "Northshire Safeguarding Children Partnership", ["DisplayName"] = "Ada Admin", ["Email"] = "ada@northshire.example",
            ["Password"] = Password, ["ConfirmPassword"] = Password, ["RequireTwoFactor"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(RequireTwoFactorMiddleware.SetUpPath, done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/agencies")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var partnership = await db.Partnerships.SingleAsync();
            var admin = await db.Users.SingleAsync();
            Assert.Equal(("Northshire Safeguarding Children Partnership", partnership.Id, "Ada Admin"), (partnership.Name, admin.PartnershipId, admin.DisplayName));
            Assert.Equal([Roles.Administrator], (await db.Memberships.SingleAsync(m => m.UserId == admin.Id && m.PartnershipId == partnership.Id)).Roles);
            Assert.Null(await ParallaxWebApp.PrintSetUpLinkAsync(scope.ServiceProvider, new StringWriter()));
        }

        // Used once: the same link now refuses, and nothing more is created.
        var again = await app.CreateBrowser().GetDocumentAsync(Path(link));
        Assert.Equal("This set-up link cannot be used", again.QuerySelector("h1")!.TextContent);
        var signedIn = await app.SignedInBrowserAsync("ada@northshire.example", Password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/admin/users")).StatusCode);
    }
}

public sealed class SqliteFirstRunTests(EmptySqliteAppFactory app) : FirstRunTests(app), IClassFixture<EmptySqliteAppFactory>;

public sealed class PostgresFirstRunTests(EmptyPostgresAppFactory app) : FirstRunTests(app), IClassFixture<EmptyPostgresAppFactory>;
