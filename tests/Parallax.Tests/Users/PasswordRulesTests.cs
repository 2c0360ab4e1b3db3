using Microsoft.AspNetCore.Identity;
using Parallax.Core.Users;

namespace Parallax.Tests.Users;

public class PasswordRulesTests
{
    private static async Task<IdentityResult> Validate(string password, string email = "auditor@example.org") =>
        await new DenyListPasswordValidator().ValidateAsync(null!, new ParallaxUser { Email = email }, password);

    [Theory]
    [InlineData("password1234")]
    [InlineData("Safeguarding123")]
    public async Task CommonPasswords_AreRefused(string password)
    {
        var result = await Validate(password);

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooCommon");
    }

    [Fact]
    public async Task PasswordContainingTheEmailName_IsRefused()
    {
        var result = await Validate("auditor-rocks-forever", "auditor@example.org");

        Assert.Contains(result.Errors, e => e.Code == "PasswordContainsEmail");
    }

    [Fact]
    public async Task ThreeRandomWords_WithoutDigitsOrSymbols_AreAccepted()
    {
        Assert.True((await Validate("copper lantern meadow")).Succeeded);
    }

    [Fact]
    public void IdentityOptions_PreferLengthToComposition()
    {
        var options = new IdentityOptions();
        IdentitySetup.Configure(options);

        Assert.Equal(12, options.Password.RequiredLength);
        Assert.False(options.Password.RequireDigit || options.Password.RequireUppercase || options.Password.RequireNonAlphanumeric);
        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
    }
}
