using OtpNet;

namespace Parallax.Tests.Journeys;

/// <summary>
/// In a real browser: an authenticator app set up from the QR code's key, then replaced (the password asked first, the
/// active key never shown), the standard list of agencies, and a lockout that names its length. axe on every page.
/// </summary>
public sealed class AccountSecurityJourneyTests : BrowserJourney
{
    protected override string Name => "account-security";

    [Fact]
    public async Task SetUpThenReplaceTheAuthenticatorApp_TheStandardAgencyList_AndALockout_AccessibleAtEveryStep()
    {
        var admin = await SignInAsync(TestPartnership.Admin);
        await admin.GotoAsync("/account/two-factor/set-up");
        Assert.Equal(1, await admin.Locator("#qr-code svg[role=img]").CountAsync());
        await CheckAsync(admin, "two-factor-first");
        var first = (await admin.TextContentAsync("#shared-key"))!.Replace(" ", "").ToUpperInvariant();
        await admin.FillAsync("#Input_Code", new Totp(Base32Encoding.ToBytes(first)).ComputeTotp());
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForURLAsync(url => !url.Contains("/set-up", StringComparison.Ordinal));

        // Replacing: the password first, and no key until it is right.
        await admin.GotoAsync("/account/two-factor/set-up");
        Assert.Equal(0, await admin.Locator("#shared-key").CountAsync());
        Assert.DoesNotContain(first, await admin.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await CheckAsync(admin, "two-factor-replace-password");
        await admin.FillAsync("#CurrentPassword", "not-my-password-at-all");
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForSelectorAsync(".govuk-error-summary");
        await CheckAsync(admin, "two-factor-replace-wrong-password");
        await admin.FillAsync("#CurrentPassword", TestPartnership.Password);
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForSelectorAsync("#shared-key");
        var second = (await admin.TextContentAsync("#shared-key"))!.Replace(" ", "").ToUpperInvariant();
        Assert.NotEqual(first, second);
        await CheckAsync(admin, "two-factor-replace-new-key");
        await admin.FillAsync("#Input_Code", new Totp(Base32Encoding.ToBytes(second)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await admin.Keyboard.PressAsync("Enter");
        await admin.WaitForURLAsync("**/account");
        await CheckAsync(admin, "two-factor-replaced");

        await admin.GotoAsync("/admin/agencies/standard");
        await CheckAsync(admin, "agency-standard-list");

        var stranger = await OpenAsync("/sign-in");
        for (var i = 0; i < 5; i++)
        {
            await stranger.FillAsync("#Input_Email", "nobody.here@testshire.example");
            await stranger.FillAsync("#Input_Password", "not-the-password-at-all");
            await stranger.Keyboard.PressAsync("Enter");
            await stranger.WaitForSelectorAsync(".govuk-error-summary");
        }

        Assert.Contains("locked for 15 minutes", await stranger.TextContentAsync(".govuk-error-summary"));
        await CheckAsync(stranger, "locked");
    }
}
