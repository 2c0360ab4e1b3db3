namespace Parallax.Core.Data;

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<ReportSettings>
{
    public void Configure(EntityTypeBuilder<ReportSettings> builder)
    {
        builder.HasKey(s => s.AuditId);
        builder.PrimitiveCollection(s => s.Sections);
        builder.Property(s => s.ProtectiveMarking).HasMaxLength(60);
        builder.HasOne<Audits.Audit>().WithOne().HasForeignKey<ReportSettings>(s => s.AuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportNarrativeConfiguration : IEntityTypeConfiguration<ReportNarrative>
{
    public void Configure(EntityTypeBuilder<ReportNarrative> builder)
    {
        builder.HasIndex(n => new { n.AuditId, n.Section }).IsUnique();
        builder.Property(n => n.Section).HasMaxLength(40);
        builder.Property(n => n.Text).HasMaxLength(AuditReports.MaxNarrative);
        builder.Property(n => n.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(n => n.AuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.HasIndex(v => new { v.AuditId, v.Number }).IsUnique();
        builder.Property(v => v.GeneratedBy).HasMaxLength(200);
        builder.Property(v => v.FinalisedBy).HasMaxLength(200);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(v => v.AuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportDownloadConfiguration : IEntityTypeConfiguration<ReportDownload>
{
    public void Configure(EntityTypeBuilder<ReportDownload> builder)
    {
        builder.Property(d => d.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.DownloadedBy).HasMaxLength(200);
        builder.HasIndex(d => d.ReportVersionId);
        builder.HasOne<ReportVersion>().WithMany().HasForeignKey(d => d.ReportVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
