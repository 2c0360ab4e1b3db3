namespace Parallax.Tests.Journeys;

/// <summary>
/// Going live without the server's command line or database: an empty installation, the set-up link the server
/// prints, the partnership and its first administrator, the agencies from a CSV file, people invited by e-mail who
/// follow the links in the .eml files the outbox wrote, and sign in.
/// </summary>
public abstract class GoLiveTests(ParallaxAppFactory app)
{
    private const string AdminPassword = "saffron-glacier-tundra-marble";
    private const string AuditorPassword = "orchard-pebble-falcon-ribbon";

    /// <summary>Fifteen agencies, as a partnership's administrator would list them.</summary>
    public static string AgenciesCsv() => new StringBuilder()
        .AppendLine("Code,Name,Type,Works with adults,Returns contact e-mail")
        .AppendLine("CSC,Eastshire Children's Social Care,Children's social care,No,csc.qa@eastshire.example")
        .AppendLine("EH,Eastshire Early Help,Early Help / family service,No,")
        .AppendLine("POL,Eastshire Police,Police,Yes,mash@police.eastshire.example")
        .AppendLine("HV,Eastshire 0-19 Service,Health visiting,No,")
        .AppendLine("MW,Eastshire Maternity,Midwifery,Yes,")
        .AppendLine("GP,Eastshire GPs,GP,Yes,")
        .AppendLine("ACU,Eastshire Hospitals,Acute hospital trust,Yes,")
        .AppendLine("CAMHS,Eastshire CAMHS,CAMHS,No,")
        .AppendLine("AMH,Eastshire Adult Mental Health,Adult mental health,Yes,")
        .AppendLine("SMS,Eastshire Recovery Service,Substance misuse,Yes,")
        .AppendLine("EDU,Eastshire Schools,Education,No,")
        .AppendLine("PRO,Probation Service Eastshire,Probation,Yes,")
        .AppendLine("HOU,Eastshire Housing,Housing,Yes,")
        .AppendLine("DA,Eastshire Women's Aid,Domestic abuse service,Yes,")
        .AppendLine("YJ,Eastshire Youth Justice,Youth justice,No,")
        .ToString();

    [Fact]
    public async Task EmptyInstallation_SetUpLink_FirstAdministrator_AgenciesFromCsv_InvitationAccepted_AndTheUserSignsIn()
    {
        string link;
        await using (var scope = app.Services.CreateAsyncScope())
            link = new Uri((await ParallaxWebApp.PrintSetUpLinkAsync(scope.ServiceProvider, new StringWriter()))!).AbsolutePath;

        var admin = app.CreateBrowser();
        var setUp = await admin.SubmitFormAsync(link, new()
        {
            ["PartnershipName"] = "Eastshire Safeguarding Children Partnership", ["DisplayName"] = "Bea Manager", ["Email"] = "bea@eastshire.example",
            ["Password"] = AdminPassword, ["ConfirmPassword"] = AdminPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);

        var imported = await admin.UploadAsync("/admin/agencies/import", "AgencyList", "agencies.csv", Encoding.UTF8.GetBytes(AgenciesCsv()));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var agencies = await admin.GetDocumentAsync("/admin/agencies");
        Assert.Equal(15, agencies.QuerySelectorAll("table tbody tr").Length);

        var invited = await admin.SubmitFormAsync("/admin/users/invite", new()
        {
            ["Email"] = "hv.auditor@nhs.eastshire.example", ["DisplayName"] = "Hana Visitor", ["SelectedRoles"] = Roles.AgencyAuditor, ["AgencyCode"] = "HV",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var people = new StringBuilder("E-mail address,Name,Roles,Agency\r\n").Append("lead@eastshire.example,Lee Lead,AuditLead;PanelMember,\r\n");
        foreach (var code in new[] { "CSC", "POL", "GP", "EDU", "SMS", "AMH", "PRO", "HOU", "DA" }) people.Append($"{code.ToLowerInvariant()}.auditor@eastshire.example,,AgencyAuditor,{code}\r\n");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.UploadAsync("/admin/users/import", "PeopleList", "people.csv", Encoding.UTF8.GetBytes(people.ToString()))).StatusCode);

        var invitation = await Outbox.LinkSentToAsync(app, "hv.auditor@nhs.eastshire.example", People.InvitationKind);
        var person = app.CreateBrowser();
        var accepted = await person.SubmitFormAsync(invitation, new() { ["Password"] = AuditorPassword, ["ConfirmPassword"] = AuditorPassword });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var auditor = await app.SignedInBrowserAsync("hv.auditor@nhs.eastshire.example", AuditorPassword);
        var home = await auditor.GetDocumentAsync("/");
        Assert.Contains("Eastshire 0-19 Service", home.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/returns")).StatusCode);
        var users = await admin.GetDocumentAsync("/admin/users");
        var rows = users.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("hv.auditor@nhs.eastshire.example") && r.Contains("Active"));
        Assert.Contains(rows, r => r.Contains("lead@eastshire.example") && r.Contains("Invited"));
        Assert.Equal(12, rows.Count);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal(1, await db.Partnerships.CountAsync());
            // Every step went through the audit trail, by who did it.
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Entity == "Agency" && e.ActorName == "bea@eastshire.example"));
            Assert.Contains(await db.AuditEvents.Where(e => e.Entity == "ParallaxUser").FieldsAsync(), e => e.Field == "InvitationPending" && e.NewValue == "False");
        }
    }
}

public sealed class SqliteGoLiveTests(EmptySqliteAppFactory app) : GoLiveTests(app), IClassFixture<EmptySqliteAppFactory>;

public sealed class PostgresGoLiveTests(EmptyPostgresAppFactory app) : GoLiveTests(app), IClassFixture<EmptyPostgresAppFactory>;
