namespace Parallax.Core.Data;

internal sealed class PracticeReviewConfiguration : IEntityTypeConfiguration<PracticeReview>
{
    public void Configure(EntityTypeBuilder<PracticeReview> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.ChronologyAccess).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.IncidentPrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.TriggerIncident).HasMaxLength(2000);
        builder.Property(r => r.Author).HasMaxLength(200);
        builder.Property(r => r.CreatedBy).HasMaxLength(200);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.DecisionReasons).HasMaxLength(RapidReviews.MaxNarrative);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedDespiteMissing).HasMaxLength(TextLimits.Section);
        foreach (var narrative in new[] { nameof(PracticeReview.TermsOfReference), nameof(PracticeReview.Introduction), nameof(PracticeReview.Process), nameof(PracticeReview.FamilyBackground), nameof(PracticeReview.Analysis), nameof(PracticeReview.Conclusion) })
            builder.Property(narrative).HasMaxLength(ReviewOpening.MaxNarrative);
        builder.HasIndex(r => r.PartnershipId);
        builder.Property(r => r.Indicators).HasMaxLength(1000).HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
            v => System.Text.Json.JsonSerializer.Deserialize<IndicatorSettings>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new IndicatorSettings(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IndicatorSettings>((a, b) => a == b, v => v.GetHashCode(), v => v));
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(r => r.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.SubjectCaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChronologyRequestConfiguration : IEntityTypeConfiguration<ChronologyRequest>
{
    public void Configure(EntityTypeBuilder<ChronologyRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SubmittedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.ReviewId, r.AgencyId }).IsUnique();
        builder.HasIndex(r => new { r.AgencyId, r.Status });
        builder.HasOne<PracticeReview>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChronologyEventConfiguration : IEntityTypeConfiguration<ChronologyEvent>
{
    public void Configure(EntityTypeBuilder<ChronologyEvent> builder)
    {
        builder.Ignore(e => e.Date);
        builder.Property(e => e.Precision).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.EndPrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Text).HasMaxLength(ChronologyImport.MaxText);
        builder.Property(e => e.AgencyComment).HasMaxLength(ChronologyImport.MaxText);
        builder.Property(e => e.SourceReference).HasMaxLength(ChronologyImport.MaxReference);
        builder.PrimitiveCollection(e => e.PeopleIds);
        builder.PrimitiveCollection(e => e.MoreTypeIds);
        builder.Property(e => e.SuggestedBecause).HasMaxLength(1000);
        builder.Property(e => e.RetypedBy).HasMaxLength(200);
        builder.HasIndex(e => new { e.ReviewId, e.StartsOn });
        builder.HasIndex(e => e.RequestId);
        builder.HasOne<ChronologyRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChronologyEventType>().WithMany().HasForeignKey(e => e.EventTypeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ChronologyEventTypeConfiguration : IEntityTypeConfiguration<ChronologyEventType>
{
    public void Configure(EntityTypeBuilder<ChronologyEventType> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Keywords).HasMaxLength(1000);
        builder.Property(t => t.Signal).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(t => new { t.PartnershipId, t.Name }).IsUnique();
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewLearningConfiguration : IEntityTypeConfiguration<ReviewLearning>
{
    public void Configure(EntityTypeBuilder<ReviewLearning> builder)
    {
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Text).HasMaxLength(4000);
        builder.HasIndex(l => new { l.ReviewId, l.Kind, l.Number }).IsUnique();
        builder.HasOne<PracticeReview>().WithMany().HasForeignKey(l => l.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Findings.Theme>().WithMany().HasForeignKey(l => l.ThemeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Actions.Recommendation>().WithMany().HasForeignKey(l => l.RecommendationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AgencySummaryConfiguration : IEntityTypeConfiguration<AgencySummary>
{
    public void Configure(EntityTypeBuilder<AgencySummary> builder)
    {
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var part in new[] { nameof(AgencySummary.Involvement), nameof(AgencySummary.Analysis), nameof(AgencySummary.ImmediateLearning), nameof(AgencySummary.ActionsTaken) })
            builder.Property(part).HasMaxLength(RapidReviews.MaxNarrative);
        builder.Property(s => s.SavedBy).HasMaxLength(200);
        builder.Property(s => s.SubmittedBy).HasMaxLength(200);
        builder.Property(s => s.EnteredByLead).HasMaxLength(200);
        builder.HasIndex(s => s.RequestId).IsUnique();
        builder.HasIndex(s => s.ReviewId);
        builder.HasOne<ChronologyRequest>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerSignOffConfiguration : IEntityTypeConfiguration<PartnerSignOff>
{
    public void Configure(EntityTypeBuilder<PartnerSignOff> builder)
    {
        builder.Property(s => s.Partner).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.SignedBy).HasMaxLength(200);
        builder.Property(s => s.Role).HasMaxLength(200);
        builder.Property(s => s.RecordedBy).HasMaxLength(200);
        builder.Property(s => s.SignedDespiteMissing).HasMaxLength(TextLimits.Section);
        builder.HasIndex(s => new { s.ReviewId, s.Partner }).IsUnique();
        builder.HasOne<PracticeReview>().WithMany().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewMilestoneConfiguration : IEntityTypeConfiguration<ReviewMilestone>
{
    public void Configure(EntityTypeBuilder<ReviewMilestone> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(m => new { m.ReviewId, m.Kind }).IsUnique();
        builder.HasOne<PracticeReview>().WithMany().HasForeignKey(m => m.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}
