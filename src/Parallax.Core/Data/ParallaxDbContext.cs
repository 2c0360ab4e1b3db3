using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Parallax.Core.Data;

public class ParallaxDbContext(DbContextOptions<ParallaxDbContext> options)
    : IdentityDbContext<ParallaxUser, IdentityRole<Guid>, Guid>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The keys that protect session and anti-forgery cookies, shared by every node on the same database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>The name of the query filter that keeps a scoped context to its partnership's records.</summary>
    public const string PartnershipFilter = "partnership";

    /// <summary>
    /// The partnership this context's queries are kept to (every <see cref="IPartnershipOwned"/> record), or null for
    /// work across partnerships: commands, background mail, the demo loader.
    /// </summary>
    public Guid? PartnershipScope { get; private set; }

    /// <summary>
    /// Keeps every query of this context (one request) to <paramref name="partnershipId"/>'s records, so a query that
    /// forgets its <c>Where</c> cannot return another partnership's record. A context is scoped once: scoping it to a
    /// second partnership is a fault, refused.
    /// </summary>
    public void ScopeTo(Guid partnershipId)
    {
        if (PartnershipScope is { } scoped && scoped != partnershipId)
            throw new InvalidOperationException("This unit of work is already kept to another partnership.");
        PartnershipScope = partnershipId;
    }

    /// <summary>The reason the user gave for the changes this unit of work saves (a reopened return, a leaver), or null.</summary>
    public string? AuditReason { get; private set; }

    /// <summary>
    /// Records <paramref name="reason"/> with every change saved from now on by this context (one request, one command):
    /// the trail keeps it on the events of the same change set (decision 0053). A blank reason records none.
    /// </summary>
    public void Because(string? reason)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > AuditTrailInterceptor.MaxReasonLength })
            throw new DomainException(TextLimits.TooLong("The reason", AuditTrailInterceptor.MaxReasonLength, reason.Length), "Reason");
        AuditReason = reason;
    }

    public DbSet<Partnership> Partnerships => Set<Partnership>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditTrail.AuditSeal> AuditSeals => Set<AuditTrail.AuditSeal>();

    public DbSet<Users.SecurityEvent> SecurityEvents => Set<Users.SecurityEvent>();

    public DbSet<Users.OneTimeLink> OneTimeLinks => Set<Users.OneTimeLink>();

    public DbSet<Users.Membership> Memberships => Set<Users.Membership>();

    public DbSet<AuditTool> AuditTools => Set<AuditTool>();

    public DbSet<ToolVersion> ToolVersions => Set<ToolVersion>();

    public DbSet<Audit> Audits => Set<Audit>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<AuditCase> AuditCases => Set<AuditCase>();

    public DbSet<AgencyInvolvement> AgencyInvolvements => Set<AgencyInvolvement>();

    public DbSet<ReturnRequest> ReturnRequests => Set<ReturnRequest>();

    public DbSet<AuditReturn> AuditReturns => Set<AuditReturn>();

    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();

    public DbSet<Calendar.PartnershipHoliday> PartnershipHolidays => Set<Calendar.PartnershipHoliday>();

    public DbSet<AuditTeamMember> AuditTeamMembers => Set<AuditTeamMember>();

    public DbSet<ReturnStatusChange> ReturnStatusChanges => Set<ReturnStatusChange>();

    public DbSet<Panels.PanelMeeting> PanelMeetings => Set<Panels.PanelMeeting>();

    public DbSet<Panels.PanelCaseRecord> PanelCaseRecords => Set<Panels.PanelCaseRecord>();

    public DbSet<ReturnQuery> ReturnQueries => Set<ReturnQuery>();

    public DbSet<Findings.Theme> Themes => Set<Findings.Theme>();

    public DbSet<Findings.Finding> Findings => Set<Findings.Finding>();

    public DbSet<Reports.ReportSettings> ReportSettings => Set<Reports.ReportSettings>();

    public DbSet<Reports.ReportNarrative> ReportNarratives => Set<Reports.ReportNarrative>();

    public DbSet<Reports.ReportVersion> ReportVersions => Set<Reports.ReportVersion>();

    public DbSet<Reports.ReportDownload> ReportDownloads => Set<Reports.ReportDownload>();

    public DbSet<Actions.Recommendation> Recommendations => Set<Actions.Recommendation>();

    public DbSet<Actions.PlanAction> PlanActions => Set<Actions.PlanAction>();

    public DbSet<Actions.ActionUpdate> ActionUpdates => Set<Actions.ActionUpdate>();

    public DbSet<Actions.EvidenceFile> EvidenceFiles => Set<Actions.EvidenceFile>();

    public DbSet<Reviews.PracticeReview> PracticeReviews => Set<Reviews.PracticeReview>();

    public DbSet<Reviews.ChronologyRequest> ChronologyRequests => Set<Reviews.ChronologyRequest>();

    public DbSet<Reviews.ChronologyEvent> ChronologyEvents => Set<Reviews.ChronologyEvent>();

    public DbSet<Reviews.ChronologyEventType> ChronologyEventTypes => Set<Reviews.ChronologyEventType>();

    public DbSet<Reviews.ReviewLearning> ReviewLearnings => Set<Reviews.ReviewLearning>();

    public DbSet<Reviews.AgencySummary> AgencySummaries => Set<Reviews.AgencySummary>();

    public DbSet<Reviews.PartnerSignOff> PartnerSignOffs => Set<Reviews.PartnerSignOff>();

    public DbSet<Reviews.ReviewMilestone> ReviewMilestones => Set<Reviews.ReviewMilestone>();

    /// <summary>
    /// Saves, or refuses with <paramref name="conflict"/> (a sentence for the person) when someone else saved the same
    /// record since it was read: the version check of an optimistic edit, so two people's edits never overwrite unseen.
    /// </summary>
    public Task SaveOrRefuseAsync(string conflict, CancellationToken ct = default) => SaveOrRefuseAsync(new EditConflictException(conflict), ct);

    /// <summary>Saves, or throws <paramref name="conflict"/> when someone else saved the same record since it was read.</summary>
    public async Task SaveOrRefuseAsync(DomainException conflict, CancellationToken ct = default)
    {
        try
        {
            await SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw conflict;
        }
    }

    /// <summary>Removes the record <paramref name="match"/> finds, and saves; false when there is none.</summary>
    public async Task<bool> RemoveFirstAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> match, CancellationToken ct = default)
        where T : class
    {
        var found = await Set<T>().FirstOrDefaultAsync(match, ct);
        if (found is null) return false;
        Remove(found);
        await SaveChangesAsync(ct);
        return true;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParallaxDbContext).Assembly);
        KeysAreChosenByTheApplication(builder);
        VersionsAreConcurrencyTokens(builder);
        OnlyTheScopedPartnership(builder);
    }

    /// <summary>
    /// Every <see cref="IVersioned"/> record's version is its concurrency token: a save from a stale copy changes no
    /// row and is refused as an edit conflict, whichever record it is.
    /// </summary>
    private static void VersionsAreConcurrencyTokens(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
    }

    /// <summary>
    /// One query filter on every <see cref="IPartnershipOwned"/> record: <c>PartnershipScope == null ||
    /// record.PartnershipId == PartnershipScope</c>. EF Core reads <see cref="PartnershipScope"/> from the context that
    /// runs the query, not the one that built the model.
    /// </summary>
    private void OnlyTheScopedPartnership(ModelBuilder builder)
    {
        var owned = builder.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.BaseType is null && typeof(IPartnershipOwned).IsAssignableFrom(e.ClrType)).ToList();
        foreach (var entity in owned)
        {
            var record = Expression.Parameter(entity.ClrType, "record");
            var scope = Expression.Property(Expression.Constant(this), nameof(PartnershipScope));
            var owner = Expression.Convert(Expression.Property(record, nameof(IPartnershipOwned.PartnershipId)), typeof(Guid?));
            var body = Expression.OrElse(Expression.Equal(scope, Expression.Constant(null, typeof(Guid?))), Expression.Equal(owner, scope));
            builder.Entity(entity.ClrType).HasQueryFilter(PartnershipFilter, Expression.Lambda(body, record));
        }
    }

    /// <summary>
    /// Every Guid key is chosen by the application when the record is made (time-ordered Guid v7), never by the
    /// database. Told so, EF Core takes a record it finds with its key already set, added to a loaded aggregate
    /// (an answer added to a saved return, a household member to a case), for a new row to insert. Left to its
    /// convention (keys generated on add), it takes such a record for an update of a row that does not exist,
    /// and the save fails as a concurrency conflict: the fault that stopped saved returns taking new answers.
    /// </summary>
    private static void KeysAreChosenByTheApplication(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            if (entity.FindPrimaryKey() is not { Properties: [var key] } || key.ClrType != typeof(Guid)) continue;
            key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-with-offset type: EF cannot order or compare DateTimeOffset stored as
        // text there. Stored as binary ticks (all values are UTC) they sort and compare in SQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
