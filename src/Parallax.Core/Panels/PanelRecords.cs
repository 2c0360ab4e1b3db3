namespace Parallax.Core.Panels;


public sealed record PanelCaseInput(string? Slot, string? PenPicture, string? WorkedWell, string? AreasForImprovement, string? Learning, Grade? AgreedGrade, string? AgreedQualifier, string? Rationale,
    bool ConfirmedNotIdentifying = false);

/// <summary>Records what the panel agreed per case; a judgement needs a rationale, and a stale form never overwrites.</summary>
public sealed class PanelRecords(ParallaxDbContext db, TimeProvider clock)
{
    public const int MaxText = 4000;

    public Task<PanelMeeting?> MeetingAsync(Guid auditId, CancellationToken ct = default) =>
        db.PanelMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.AuditId == auditId, ct);

    /// <summary>Records the meeting: its date and who attended, one line each (agency and role, never names).</summary>
    public async Task SaveMeetingAsync(Guid partnershipId, Guid auditId, DateOnly heldOn, IEnumerable<string> attendees, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)) throw new RecordNotFoundException("That audit does not exist.");
        var lines = attendees.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (lines.Count == 0) throw new DomainException("List who attended, one per line, for example POL: detective sergeant", "Attendees");
        if (lines.Count > 60 || lines.Any(l => l.Length > 200)) throw new DomainException("List at most 60 attendees, each in 200 characters or fewer", "Attendees");
        var meeting = await db.PanelMeetings.FirstOrDefaultAsync(m => m.AuditId == auditId, ct);
        if (meeting is null) db.PanelMeetings.Add(meeting = new PanelMeeting { AuditId = auditId });
        meeting.HeldOn = heldOn;
        meeting.Attendees = lines;
        await db.SaveChangesAsync(ct);
    }

    public Task<PanelCaseRecord?> FindAsync(Guid auditId, Guid caseId, CancellationToken ct = default) =>
        db.PanelCaseRecords.AsNoTracking().FirstOrDefaultAsync(p => p.AuditId == auditId && p.CaseId == caseId, ct);

    /// <param name="expected">The version the form was loaded at; null for a first record.</param>
    public async Task<Guid> SaveAsync(Guid partnershipId, Guid auditId, Guid caseId, Guid? expected, PanelCaseInput input, string by, CancellationToken ct = default)
    {
        if (!await db.AuditCases.AnyAsync(ac => ac.AuditId == auditId && ac.CaseId == caseId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct))
            throw new DomainException("That case is not in this audit's sample.", "Case");
        if (input.AgreedGrade is { } grade && !Enum.IsDefined(grade))
            throw new DomainException("Select a judgement from the scale: Outstanding, Good, Requires improvement or Inadequate", nameof(PanelCaseInput.AgreedGrade));
        if (input.AgreedGrade is not null && string.IsNullOrWhiteSpace(input.Rationale))
            throw new DomainException("Record why the panel agreed this judgement", nameof(PanelCaseInput.Rationale));
        if (input.AgreedGrade is null && !string.IsNullOrWhiteSpace(input.AgreedQualifier))
            throw new DomainException("Select the judgement the qualifier belongs to", nameof(PanelCaseInput.AgreedGrade));
        foreach (var (field, text) in new[] { (nameof(input.PenPicture), input.PenPicture), (nameof(input.WorkedWell), input.WorkedWell), (nameof(input.AreasForImprovement), input.AreasForImprovement), (nameof(input.Learning), input.Learning), (nameof(input.Rationale), input.Rationale) })
        {
            if (text?.Length > MaxText) throw new DomainException($"Must be {MaxText:N0} characters or fewer", field);
        }

        // The panel record is read across agencies and feeds the report: no names, numbers or addresses in it.
        if (!input.ConfirmedNotIdentifying)
        {
            foreach (var (field, what, text) in new[]
            {
                (nameof(input.PenPicture), "The pen picture", input.PenPicture), (nameof(input.WorkedWell), "What worked well", input.WorkedWell),
                (nameof(input.AreasForImprovement), "The areas for improvement", input.AreasForImprovement), (nameof(input.Learning), "The learning", input.Learning),
                (nameof(input.Rationale), "The rationale", input.Rationale),
            })
            {
                if (IdentifiableDataDetector.Sentence(what, text) is { } sentence) throw new DomainException(sentence, field);
            }
        }

        var record = await db.PanelCaseRecords.FirstOrDefaultAsync(p => p.AuditId == auditId && p.CaseId == caseId, ct);
        if (record is null)
        {
            if (expected is not null) throw Conflict();
            record = new PanelCaseRecord { AuditId = auditId, CaseId = caseId };
            db.PanelCaseRecords.Add(record);
        }
        else
        {
            if (record.Version != expected) throw Conflict();
            db.Entry(record).Property(r => r.Version).OriginalValue = expected.Value;
        }

        record.Slot = Clean(input.Slot, 40);
        record.PenPicture = Clean(input.PenPicture);
        record.WorkedWell = Clean(input.WorkedWell);
        record.AreasForImprovement = Clean(input.AreasForImprovement);
        record.Learning = Clean(input.Learning);
        record.AgreedGrade = input.AgreedGrade;
        record.AgreedQualifier = Clean(input.AgreedQualifier, 100);
        record.Rationale = Clean(input.Rationale);
        // Who recorded it and when move only when the record changed: saving it unchanged is not an edit.
        db.ChangeTracker.DetectChanges();
        if (db.Entry(record).State == EntityState.Added || db.Entry(record).Properties.Any(p => p.IsModified))
        {
            record.RecordedBy = by;
            record.RecordedAt = clock.GetUtcNow();
        }

        await db.SaveOrRefuseAsync(Conflict(), ct);

        return record.Version;
    }

    private static string? Clean(string? text, int max = MaxText) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();

    private static EditConflictException Conflict() => new(
        "Someone saved this case's panel record since you opened it. Nothing was overwritten: open it again to see their changes.", "");
}
