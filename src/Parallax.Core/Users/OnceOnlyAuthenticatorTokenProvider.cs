using System.Buffers.Binary;

namespace Parallax.Core.Users;

/// <summary>
/// The authenticator app's codes (TOTP, RFC 6238: 30-second steps, 6 digits, HMAC-SHA1, as the apps use), each accepted
/// once: the time step of the last code used is kept with the account, and a code of that step or an earlier one is
/// refused, so a code seen over someone's shoulder, or replayed, does not sign anyone in.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<ParallaxUser>
{
    private const string LoginProvider = "[Parallax]";
    private const string LastStepName = "LastAuthenticatorStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ParallaxUser> manager, ParallaxUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (Matches(key, token, clock.GetUtcNow()) is not { } step) return false;
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && step <= used) return false;
        await UsedAsync(manager, user, step);
        return true;
    }

    /// <summary>Keeps <paramref name="step"/> as the last time step used: no code of it or an earlier one is accepted again.</summary>
    public static async Task<IdentityResult> UsedAsync(UserManager<ParallaxUser> manager, ParallaxUser user, long step)
    {
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && used >= step) return IdentityResult.Success;
        return await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The time step whose code <paramref name="token"/> is, for the base-32 <paramref name="key"/>; null when it is no current code.</summary>
    public static long? Matches(string? key, string token, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return null;

        var secret = FromBase32(key);
        var now = at.ToUnixTimeSeconds() / 30;
        // As Identity does: the current step and two either side, for clocks that drift.
        for (var offset = -2; offset <= 2; offset++)
        {
            if (Code(secret, now + offset) == code) return now + offset;
        }

        return null;
    }

    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Trim().TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c);
            if (value < 0) continue;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
