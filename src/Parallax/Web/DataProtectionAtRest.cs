using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Parallax.Web;

/// <summary>
/// How the Data Protection keys (which sign session and anti-forgery cookies) are kept in the database (decision
/// 0019): encrypted with a key from settings or a file (AES-256-GCM), or with a certificate; otherwise in the
/// clear, when anyone holding a copy of the database could make a session cookie for any account. A production
/// host without one warns on every start and on the administrator's settings page.
/// </summary>
public sealed class DataProtectionAtRest
{
    public const string KeyKey = "Parallax:DataProtection:Key";
    public const string KeyFileKey = "Parallax:DataProtection:KeyFile";
    public const string CertificateKey = "Parallax:DataProtection:Certificate";
    public const string CertificatePasswordKey = "Parallax:DataProtection:CertificatePassword";

    public const string Warning =
        "The keys that sign people's sessions are stored in the database unencrypted: anyone with a copy of the database, such as a backup, could sign in as any user. " +
        "Set Parallax:DataProtection:Key (or KeyFile, or Certificate) and restart Parallax.";

    private DataProtectionAtRest(string? method) => Method = method;

    /// <summary>How the keys are encrypted ("a key from settings", "the certificate CN=…"), or null when they are not.</summary>
    public string? Method { get; }

    public bool Encrypted => Method is not null;

    public static DataProtectionAtRest From(IConfiguration configuration) =>
        new(configuration[CertificateKey] is { Length: > 0 } ? "a certificate" : ReadKey(configuration) is not null ? "a key from settings" : null);

    /// <summary>The settings key: 32 bytes, base64, given directly or in a file. Anything else is refused with a sentence.</summary>
    public static byte[]? ReadKey(IConfiguration configuration)
    {
        var text = configuration[KeyKey];
        if (string.IsNullOrWhiteSpace(text) && configuration[KeyFileKey] is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new InvalidOperationException($"{KeyFileKey} names {file}, which does not exist.");
            text = File.ReadAllText(file);
        }

        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == 32) return key;
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException($"{KeyKey} must be 32 random bytes in base64 (for example the output of: openssl rand -base64 32).");
    }

    /// <summary>
    /// Points Data Protection at the configured encryption. The settings key is read when the key ring is first
    /// needed (so settings added late, as tests do, count); a certificate is loaded now, from the host's settings.
    /// </summary>
    public static void Configure(Microsoft.AspNetCore.DataProtection.IDataProtectionBuilder dataProtection, IConfiguration hostConfiguration)
    {
        if (hostConfiguration[CertificateKey] is { Length: > 0 } path)
        {
            var certificate = LoadCertificate(hostConfiguration, path);
            Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.ProtectKeysWithCertificate(dataProtection, certificate);
            Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.UnprotectKeysWithAnyCertificate(dataProtection, certificate);
            return;
        }

        dataProtection.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (options.XmlEncryptor is null && ReadKey(configuration) is { } key) options.XmlEncryptor = new SettingsKeyXmlEncryptor(key);
        });
    }

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string path) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
}

/// <summary>Encrypts each Data Protection key with the settings key (AES-256-GCM); the key's id says which settings key it needs.</summary>
public sealed class SettingsKeyXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with Parallax:DataProtection:Key (AES-256-GCM); the key is not in the database. "),
            new XElement("settingsKeyId", Id(key)),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
        return new EncryptedXmlInfo(element, typeof(SettingsKeyXmlDecryptor));
    }

    /// <summary>A short, non-secret name for a settings key, so a missing or wrong key is named in the error.</summary>
    public static string Id(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}

/// <summary>Made by Data Protection from the type named in the stored key; reads the settings key from configuration.</summary>
public sealed class SettingsKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = DataProtectionAtRest.ReadKey(services.GetRequiredService<IConfiguration>())
            ?? throw new InvalidOperationException($"The Data Protection keys are encrypted, but {DataProtectionAtRest.KeyKey} is not set.");
        var wanted = encryptedElement.Element("settingsKeyId")?.Value;
        if (wanted != SettingsKeyXmlEncryptor.Id(key))
            throw new InvalidOperationException($"A Data Protection key was encrypted with settings key {wanted}, but {DataProtectionAtRest.KeyKey} is key {SettingsKeyXmlEncryptor.Id(key)}.");
        var sealedKey = Convert.FromBase64String(encryptedElement.Element("value")!.Value);
        var nonce = sealedKey[..AesGcm.NonceByteSizes.MaxSize];
        var tag = sealedKey[AesGcm.NonceByteSizes.MaxSize..(AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize)];
        var cipher = sealedKey[(AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize)..];
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
