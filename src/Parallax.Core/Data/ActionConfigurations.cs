namespace Parallax.Core.Data;

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(ActionPlans.MaxText);
        builder.Property(r => r.Addressee).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AddresseeGroup).HasMaxLength(200);
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.CreatedBy).HasMaxLength(200);
        builder.PrimitiveCollection(r => r.FindingIds);
        builder.PrimitiveCollection(r => r.CaseIds);
        builder.HasIndex(r => new { r.AuditId, r.Number }).IsUnique();
        builder.HasIndex(r => r.PartnershipId);
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(r => r.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(r => r.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reviews.PracticeReview>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(r => r.AddresseeAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.Property(a => a.What).HasMaxLength(ActionPlans.MaxText);
        builder.Property(a => a.Measure).HasMaxLength(ActionPlans.MaxText);
        builder.Property(a => a.Progress).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ClosedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.PartnershipId, a.OwnerAgencyId, a.DueOn });
        builder.HasIndex(a => a.RecommendationId);
        builder.HasOne<Recommendation>().WithMany().HasForeignKey(a => a.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(a => a.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Users.ParallaxUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> builder)
    {
        builder.Property(u => u.Progress).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Note).HasMaxLength(ActionPlans.MaxText);
        builder.Property(u => u.By).HasMaxLength(200);
        builder.PrimitiveCollection(u => u.Links);
        builder.HasIndex(u => new { u.ActionId, u.At });
        builder.HasOne<PlanAction>().WithMany().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(u => u.Files).WithOne().HasForeignKey(f => f.UpdateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(120);
        builder.Property(f => f.ScanResult).HasMaxLength(200);
    }
}
