using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.AuditTrail;
using Parallax.Core.Data;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Data;

public abstract class AuditTrailTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task SaveChanges_AgencyRename_RecordsWhoWhenOldAndNewValue()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = await db.Agencies.SingleAsync(a => a.Id == app.Data.School.Id);
            agency.Name = "Testshire Schools and Colleges";
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var rename = await db.AuditEvents.SingleAsync(e =>
                e.Entity == "Agency" && e.EntityKey == app.Data.School.Id.ToString() && e.Action == AuditAction.Modified && e.Field == "Name");
            Assert.Equal("Testshire Schools", rename.OldValue);
            Assert.Equal("Testshire Schools and Colleges", rename.NewValue);
            Assert.Equal(app.Data.Partnership.Id, rename.PartnershipId);
            Assert.True(rename.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        // And the administrator can find it on the audit trail page.
        var page = await browser.GetDocumentAsync($"/admin/audit-trail?Entity=Agency&Key={app.Data.School.Id}");
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Testshire Schools and Colleges") && r.Contains("Modified"));
    }

    [Fact]
    public async Task Post_Settings_RecordsTheSignedInAdministratorAsTheAuthor()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var version = (await browser.GetDocumentAsync("/admin/settings")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        try
        {
            await browser.SubmitFormAsync("/admin/settings", new() { ["RequireTwoFactor"] = "true", ["Version"] = version });

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var change = await db.AuditEvents.SingleAsync(e => e.Entity == "Partnership" && e.Field == "RequireTwoFactor" && e.NewValue == "True");
            Assert.Equal(TestPartnership.Admin, change.ActorName);
            Assert.Equal("False", change.OldValue);
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            (await db.Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id)).RequireTwoFactor = false;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task SaveChanges_NewUser_RecordsTheAdditionButNeverThePasswordHash()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == TestPartnership.Viewer);

        var rows = await db.AuditEvents.Where(e => e.Entity == "ParallaxUser" && e.EntityKey == user.Id.ToString()).ToListAsync();

        Assert.Contains(rows, r => r.Action == AuditAction.Added && r.Field == "Email" && r.NewValue == TestPartnership.Viewer);
        var hash = Assert.Single(rows, r => r.Field == "PasswordHash");
        Assert.Equal(AuditTrailInterceptor.Redacted, hash.NewValue);
        Assert.DoesNotContain(rows, r => r.NewValue == user.PasswordHash || r.NewValue == user.SecurityStamp);
    }

    [Fact]
    public async Task SaveChanges_ChangingOrDeletingAnAuditRecord_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var first = await db.AuditEvents.OrderBy(e => e.Id).FirstAsync();

        first.NewValue = "tampered";
        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", change.Message);

        db.Entry(first).State = EntityState.Unchanged;
        db.AuditEvents.Remove(first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task TheDatabaseItself_RefusesToChangeOrDeleteAuditRecords_WhateverTheClient()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var before = await db.AuditEvents.CountAsync();
        var first = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).FirstAsync();

        // Plain SQL, around the application's interceptor, as a script or another client would.
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"ActorName\" = 'someone else'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(before, await db.AuditEvents.CountAsync());
        Assert.Equal(first.ActorName, (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == first.Id)).ActorName);
        if (app.Database.ProviderName == "postgres")
            Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\""))).Message);
    }

    [Fact]
    public async Task AuditTrailPage_ShowsOnlyTheAdministratorsPartnership()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var page = await browser.GetDocumentAsync("/admin/audit-trail?Entity=Agency&Days=0");

        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        var text = page.QuerySelector("table")?.TextContent ?? "";
        Assert.Contains("Testshire Police", text);
        Assert.DoesNotContain("Otherfield", text);
    }
}

public sealed class AuditTrailTestsSqlite(SqliteAppFactory app) : AuditTrailTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditTrailTestsPostgres(PostgresAppFactory app) : AuditTrailTests(app), IClassFixture<PostgresAppFactory>;
