using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parallax.Core.Users;

/// <summary>
/// A lockout that grows: 15 minutes the first time, then twice as long each time the account is locked again within a day
/// of the last lockout (30 minutes, 1 hour, 2 hours), never more than 4 hours, so a password guesser gets five tries every
/// few hours while a person who forgot their password is not shut out for long. A successful sign-in, an administrator's
/// unlock or a password reset starts the count again.
/// </summary>
public static class LockoutSchedule
{
    public static readonly TimeSpan First = IdentitySetup.LockoutDuration;
    public static readonly TimeSpan Longest = TimeSpan.FromHours(4);

    /// <summary>A lockout more than this long after the previous one counts as the first again.</summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromHours(24);

    /// <summary>How long the <paramref name="lockout"/>th lockout in a row lasts (1 for the first).</summary>
    public static TimeSpan Delay(int lockout)
    {
        var delay = First;
        for (var i = 1; i < lockout && delay < Longest; i++) delay *= 2;
        return delay < Longest ? delay : Longest;
    }

    /// <summary>"15 minutes", "1 hour", "1 hour 30 minutes": the time left, rounded up to the minute.</summary>
    public static string Wait(TimeSpan remaining)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes - 0.02));
        static string Of(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";
        if (minutes < 60) return Of(minutes, "minute");
        var hours = Of(minutes / 60, "hour");
        return minutes % 60 == 0 ? hours : $"{hours} {Of(minutes % 60, "minute")}";
    }

    /// <summary>
    /// The sign-in page's answer to a locked account, known or not: how long this lockout lasts (not the time left, which
    /// would differ by seconds between two addresses locked one after the other and so tell them apart).
    /// </summary>
    public static string Sentence(TimeSpan length) =>
        $"Your account is locked for {Wait(length)} after {IdentitySetup.MaxFailedSignIns} wrong passwords. Try again later, or ask your administrator to unlock it.";

    /// <summary>The lockout number and when it began, kept as "n|unix seconds".</summary>
    internal static (int Count, DateTimeOffset At) Parse(string? text)
    {
        var parts = (text ?? "").Split('|');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? (n, DateTimeOffset.FromUnixTimeSeconds(at)) : (0, DateTimeOffset.MinValue);
    }

    internal static string Format(int count, DateTimeOffset at) =>
        $"{count.ToString(CultureInfo.InvariantCulture)}|{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number of the lockout that begins at <paramref name="now"/>, given the last one.</summary>
    public static int Next(int previous, DateTimeOffset previousAt, DateTimeOffset now) =>
        previous > 0 && now - previousAt <= ForgottenAfter ? previous + 1 : 1;
}

/// <summary>
/// Identity's user manager with <see cref="LockoutSchedule"/>'s growing lockout in place of its fixed one. Identity reads
/// the system clock for lockouts, so this does too.
/// </summary>
public sealed class ParallaxUserManager(
    IUserStore<ParallaxUser> store, IOptions<IdentityOptions> options, IPasswordHasher<ParallaxUser> hasher,
    IEnumerable<IUserValidator<ParallaxUser>> userValidators, IEnumerable<IPasswordValidator<ParallaxUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ParallaxUser>> logger)
    : UserManager<ParallaxUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    private const string LoginProvider = "[Parallax]";
    private const string LockoutsName = "Lockouts";

    public override async Task<IdentityResult> AccessFailedAsync(ParallaxUser user)
    {
        var willLock = SupportsUserLockout && await GetAccessFailedCountAsync(user) + 1 >= Options.Lockout.MaxFailedAccessAttempts
            && await GetLockoutEnabledAsync(user);
        var result = await base.AccessFailedAsync(user);
        if (!result.Succeeded || !willLock) return result;

        var now = IdentityClock.Now;
        var (previous, at) = LockoutSchedule.Parse(await GetAuthenticationTokenAsync(user, LoginProvider, LockoutsName));
        var count = LockoutSchedule.Next(previous, at, now);
        var set = await SetAuthenticationTokenAsync(user, LoginProvider, LockoutsName, LockoutSchedule.Format(count, now));
        return set.Succeeded ? await SetLockoutEndDateAsync(user, now + LockoutSchedule.Delay(count)) : set;
    }

    private const string PendingKeyName = "PendingAuthenticatorKey";

    /// <summary>How long a new authenticator key waits for its first code after the password was confirmed.</summary>
    public static readonly TimeSpan PendingKeyLifetime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A new authenticator key for someone who already has one, kept beside the active key (which goes on working) until a
    /// code from it is entered: <see cref="ReplaceAuthenticatorKeyAsync"/>. Only after the password has been asked again.
    /// </summary>
    public async Task<string> StartReplacingAuthenticatorKeyAsync(ParallaxUser user, DateTimeOffset now)
    {
        var key = GenerateNewAuthenticatorKey();
        var set = await SetAuthenticationTokenAsync(user, LoginProvider, PendingKeyName, $"{key}|{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        if (!set.Succeeded) throw new InvalidOperationException("The new authenticator key could not be kept.");
        return key;
    }

    /// <summary>The new key waiting for its first code, unless it is older than <see cref="PendingKeyLifetime"/>.</summary>
    public async Task<string?> PendingAuthenticatorKeyAsync(ParallaxUser user, DateTimeOffset now)
    {
        var parts = (await GetAuthenticationTokenAsync(user, LoginProvider, PendingKeyName) ?? "").Split('|');
        return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            && now - DateTimeOffset.FromUnixTimeSeconds(at) <= PendingKeyLifetime ? parts[0] : null;
    }

    /// <summary>
    /// The pending key becomes the active one (the old app's codes stop working), the code that proved it is used up, and
    /// other sessions end (a new security stamp).
    /// </summary>
    public async Task<IdentityResult> ReplaceAuthenticatorKeyAsync(ParallaxUser user, string key, long usedStep)
    {
        if (Store is not IUserAuthenticatorKeyStore<ParallaxUser> keys) throw new NotSupportedException("The user store keeps no authenticator keys.");
        await keys.SetAuthenticatorKeyAsync(user, key, CancellationToken);
        var removed = await RemoveAuthenticationTokenAsync(user, LoginProvider, PendingKeyName);
        if (!removed.Succeeded) return removed;
        var used = await OnceOnlyAuthenticatorTokenProvider.UsedAsync(this, user, usedStep);
        return used.Succeeded ? await UpdateSecurityStampAsync(user) : used;
    }

    /// <summary>How long the account's current (or last) lockout lasts.</summary>
    public async Task<TimeSpan> LockoutLengthAsync(ParallaxUser user) =>
        LockoutSchedule.Delay(Math.Max(1, LockoutSchedule.Parse(await GetAuthenticationTokenAsync(user, LoginProvider, LockoutsName)).Count));

    /// <summary>Called on a successful sign-in, an unlock and a password reset: the next lockout is the first again.</summary>
    public override async Task<IdentityResult> ResetAccessFailedCountAsync(ParallaxUser user)
    {
        if (await GetAuthenticationTokenAsync(user, LoginProvider, LockoutsName) is not null)
        {
            var removed = await RemoveAuthenticationTokenAsync(user, LoginProvider, LockoutsName);
            if (!removed.Succeeded) return removed;
        }

        return await base.ResetAccessFailedCountAsync(user);
    }
}

/// <summary>
/// The clock lockouts are measured on. ASP.NET Core Identity checks a lockout's end against the system clock (it
/// takes no TimeProvider), so a lockout Parallax sets must be on that clock too, or a test clock would lock people
/// out for years or not at all. Everything else reads time through TimeProvider.
/// </summary>
public static class IdentityClock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();
}
