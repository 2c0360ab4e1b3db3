namespace Parallax.Tests.Users;

/// <summary>A partnership that signs in only at its identity provider: passwords open nothing but an administrator's.</summary>
public abstract class ProviderOnlyTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task WhereSignInIsAtTheProvider_APasswordOpensNothing_OpenPasswordSessionsEnd_AndNoResetLinkIsSent_ButTheAdministratorKeepsAWayIn()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (admin, viewer) = ($"admin.{tag}@providershire.example", $"viewer.{tag}@providershire.example");
        Guid partnership;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            partnership = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync("Providershire SCP " + tag)).Id;
            var people = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await people.AddAsync(partnership, admin, [Roles.Administrator], null, TestPartnership.Password);
            await people.AddAsync(partnership, viewer, [Roles.Viewer], null, TestPartnership.Password);
        }

        var open = await app.SignedInBrowserAsync(viewer);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/agencies")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            (await db.Partnerships.SingleAsync(p => p.Id == partnership)).RequireIdentityProvider = true;
            await db.SaveChangesAsync();
        }

        // The session made with a password ends at its next request.
        var ended = await open.GetAsync("/agencies");
        Assert.Equal("/sign-in", ended.Headers.Location?.OriginalString);
        Assert.StartsWith("/sign-in", (await open.GetAsync("/agencies")).Headers.Location?.AbsolutePath);

        // The right password is told where to sign in; a wrong one gets the usual answer, so nothing is given away.
        var right = await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = viewer, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your partnership signs in with", (await right.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var wrong = await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = viewer, ["Input.Password"] = "not-the-password-at-all" });
        Assert.Contains(Parallax.Features.Account.SignInModel.WrongCredentials, (await wrong.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        // The administrator signs in with their password, and stays signed in.
        var adminBrowser = await app.SignedInBrowserAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await adminBrowser.GetAsync("/admin/users")).StatusCode);

        // A reset link would set a password that opens nothing: none is sent, except to the administrator.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reset = scope.ServiceProvider.GetRequiredService<PasswordReset>();
            await reset.RequestAsync(viewer);
            await reset.RequestAsync(admin);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages;
            Assert.False(await outbox.AnyAsync(m => m.To == viewer));
            Assert.True(await outbox.AnyAsync(m => m.To == admin && m.Kind == PasswordReset.Kind));
        }
    }
}

public sealed class SqliteProviderOnlyTests(SqliteAppFactory app) : ProviderOnlyTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresProviderOnlyTests(PostgresAppFactory app) : ProviderOnlyTests(app), IClassFixture<PostgresAppFactory>;
