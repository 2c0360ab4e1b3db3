using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Parallax.Web;

/// <summary>
/// The check every signed-in request passes (decision 0024): the session's security stamp is still the account's, and the
/// membership it acts in is still active (decision 0034). It reads the account and its active memberships in one query
/// and, when everything the session carries (name, e-mail, partnership, agency, roles, how many memberships) is as the
/// database has it, keeps the session as it is. Only when something has changed is the session rebuilt the long way
/// (<see cref="ParallaxClaimsPrincipalFactory"/>, four queries), so a new name or role still shows on the next request.
/// The same query answers whether a partnership requires two-factor or its identity provider, which
/// <see cref="RequireTwoFactorMiddleware"/> would otherwise ask the database again (decision 0082).
/// </summary>
public static class SessionCheck
{
    /// <summary>HttpContext.Items key: the <see cref="SignInRules"/> read with the session check of this request.</summary>
    public const string RulesKey = "parallax:sign-in-rules";

    /// <summary>What the person's active memberships require of how they sign in.</summary>
    public sealed record SignInRules(bool ProviderOnly, bool TwoFactor);

    private sealed record MembershipRow(Guid PartnershipId, Guid? AgencyId, List<string> Roles, DateTimeOffset CreatedAt, string PartnershipName, bool RequireTwoFactor);

    /// <summary>
    /// Checks the session of <paramref name="context"/>. <paramref name="rebuild"/> is Identity's own stamp check, which
    /// rebuilds the session from the database; it runs only when the session no longer matches it.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> rebuild)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(identity.UserIdClaimType), out var userId))
        {
            await rebuild(context);
            return;
        }

        var db = services.GetRequiredService<ParallaxDbContext>();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            u.SecurityStamp,
            u.UserName,
            u.Email,
            u.DisplayName,
            u.PartnershipId,
            HasOwnClaims = db.UserClaims.Any(c => c.UserId == u.Id),
            Memberships = db.Memberships.Where(m => m.UserId == u.Id && m.DeactivatedAt == null)
                .Select(m => new MembershipRow(m.PartnershipId, m.AgencyId, m.Roles, m.CreatedAt, m.Partnership!.Name, m.Partnership.RequireTwoFactor))
                .ToList(),
            ProviderOnly = db.Memberships.Where(m => m.UserId == u.Id && m.DeactivatedAt == null).Any(UserQueries.HoldsToTheProvider),
        }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);

        if (account is null || account.SecurityStamp != principal.FindFirstValue(identity.SecurityStampClaimType))
        {
            // Deactivated, signed out everywhere, a new password or new access: Identity's own check ends the session, and
            // with it the other sign-in cookies it ends (the two-factor step's, an external sign-in's).
            await rebuild(context);
            return;
        }

        // The membership the session acts in, chosen as the principal factory chooses it.
        var memberships = account.Memberships.OrderBy(m => m.CreatedAt).ToList();
        var acting = Guid.TryParse(principal.FindFirstValue(ParallaxClaimTypes.Partnership), out var actingId) ? actingId : (Guid?)null;
        var chosen = memberships.FirstOrDefault(m => m.PartnershipId == acting)
            ?? memberships.FirstOrDefault(m => m.PartnershipId == account.PartnershipId)
            ?? memberships.FirstOrDefault();
        if (acting is not null && chosen?.PartnershipId != acting)
        {
            // The membership it acted in has ended (decision 0034).
            await EndAsync(context);
            return;
        }

        context.HttpContext.Items[RulesKey] = new SignInRules(
            ProviderOnly: account.ProviderOnly,
            TwoFactor: memberships.Any(m => m.RequireTwoFactor));

        var unchanged = !account.HasOwnClaims
            && principal.FindFirstValue(identity.UserNameClaimType) == account.UserName
            && principal.FindFirstValue(identity.EmailClaimType) == account.Email
            && principal.FindFirstValue(ParallaxClaimTypes.DisplayName) == (account.DisplayName ?? account.Email ?? "")
            && principal.FindFirstValue(ParallaxClaimTypes.Memberships) == memberships.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && principal.FindFirstValue(ParallaxClaimTypes.Partnership) == chosen?.PartnershipId.ToString()
            && principal.FindFirstValue(ParallaxClaimTypes.Agency) == chosen?.AgencyId?.ToString()
            && principal.FindFirstValue(ParallaxClaimTypes.PartnershipName) == chosen?.PartnershipName
            && principal.FindAll(identity.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal)
                .SequenceEqual((chosen?.Roles ?? []).Order(StringComparer.Ordinal));
        if (unchanged)
        {
            // The idle time starts again from this request, as it did when every request rebuilt the session.
            context.ShouldRenew = true;
            return;
        }

        await rebuild(context);
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
