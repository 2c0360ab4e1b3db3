using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Parallax.Core.Users;

namespace Parallax.Web;

public static class ParallaxClaimTypes
{
    public const string Partnership = "parallax:partnership";
    public const string Agency = "parallax:agency";
    public const string DisplayName = "parallax:name";
}

/// <summary>Puts the user's partnership and agency in the sign-in cookie so every query can be scoped by them.</summary>
public sealed class ParallaxClaimsPrincipalFactory(
    UserManager<ParallaxUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ParallaxUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParallaxUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ParallaxClaimTypes.Partnership, user.PartnershipId.ToString()));
        if (user.AgencyId is { } agency) identity.AddClaim(new Claim(ParallaxClaimTypes.Agency, agency.ToString()));
        identity.AddClaim(new Claim(ParallaxClaimTypes.DisplayName, user.DisplayName ?? user.Email ?? ""));
        return identity;
    }
}
