using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Parallax.Tests.Users;

/// <summary>The real host with OpenID Connect switched on by settings, pointed at a provider on loopback.</summary>
public sealed class OidcAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    public OidcTestProvider Provider { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Provider = OidcTestProvider.StartAsync().GetAwaiter().GetResult();
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{OpenIdConnectSignIn.SectionKey}:Authority"] = Provider.Authority,
            [$"{OpenIdConnectSignIn.SectionKey}:ClientId"] = OidcTestProvider.ClientId,
            [$"{OpenIdConnectSignIn.SectionKey}:ClientSecret"] = OidcTestProvider.ClientSecret,
            [$"{OpenIdConnectSignIn.SectionKey}:DisplayName"] = "your Testshire account",
            [$"{OpenIdConnectSignIn.SectionKey}:RequireHttpsMetadata"] = "false",
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>
/// Sign-in through the partnership's identity provider, end to end over real HTTP to a local
/// provider: the code flow with PKCE and form_post, the token checked against the provider's published keys.
/// </summary>
public sealed class OpenIdConnectTests(OidcAppFactory app) : IClassFixture<OidcAppFactory>
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Presses "Sign in with …", lets the provider answer as its page would (posting the code back), and follows
    /// the redirects inside Parallax. Returns the browser and the page it ends on.
    /// </summary>
    private async Task<(HttpClient Browser, HttpResponseMessage Page, string Address)> SignInWithTheProviderAsync()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var challenge = await browser.SubmitFormAsync("/sign-in?handler=External", [], formUrl: "/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.ToString();
        Assert.StartsWith(app.Provider.Authority + "/authorize?", authorize);
        Assert.Contains("code_challenge_method=S256", authorize);

        using var provider = new HttpClient();
        var answer = await Parser.ParseDocumentAsync(await provider.GetStringAsync(authorize));
        var form = answer.QuerySelector("form")!;
        var response = await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.QuerySelectorAll("input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!)));
        var address = form.GetAttribute("action")!;
        while (response.StatusCode == HttpStatusCode.Redirect)
        {
            address = response.Headers.Location!.ToString();
            response = await browser.GetAsync(address);
        }

        return (browser, response, address);
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage page) =>
        (await page.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent;

    private async Task<List<SecurityEventKind>> EventsAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SecurityEvents.Where(e => e.Email == email).Select(e => e.Kind).ToListAsync();
    }

    [Fact]
    public async Task TheSignInPage_OffersTheProvider_ByTheNameInTheSettings()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/sign-in");

        Assert.Equal("Sign in with your Testshire account", page.QuerySelector("form[action*='handler=External'] button")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#Input_Password"));
    }

    [Fact]
    public async Task AnAccountTheAdministratorCreated_SignsIn_AndIsBoundToTheProvidersSubject()
    {
        app.Provider.SignedIn = new("entra-object-id-lead", TestPartnership.Lead, "pwd", "mfa");

        var (browser, page, _) = await SignInWithTheProviderAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Home", (await page.ReadDocumentAsync()).QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/audits")).StatusCode);
        Assert.Contains(SecurityEventKind.SignedIn, await EventsAsync(TestPartnership.Lead));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var lead = await db.Users.SingleAsync(u => u.Email == TestPartnership.Lead);
            Assert.Equal(["entra-object-id-lead"], await db.UserLogins.Where(l => l.UserId == lead.Id && l.LoginProvider == OpenIdConnectSignIn.Scheme).Select(l => l.ProviderKey).ToListAsync());
        }

        // Someone else given the same address at the provider later is not the lead.
        app.Provider.SignedIn = new("entra-object-id-someone-else", TestPartnership.Lead, "pwd", "mfa");
        var (other, refused, _) = await SignInWithTheProviderAsync();

        Assert.Contains("Your Parallax account is linked to a different your Testshire account", await ProblemAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/audits")).StatusCode);
    }

    [Fact]
    public async Task SomeoneWithoutAnAccount_IsRefusedWithASentence_AndTheAttemptRecorded()
    {
        app.Provider.SignedIn = new("entra-object-id-stranger", "stranger@testshire.example", "pwd", "mfa");

        var (browser, page, _) = await SignInWithTheProviderAsync();

        Assert.Contains("There is no Parallax account for stranger@testshire.example", await ProblemAsync(page));
        var audits = await browser.GetAsync("/audits");
        Assert.StartsWith("/sign-in", audits.Headers.Location?.AbsolutePath);
        Assert.Equal([SecurityEventKind.SignInFailed], await EventsAsync("stranger@testshire.example"));
    }

    [Fact]
    public async Task ATokenSignedWithAKeyTheProviderNeverPublished_IsRefused()
    {
        app.Provider.SignedIn = new("entra-object-id-viewer", TestPartnership.Viewer, "pwd", "mfa");
        app.Provider.Forge = true;
        try
        {
            var (browser, page, address) = await SignInWithTheProviderAsync();

            Assert.EndsWith("/sign-in?handler=ExternalFailed", address);
            Assert.Contains("did not complete", await ProblemAsync(page));
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/audits")).StatusCode);
        }
        finally
        {
            app.Provider.Forge = false;
        }
    }

    [Fact]
    public async Task AnAdministratorRequiresTheProvider_AndAnInvitedPersonAcceptsBySigningInThere_WithNoPassword()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (admin, invited) = ($"admin.{tag}@idpshire.example", $"invited.{tag}@idpshire.example");
        Guid partnership;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            partnership = (await scope.ServiceProvider.GetRequiredService<Parallax.Core.Partnerships.PartnershipDirectory>().AddAsync("Idpshire SCP " + tag)).Id;
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(partnership, admin, [Roles.Administrator], null, TestPartnership.Password);
        }

        var adminBrowser = await app.SignedInBrowserAsync(admin);
        var settings = await adminBrowser.GetDocumentAsync("/admin/settings");
        Assert.Contains("your Testshire account", settings.QuerySelector("label[for=RequireIdentityProvider]")!.TextContent);
        var saved = await BrowserForm.Read(settings, "/admin/settings", "button[type=submit]").Tick("RequireIdentityProvider", "true").PostAsync(adminBrowser);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((await adminBrowser.GetDocumentAsync("/admin/settings")).QuerySelector("#RequireIdentityProvider")!.HasAttribute("checked"));

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<People>().InviteAsync(partnership, new PersonInput(invited, "Invited Person", [Roles.Viewer], null), admin);
        string link;
        await using (var scope = app.Services.CreateAsyncScope())
            link = (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.SingleAsync(m => m.To == invited)).SecretLink!;

        // The invitation says to sign in at the provider, and asks for no password.
        var page = await app.CreateBrowser().GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Equal("Accept your invitation", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("input[type=password]"));

        app.Provider.SignedIn = new($"entra-object-id-{tag}", invited, "pwd", "mfa");
        var (browser, home, _) = await SignInWithTheProviderAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agencies")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ParallaxUser>>();
            var user = (await users.FindByEmailAsync(invited))!;
            Assert.False(user.InvitationPending);
            Assert.False(await users.HasPasswordAsync(user));
        }

        // The invitation link is used up.
        Assert.Equal("This invitation link cannot be used", (await app.CreateBrowser().GetDocumentAsync(new Uri(link).PathAndQuery)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task WhereThePartnershipRequiresTwoFactor_APasswordOnlySignInAtTheProvider_IsRefused()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var other = await db.Users.Where(u => u.Email == TestPartnership.OtherLead).Select(u => u.PartnershipId).SingleAsync();
            (await db.Partnerships.SingleAsync(p => p.Id == other)).RequireTwoFactor = true;
            await db.SaveChangesAsync();
        }

        app.Provider.SignedIn = new("entra-object-id-other", TestPartnership.OtherLead, "pwd");
        var (browser, page, _) = await SignInWithTheProviderAsync();

        Assert.Contains("Your partnership requires a second step at sign-in", await ProblemAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/audits")).StatusCode);

        // The same person, having used multi-factor authentication at the provider, is in without a second code here.
        app.Provider.SignedIn = new("entra-object-id-other", TestPartnership.OtherLead, "pwd", "mfa");
        var (admitted, home, _) = await SignInWithTheProviderAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admitted.GetAsync("/audits")).StatusCode);
    }
}
