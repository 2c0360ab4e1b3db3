namespace Parallax.Web;

/// <summary>
/// After a change to the signed-in person's own security stamp (a new password, a new authenticator key), their own
/// session is reissued so that it survives the check made on every request; how they signed in (two-factor, identity
/// provider) and when (the absolute session lifetime) are kept. Everyone else's sessions of that account end.
/// </summary>
public static class SessionRefresh
{
    public static async Task RefreshKeepingSignInAsync(this SignInManager<ParallaxUser> signIn, HttpContext context, ParallaxUser user)
    {
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var keep = current.Principal?.Claims.Where(c => c.Type is "amr" or "idp").Select(c => new Claim(c.Type, c.Value)).ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, current.Properties, keep);
    }
}
