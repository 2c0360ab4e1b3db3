using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Audits;
using Parallax.Core.Calendar;
using Parallax.Core.Data;
using Parallax.Core.Tools;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Web;

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
