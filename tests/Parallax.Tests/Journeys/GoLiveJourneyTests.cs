namespace Parallax.Tests.Journeys;

/// <summary>
/// Going live in a real browser, with the keyboard, from an empty installation: the set-up link the server printed,
/// the partnership and its first administrator, fifteen agencies from a CSV file, ten people invited from a CSV
/// file, invitations accepted by following the links in the .eml files the outbox wrote, and the partnership's first
/// audit set up from a shipped tool and its requests sent.
/// axe-core checks every page on the way, error states included.
/// </summary>
public sealed partial class GoLiveJourneyTests : BrowserJourney
{
    private const string AdminPassword = "saffron-glacier-tundra-marble";
    private const string AuditorPassword = "orchard-pebble-falcon-ribbon";
    private const string LeadPassword = "lantern-thistle-copper-meadow";

    protected override string Name => "go-live";

    protected override bool CreatesTestPartnership => false;

    protected override IReadOnlyDictionary<string, string>? NodeEnvironment => new Dictionary<string, string> { ["Parallax__Mail__PollInterval"] = "00:00:01" };

    [Fact]
    public async Task EmptyInstallation_ToTheFirstAuditSent_WithTheKeyboard_AccessibleAtEveryStep()
    {
        var printed = ServerOutput.FirstOrDefault(l => l.Contains("/set-up/", StringComparison.Ordinal));
        Assert.NotNull(printed);
        var admin = await OpenAsync(new Uri(printed!.Trim()).AbsolutePath);
        await CheckAsync(admin, "set-up");
        await admin.Keyboard.PressAsync("Tab"); // Skip link, then the form: the keyboard reaches every field.
        await admin.FocusAsync("#PartnershipName");
        await admin.Keyboard.TypeAsync("Eastshire Safeguarding Children Partnership");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForSelectorAsync(".govuk-error-summary");
        await CheckAsync(admin, "set-up-errors");
        await admin.FillAsync("#DisplayName", "Bea Manager");
        await admin.FillAsync("#Email", "bea@eastshire.example");
        await admin.FillAsync("#Password", AdminPassword);
        await admin.FillAsync("#ConfirmPassword", AdminPassword);
        await admin.FocusAsync("#ConfirmPassword");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForURLAsync("**/account/two-factor/set-up");
        await CheckAsync(admin, "two-factor-set-up");

        var agencies = Path.Combine(Folder, "agencies.csv");
        await File.WriteAllTextAsync(agencies, Parallax.Tests.Journeys.GoLiveTests.AgenciesCsv(), Encoding.UTF8);
        await admin.GotoAsync("/admin/agencies");
        await CheckAsync(admin, "agencies-empty");
        await admin.GotoAsync("/admin/agencies/import");
        await CheckAsync(admin, "agency-import");
        await admin.SetInputFilesAsync("#AgencyList", agencies);
        await admin.FocusAsync("button:has-text('Import the agencies')");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForURLAsync("**/admin/agencies");
        Assert.Equal(15, await admin.Locator("table tbody tr").CountAsync());
        await CheckAsync(admin, "agencies");
        // The standard list: the types the CSV brought are not ticked again.
        await admin.GotoAsync("/admin/agencies/standard");
        Assert.False(await admin.IsCheckedAsync("#Rows_2__Add")); // Police, imported above
        await CheckAsync(admin, "agency-standard-list");
        await admin.GotoAsync("/admin/agencies/new");
        await admin.FocusAsync("button:has-text('Add the agency')");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForSelectorAsync(".govuk-error-summary");
        await CheckAsync(admin, "new-agency-errors");
        await admin.GotoAsync("/admin/agencies");
        await admin.ClickAsync("table tbody tr a >> nth=0");
        await CheckAsync(admin, "agency");

        var people = new StringBuilder("E-mail address,Name,Roles,Agency\r\n").Append("lead@eastshire.example,Lee Lead,AuditLead;PanelMember,\r\n");
        foreach (var code in new[] { "HV", "CSC", "POL", "GP", "EDU", "SMS", "AMH", "PRO", "HOU" }) people.Append($"{code.ToLowerInvariant()}.auditor@eastshire.example,,AgencyAuditor,{code}\r\n");
        var peopleFile = Path.Combine(Folder, "people.csv");
        await File.WriteAllTextAsync(peopleFile, people.ToString(), Encoding.UTF8);
        await admin.GotoAsync("/admin/users/import");
        await CheckAsync(admin, "invite-import");
        await admin.SetInputFilesAsync("#PeopleList", peopleFile);
        await admin.FocusAsync("button:has-text('Send the invitations')");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForURLAsync("**/admin/users");
        Assert.Equal(11, await admin.Locator("table tbody tr").CountAsync());
        await CheckAsync(admin, "users");
        await admin.GotoAsync("/admin/users/invite");
        await CheckAsync(admin, "invite");
        await admin.GotoAsync("/admin/users");
        await admin.ClickAsync("a:has-text('lead@eastshire.example')");
        await CheckAsync(admin, "user");

        var invitation = await InvitationLinkAsync("hv.auditor@eastshire.example");
        var auditor = await OpenAsync(invitation);
        await CheckAsync(auditor, "invitation");
        await auditor.FocusAsync("#Password");
        await auditor.Keyboard.TypeAsync(AuditorPassword);
        await auditor.Keyboard.PressAsync("Tab");
        await auditor.Keyboard.TypeAsync(AuditorPassword);
        await auditor.Keyboard.PressAsync("Enter");
        await auditor.WaitForURLAsync("**/sign-in");
        await CheckAsync(auditor, "sign-in-after-invitation");
        await auditor.FillAsync("#Input_Email", "hv.auditor@eastshire.example");
        await auditor.FillAsync("#Input_Password", AuditorPassword);
        await auditor.Keyboard.PressAsync("Enter");
        await auditor.WaitForSelectorAsync("form[action='/sign-out']");
        Assert.Contains("Eastshire 0-19 Service", await auditor.TextContentAsync("main"));
        await auditor.GotoAsync("/account");
        await CheckAsync(auditor, "account");
        await auditor.GotoAsync("/account/password");
        await CheckAsync(auditor, "change-password");

        // The lead accepts their invitation too, copies a shipped tool, sets up the partnership's first audit and sends
        // its requests: the police have no auditor yet, so their returns contact is told; the 0-19 auditor sees the request.
        var lead = await OpenAsync(await InvitationLinkAsync("lead@eastshire.example"));
        await lead.FillAsync("#Password", LeadPassword);
        await lead.FillAsync("#ConfirmPassword", LeadPassword);
        await lead.Keyboard.PressAsync("Enter");
        await lead.WaitForURLAsync("**/sign-in");
        await lead.FillAsync("#Input_Email", "lead@eastshire.example");
        await lead.FillAsync("#Input_Password", LeadPassword);
        await lead.Keyboard.PressAsync("Enter");
        await lead.WaitForSelectorAsync("form[action='/sign-out']");
        await lead.GotoAsync("/tools");
        await CheckAsync(lead, "tools-empty-installation");
        await lead.ClickAsync("button:has-text('Copy Trigger trio: outcomes for the child into the partnership')");
        await lead.GotoAsync("/audits/new");
        await lead.FillAsync("#Title", "First audit: the trigger trio");
        await lead.FillAsync("#Theme", "Domestic abuse, substance misuse and parental mental health");
        await lead.SelectOptionAsync("#Tool", new SelectOptionValue { Index = 1 });
        var today = DateTime.Today;
        await lead.FillAsync("#RequestsSentOn_Day", today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await lead.FillAsync("#RequestsSentOn_Month", today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await lead.FillAsync("#RequestsSentOn_Year", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await lead.FillAsync("#ReturnWorkingDays", "10");
        await lead.ClickAsync("button:has-text('Set up the audit')");
        await lead.WaitForURLAsync(url => !url.EndsWith("/audits/new", StringComparison.Ordinal));
        var auditUrl = lead.Url;
        await lead.ClickAsync("text=Add a case to the sample");
        await lead.FillAsync("#Uin", "EA1001");
        await lead.FillAsync("#Initials", "KT");
        await lead.FillAsync("#AgeYears", "3");
        await lead.CheckAsync("#Sex");
        await lead.SelectOptionAsync("#Ethnicity", new SelectOptionValue { Index = 1 });
        await lead.CheckAsync("#LevelOfNeed-ChildInNeed");
        await lead.CheckAsync("#HeardAtMarac-no");
        await lead.ClickAsync("button:has-text('Add the case')");
        await lead.GotoAsync(auditUrl);
        await lead.ClickAsync("a:has-text('Record agencies for case EA1001')");
        await lead.GetByLabel("Eastshire 0-19 Service knows Child").CheckAsync();
        await lead.GetByLabel("Eastshire Police knows Child").CheckAsync();
        await lead.ClickAsync("button:has-text('Save')");
        await lead.GotoAsync(auditUrl + "/returns");
        await lead.ClickAsync("button:has-text('Create return requests from the agencies involved')");
        await lead.ClickAsync("a:has-text('Check and send the 2 requests not yet sent')");
        Assert.Contains("mash@police.eastshire.example", await lead.TextContentAsync("#send-agencies"));
        await CheckAsync(lead, "first-requests-check");
        await lead.ClickAsync("button:has-text('Send 2 requests')");
        await Assertions.Expect(lead.Locator(".govuk-panel__title")).ToHaveTextAsync("Requests sent");
        await CheckAsync(lead, "first-requests-sent");
        await auditor.GotoAsync("/returns");
        Assert.Contains("EA1001", await auditor.TextContentAsync("main"));

        var stranger = await OpenAsync("/account/forgotten-password");
        await CheckAsync(stranger, "forgotten-password");
        await stranger.FillAsync("#Email", "nobody@eastshire.example");
        await stranger.Keyboard.PressAsync("Enter");
        await stranger.WaitForSelectorAsync("h1:has-text('Check your e-mail')");
        await CheckAsync(stranger, "forgotten-password-sent");
        await stranger.GotoAsync(invitation);
        await CheckAsync(stranger, "used-invitation");
    }

    /// <summary>The invitation link in the .eml file the server's outbox wrote for <paramref name="to"/>, waited for.</summary>
    private async Task<string> InvitationLinkAsync(string to)
    {
        var folder = Path.Combine(Folder, "mail");
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var mime = await MimeKit.MimeMessage.LoadAsync(file);
                    if (mime.To.Mailboxes.Any(m => m.Address == to) && LinkPattern().Match(mime.TextBody ?? "") is { Success: true } link)
                        return new Uri(link.Value).AbsolutePath;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No invitation for {to} reached the mail folder within a minute.");
    }

    [GeneratedRegex(@"https?://\S+/account/invitation/\S+")]
    private static partial Regex LinkPattern();
}
