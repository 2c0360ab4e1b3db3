namespace Parallax.Tests.Users;

/// <summary>
/// One person, several partnerships (decision 0034): a person with a membership of Testshire and of
/// Otherfield acts in one at a time, chooses which at /account/partnership, and is refused the other's records (404)
/// by URL and by posted ids; a leaver removed from one partnership keeps the other; inviting an address that already
/// has an account adds a membership, mails a notice and sets no password.
/// </summary>
public abstract class SeveralPartnershipsTests(ParallaxAppFactory app)
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..6]}@testshire.example";

    private async Task<T> WithDbAsync<T>(Func<ParallaxDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParallaxDbContext>());
    }

    private Task<Guid> OtherfieldAsync() => WithDbAsync(db => db.Partnerships.Where(p => p.Name == "Otherfield Safeguarding Children Partnership").Select(p => p.Id).SingleAsync());

    private Task<ParallaxUser> UserAsync(string email) => WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    /// <summary>A person added to Testshire, then to Otherfield, as the command line adds them (the second keeps the first password).</summary>
    private async Task<ParallaxUser> TwoPartnershipPersonAsync(string email, string testshireRole, string otherfieldRole)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var user = await users.AddAsync(app.Data.Partnership.Id, email, [testshireRole], null, TestPartnership.Password);
        await users.AddAsync(await OtherfieldAsync(), email, [otherfieldRole], null, "a-different-password-never-used");
        return user;
    }

    private async Task<Guid> AuditAsync(Guid partnershipId, string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await TestAudits.CreateAsync(scope.ServiceProvider, partnershipId, title)).Id;
    }

    private static async Task<string> AuditListAsync(HttpClient browser) =>
        (await browser.GetDocumentAsync("/audits")).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task APersonInTwoPartnerships_Switches_SeesEachOnesAudits_AndIsRefusedTheOthersRecords_ByUrlAndByPostedIds()
    {
        var otherfield = await OtherfieldAsync();
        var testshireAudit = await AuditAsync(app.Data.Partnership.Id, "Testshire neglect audit");
        var otherfieldAudit = await AuditAsync(otherfield, "Otherfield neglect audit");
        var email = Unique("two.lead");
        var person = await TwoPartnershipPersonAsync(email, Roles.AuditLead, Roles.AuditLead);
        var otherfieldOnly = await UserAsync(TestPartnership.OtherLead);

        var browser = await app.SignedInBrowserAsync(email);

        // Signed in, the person acts in the partnership they had first (the last chosen): Testshire's audits only.
        var home = await browser.GetDocumentAsync("/");
        var change = home.QuerySelector("header a[href='/account/partnership']");
        Assert.NotNull(change);
        Assert.Contains("Change partnership", change!.TextContent);
        var list = await AuditListAsync(browser);
        Assert.Contains("Testshire neglect audit", list);
        Assert.DoesNotContain("Otherfield neglect audit", list);
        // Otherfield's records are not found, by URL and by a form posted to them.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/audits/{otherfieldAudit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitFormAsync($"/audits/{otherfieldAudit}/team?handler=Add",
            new() { ["UserId"] = person.Id.ToString(), ["Role"] = "Lead" }, $"/audits/{testshireAudit}/team")).StatusCode);
        // An id of Otherfield's posted in a Testshire form: a person of the other partnership is not one of this one's.
        var refused = await browser.SubmitFormAsync($"/audits/{testshireAudit}/team?handler=Add",
            new() { ["UserId"] = otherfieldOnly.Id.ToString(), ["Role"] = "Lead" }, $"/audits/{testshireAudit}/team");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Select a person from your partnership", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.False(await WithDbAsync(db => db.AuditTeamMembers.AnyAsync(m => m.UserId == otherfieldOnly.Id)));

        // The switcher lists the person's two partnerships as radio buttons, the current one chosen.
        var switcher = await browser.GetDocumentAsync("/account/partnership");
        var radios = switcher.QuerySelectorAll("main input[type=radio][name=PartnershipId]");
        Assert.Equal(2, radios.Length);
        Assert.Equal(app.Data.Partnership.Id.ToString(), switcher.QuerySelector("main input[type=radio][name=PartnershipId]:checked")!.GetAttribute("value"));
        foreach (var radio in radios) Assert.NotNull(switcher.QuerySelector($"label[for='{radio.Id}']"));

        // A partnership the person is not a member of cannot be chosen by posting its id.
        Guid third;
        await using (var scope = app.Services.CreateAsyncScope())
            third = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync($"Thirdford {Guid.NewGuid().ToString("N")[..4]} Partnership")).Id;
        var notMine = await browser.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = third.ToString() });
        Assert.Equal(HttpStatusCode.OK, notMine.StatusCode);
        Assert.NotNull((await notMine.ReadDocumentAsync()).QuerySelector(".govuk-error-summary"));
        Assert.Contains("Testshire neglect audit", await AuditListAsync(browser));

        var switched = await browser.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = otherfield.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        list = await AuditListAsync(browser);
        Assert.Contains("Otherfield neglect audit", list);
        Assert.DoesNotContain("Testshire neglect audit", list);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/audits/{otherfieldAudit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/audits/{testshireAudit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitFormAsync($"/audits/{testshireAudit}/team?handler=Add",
            new() { ["UserId"] = person.Id.ToString(), ["Role"] = "Lead" }, $"/audits/{otherfieldAudit}/team")).StatusCode);
        Assert.False(await WithDbAsync(db => db.AuditTeamMembers.AnyAsync(m => m.UserId == person.Id && m.AuditId == testshireAudit)));
        // The change is a security event in the trail.
        Assert.True(await WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == person.Id && e.Kind == SecurityEventKind.PartnershipChanged && e.PartnershipId == otherfield)));

        // A new sign-in acts in the partnership chosen last.
        var again = await app.SignedInBrowserAsync(email);
        list = await AuditListAsync(again);
        Assert.Contains("Otherfield neglect audit", list);
        Assert.DoesNotContain("Testshire neglect audit", list);

        // And back again.
        Assert.Equal(HttpStatusCode.Redirect, (await again.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = app.Data.Partnership.Id.ToString() })).StatusCode);
        Assert.Contains("Testshire neglect audit", await AuditListAsync(again));
    }

    [Fact]
    public async Task RolesArePerPartnership_ALeadInOneIsAViewerInTheOther()
    {
        var otherfield = await OtherfieldAsync();
        var email = Unique("lead.viewer");
        await TwoPartnershipPersonAsync(email, Roles.AuditLead, Roles.Viewer);
        var browser = await app.SignedInBrowserAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/audits")).StatusCode);

        await browser.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = otherfield.ToString() });

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/audits")).StatusCode);
    }

    [Fact]
    public async Task ALeaverRemovedFromOnePartnership_KeepsTheOther()
    {
        var otherfield = await OtherfieldAsync();
        var email = Unique("leaver");
        var person = await TwoPartnershipPersonAsync(email, Roles.AuditLead, Roles.AuditLead);
        await AuditAsync(otherfield, "Otherfield leaver audit");
        var session = await app.SignedInBrowserAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/audits")).StatusCode);
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var response = await admin.SubmitFormAsync($"/admin/users/{person.Id}?handler=Deactivate", new(), $"/admin/users/{person.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The session acting in Testshire ends at its next request.
        var next = await session.GetAsync("/audits");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/sign-in", next.Headers.Location!.PathAndQuery);
        // The account stays open: the person signs in with the same password and acts in Otherfield, with nothing to change to.
        Assert.Null((await UserAsync(email)).DeactivatedAt);
        var back = await app.SignedInBrowserAsync(email);
        Assert.Contains("Otherfield leaver audit", await AuditListAsync(back));
        Assert.Null((await back.GetDocumentAsync("/")).QuerySelector("header a[href='/account/partnership']"));
        // Nor can the ended membership be chosen by posting its id.
        var notMine = await back.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = app.Data.Partnership.Id.ToString() });
        Assert.Equal(HttpStatusCode.OK, notMine.StatusCode);
        Assert.Contains("Otherfield leaver audit", await AuditListAsync(back));
        // Testshire's administrator sees the membership ended; the Otherfield membership is not theirs to see.
        Assert.Contains(email, (await admin.GetDocumentAsync("/admin/users?Status=Deactivated")).QuerySelector("table tbody")!.TextContent);
        Assert.True(await WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == person.Id && m.PartnershipId == otherfield && m.DeactivatedAt == null)));
    }

    [Fact]
    public async Task TheLastMembershipEnding_DeactivatesTheAccount()
    {
        var email = Unique("last");
        var person = await TwoPartnershipPersonAsync(email, Roles.Viewer, Roles.Viewer);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<People>();
            await people.DeactivateAsync(await OtherfieldAsync(), person.Id, null);
            Assert.Null((await UserAsync(email)).DeactivatedAt);
        }

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{person.Id}?handler=Deactivate", new(), $"/admin/users/{person.Id}")).StatusCode);

        Assert.NotNull((await UserAsync(email)).DeactivatedAt);
        var signIn = await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task ASignedInPerson_AddedToASecondPartnership_SeesChangePartnershipOnTheirNextPage_WithoutSigningInAgain()
    {
        // The session check keeps a session that still matches the account and rebuilds one that does not; a new
        // membership changes no security stamp, so only the comparison can notice it.
        var email = Unique("added.later");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(app.Data.Partnership.Id, email, [Roles.Viewer], null, TestPartnership.Password);
        var browser = await app.SignedInBrowserAsync(email);
        Assert.Null((await browser.GetDocumentAsync("/")).QuerySelector("header a[href='/account/partnership']"));
        var stamp = (await UserAsync(email)).SecurityStamp;

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(await OtherfieldAsync(), email, [Roles.Viewer], null, "a-different-password-never-used");

        Assert.Equal(stamp, (await UserAsync(email)).SecurityStamp);
        var next = await browser.GetDocumentAsync("/");
        Assert.NotNull(next.QuerySelector("header a[href='/account/partnership']"));
        // Still acting in the partnership it signed in to.
        Assert.Contains("Testshire", next.QuerySelector("header")!.TextContent);
    }

    [Fact]
    public async Task InvitingAnAddressThatHasAnAccount_AddsAMembership_MailsANotice_AndSetsNoPassword()
    {
        var otherfield = await OtherfieldAsync();
        var email = Unique("existing");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(otherfield, email, [Roles.AuditLead], null, TestPartnership.Password);
        var before = await UserAsync(email);
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        // Testshire's administrator cannot open a person who is only Otherfield's.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/users/{before.Id}")).StatusCode);

        var invited = await admin.SubmitFormAsync("/admin/users/invite", new()
        {
            ["Email"] = email, ["DisplayName"] = "Rhian Twofold", ["SelectedRoles"] = Roles.AgencyAuditor, ["AgencyCode"] = "tpol",
        });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var after = await UserAsync(email);
        // The same account, its password untouched and nothing pending: no invitation link, a notice instead.
        Assert.Equal((before.Id, before.PasswordHash, false), (after.Id, after.PasswordHash, after.InvitationPending));
        Assert.False(await WithDbAsync(db => db.OneTimeLinks.AnyAsync(l => l.UserId == after.Id)));
        var mails = await WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).ToListAsync());
        var notice = Assert.Single(mails);
        Assert.Equal(People.MembershipNoticeKind, notice.Kind);
        Assert.Null(notice.SecretLink);
        var memberships = await WithDbAsync(db => db.Memberships.Where(m => m.UserId == after.Id).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal(2, memberships.Count);
        Assert.Equal((otherfield, (Guid?)null, Roles.AuditLead), (memberships[0].PartnershipId, memberships[0].AgencyId, Assert.Single(memberships[0].Roles)));
        Assert.Equal((app.Data.Partnership.Id, (Guid?)app.Data.Police.Id, Roles.AgencyAuditor), (memberships[1].PartnershipId, memberships[1].AgencyId, Assert.Single(memberships[1].Roles)));
        // Testshire's list shows Testshire's roles for them, not Otherfield's.
        var line = (await admin.GetDocumentAsync($"/admin/users?Search={Uri.EscapeDataString(email)}")).QuerySelector("table tbody")!.TextContent;
        Assert.Contains("Agency auditor", line);
        Assert.DoesNotContain("Audit lead", line);
        // Inviting them again is refused with a sentence, on the field.
        var twice = await admin.SubmitFormAsync("/admin/users/invite", new() { ["Email"] = email, ["SelectedRoles"] = Roles.Viewer });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("already", (await twice.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        // The person signs in with the password they had and can change to Testshire.
        var person = await app.SignedInBrowserAsync(email);
        Assert.NotNull((await person.GetDocumentAsync("/")).QuerySelector("header a[href='/account/partnership']"));
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = app.Data.Partnership.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/returns")).StatusCode);
    }
}

public sealed class SqliteSeveralPartnershipsTests(SqliteAppFactory app) : SeveralPartnershipsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSeveralPartnershipsTests(PostgresAppFactory app) : SeveralPartnershipsTests(app), IClassFixture<PostgresAppFactory>;
