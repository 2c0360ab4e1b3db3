namespace Parallax.Core.Users;

public static class IdentitySetup
{
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 256;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// NCSC password guidance: length over complexity (no composition rules), a deny-list of common
    /// passwords, lockout after a few failures; two-factor for everyone where the partnership asks.
    /// </summary>
    /// <summary>PBKDF2-HMAC-SHA512 iterations: OWASP's Password Storage Cheat Sheet (2023) asks for 210,000. Older hashes are upgraded at the next sign-in.</summary>
    public const int HashIterations = 210_000;

    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

        options.User.RequireUniqueEmail = true;
        // "Confirmed" means active here: see ActiveAccountConfirmation.
        options.SignIn.RequireConfirmedAccount = true;
    }
}

/// <summary>
/// NCSC's deny-list advice: refuses the 10,000 most common passwords (a data file shipped with Parallax, never
/// fetched), the same with a number or symbols added at the end ("password1234!"), passwords containing the
/// person's e-mail name or a part of their name, and over-long input.
/// </summary>
public sealed class DenyListPasswordValidator : IPasswordValidator<ParallaxUser>
{
    // Long enough to meet the minimum length, yet common in breach corpora: kept beside the shipped list.
    private static readonly string[] CommonLong =
    [
        "123456789012", "1234567890123", "12345678910", "qwertyuiopas", "qwertyuiop123", "password1234",
        "password12345", "passwordpassword", "iloveyou1234", "111111111111", "000000000000", "123123123123",
        "abcdefghijkl", "abc123abc123", "letmein12345", "welcome12345", "changeme1234", "administrator",
        "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "football1234", "baseball1234",
        "sunshine1234", "princess1234", "monkey123456", "dragon123456", "trustno1trustno1", "safeguarding",
        "safeguarding1", "safeguarding123", "parallax1234", "parallaxparallax", "children1234", "password123!",
        "password1234", "password123!", "welcome123!", "summer2024!!", "winter2024!!", "spring2025!!",
    ];

    public static readonly IReadOnlySet<string> Common = Load();

    private static HashSet<string> Load()
    {
        using var stream = typeof(DenyListPasswordValidator).Assembly.GetManifestResourceStream("Parallax.Core.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) all.Add(line);
        }

        all.UnionWith(CommonLong);
        return all;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<ParallaxUser> manager, ParallaxUser user, string? password)
    {
        var errors = new List<IdentityError>();
        if (password is null) return Task.FromResult(IdentityResult.Success);

        if (password.Length > IdentitySetup.MaximumPasswordLength)
            errors.Add(new() { Code = "PasswordTooLong", Description = $"Password must be {IdentitySetup.MaximumPasswordLength} characters or fewer." });
        var trimmed = password.Trim();
        var stem = trimmed.TrimEnd("0123456789!?.,@#$%^&*-_ ".ToCharArray());
        if (Common.Contains(trimmed) || (stem.Length >= 4 && Common.Contains(stem)))
            errors.Add(new() { Code = "PasswordTooCommon", Description = "Password is too common: choose three or more random words." });

        var emailName = user.Email?.Split('@')[0];
        if (emailName is { Length: >= 4 } && password.Contains(emailName, StringComparison.OrdinalIgnoreCase))
            errors.Add(new() { Code = "PasswordContainsEmail", Description = "Password must not contain your e-mail address." });
        else if ((user.DisplayName ?? "").Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries).Any(part => part.Length >= 4 && password.Contains(part, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new() { Code = "PasswordContainsName", Description = "Password must not contain your name." });

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// Who may sign in at all (SignInManager asks before checking a password, and the answer to a refusal is the same
/// "wrong e-mail address or password"): not a deactivated account, nor an invitation not yet accepted.
/// </summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<ParallaxUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ParallaxUser> manager, ParallaxUser user) =>
        Task.FromResult(user.DeactivatedAt is null && !user.InvitationPending);
}
