using Microsoft.Extensions.Options;

namespace Parallax.Web;

public static class ParallaxClaimTypes
{
    public const string Partnership = "parallax:partnership";
    public const string Agency = "parallax:agency";
    public const string DisplayName = "parallax:name";

    /// <summary>How many active memberships the person has: more than one shows "Change partnership" in the header.</summary>
    public const string Memberships = "parallax:memberships";

    /// <summary>The name of the partnership the session acts in, for the header.</summary>
    public const string PartnershipName = "parallax:partnership-name";
}

/// <summary>
/// Puts the chosen membership's partnership, agency and roles in the sign-in cookie so every query is scoped by them
/// (decision 0034). The membership is the one the session already acts in (<see cref="ActingPartnershipKey"/>, set by
/// the session check and by the partnership switcher), else the one the person chose last, else any active one.
/// </summary>
public sealed class ParallaxClaimsPrincipalFactory(
    UserManager<ParallaxUser> users, IOptions<IdentityOptions> options, ParallaxDbContext db, IHttpContextAccessor http)
    : UserClaimsPrincipalFactory<ParallaxUser>(users, options)
{
    /// <summary>HttpContext.Items key: the partnership the principal being made should act in.</summary>
    public const string ActingPartnershipKey = "parallax:acting-partnership";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParallaxUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.DeactivatedAt == null)
            .OrderBy(m => m.CreatedAt).ToListAsync();
        var wanted = http.HttpContext?.Items[ActingPartnershipKey] as Guid?;
        var chosen = memberships.FirstOrDefault(m => m.PartnershipId == wanted)
            ?? memberships.FirstOrDefault(m => m.PartnershipId == user.PartnershipId)
            ?? memberships.FirstOrDefault();
        if (chosen is not null)
        {
            identity.AddClaim(new Claim(ParallaxClaimTypes.Partnership, chosen.PartnershipId.ToString()));
            if (chosen.AgencyId is { } agency) identity.AddClaim(new Claim(ParallaxClaimTypes.Agency, agency.ToString()));
            var name = await db.Partnerships.AsNoTracking().Where(p => p.Id == chosen.PartnershipId).Select(p => p.Name).FirstAsync();
            identity.AddClaim(new Claim(ParallaxClaimTypes.PartnershipName, name));
            foreach (var role in chosen.Roles) identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        identity.AddClaim(new Claim(ParallaxClaimTypes.Memberships, memberships.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ParallaxClaimTypes.DisplayName, user.DisplayName ?? user.Email ?? ""));
        return identity;
    }
}
