namespace Parallax.Features.Account;

public class SignInModel(
    SignInManager<ParallaxUser> signIn, SecurityLog security, ILogger<SignInModel> logger,
    IAuthenticationSchemeProvider schemes, IConfiguration configuration, ParallaxDbContext db, People people) : PageModel
{
    public const string WrongCredentials = "Enter a correct e-mail address and password";

    /// <summary>A hash made at the configured work factor, checked against when the account does not exist.</summary>
    private static readonly Lazy<string> UnknownAccountHash = new(() =>
        new PasswordHasher<ParallaxUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = IdentitySetup.HashIterations }))
            .HashPassword(new ParallaxUser(), Guid.NewGuid().ToString()));

    /// <summary>The identity provider's button text ("Sign in with …"), when the partnership uses one.</summary>
    public string? ExternalName { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ExternalName = (await schemes.GetSchemeAsync(OpenIdConnectSignIn.Scheme))?.DisplayName;
        await next();
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    private void CheckAgainstNothing() =>
        signIn.UserManager.PasswordHasher.VerifyHashedPassword(new ParallaxUser(), UnknownAccountHash.Value, Input.Password);

    private Task RecordAsync(SecurityEventKind kind) =>
        security.RecordAsync(HttpContext, kind, email: Input.Email);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        // Known or not, locked or not, the password is hashed once and the answers are the same, so neither the
        // time taken nor the message tells whether an address has an account.
        var email = Input.Email.Trim();
        var user = await signIn.UserManager.FindByNameAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        TimeSpan? length = null;
        if (user is null)
        {
            CheckAgainstNothing();
            length = UnknownAccounts.Failed(email, IdentityClock.Now);
            result = length is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            // Identity answers a locked or inactive account before hashing: hash anyway.
            if (await signIn.UserManager.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user)) CheckAgainstNothing();
            if (await people.SignsInAtProviderOnlyAsync(user))
            {
                // The password is checked (and counted) as usual, but opens nothing: the partnership signs in at its provider.
                var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
                if (check.Succeeded || check.RequiresTwoFactor)
                {
                    await RecordAsync(SecurityEventKind.SignInFailed);
                    ModelState.AddModelError(string.Empty, $"Your partnership signs in with {ExternalName ?? "its identity provider"}: use the button below, not your Parallax password.");
                    return Page();
                }

                result = check;
            }
            else
            {
                result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
            }
            if (result.IsLockedOut) length = await ((ParallaxUserManager)signIn.UserManager).LockoutLengthAsync(user);
        }

        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKind.SignedIn);
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor) return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = SafeReturnUrl });
        if (result.IsLockedOut)
        {
            await RecordAsync(SecurityEventKind.LockedOut);
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty, LockoutSchedule.Sentence(length ?? LockoutSchedule.First));
            return Page();
        }

        await RecordAsync(SecurityEventKind.SignInFailed);
        logger.LogInformation("Sign-in refused: wrong e-mail address or password");
        ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.Email)}", WrongCredentials);
        return Page();
    }

    /// <summary>Off to the identity provider; it sends the person back to <see cref="OnGetExternalAsync"/>.</summary>
    public IActionResult OnPostExternal()
    {
        if (ExternalName is null) return NotFound();
        var back = Url.Page("/Account/SignIn", "External", new { ReturnUrl = SafeReturnUrl });
        return Challenge(new AuthenticationProperties { RedirectUri = back }, OpenIdConnectSignIn.Scheme);
    }

    /// <summary>
    /// Back from the identity provider, whose answer the handler has already checked. Only an account an administrator
    /// created may sign in: matched by e-mail address the first time, then bound to the provider's subject, so another
    /// person later given that address at the provider cannot take the account over.
    /// </summary>
    public async Task<IActionResult> OnGetExternalAsync()
    {
        if (ExternalName is null) return NotFound();
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return await ExternalRefusedAsync(null, "Sign-in with your organisation's account did not complete. Try again, or sign in with your password.");

        var settings = OpenIdConnectSignIn.Read(configuration);
        var email = OpenIdConnectSignIn.Email(external.Principal, settings);
        var subject = external.Principal.FindFirstValue("sub");
        var user = email is null ? null : await signIn.UserManager.FindByEmailAsync(email);
        if (user is null || subject is null)
            return await ExternalRefusedAsync(email, $"There is no Parallax account for {email ?? "the account you signed in with"}. Ask your partnership's Parallax administrator to add you.");
        // Invited to a partnership that signs in at its provider: signing in there accepts the invitation (decision 0033).
        if (user is { InvitationPending: true, DeactivatedAt: null } && await people.SignsInAtProviderOnlyAsync(user))
            await people.AcceptAtProviderAsync(user);
        if (!await signIn.CanSignInAsync(user))
            return await ExternalRefusedAsync(email, $"There is no Parallax account for {email} that can sign in. Ask your partnership's Parallax administrator.");
        if (await signIn.UserManager.IsLockedOutAsync(user))
            return await ExternalRefusedAsync(email, "Your account is locked. Ask your partnership's Parallax administrator.", SecurityEventKind.LockedOut);

        var bound = (await signIn.UserManager.GetLoginsAsync(user)).FirstOrDefault(l => l.LoginProvider == OpenIdConnectSignIn.Scheme);
        if (bound is not null && bound.ProviderKey != subject)
            return await ExternalRefusedAsync(email, $"Your Parallax account is linked to a different {ExternalName}. Ask your partnership's Parallax administrator.");

        var multiFactor = OpenIdConnectSignIn.UsedMultiFactor(external.Principal);
        if (!multiFactor && await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.DeactivatedAt == null && m.Partnership!.RequireTwoFactor))
            return await ExternalRefusedAsync(email, "Your partnership requires a second step at sign-in, and your organisation's sign-in did not use one. Sign in with your password and code instead, or ask your IT team to require multi-factor authentication.");

        if (bound is null)
        {
            var linked = await signIn.UserManager.AddLoginAsync(user, new UserLoginInfo(OpenIdConnectSignIn.Scheme, subject, ExternalName));
            if (!linked.Succeeded) return await ExternalRefusedAsync(email, $"Your Parallax account could not be linked to {ExternalName}. Try again.");
        }

        Claim[] extra = multiFactor
            ? [new Claim("amr", RequireTwoFactorMiddleware.MfaClaimValue), new Claim("idp", OpenIdConnectSignIn.Scheme)]
            : [new Claim("idp", OpenIdConnectSignIn.Scheme)];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, extra);
        await security.RecordAsync(HttpContext, SecurityEventKind.SignedIn, email: email, userId: user.Id);
        return LocalRedirect(SafeReturnUrl);
    }

    public IActionResult OnGetExternalFailed()
    {
        ModelState.AddModelError(string.Empty, "Sign-in with your organisation's account did not complete. Try again, or sign in with your password.");
        return Page();
    }

    private async Task<IActionResult> ExternalRefusedAsync(string? email, string sentence, SecurityEventKind kind = SecurityEventKind.SignInFailed)
    {
        await security.RecordAsync(HttpContext, kind, email: email);
        logger.LogInformation("Sign-in with the identity provider refused");
        // A problem with the page as a whole: the layout's error summary shows it, with no field to link to.
        ModelState.AddModelError(string.Empty, sentence);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : Url.Page("/Home/Index")!;

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.org")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}

/// <summary>
/// Failed sign-ins to addresses with no account, counted as Identity counts them for accounts (on this node), so that
/// after as many tries an unknown address is "locked", for as long and with the same message as a real one
/// (<see cref="LockoutSchedule"/>).
/// </summary>
internal static class UnknownAccounts
{
    private sealed record State(int Count, int Lockouts, DateTimeOffset LockedAt, DateTimeOffset LockedUntil);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, State> Failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one failure; when the address is now "locked", how long that lockout lasts.</summary>
    public static TimeSpan? Failed(string email, DateTimeOffset now)
    {
        if (Failures.Count > 10_000) Failures.Clear(); // Bounded: guessing many addresses cannot grow it without end.
        var entry = Failures.AddOrUpdate(email, _ => Next(new State(0, 0, DateTimeOffset.MinValue, DateTimeOffset.MinValue), now), (_, e) => Next(e, now));
        return entry.LockedUntil > now ? LockoutSchedule.Delay(entry.Lockouts) : null;
    }

    /// <summary>For tests: as if the address's lockout had run out.</summary>
    internal static void RunOut(string email) =>
        Failures.AddOrUpdate(email, _ => new State(0, 0, DateTimeOffset.MinValue, DateTimeOffset.MinValue), (_, e) => e with { LockedUntil = IdentityClock.Now.AddSeconds(-1) });

    private static State Next(State e, DateTimeOffset now)
    {
        if (e.LockedUntil > now) return e; // As Identity: a locked account's tries are not counted.
        if (e.Count + 1 < IdentitySetup.MaxFailedSignIns) return e with { Count = e.Count + 1 };
        var lockouts = LockoutSchedule.Next(e.Lockouts, e.LockedAt, now);
        return new State(0, lockouts, now, now + LockoutSchedule.Delay(lockouts));
    }
}
