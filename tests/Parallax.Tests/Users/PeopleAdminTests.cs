namespace Parallax.Tests.Users;

/// <summary>The administrator's people pages: invitations, access changes, leavers, lockouts and lost authenticators.</summary>
public abstract class PeopleAdminTests(ParallaxAppFactory app)
{
    private const string NewPassword = "harbour-juniper-copper-kettle";

    private static string Unique(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..6]}@testshire.example";

    private async Task<T> WithDbAsync<T>(Func<ParallaxDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParallaxDbContext>());
    }

    private Task<ParallaxUser> UserAsync(string email) => WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    /// <summary>The person's membership of the test partnership (agency, roles, ended or not).</summary>
    private Task<Membership> MembershipAsync(string email) =>
        WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.User!.Email == email && m.PartnershipId == app.Data.Partnership.Id));

    /// <summary>An active user added as the command line adds them, with the test password.</summary>
    private async Task<ParallaxUser> AddUserAsync(string email, string role, string? agency = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(app.Data.Partnership.Id, email, [role], agency, TestPartnership.Password);
    }

    [Fact]
    public async Task Invite_MailsASingleUseLink_ThePersonChoosesTheirPassword_AndSignsIn()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var email = Unique("new.auditor");

        var invited = await admin.SubmitFormAsync("/admin/users/invite", new()
        {
            ["Email"] = email, ["DisplayName"] = "Nia Auditor", ["SelectedRoles"] = Roles.AgencyAuditor, ["AgencyCode"] = "tpol",
        });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var user = await UserAsync(email);
        Assert.Equal((true, null, app.Data.Police.Id), (user.InvitationPending, user.PasswordHash, (await MembershipAsync(email)).AgencyId));
        var queued = await WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == email));
        // The outbox (which administrators read) and the audit trail hold no usable link; the database holds only its hash.
        Assert.Contains(MailItem.LinkPlaceholder, queued.Body);
        Assert.DoesNotContain("/account/invitation/", queued.Body);
        Assert.DoesNotContain(await WithDbAsync(db => db.AuditEvents.Where(e => e.Entity == "OutboxMessage").Select(e => e.Changes).ToListAsync()), v => v.Contains("/account/invitation/"));
        var list = await admin.GetDocumentAsync($"/admin/users?Search={Uri.EscapeDataString(email)}");
        Assert.Contains("Invited", list.QuerySelector("table tbody")!.TextContent);
        // Until the invitation is accepted there is no password: nothing signs in.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword })).StatusCode);

        var link = await Outbox.LinkSentToAsync(app, email, People.InvitationKind);
        Assert.Null(await WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).Select(m => m.SecretLink).SingleAsync()));
        Assert.False(await WithDbAsync(db => db.OneTimeLinks.AnyAsync(l => link.Contains(l.TokenHash))));
        var person = app.CreateBrowser();
        var page = await person.GetDocumentAsync(link);
        Assert.Equal("Choose your password", page.QuerySelector("h1")!.TextContent);
        var mismatch = await (await person.SubmitFormAsync(link, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = "something else entirely" })).ReadDocumentAsync();
        Assert.Contains("do not match", mismatch.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.True((await UserAsync(email)).InvitationPending);

        var accepted = await person.SubmitFormAsync(link, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var signedIn = await app.SignedInBrowserAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/returns")).StatusCode);
        var again = await app.CreateBrowser().GetDocumentAsync(link);
        Assert.Equal("This invitation link cannot be used", again.QuerySelector("h1")!.TextContent);
        var after = await admin.GetDocumentAsync($"/admin/users?Search={Uri.EscapeDataString(email)}");
        Assert.Contains("Active", after.QuerySelector("table tbody")!.TextContent);
        Assert.DoesNotContain("Never", after.QuerySelector("table tbody")!.TextContent);
    }

    [Theory]
    [InlineData(TestPartnership.Lead, Roles.Viewer, "", "already has an account")]
    [InlineData("", Roles.Viewer, "", "Enter an e-mail address")]
    [InlineData("new", "Superuser", "", "is not a role")]
    [InlineData("new", "", "", "Select at least one role")]
    [InlineData("new", Roles.AgencyAuditor, "", "must belong to an agency")]
    [InlineData("new", Roles.AgencyAuditor, "NOPE", "no agency with code")]
    [InlineData("new", Roles.AgencyAuditor, "OPOL", "no agency with code")]
    [InlineData("new", Roles.AgencyAuditor, "retired", "has been retired")]
    public async Task Invite_BadInput_SaysOneSentence_AndStoresNothing(string email, string role, string agency, string message)
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        if (agency == "retired")
        {
            await using var scope = app.Services.CreateAsyncScope();
            var register = scope.ServiceProvider.GetRequiredService<AgencyRegister>();
            var code = "RT" + Random.Shared.Next(1000, 9999);
            var added = await register.AddAsync(app.Data.Partnership.Id, new AgencyInput(code, "Retired agency " + code, "Housing", false, null));
            await register.RetireAsync(app.Data.Partnership.Id, added.Id);
            agency = code;
        }

        var before = await WithDbAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync(), await db.OneTimeLinks.CountAsync()));
        var response = await admin.SubmitFormAsync("/admin/users/invite", new()
        {
            ["Email"] = email == "new" ? Unique("bad") : email, ["SelectedRoles"] = role, ["AgencyCode"] = agency,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary li");
        Assert.Contains(message, Assert.Single(summary).TextContent);
        Assert.Equal(before, await WithDbAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync(), await db.OneTimeLinks.CountAsync())));
    }

    [Fact]
    public async Task InvitationLink_ExpiredAfter72Hours_OrResent_OrCancelled_CannotBeUsed()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var email = Unique("late");
        await using (var old = app.CommandServices(new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-73))))
        await using (var scope = old.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<People>().InviteAsync(app.Data.Partnership.Id, new PersonInput(email, null, [Roles.Viewer], null), "test");
        var expired = await Outbox.LinkSentToAsync(app, email, People.InvitationKind);
        Assert.Equal("This invitation link cannot be used", (await app.CreateBrowser().GetDocumentAsync(expired)).QuerySelector("h1")!.TextContent);
        var refused = await app.CreateBrowser().SubmitFormAsync(expired, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword }, "/sign-in");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True((await UserAsync(email)).InvitationPending);

        var user = await UserAsync(email);
        var page = await admin.GetDocumentAsync($"/admin/users/{user.Id}");
        Assert.Contains("the link has expired", page.QuerySelector(".govuk-summary-list")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Resend", new(), $"/admin/users/{user.Id}")).StatusCode);
        var first = await Outbox.LinkSentToAsync(app, email, People.InvitationKind);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Resend", new(), $"/admin/users/{user.Id}")).StatusCode);
        var second = await Outbox.LinkSentToAsync(app, email, People.InvitationKind);
        Assert.NotEqual(first, second);
        Assert.Equal("This invitation link cannot be used", (await app.CreateBrowser().GetDocumentAsync(first)).QuerySelector("h1")!.TextContent);
        Assert.Equal("Choose your password", (await app.CreateBrowser().GetDocumentAsync(second)).QuerySelector("h1")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Cancel", new(), $"/admin/users/{user.Id}")).StatusCode);
        Assert.False(await WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal("This invitation link cannot be used", (await app.CreateBrowser().GetDocumentAsync(second)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Deactivate_EndsTheOpenSessionOnItsNextRequest_RefusesSignIn_AndReactivateRestoresIt()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var email = Unique("leaver");
        var user = await AddUserAsync(email, Roles.AuditLead);
        var session = await app.SignedInBrowserAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/audits")).StatusCode);

        var response = await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Deactivate", new(), $"/admin/users/{user.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = await session.GetAsync("/audits");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/sign-in", next.Headers.Location!.PathAndQuery);
        var signIn = await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Enter a correct e-mail address and password", (await signIn.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var list = await admin.GetDocumentAsync("/admin/users?Status=Deactivated");
        Assert.Contains(email, list.QuerySelector("table tbody")!.TextContent);
        Assert.DoesNotContain(TestPartnership.Lead, list.QuerySelector("table tbody")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Reactivate", new(), $"/admin/users/{user.Id}")).StatusCode);
        await app.SignedInBrowserAsync(email);
    }

    [Fact]
    public async Task TheLastAdministrator_CannotLoseTheRole_OrBeDeactivated()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var me = await UserAsync(TestPartnership.Admin);

        var response = await admin.SubmitFormAsync($"/admin/users/{me.Id}", new() { ["SelectedRoles"] = Roles.AuditLead });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only active administrator", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<People>();
        var refused = await Assert.ThrowsAsync<DomainException>(() => people.DeactivateAsync(app.Data.Partnership.Id, me.Id, null));
        Assert.Contains("only active administrator", refused.Message);
        Assert.Contains(Roles.Administrator, (await MembershipAsync(TestPartnership.Admin)).Roles);
        Assert.Null((await UserAsync(TestPartnership.Admin)).DeactivatedAt);
    }

    [Fact]
    public async Task ChangeRolesAndAgency_AppliesAtOnce_AndTheListFiltersByRoleAndAgency()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var email = Unique("mover");
        var user = await AddUserAsync(email, Roles.Viewer);
        var session = await app.SignedInBrowserAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/returns")).StatusCode);

        var response = await admin.SubmitFormAsync($"/admin/users/{user.Id}", new() { ["DisplayName"] = "Moved Person", ["SelectedRoles"] = Roles.AgencyAuditor, ["AgencyCode"] = "TEDU" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/returns")).StatusCode);
        var again = await app.SignedInBrowserAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/returns")).StatusCode);
        Assert.Equal(app.Data.School.Id, (await MembershipAsync(email)).AgencyId);
        var filtered = await admin.GetDocumentAsync("/admin/users?Role=AgencyAuditor&Agency=TEDU");
        var rows = filtered.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(email));
        Assert.Contains(rows, r => r.Contains(TestPartnership.SchoolAuditor));
        Assert.DoesNotContain(rows, r => r.Contains(TestPartnership.PoliceAuditor));
    }

    [Fact]
    public async Task Unlock_EndsALockout_AndResetTwoFactorRemovesTheAuthenticator()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var email = Unique("locked");
        var user = await AddUserAsync(email, Roles.PanelMember);
        for (var i = 0; i < IdentitySetup.MaxFailedSignIns; i++)
            await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = "not-the-password-at-all" });
        var locked = await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Locked", (await admin.GetDocumentAsync($"/admin/users/{user.Id}")).QuerySelector(".govuk-summary-list")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=Unlock", new(), $"/admin/users/{user.Id}")).StatusCode);
        await app.SignedInBrowserAsync(email);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
            var tracked = await users.FindByEmailAsync(email);
            await users.ResetAuthenticatorKeyAsync(tracked!);
            await users.SetTwoFactorEnabledAsync(tracked!, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(tracked!, 10);
        }

        var keyBefore = await WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{user.Id}?handler=ResetTwoFactor", new(), $"/admin/users/{user.Id}")).StatusCode);
        Assert.False((await UserAsync(email)).TwoFactorEnabled);
        Assert.NotEqual(keyBefore, await WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleOrDefaultAsync()));
        Assert.False(await WithDbAsync(db => db.UserTokens.AnyAsync(t => t.UserId == user.Id && t.Name == "RecoveryCodes")));
        await app.SignedInBrowserAsync(email);
    }

    [Fact]
    public async Task InviteFromFile_EveryoneOrNoOne_WithProblemsByRowAndColumn()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var (a, b) = (Unique("bulk.a"), Unique("bulk.b"));
        var before = await WithDbAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync()));

        var bad = await admin.UploadAsync("/admin/users/import", "PeopleList", "people.csv", System.Text.Encoding.UTF8.GetBytes(
            $"E-mail address,Name,Roles,Agency\r\n{a},Ann,AgencyAuditor,TPOL\r\n{a},Ann again,Viewer,\r\n{TestPartnership.Lead},,Viewer,\r\nnot-an-address,,Viewer,\r\n{b},,Wizard,\r\n{b},,AgencyAuditor,\r\n"));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var problems = (await bad.ReadDocumentAsync()).QuerySelectorAll("#problems tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Contains(problems, p => p.StartsWith("3|E-mail address|") && p.Contains("also on row 2"));
        Assert.Contains(problems, p => p.StartsWith("4|E-mail address|") && p.Contains("already has an account"));
        Assert.Contains(problems, p => p.StartsWith("5|E-mail address|"));
        Assert.Contains(problems, p => p.StartsWith("6|Roles|") && p.Contains("is not a role"));
        Assert.Contains(problems, p => p.StartsWith("7|Agency|") && p.Contains("must belong to an agency"));
        Assert.Equal(before, await WithDbAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync())));

        var good = await admin.UploadAsync("/admin/users/import", "PeopleList", "people.csv", System.Text.Encoding.UTF8.GetBytes(
            $"E-mail address,Name,Roles,Agency\r\n{a},Ann Auditor,AgencyAuditor,tpol\r\n{b},Ben Lead,AuditLead; PanelMember,\r\n"));

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal((true, app.Data.Police.Id), ((await UserAsync(a)).InvitationPending, (await MembershipAsync(a)).AgencyId));
        await Outbox.LinkSentToAsync(app, b, People.InvitationKind);
        var line = (await admin.GetDocumentAsync($"/admin/users?Search={Uri.EscapeDataString(b)}")).QuerySelector("table tbody")!.TextContent;
        Assert.Contains("Audit lead, Panel member", line);
    }

    [Fact]
    public async Task List_PagesTwentyFiveAtATime()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            for (var i = 0; i < 26; i++) await users.AddAsync(app.Data.Partnership.Id, $"paged{i:00}.{Guid.NewGuid().ToString("N")[..4]}@testshire.example", [Roles.Viewer], null, TestPartnership.Password);
        }

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var first = await admin.GetDocumentAsync("/admin/users?Search=paged");
        var second = await admin.GetDocumentAsync("/admin/users?Search=paged&p=2");

        Assert.Equal(25, first.QuerySelectorAll("table tbody tr").Length);
        Assert.True(second.QuerySelectorAll("table tbody tr").Length >= 1);
        Assert.NotNull(first.QuerySelector(".govuk-pagination__next a[href*='p=2']"));
        Assert.Contains("paged", second.QuerySelector("table tbody")!.TextContent);
    }
}

public sealed class SqlitePeopleAdminTests(SqliteAppFactory app) : PeopleAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPeopleAdminTests(PostgresAppFactory app) : PeopleAdminTests(app), IClassFixture<PostgresAppFactory>;
