namespace Parallax.Features.Account;

/// <summary>Signing in and the one-time-link pages are open: for those the link itself is the credential.</summary>
public static class Conventions
{
    public static readonly string[] OpenPages =
        ["/Account/SignIn", "/Account/TwoFactor", "/Account/SetUp", "/Account/Invitation", "/Account/ForgottenPassword", "/Account/ResetPassword", "/Account/RecoveryCode"];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var page in OpenPages) conventions.AllowAnonymousToPage(page);
    }
}
