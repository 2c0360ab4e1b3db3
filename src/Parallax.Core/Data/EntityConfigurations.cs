namespace Parallax.Core.Data;

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(16);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.ReturnsContactEmail).HasMaxLength(256);
        builder.Ignore(a => a.IsRetired);
        builder.HasIndex(a => new { a.PartnershipId, a.Code }).IsUnique();
        builder.HasIndex(a => new { a.PartnershipId, a.Name }).IsUnique();
        builder.HasOne(a => a.Partnership).WithMany().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParallaxUserConfiguration : IEntityTypeConfiguration<ParallaxUser>
{
    public void Configure(EntityTypeBuilder<ParallaxUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne(u => u.Partnership).WithMany().HasForeignKey(u => u.PartnershipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.UserId, m.PartnershipId }).IsUnique();
        builder.HasIndex(m => m.PartnershipId);
        builder.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Partnership).WithMany().HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OneTimeLinkConfiguration : IEntityTypeConfiguration<OneTimeLink>
{
    public void Configure(EntityTypeBuilder<OneTimeLink> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.UserId, l.Purpose });
        builder.HasOne<ParallaxUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(l => l.PartnershipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Entity).HasMaxLength(100);
        builder.Property(e => e.EntityKey).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(AuditTrailInterceptor.MaxReasonLength);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => new { e.PartnershipId, e.Id });
        // By record key alone: the trail page's audit and review filters give keys only, retention a key and the entity (decision 0078).
        builder.HasIndex(e => e.EntityKey);
        // No index by actor: nothing looks events up by actor id, and the trail page's "changed by" matches part of the name (decision 0075).
        // None by time: the trail page's "last N days" walks its partnership's events newest first and stops at a page (decision 0078).
    }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        builder.ToTable("AuditSeals");
        // No foreign key to the events: a seal must outlive a deleted event, so verification can say it was deleted.
        builder.HasKey(s => s.EventId);
        builder.Property(s => s.EventId).ValueGeneratedNever();
        // Each seal follows exactly one: two sealers racing from the same head cannot both write, so the chain never forks.
        builder.HasIndex(s => s.AfterEventId).IsUnique();
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.Property(s => s.KeyId).HasMaxLength(16);
    }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Email).HasMaxLength(256);
        builder.Property(e => e.Path).HasMaxLength(300);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.HasIndex(e => new { e.PartnershipId, e.OccurredAt });
    }
}
