namespace Parallax.Tests.Cases;

public abstract class CaseRegisterTests(ParallaxAppFactory app)
{
    private async Task<Guid> AuditAsync(Guid? partnershipId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await TestAudits.CreateAsync(scope.ServiceProvider, partnershipId ?? app.Data.Partnership.Id)).Id;
    }

    private static Dictionary<string, string> Child(string uin, string initials = "JT", string age = "3") => new()
    {
        ["Uin"] = uin, ["Initials"] = initials, ["AgeYears"] = age, ["Sex"] = "Male",
        ["Ethnicity"] = "White: Any other White background", ["Area"] = "East", ["LevelOfNeed"] = "ChildProtection", ["ProtectionCategory"] = "Neglect",
        ["HeardAtMarac"] = "true", ["Risks"] = "DomesticAbuse",
        ["Household[0].Role"] = "Mother", ["Household[0].Initials"] = "KT", ["Household[1].Role"] = "StepParentOrPartner", ["Household[1].Initials"] = "d.m.",
    };

    private async Task<int> CaseCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Cases.CountAsync();
    }

    [Fact]
    public async Task Post_Case_AppearsInTheSampleWithItsHouseholdAndSpread()
    {
        var audit = await AuditAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await browser.SubmitFormAsync($"/audits/{audit}/cases/new", Child("NM-2041"));

        Assert.Equal($"/audits/{audit}", response.Headers.Location?.OriginalString);
        var overview = await browser.GetDocumentAsync($"/audits/{audit}");
        var row = overview.QuerySelector("#sample tbody tr")!.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["NM-2041", "JT", "3", "Male", "White: Any other White background", "Child Protection (neglect)", "Yes", "mother (KT), partner (DM)", "Record agencies for case NM-2041Change case NM-2041"], row);
        Assert.Contains("The sample has 1 of the 6 cases planned.", overview.QuerySelector("#sample-warnings")?.TextContent);
        Assert.Equal("1 case of 6 planned", overview.QuerySelector("#sample caption")?.TextContent.Trim());
    }

    [Fact]
    public async Task AHouseholdOfEight_WithRolesInWords_IsAddedRow_ByRow_ThenReopenedAndSavedUnchanged()
    {
        var audit = await AuditAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var form = Child("NM-5120");
        string[] roles = ["Mother", "Father", "Sibling", "Sibling", "Grandparent", "OtherChild", "StepParentOrPartner", "Other"];
        string[] words = ["", "", "", "sibling 2", "Maternal  Grandmother", "", "partner of mother", ""];
        string[] initials = ["KT", "DM", "AT", "BT", "MG", "CT", "RP", "LW"];
        for (var i = 0; i < 6; i++) (form[$"Household[{i}].Role"], form[$"Household[{i}].RoleName"], form[$"Household[{i}].Initials"]) = (roles[i], words[i], initials[i]);

        // Six rows are full: "Add another household member" keeps what was typed and gives a seventh, then an eighth.
        var page = await (await browser.SubmitFormAsync($"/audits/{audit}/cases/new?handler=AddMember", form, $"/audits/{audit}/cases/new")).ReadDocumentAsync();
        Assert.Equal("Maternal  Grandmother", page.QuerySelector("#Household_4__RoleName")?.GetAttribute("value"));
        Assert.Equal(8, page.QuerySelectorAll("select[name$='.Role']").Length);
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        Assert.Equal(0, await CaseCountAsync(audit));

        // "Other" needs its words: refused with the reason beside the row, nothing saved.
        for (var i = 6; i < 8; i++) (form[$"Household[{i}].Role"], form[$"Household[{i}].RoleName"], form[$"Household[{i}].Initials"]) = (roles[i], words[i], initials[i]);
        var refused = await (await browser.SubmitFormAsync($"/audits/{audit}/cases/new", form)).ReadDocumentAsync();
        var link = refused.QuerySelector(".govuk-error-summary a");
        Assert.Equal(("#Household_7__RoleName", "Enter the role of household member 8 in words, such as grandmother or partner of mother"), (link?.GetAttribute("href"), link?.TextContent.Trim()));
        Assert.Equal(0, await CaseCountAsync(audit));

        form["Household[7].RoleName"] = "lodger";
        var added = await browser.SubmitFormAsync($"/audits/{audit}/cases/new", form);
        Assert.Equal($"/audits/{audit}", added.Headers.Location?.OriginalString);
        var overview = await browser.GetDocumentAsync($"/audits/{audit}");
        Assert.Equal("mother (KT), father (DM), sibling (AT), sibling 2 (BT), maternal grandmother (MG), other child (CT), partner of mother (RP), lodger (LW)",
            overview.QuerySelector("#sample tbody tr")!.Children[7].TextContent.Trim());

        // Reopened, the words are in their boxes; saved as it stands, nothing changes and nothing is recorded as changed.
        var caseId = await CaseIdAsync("NM-5120");
        var edit = await browser.GetDocumentAsync($"/audits/{audit}/cases/{caseId}/edit");
        Assert.Equal(["", "", "", "sibling 2", "maternal grandmother", "", "partner of mother", "lodger", ""],
            edit.QuerySelectorAll("input[name$='.RoleName']").Select(i => i.GetAttribute("value") ?? "").ToArray());
        var unchanged = edit.QuerySelectorAll("main form[method=post] input, main form[method=post] select")
            .Where(e => e.GetAttribute("name") is { } name && name != "__RequestVerificationToken" && (e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked")))
            .GroupBy(e => e.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First() is var e && e.TagName == "SELECT" ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? "" : e.GetAttribute("value") ?? "");
        var events = await EventCountAsync();
        var saved = await browser.SubmitFormAsync($"/audits/{audit}/cases/{caseId}/edit", unchanged);
        Assert.Equal($"/audits/{audit}", saved.Headers.Location?.OriginalString);
        Assert.Equal(events, await EventCountAsync());
    }

    private async Task<int> CaseCountAsync(Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditCases.CountAsync(a => a.AuditId == audit);
    }

    private async Task<Guid> CaseIdAsync(string uin)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Cases.Where(c => c.Uin == uin).Select(c => c.Id).SingleAsync();
    }

    private async Task<int> EventCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditEvents.CountAsync();
    }

    [Fact]
    public async Task Post_UinAlreadyRegistered_IsRefusedAndNothingIsAdded()
    {
        var audit = await AuditAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        await browser.SubmitFormAsync($"/audits/{audit}/cases/new", Child("NM-3001"));
        var before = await CaseCountAsync();

        var response = await browser.SubmitFormAsync($"/audits/{audit}/cases/new", Child("NM-3001", initials: "ZZ"));

        var link = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary a");
        Assert.Equal(("#Uin", "A case with UIN NM-3001 is already registered in the partnership: check the UIN"), (link?.GetAttribute("href"), link?.TextContent.Trim()));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Theory]
    [InlineData("Initials", "Jordan", "Enter initials only for the child, for example AB: 2 to 4 letters, never a name")]
    [InlineData("Household[0].Initials", "Kerry", "Enter initials only for each household member, for example AB: 2 to 4 letters, never a name")]
    [InlineData("AgeYears", "19", "Enter the child's age in years, from 0 to 17, or say the child is unborn")]
    [InlineData("ProtectionCategory", "", "Select the category of the child protection plan")]
    public async Task Post_BadField_IsRefusedWithTheReason(string field, string value, string message)
    {
        var audit = await AuditAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await CaseCountAsync();
        var form = Child($"NM-{Guid.NewGuid():N}"[..12]);
        form[field] = value;

        var response = await browser.SubmitFormAsync($"/audits/{audit}/cases/new", form);

        Assert.Contains(message, (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task AddCase_ToAnotherPartnershipsAudit_IsNotFound()
    {
        Guid other;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            other = (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Partnerships.SingleAsync(p => p.Name.StartsWith("Otherfield"))).Id;
        }

        var audit = await AuditAsync(other);
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/audits/{audit}/cases/new")).StatusCode);
    }

    [Fact]
    public async Task AddCase_AsAgencyAuditor_IsForbidden()
    {
        var audit = await AuditAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/audits/{audit}/cases/new")).StatusCode);
    }
}

public sealed class CaseRegisterTestsSqlite(SqliteAppFactory app) : CaseRegisterTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseRegisterTestsPostgres(PostgresAppFactory app) : CaseRegisterTests(app), IClassFixture<PostgresAppFactory>;
