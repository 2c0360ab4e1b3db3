namespace Parallax.Tests.Users;

public class PasswordRulesTests
{
    private static async Task<IdentityResult> Validate(string password, string email = "auditor@example.org", string? name = null) =>
        await new DenyListPasswordValidator().ValidateAsync(null!, new ParallaxUser { Email = email, DisplayName = name }, password);

    [Theory]
    [InlineData("superman12345")]
    [InlineData("Michelle2024!!")]
    [InlineData("trustno1")]
    [InlineData("qwertyuiop")]
    public async Task TheShippedListOfTenThousand_AndItWithDigitsOrSymbolsAdded_AreRefused(string password)
    {
        Assert.True(DenyListPasswordValidator.Common.Count >= 10_000);
        Assert.Contains((await Validate(password)).Errors, e => e.Code == "PasswordTooCommon");
    }

    [Fact]
    public async Task PasswordContainingTheUsersName_IsRefused()
    {
        var result = await Validate("quinlan orbit tower", "pq@example.org", "Pat Quinlan");

        Assert.Contains(result.Errors, e => e.Code == "PasswordContainsName");
    }

    [Fact]
    public void Hashing_UsesOwaspsWorkFactor()
    {
        using var services = Parallax.Web.ParallaxServices.CommandServices(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Parallax.Core.AuditTrail.AuditActor.System);
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>(services).Value;
        var hash = new PasswordHasher<ParallaxUser>(Microsoft.Extensions.Options.Options.Create(options)).HashPassword(new ParallaxUser(), "copper lantern meadow");
        var bytes = Convert.FromBase64String(hash);

        Assert.Equal(210_000, options.IterationCount);
        // Format 3: marker, PRF (2 = HMAC-SHA512), iterations, big-endian.
        Assert.Equal((1, 2, 210_000), (bytes[0], System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5))));
    }

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
