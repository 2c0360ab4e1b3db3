namespace Parallax.Core.Data;

internal sealed class AuditToolConfiguration : IEntityTypeConfiguration<AuditTool>
{
    public void Configure(EntityTypeBuilder<AuditTool> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.TemplateKey).HasMaxLength(60);
        builder.HasIndex(t => new { t.PartnershipId, t.Name }).IsUnique();
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Versions).WithOne(v => v.Tool).HasForeignKey(v => v.ToolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToolVersionConfiguration : IEntityTypeConfiguration<ToolVersion>
{
    public void Configure(EntityTypeBuilder<ToolVersion> builder)
    {
        builder.HasIndex(v => new { v.ToolId, v.Number }).IsUnique();
        builder.Ignore(v => v.IsFrozen);
        builder.HasMany(v => v.Sections).WithOne().HasForeignKey(s => s.ToolVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToolSectionConfiguration : IEntityTypeConfiguration<ToolSection>
{
    public void Configure(EntityTypeBuilder<ToolSection> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.JudgementPrompt).HasMaxLength(500);
        builder.Property(s => s.Applicability).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Scope).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(s => s.AgencyTypes);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToolQuestionConfiguration : IEntityTypeConfiguration<ToolQuestion>
{
    public void Configure(EntityTypeBuilder<ToolQuestion> builder)
    {
        builder.Property(q => q.Code).HasMaxLength(20);
        builder.Property(q => q.ShortLabel).HasMaxLength(ToolInterchange.MaxLabelLength);
        builder.Property(q => q.Area).HasMaxLength(ToolInterchange.MaxLabelLength);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(q => q.Options);
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<Audits.Audit>
{
    public void Configure(EntityTypeBuilder<Audits.Audit> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Theme).HasMaxLength(300);
        builder.HasOne<Actions.Recommendation>().WithMany().HasForeignKey(a => a.DipSampleOfRecommendationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Reviews.PracticeReview>().WithMany().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(a => a.ThemeSource).HasMaxLength(300);
        builder.Property(a => a.LookbackRule).HasMaxLength(300);
        builder.Property(a => a.SampleSource).HasMaxLength(Audits.AuditPlanner.SampleSourceLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.PartnershipId, a.Status });
        builder.Property(a => a.CollationAccess).HasConversion<string>().HasMaxLength(30).HasDefaultValue(Panels.CollationAccess.AfterDeadline);
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ToolVersion).WithMany().HasForeignKey(a => a.ToolVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Cases.Case>
{
    public void Configure(EntityTypeBuilder<Cases.Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Uin).HasMaxLength(20);
        builder.Property(c => c.Initials).HasMaxLength(4);
        builder.Property(c => c.Ethnicity).HasMaxLength(120);
        builder.Property(c => c.Area).HasMaxLength(100);
        builder.Property(c => c.MaracDetail).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.LevelOfNeed).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ProtectionCategory).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(c => new { c.PartnershipId, c.Uin }).IsUnique();
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Household).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<Cases.HouseholdMember>
{
    public void Configure(EntityTypeBuilder<Cases.HouseholdMember> builder)
    {
        builder.Property(h => h.Initials).HasMaxLength(4);
        builder.Property(h => h.Role).HasConversion<string>().HasMaxLength(24);
        builder.Property(h => h.RoleName).HasMaxLength(Cases.HouseholdRoleNames.MaxRoleName);
    }
}

internal sealed class AuditCaseConfiguration : IEntityTypeConfiguration<Cases.AuditCase>
{
    public void Configure(EntityTypeBuilder<Cases.AuditCase> builder)
    {
        builder.HasKey(a => new { a.AuditId, a.CaseId });
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(a => a.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Case).WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyInvolvementConfiguration : IEntityTypeConfiguration<Returns.AgencyInvolvement>
{
    public void Configure(EntityTypeBuilder<Returns.AgencyInvolvement> builder)
    {
        builder.HasIndex(i => new { i.CaseId, i.AgencyId, i.HouseholdMemberId }).IsUnique();
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Cases.HouseholdMember>().WithMany().HasForeignKey(i => i.HouseholdMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnRequestConfiguration : IEntityTypeConfiguration<Returns.ReturnRequest>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.NotKnownReason).HasMaxLength(1000);
        builder.Property(r => r.ImportedFrom).HasMaxLength(300);
        builder.Property(r => r.ImportedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.AuditId, r.CaseId, r.AgencyId }).IsUnique();
        builder.HasIndex(r => new { r.AgencyId, r.Status });
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(r => r.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditReturnConfiguration : IEntityTypeConfiguration<Returns.AuditReturn>
{
    public void Configure(EntityTypeBuilder<Returns.AuditReturn> builder)
    {
        builder.ToTable("Returns");
        builder.HasOne<Returns.ReturnRequest>().WithOne().HasForeignKey<Returns.AuditReturn>(r => r.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReturnId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Judgements).WithOne().HasForeignKey(j => j.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnAnswerConfiguration : IEntityTypeConfiguration<Returns.ReturnAnswer>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnAnswer> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(20);
        builder.Property(a => a.Value).HasMaxLength(8000);
        builder.Property(a => a.Comment).HasMaxLength(8000);
        builder.PrimitiveCollection(a => a.Values);
        builder.HasIndex(a => new { a.ReturnId, a.QuestionId }).IsUnique();
        builder.HasIndex(a => new { a.QuestionId, a.Value });
    }
}

internal sealed class ReturnJudgementConfiguration : IEntityTypeConfiguration<Returns.ReturnJudgement>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnJudgement> builder)
    {
        builder.Property(j => j.Scope).HasConversion<string>().HasMaxLength(12);
        builder.Property(j => j.Grade).HasConversion<string>().HasMaxLength(24);
        builder.Property(j => j.Qualifier).HasMaxLength(200);
        builder.Property(j => j.Reason).HasMaxLength(8000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Mail.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Mail.OutboxMessage> builder)
    {
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.DedupeKey).HasMaxLength(200);
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(20_000);
        builder.Property(m => m.SecretLink).HasMaxLength(2000);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.PartnershipId, m.CreatedAt });
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnershipHolidayConfiguration : IEntityTypeConfiguration<Calendar.PartnershipHoliday>
{
    public void Configure(EntityTypeBuilder<Calendar.PartnershipHoliday> builder)
    {
        builder.Property(h => h.Name).HasMaxLength(100);
        builder.HasIndex(h => new { h.PartnershipId, h.Date }).IsUnique();
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(h => h.PartnershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditTeamMemberConfiguration : IEntityTypeConfiguration<Audits.AuditTeamMember>
{
    public void Configure(EntityTypeBuilder<Audits.AuditTeamMember> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(m => new { m.AuditId, m.UserId }).IsUnique();
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(m => m.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Users.ParallaxUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnStatusChangeConfiguration : IEntityTypeConfiguration<Returns.ReturnStatusChange>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnStatusChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.Property(c => c.ChangedBy).HasMaxLength(200);
        builder.HasIndex(c => new { c.RequestId, c.ChangedAt });
        builder.HasOne<Returns.ReturnRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PanelMeetingConfiguration : IEntityTypeConfiguration<Panels.PanelMeeting>
{
    public void Configure(EntityTypeBuilder<Panels.PanelMeeting> builder)
    {
        builder.HasIndex(m => m.AuditId).IsUnique();
        builder.PrimitiveCollection(m => m.Attendees);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(m => m.AuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PanelCaseRecordConfiguration : IEntityTypeConfiguration<Panels.PanelCaseRecord>
{
    public void Configure(EntityTypeBuilder<Panels.PanelCaseRecord> builder)
    {
        builder.HasIndex(p => new { p.AuditId, p.CaseId }).IsUnique();
        builder.Property(p => p.Slot).HasMaxLength(40);
        builder.Property(p => p.AgreedGrade).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.AgreedQualifier).HasMaxLength(100);
        builder.Property(p => p.RecordedBy).HasMaxLength(200);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(p => p.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReturnQueryConfiguration : IEntityTypeConfiguration<Returns.ReturnQuery>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnQuery> builder)
    {
        builder.Property(q => q.QuestionCode).HasMaxLength(20);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.RaisedBy).HasMaxLength(200);
        builder.HasIndex(q => new { q.RequestId, q.Status });
        builder.HasOne<Returns.ReturnRequest>().WithMany().HasForeignKey(q => q.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(q => q.Messages).WithOne().HasForeignKey(m => m.QueryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnQueryMessageConfiguration : IEntityTypeConfiguration<Returns.ReturnQueryMessage>
{
    public void Configure(EntityTypeBuilder<Returns.ReturnQueryMessage> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(4000);
        builder.Property(m => m.By).HasMaxLength(200);
    }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Findings.Theme>
{
    public void Configure(EntityTypeBuilder<Findings.Theme> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => new { t.PartnershipId, t.Name }).IsUnique();
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Findings.Finding>
{
    public void Configure(EntityTypeBuilder<Findings.Finding> builder)
    {
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Scope).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Text).HasMaxLength(4000);
        builder.PrimitiveCollection(f => f.CaseIds);
        builder.HasIndex(f => new { f.AuditId, f.Kind });
        builder.HasIndex(f => f.ThemeId);
        builder.HasOne<Audits.Audit>().WithMany().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Findings.Theme>().WithMany().HasForeignKey(f => f.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
