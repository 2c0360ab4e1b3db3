using System.Linq.Expressions;

namespace Parallax.Core.Users;

/// <summary>Who is a member of a partnership, and who holds a role there (decision 0034: roles and agency are per membership).</summary>
public static class UserQueries
{
    /// <summary>The partnership's active memberships: neither the membership nor the account has ended.</summary>
    public static IQueryable<Membership> Members(this ParallaxDbContext db, Guid partnershipId) =>
        db.Memberships.Where(m => m.PartnershipId == partnershipId && m.DeactivatedAt == null && m.User!.DeactivatedAt == null);

    /// <summary>The partnership's active memberships, of accounts with an e-mail address, holding any of <paramref name="roles"/>.</summary>
    public static IQueryable<Membership> MembersInRoles(this ParallaxDbContext db, Guid partnershipId, params string[] roles) =>
        db.Members(partnershipId).Where(m => m.User!.Email != null && m.Roles.Any(r => roles.Contains(r)));

    /// <summary>The partnership's active users with an e-mail address who hold any of <paramref name="roles"/> there.</summary>
    public static IQueryable<ParallaxUser> InRoles(this ParallaxDbContext db, Guid partnershipId, params string[] roles) =>
        db.MembersInRoles(partnershipId, roles).Select(m => m.User!);

    /// <summary>
    /// Whether the person signs in only at the identity provider: an active membership's partnership requires it and
    /// they are not an administrator there (administrators keep a password for when the provider is down; decision 0033).
    /// </summary>
    public static Task<bool> SignsInAtProviderOnlyAsync(this ParallaxDbContext db, Guid userId, CancellationToken ct = default) =>
        db.Memberships.Where(m => m.UserId == userId && m.DeactivatedAt == null).AnyAsync(HoldsToTheProvider, ct);

    /// <summary>
    /// A membership that requires sign-in at the identity provider: its partnership requires it and the person is not an
    /// administrator there. One rule for the sign-in page and the check every signed-in request passes.
    /// </summary>
    public static readonly Expression<Func<Membership, bool>> HoldsToTheProvider =
        m => m.Partnership!.RequireIdentityProvider && !m.Roles.Contains(Roles.Administrator);

    /// <summary>Whether the person has an active membership of the partnership.</summary>
    public static IQueryable<ParallaxUser> MembersOf(this ParallaxDbContext db, Guid partnershipId) =>
        db.Members(partnershipId).Select(m => m.User!);
}
