using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Parallax.Tests.Web;

/// <summary>
/// Decision 0019: the cookie-signing keys are encrypted in the database with a key that is not in it, so a copy of
/// the database (a backup) cannot make a session cookie; a production host without one says so, loudly.
/// </summary>
public abstract class DataProtectionTests(ParallaxAppFactory keyed, ParallaxAppFactory unkeyed)
{
    public static readonly string SettingsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Keys_AreStoredEncryptedWithTheSettingsKey_AndStillSignPeopleIn()
    {
        var admin = await keyed.SignedInBrowserAsync(TestPartnership.Admin);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/admin/settings")).StatusCode);

        await using var scope = keyed.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("settingsKeyId", xml);
            Assert.DoesNotContain("masterKey", xml);
        });

        // Read back from the database through the decryptor, as another node or a restart does.
        var keys = keyed.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.All(keys, k => Assert.NotNull(k.Descriptor));
    }

    [Fact]
    public void StoredKey_WithAnotherSettingsKey_CannotBeRead()
    {
        var element = new SettingsKeyXmlEncryptor(Convert.FromBase64String(SettingsKey)).Encrypt(new System.Xml.Linq.XElement("descriptor", "secret")).EncryptedElement;
        var other = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DataProtectionAtRest.KeyKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build()).BuildServiceProvider();

        var refused = Assert.Throws<InvalidOperationException>(() => new SettingsKeyXmlDecryptor(other).Decrypt(element));

        Assert.Contains("was encrypted with settings key", refused.Message);
    }

    [Fact]
    public async Task SettingsPage_InProductionWithoutAKey_WarnsTheAdministrator()
    {
        var page = await (await unkeyed.SignedInBrowserAsync(TestPartnership.Admin)).GetDocumentAsync("/admin/settings");

        Assert.Contains("stored in the database unencrypted", page.QuerySelector("#keys-unencrypted")!.TextContent);
    }

    [Fact]
    public async Task SettingsPage_InProductionWithAKey_HasNoWarning()
    {
        var page = await (await keyed.SignedInBrowserAsync(TestPartnership.Admin)).GetDocumentAsync("/admin/settings");

        Assert.Equal("Partnership settings", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("#keys-unencrypted"));
    }
}

/// <summary>A production host; with <paramref name="key"/>, its Data Protection keys are encrypted with that settings key.</summary>
public abstract class ProductionAppFactory(DatabaseProvider provider, string? key) : ParallaxAppFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        if (key is not null)
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DataProtectionAtRest.KeyKey] = key }));
    }
}

public sealed class KeyedSqliteAppFactory() : ProductionAppFactory(DatabaseProvider.Sqlite, DataProtectionTests.SettingsKey);

public sealed class UnkeyedSqliteAppFactory() : ProductionAppFactory(DatabaseProvider.Sqlite, null);

public sealed class KeyedPostgresAppFactory() : ProductionAppFactory(DatabaseProvider.Postgres, DataProtectionTests.SettingsKey);

public sealed class UnkeyedPostgresAppFactory() : ProductionAppFactory(DatabaseProvider.Postgres, null);

public sealed class DataProtectionTestsSqlite(KeyedSqliteAppFactory keyed, UnkeyedSqliteAppFactory unkeyed)
    : DataProtectionTests(keyed, unkeyed), IClassFixture<KeyedSqliteAppFactory>, IClassFixture<UnkeyedSqliteAppFactory>;

public sealed class DataProtectionTestsPostgres(KeyedPostgresAppFactory keyed, UnkeyedPostgresAppFactory unkeyed)
    : DataProtectionTests(keyed, unkeyed), IClassFixture<KeyedPostgresAppFactory>, IClassFixture<UnkeyedPostgresAppFactory>;
