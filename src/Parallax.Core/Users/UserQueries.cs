using Parallax.Core.Data;

namespace Parallax.Core.Users;

/// <summary>Who holds a role in a partnership, for the mail the chasers send.</summary>
public static class UserQueries
{
    /// <summary>The partnership's users with an e-mail address who hold any of <paramref name="roles"/>.</summary>
    public static IQueryable<ParallaxUser> InRoles(this ParallaxDbContext db, Guid partnershipId, params string[] roles) =>
        from u in db.Users
        where u.PartnershipId == partnershipId && u.Email != null
        where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!)))
        select u;
}
