using System.Globalization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Parallax.Features.Admin.AuditTrail;

namespace Parallax.Tests.Data;

/// <summary>
/// For EVERY entity type of the model (read from the EF model, so a new type fails here until it has a case): one
/// change of one of its records writes what the user saw (the record in words, the field, the old and the new value)
/// with the record's partnership, and secrets are redacted. The records are the demo partnership's own (the demo
/// makes audits, panels, findings, reports, actions and reviews through the services), found by their "Added" events,
/// so a type that stops being recorded has no record to change and fails too; the few types the demo never makes
/// (sign-in records, links, keys) are made here.
/// </summary>
public abstract class AuditTrailPerEntityTests(ParallaxAppFactory app)
{
    // The trail itself: append-only, changing it is refused (AuditTrailTests).
    private static readonly HashSet<string> TheTrailItself = ["AuditEvent", "AuditSeal"];

    // Records of the installation, not of a partnership: their events carry none, and no administrator's trail page shows them.
    private static readonly HashSet<string> InstallationWide = ["DataProtectionKey", "IdentityRole", "IdentityRoleClaim"];

    // Identity's user-role table, which Parallax leaves empty: roles belong to a membership of a partnership (decision 0034).
    private static readonly HashSet<string> NeverWritten = ["IdentityUserRole"];

    [Fact]
    public async Task OneChangeOfEveryEntityType_WritesTheRecordFieldOldAndNewValueAsSeen_AndThePartnership()
    {
        IReadOnlyList<DemoAccount> accounts;
        await using (var scope = app.Services.CreateAsyncScope())
            accounts = await scope.ServiceProvider.GetRequiredService<DemoPartnership>().LoadAsync();
        Guid partnership;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            partnership = await db.Partnerships.Where(p => p.Name == DemoPartnership.Name).Select(p => p.Id).SingleAsync();
            // Sign-in records on someone other than the administrator, whose pages the test reads (a token would ask them for a code).
            await AddWhatTheDemoDoesNotMakeAsync(db, partnership, accounts.First(a => a.Role != Roles.Administrator).Email);
        }

