namespace Parallax.Tests.Journeys;

/// <summary>
/// A lead of two partnerships signs in, changes partnership with the keyboard only (Tab to the header's link, Enter,
/// arrow keys between the radio buttons, Enter on the button) and sees the other partnership's audits; every page
/// checked with axe-core and screenshotted into TestResults/journeys.
/// </summary>
public sealed class SeveralPartnershipsJourneyTests : BrowserJourney
{
    private const string Email = "twofold.lead@testshire.example";

    protected override string Name => "several-partnerships";

    [Fact]
    public async Task ALeadOfTwoPartnerships_ChangesPartnershipWithTheKeyboard_AndSeesTheOthersAudits()
    {
        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var otherfield = await db.Partnerships.Where(p => p.Name == "Otherfield Safeguarding Children Partnership").Select(p => p.Id).SingleAsync();
            await TestAudits.CreateAsync(scope.ServiceProvider, Data.Partnership.Id, "Testshire missing from education");
            await TestAudits.CreateAsync(scope.ServiceProvider, otherfield, "Otherfield neglect in under-fives");
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await users.AddAsync(Data.Partnership.Id, Email, [Roles.AuditLead], null, TestPartnership.Password);
            await users.AddAsync(otherfield, Email, [Roles.AuditLead], null, TestPartnership.Password);
        }

        var page = await SignInAsync(Email);
        await page.GotoAsync("/audits");
        Assert.Contains("Testshire missing from education", await page.TextContentAsync("main"));
        Assert.DoesNotContain("Otherfield neglect in under-fives", await page.TextContentAsync("main"));
        await CheckAsync(page, "testshire-audits");

        // Keyboard only: Tab from the top of the page to the header's "Change partnership" link, then Enter.
        await TabToAsync(page, "() => document.activeElement.getAttribute('href') === '/account/partnership'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/account/partnership");
        await page.WaitForSelectorAsync("input[name=PartnershipId]");
        await CheckAsync(page, "change-partnership");

        // Tab into the radio group (focus lands on the chosen one), arrow keys to Otherfield, Tab to the button, Enter.
        await TabToAsync(page, "() => document.activeElement.name === 'PartnershipId'");
        for (var presses = 0; presses < 4 && !await CheckedIsAsync(page, "Otherfield"); presses++) await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await CheckedIsAsync(page, "Otherfield"));
        await TabToAsync(page, "() => document.activeElement.tagName === 'BUTTON' && document.activeElement.textContent.trim() === 'Change partnership'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/partnership", StringComparison.Ordinal));
        await CheckAsync(page, "home-in-otherfield");

        await page.GotoAsync("/audits");
        var main = await page.TextContentAsync("main");
        Assert.Contains("Otherfield neglect in under-fives", main);
        Assert.DoesNotContain("Testshire missing from education", main);
        Assert.Contains("Otherfield", await page.TextContentAsync("header"));
        await CheckAsync(page, "otherfield-audits");
    }

    private static async Task TabToAsync(IPage page, string isThere)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(isThere)) return;
        }

        Assert.Fail($"The keyboard never reached {isThere}.");
    }

    private static Task<bool> CheckedIsAsync(IPage page, string name) => page.EvaluateAsync<bool>(
        "name => { const r = document.querySelector('input[name=PartnershipId]:checked'); return !!r && document.querySelector(`label[for='${r.id}']`).textContent.includes(name); }", name);
}
