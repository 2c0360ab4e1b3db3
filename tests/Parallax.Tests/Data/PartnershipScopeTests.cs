using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Parallax.Tests.Data;

/// <summary>
/// The second guard behind every page's own scoping (decision 0039): a signed-in request's context is kept to the
/// session's partnership, and every partnership-owned record is filtered to it, so a query that forgets its
/// <c>Where</c> cannot show another partnership's record.
/// </summary>
public abstract class PartnershipScopeTests(ParallaxAppFactory app)
{
    /// <summary>
    /// Records that carry a partnership but are not filtered, each for a reason: a person and their memberships span
    /// partnerships (the partnership switcher reads them all); the trail, the security log and one-time links are read
    /// across partnerships by the commands and sign-in, and their pages scope them by hand.
    /// </summary>
    private static readonly HashSet<string> NotFiltered =
        ["ParallaxUser", "Membership", "AuditEvent", "SecurityEvent", "OneTimeLink"];

    [Fact]
    public void EveryRecordThatNamesAPartnership_IsFilteredToIt_OrListedWithItsReason()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Model;
        var named = model.GetEntityTypes().Where(e => !e.IsOwned() && e.FindProperty(nameof(IPartnershipOwned.PartnershipId)) is not null).ToList();

        var unguarded = named.Where(e => !NotFiltered.Contains(e.ClrType.Name)
            && (!typeof(IPartnershipOwned).IsAssignableFrom(e.ClrType) || e.FindDeclaredQueryFilter(ParallaxDbContext.PartnershipFilter) is null))
            .Select(e => e.ClrType.Name).ToList();
        Assert.Empty(unguarded);
        Assert.Contains(named, e => e.ClrType.Name == "Audit");
        Assert.True(named.Count(e => typeof(IPartnershipOwned).IsAssignableFrom(e.ClrType)) >= 11);
    }

    [Fact]
    public async Task ASignedInRequest_QueryWithoutAWhere_SeesOnlyItsPartnershipsRecords_OfEveryKind()
    {
        var otherfield = await WithScopeAsync(s => TestPartnership.OtherfieldIdAsync(s));
        var testshireAudit = await WithScopeAsync(s => TestAudits.CreateAsync(s, app.Data.Partnership.Id, "Scope test audit"));
        var otherfieldAudit = await WithScopeAsync(s => TestAudits.CreateAsync(s, otherfield, "Scope test audit"));

        // The Otherfield lead's request, through the real claims and the real middleware.
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var lead = await services.GetRequiredService<UserManager<ParallaxUser>>().FindByEmailAsync(TestPartnership.OtherLead);
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ParallaxUser>>().CreateAsync(lead!);
        var context = new DefaultHttpContext { RequestServices = services, User = principal };
        var db = services.GetRequiredService<ParallaxDbContext>();

        List<Guid> titled = [];
        Guid? found = null;
        Dictionary<string, (int Others, int OthersUnfiltered)> kinds = [];
        await new PartnershipScopeMiddleware(async _ =>
        {
            titled = await db.Audits.Where(a => a.Title == "Scope test audit").Select(a => a.Id).ToListAsync();
            found = (await db.Audits.FindAsync(testshireAudit.Id))?.Id;
            foreach (var type in db.Model.GetEntityTypes().Where(e => typeof(IPartnershipOwned).IsAssignableFrom(e.ClrType)))
            {
                var count = (Task<(int, int)>)typeof(PartnershipScopeTests).GetMethod(nameof(OthersAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(type.ClrType).Invoke(null, [db, otherfield])!;
                kinds[type.ClrType.Name] = await count;
            }
        }).InvokeAsync(context);

        Assert.Equal(otherfield, db.PartnershipScope);
        Assert.Equal([otherfieldAudit.Id], titled);
        Assert.Null(found);
        Assert.All(kinds, k => Assert.True(k.Value.Others == 0, $"{k.Key}: {k.Value.Others} of another partnership seen"));
        // Testshire's records were there to be seen: the filter, not an empty table, kept them out.
        foreach (var kind in new[] { "Audit", "AuditTool", "Agency" })
            Assert.True(kinds[kind].OthersUnfiltered > 0, $"{kind}: no record of another partnership to hide");
    }

    [Fact]
    public async Task WorkAcrossPartnerships_CommandsAndPeopleNotSignedIn_IsNotScoped_AndAScopeIsNeverChanged()
    {
        var otherfield = await WithScopeAsync(s => TestPartnership.OtherfieldIdAsync(s));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        await new PartnershipScopeMiddleware(_ => Task.CompletedTask).InvokeAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider });
        Assert.Null(db.PartnershipScope);
        Assert.Equal(2, await db.Agencies.Select(a => a.PartnershipId).Distinct().CountAsync());

        db.ScopeTo(otherfield);
        db.ScopeTo(otherfield);
        Assert.Throws<InvalidOperationException>(() => db.ScopeTo(app.Data.Partnership.Id));
        Assert.Equal(otherfield, db.PartnershipScope);
    }

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static async Task<(int, int)> OthersAsync<T>(ParallaxDbContext db, Guid partnership) where T : class, IPartnershipOwned =>
        (await db.Set<T>().CountAsync(r => EF.Property<Guid>(r, nameof(IPartnershipOwned.PartnershipId)) != partnership),
         await db.Set<T>().IgnoreQueryFilters([ParallaxDbContext.PartnershipFilter]).CountAsync(r => EF.Property<Guid>(r, nameof(IPartnershipOwned.PartnershipId)) != partnership));
}

public sealed class SqlitePartnershipScopeTests(SqliteAppFactory app) : PartnershipScopeTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPartnershipScopeTests(PostgresAppFactory app) : PartnershipScopeTests(app), IClassFixture<PostgresAppFactory>;