        var tested = new List<string>();
        var problems = new List<string>();
        var shown = new List<(string Entity, string Key, string Field, string? Old, string? New)>();
        var types = new List<string>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned()).OrderBy(t => t.ClrType.Name))
            {
                var name = type.ClrType.IsGenericType ? type.ClrType.Name[..type.ClrType.Name.IndexOf('`')] : type.ClrType.Name;
                if (TheTrailItself.Contains(name) || types.Contains(name)) continue;
                types.Add(name);
                Guid? expectedPartnership = InstallationWide.Contains(name) ? null : partnership;
                if (NeverWritten.Contains(name))
                {
                    // Left empty after the whole demo, and nothing of it in the trail: were it ever written, it would need a case here.
#pragma warning disable EF1002 // names from the EF model, not from input
                    var rows = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{type.GetTableName()}\"").SingleAsync();
#pragma warning restore EF1002
                    if (rows != 0 || await db.AuditEvents.AnyAsync(e => e.Entity == name)) problems.Add($"{name}: {rows} rows written, with no case in this test");
                    else tested.Add(name);
                    continue;
                }


                var keys = await db.AuditEvents.AsNoTracking()
                    .Where(e => e.Entity == name && e.Action == AuditAction.Added && e.PartnershipId == expectedPartnership)
                    .OrderByDescending(e => e.Id).Select(e => e.EntityKey).Take(200).ToListAsync();
                keys = [.. keys.Distinct().Take(20)];
                object? record = null;
                string? recordKey = null;
                foreach (var key in keys)
                {
                    var parts = key.Split(',');
                    var primaryKey = type.FindPrimaryKey()!.Properties;
                    if (parts.Length != primaryKey.Count) continue;
                    var values = primaryKey.Select((p, i) => Parse(p.ClrType, parts[i])).ToArray();
                    if (values.Any(v => v is null)) continue;
                    record = await db.FindAsync(type.ClrType, values!);
                    recordKey = key;
                    if (record is not null) break;
                }

                if (record is null && keys.Contains("(new)") && type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated])
                {
                    // A key the database makes (a number) is not known when the trail is written: the addition is recorded
                    // as "(new)" (decision 0053 states the limit); its later changes carry the real key. The newest record stands in.
#pragma warning disable EF1002 // names from the EF model, not from input
                    var newest = await db.Database.SqlQueryRaw<int>($"SELECT MAX(\"{generated.GetColumnName()}\") AS \"Value\" FROM \"{type.GetTableName()}\"").SingleAsync();
#pragma warning restore EF1002
                    record = await db.FindAsync(type.ClrType, newest);
                    recordKey = newest.ToString(CultureInfo.InvariantCulture);
                }

                if (record is null)
                {
                    var elsewhere = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == name && e.Action == AuditAction.Added).GroupBy(e => e.PartnershipId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                    problems.Add($"{name}: no case: no record with an \"Added\" event in the trail under {(expectedPartnership is null ? "no partnership" : "the demo partnership")}"
                                 + $" (added events: {string.Join(", ", elsewhere.Select(g => $"{g.Count} under {g.Key?.ToString() ?? "none"}"))})");
                    continue;
                }

                var entry = db.Entry(record);
                var change = Change(type, entry);
                if (change is null)
                {
                    // A link made of its keys only (a case in a sample, a person's role): its one change is its addition,
                    // which must have written each of its links with the partnership.
                    db.ChangeTracker.Clear();
                    var added = await db.AuditEvents
                        .Where(e => e.Entity == name && e.EntityKey == recordKey && e.Action == AuditAction.Added).FieldsAsync();
                    var links = type.GetForeignKeys().Where(k => k.IsRequired).SelectMany(k => k.Properties).Where(p => !p.IsPrimaryKey()).Select(p => p.Name).ToList();
                    if (added.Count == 0 || added.Any(e => e.PartnershipId != expectedPartnership) || links.Any(l => !added.Any(e => e.Field == l && e.NewValue is not null)))
                        problems.Add($"{name}: its addition did not write each of its links ({string.Join(", ", links)}) under the partnership");
                    else tested.Add(name);
                    continue;
                }

                var (field, oldValue, newValue) = change.Value;
                var entityKey = string.Join(",", type.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Parallax.Core.DomainException)
                {
                    problems.Add($"{name}: changing {field} was refused: {e.GetBaseException().Message}");
                    db.ChangeTracker.Clear();
                    continue;
                }

                db.ChangeTracker.Clear();
                var written = (await db.AuditEvents
                    .Where(e => e.Entity == name && e.EntityKey == entityKey && e.Action == AuditAction.Modified).FieldsAsync())
                    .LastOrDefault(e => e.Field == field);
                var secret = AuditTrailInterceptor.IsRedacted(name, field);
                var expectedOld = secret ? AuditTrailInterceptor.Redacted : oldValue;
                var expectedNew = secret ? AuditTrailInterceptor.Redacted : newValue;
                if (written is null) problems.Add($"{name}: changing {field} wrote nothing to the trail");
                else if ((written.OldValue, written.NewValue, written.PartnershipId) != (expectedOld, expectedNew, expectedPartnership))
                    problems.Add($"{name}.{field}: trail has {written.OldValue} → {written.NewValue} in {written.PartnershipId}, expected {expectedOld} → {expectedNew} in {expectedPartnership}");
                else
                {
                    tested.Add(name);
                    if (expectedPartnership is not null) shown.Add((name, entityKey, field, expectedOld, expectedNew));
                }
            }
        }

        // As the demo partnership's administrator sees each change: the record and field in words, the values before and after.
        var admin = accounts.First(a => a.Role == Roles.Administrator);
        var browser = await app.SignedInBrowserAsync(admin.Email, admin.Password);
        var offered = (await browser.GetDocumentAsync("/admin/audit-trail")).QuerySelectorAll("#Entity option").Select(o => o.GetAttribute("value")).ToHashSet();
        foreach (var (entity, key, field, oldValue, newValue) in shown)
        {
            // The "Record type" filter offers every kind of record the partnership's trail holds (read from the model, not the events).
            if (!offered.Contains(entity)) problems.Add($"{entity}: the record type filter does not offer it");
            var page = await browser.GetDocumentAsync($"/admin/audit-trail?Entity={entity}&Key={Uri.EscapeDataString(key)}&Days=0");
            var rows = page.QuerySelectorAll("tbody.parallax-audit-change tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).Where(r => r.Count == 7).ToList();
            var fieldInWords = IndexModel.Words(field);
            if (!rows.Any(r => r[2].StartsWith(IndexModel.Words(entity) + " ", StringComparison.Ordinal) && r[3] == "Modified"
                               && (r[4] == fieldInWords || entity == "ReturnAnswer") && r[5] == (IndexModel.ValueInWords(oldValue) ?? "").Trim() && r[6] == (IndexModel.ValueInWords(newValue) ?? "").Trim()))
                problems.Add($"{entity}.{field}: the trail page does not show {IndexModel.Words(entity)}, {fieldInWords}, {oldValue} → {newValue}; it shows {rows.Count} rows: "
                             + string.Join(" / ", rows.Take(3).Select(r => string.Join(" | ", r))) + (rows.Count == 0 ? page.Title + " " + page.QuerySelector("main")?.TextContent.Trim()[..Math.Min(200, page.QuerySelector("main")!.TextContent.Trim().Length)] : ""));
        }

        Assert.True(problems.Count == 0, "Tested: " + string.Join(", ", tested) + "\n" + string.Join("\n", problems));
        // Every entity type of the model but the trail's own has a case.
        Assert.Equal(types.Order(), tested.Order());
        Assert.True(types.Count >= 40, $"Only {types.Count} entity types were found in the model.");
    }

    /// <summary>Records the demo never makes (sign-in records, links, keys, a holiday), made as the application makes them.</summary>
    private static async Task AddWhatTheDemoDoesNotMakeAsync(ParallaxDbContext db, Guid partnership, string email)
    {
        var user = await db.Users.Where(u => u.PartnershipId == partnership && u.Email == email).SingleAsync();
        // A role of its own: renaming one the application uses would take everyone's access away for the rest of the test.
        var role = new IdentityRole<Guid>("Fictional test role") { Id = Guid.CreateVersion7(), NormalizedName = "FICTIONAL TEST ROLE" };
        db.Roles.Add(role);
        var now = DateTimeOffset.UtcNow;
        db.UserClaims.Add(new IdentityUserClaim<Guid> { UserId = user.Id, ClaimType = "parallax:test", ClaimValue = "a fictional claim" });
        db.UserLogins.Add(new IdentityUserLogin<Guid> { UserId = user.Id, LoginProvider = "oidc", ProviderKey = "subject-" + Guid.NewGuid().ToString("N")[..8], ProviderDisplayName = "The partnership's provider" });
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "FICTIONALAUTHENTICATORKEY" });
        db.RoleClaims.Add(new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = "parallax:test", ClaimValue = "a fictional role claim" });
        db.OneTimeLinks.Add(new OneTimeLink { Purpose = OneTimeLinkPurpose.PasswordReset, PartnershipId = partnership, UserId = user.Id, TokenHash = new string('a', 64), CreatedAt = now, ExpiresAt = now.AddHours(1) });
        db.SecurityEvents.Add(new SecurityEvent { PartnershipId = partnership, OccurredAt = now, Kind = SecurityEventKind.SignedIn, UserId = user.Id, Email = user.Email, Path = "/sign-in", Address = "192.0.2.10" });
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-" + Guid.NewGuid().ToString("N")[..8], Xml = "<key>fictional key material</key>" });
        if (!await db.PartnershipHolidays.AnyAsync(h => h.PartnershipId == partnership))
            db.PartnershipHolidays.Add(new Parallax.Core.Calendar.PartnershipHoliday { PartnershipId = partnership, Date = new DateOnly(2027, 8, 2), Name = "Partnership staff day" });
        // A panel meeting, a team member and a report with its settings, narrative, version and a download, on one demo audit.
        var audit = await db.Audits.Where(a => a.PartnershipId == partnership).OrderBy(a => a.Title).FirstAsync();
        db.AuditTeamMembers.Add(new Parallax.Core.Audits.AuditTeamMember { AuditId = audit.Id, UserId = user.Id, Role = default });
        db.PanelMeetings.Add(new Parallax.Core.Panels.PanelMeeting { AuditId = audit.Id, HeldOn = new DateOnly(2026, 11, 20), Attendees = ["Audit lead", "Police"] });
        if (!await db.Set<Parallax.Core.Reports.ReportSettings>().AnyAsync(r => r.AuditId == audit.Id))
            db.Add(new Parallax.Core.Reports.ReportSettings { AuditId = audit.Id, Sections = ["summary"] });
        db.Add(new Parallax.Core.Reports.ReportNarrative { AuditId = audit.Id, Section = "summary", Text = "A fictional summary of the audit's findings", UpdatedBy = "lead", UpdatedAt = now });
        var version = new Parallax.Core.Reports.ReportVersion { AuditId = audit.Id, Number = 99, Content = "A fictional report", GeneratedBy = "lead", GeneratedAt = now };
        db.Add(version);
        db.Add(new Parallax.Core.Reports.ReportDownload { ReportVersionId = version.Id, Format = default, DownloadedBy = "lead@northmoor-scp.example", DownloadedAt = now });
        await db.SaveChangesAsync();
    }

    private static object? Parse(Type type, string text) =>
        type == typeof(Guid) ? (Guid.TryParse(text, out var g) ? g : null)
        : type == typeof(string) ? text
        : type == typeof(int) ? (int.TryParse(text, out var i) ? i : null)
        : type == typeof(long) ? (long.TryParse(text, out var l) ? l : null)
        : null;

    /// <summary>Changes one plain field of the record (text first, then a yes/no, a number, a date) and says which, with the values as the trail writes them.</summary>
    private static (string Field, string? Old, string? New)? Change(IEntityType type, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var candidates = type.GetProperties()
            .Where(p => !p.IsKey() && !p.IsForeignKey() && !p.IsShadowProperty() && !p.IsConcurrencyToken && p.PropertyInfo?.CanWrite == true && p.GetValueConverter() is null)
            // A field of a unique index (a milestone's kind within its review) cannot change without clashing with a sibling.
            .Where(p => !p.GetContainingIndexes().Any(i => i.IsUnique))
            .Where(p => p.Name is not ("Version" or "ConcurrencyStamp" or "SecurityStamp" or "PartnershipId") && !p.Name.StartsWith("Normalized", StringComparison.Ordinal))
            .OrderBy(p => p.ClrType == typeof(string) ? 0 : p.ClrType == typeof(bool) ? 1 : 2).ToList();
        foreach (var property in candidates)
        {
            var current = entry.Property(property.Name).CurrentValue;
            object? next = property.ClrType switch
            {
                var t when t == typeof(string) && (property.GetMaxLength() ?? 100) >= 12 && current is string s && !s.StartsWith('{') && !s.StartsWith('[') && !s.StartsWith('<') => (s.Length > Math.Min(60, (property.GetMaxLength() ?? 100) - 8) ? s[..Math.Min(60, (property.GetMaxLength() ?? 100) - 8)] : s) + " changed",
                var t when t == typeof(bool) => !(bool)current!,
                var t when t == typeof(int) && property.Name != "Order" => (int)current! + 1,
                var t when t == typeof(DateTimeOffset) => ((DateTimeOffset)current!).AddDays(1),
                var t when t == typeof(DateOnly) => ((DateOnly)current!).AddDays(1),
                var t when t.IsEnum && Enum.GetValues(t).Length > 1 => Enum.GetValues(t).Cast<object>().First(v => !v.Equals(current)),
                _ => null,
            };
            if (next is null) continue;
            entry.Property(property.Name).CurrentValue = next;
            return (property.Name, Format(current), Format(next));
        }

        return null;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

public sealed class AuditTrailPerEntityTestsSqlite(SqliteAppFactory app) : AuditTrailPerEntityTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditTrailPerEntityTestsPostgres(PostgresAppFactory app) : AuditTrailPerEntityTests(app), IClassFixture<PostgresAppFactory>;
