namespace Parallax.Core.Returns;

/// <summary>Records which agencies know whom, and turns that into one return request per case and agency.</summary>
public sealed class ReturnRequests(ParallaxDbContext db, TimeProvider clock, ReturnChaser chaser, Calendar.PartnershipCalendar calendar)
{
    /// <summary>Replaces the involvement of a case: (agency, null) for the child, (agency, member) for a household member.</summary>
    public async Task SetInvolvementAsync(Guid partnershipId, Guid auditId, Guid caseId, IReadOnlyCollection<(Guid AgencyId, Guid? MemberId)> involvement, CancellationToken ct = default)
    {
        await RequireCaseInAuditAsync(partnershipId, auditId, caseId, ct);
        var agencies = await db.Agencies.Where(a => a.PartnershipId == partnershipId).Select(a => new { a.Id, a.Name, Retired = a.RetiredAt != null }).ToListAsync(ct);
        var members = await db.Set<Cases.HouseholdMember>().Where(m => m.CaseId == caseId).Select(m => m.Id).ToListAsync(ct);
        // Ids come from a form: anything not of this partnership or this household is refused, not stored.
        if (involvement.Any(i => !agencies.Any(a => a.Id == i.AgencyId) || (i.MemberId is { } m && !members.Contains(m))))
            throw new DomainException("The involvement names an agency or household member that is not part of this case.");

        var existing = await db.AgencyInvolvements.Where(i => i.CaseId == caseId).ToListAsync(ct);
        // A retired agency keeps the involvement it had but takes on no more.
        var retired = agencies.Where(a => a.Retired && involvement.Any(i => i.AgencyId == a.Id) && !existing.Any(e => e.AgencyId == a.Id)).Select(a => a.Name).ToList();
        if (retired.Count > 0)
            throw new DomainException($"{string.Join(" and ", retired)} {(retired.Count == 1 ? "has" : "have")} been retired from the partnership and can be given no new involvement.");
        db.AgencyInvolvements.RemoveRange(existing.Where(e => !involvement.Contains((e.AgencyId, e.HouseholdMemberId))));
        foreach (var (agencyId, memberId) in involvement.Distinct())
        {
            if (!existing.Any(e => e.AgencyId == agencyId && e.HouseholdMemberId == memberId))
                db.AgencyInvolvements.Add(new AgencyInvolvement { CaseId = caseId, AgencyId = agencyId, HouseholdMemberId = memberId });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a draft request for every (case, agency) with involvement that has none yet; returns how many were added.</summary>
    public async Task<int> GenerateAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException("That audit does not exist.");
        var wanted = await db.AgencyInvolvements
            .Where(i => db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == i.CaseId))
            .Where(i => db.Agencies.Any(a => a.Id == i.AgencyId && a.RetiredAt == null)) // a retired agency gets no new requests
            .Select(i => new { i.CaseId, i.AgencyId }).Distinct().ToListAsync(ct);
        var existing = await db.ReturnRequests.Where(r => r.AuditId == auditId).Select(r => new { r.CaseId, r.AgencyId }).ToListAsync(ct);
        var added = 0;
        foreach (var pair in wanted.Where(w => !existing.Contains(w)))
        {
            db.ReturnRequests.Add(new ReturnRequest
            {
                AuditId = auditId, CaseId = pair.CaseId, AgencyId = pair.AgencyId, Status = ReturnStatus.Draft,
                DueOn = audit.ReturnsDueOn, CreatedAt = clock.GetUtcNow(),
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Sends every request not yet sent: the agencies see them in "My returns". Returns how many were sent.</summary>
    public async Task<int> SendAsync(Guid partnershipId, Guid auditId, string by, CancellationToken ct = default)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException("That audit does not exist.");
        var drafts = await db.ReturnRequests.Where(r => r.AuditId == auditId && r.Status == ReturnStatus.Draft).ToListAsync(ct);
        var draftAgencies = drafts.Select(d => d.AgencyId).Distinct().ToList();
        var retired = await db.Agencies.Where(a => draftAgencies.Contains(a.Id) && a.RetiredAt != null).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        if (retired.Count > 0)
            throw new DomainException($"{string.Join(" and ", retired)} {(retired.Count == 1 ? "has" : "have")} been retired from the partnership: remove {(retired.Count == 1 ? "its" : "their")} requests before sending.");
        // Nobody waits for a request that no one receives.
        var unheard = (await chaser.RecipientsAsync(partnershipId, draftAgencies, ct)).Where(r => r.NoOne).Select(r => r.Agency.Name).ToList();
        if (unheard.Count > 0)
            throw new DomainException($"Nothing was sent: no one would be told of the requests to {Join(unheard)}. Invite an auditor for {(unheard.Count == 1 ? "it" : "each")}, or give {(unheard.Count == 1 ? "it" : "each")} a returns contact e-mail, then send.");
        var now = clock.GetUtcNow();
        foreach (var request in drafts)
        {
            db.ReturnStatusChanges.Add(new ReturnStatusChange { RequestId = request.Id, From = ReturnStatus.Draft, To = ReturnStatus.Requested, ChangedBy = by, ChangedAt = now });
            request.Status = ReturnStatus.Requested;
            request.SentAt = now;
        }

        if (drafts.Count > 0 && audit.Status == Audits.AuditStatus.Planning) audit.Status = Audits.AuditStatus.ReturnsOpen;
        // The notices are queued in the same transaction as the sending: both land or neither does.
        if (drafts.Count > 0) await chaser.NotifySentAsync(audit, drafts, ct);
        await db.SaveChangesAsync(ct);
        return drafts.Count;
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>Adds one request by hand, e.g. for an agency whose involvement came to light later.</summary>
    public async Task AddAsync(Guid partnershipId, Guid auditId, Guid caseId, Guid agencyId, CancellationToken ct = default)
    {
        await RequireCaseInAuditAsync(partnershipId, auditId, caseId, ct);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == agencyId && a.PartnershipId == partnershipId, ct)
            ?? throw new DomainException("That agency is not part of the partnership.");
        if (agency.IsRetired) throw new DomainException($"{agency.Name} has been retired from the partnership and gets no new requests.");
        if (await db.ReturnRequests.AnyAsync(r => r.AuditId == auditId && r.CaseId == caseId && r.AgencyId == agencyId, ct))
            throw new DomainException("That agency has already been asked for a return on this case.");
        var due = await db.Audits.Where(a => a.Id == auditId).Select(a => a.ReturnsDueOn).SingleAsync(ct);
        db.ReturnRequests.Add(new ReturnRequest { AuditId = auditId, CaseId = caseId, AgencyId = agencyId, Status = ReturnStatus.Draft, DueOn = due, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a request that has not been sent yet (e.g. the agency's involvement was recorded in error).</summary>
    public async Task RemoveAsync(Guid partnershipId, Guid auditId, Guid requestId, CancellationToken ct = default)
    {
        var request = await FindAsync(partnershipId, auditId, requestId, ct);
        if (request.Status != ReturnStatus.Draft)
            throw new DomainException("Only a request that has not been sent can be removed. Mark a sent one as not known to the agency instead.");
        db.ReturnRequests.Remove(request);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The agency does not know the child or the linked adults: the request closes with the agency's reason.</summary>
    public async Task MarkNotKnownAsync(ReturnRequest request, string? reason, string by, CancellationToken ct = default)
    {
        var text = Reason(reason, "Enter why your agency does not know this child or family");
        if (!ReturnChaser.Open.Contains(request.Status))
            throw new DomainException("Only a return that is still open can be marked as not known to the agency.");
        request.NotKnownReason = text;
        await ChangeAsync(request, ReturnStatus.NotKnownToAgency, text, null, by, ct);
    }

    /// <summary>The lead gives an agency more time: a new due date, in the future and on a working day.</summary>
    public async Task GrantExtensionAsync(ReturnRequest request, DateOnly newDue, string? reason, string by, CancellationToken ct = default)
    {
        if (request.Status is not (ReturnStatus.Requested or ReturnStatus.InProgress or ReturnStatus.ExtensionGranted or ReturnStatus.NoReturn))
            throw new DomainException("An extension can only be given on a return that has been sent and not submitted.");
        var partnershipId = await db.Audits.Where(a => a.Id == request.AuditId).Select(a => a.PartnershipId).SingleAsync(ct);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        if (newDue <= request.DueOn || newDue < calendar.Today)
            throw new DomainException($"The new date must be after {request.DueOn:d MMMM yyyy}, when the return is due now, and not in the past");
        if (!holidays.IsWorkingDay(newDue))
            throw new DomainException($"{newDue:dddd d MMMM yyyy} is not a working day: choose a weekday that is not a bank holiday");
        request.DueOn = newDue;
        await ChangeAsync(request, ReturnStatus.ExtensionGranted, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), newDue, by, ct);
    }

    /// <summary>The lead records that no return came: only once the due date has passed.</summary>
    public async Task MarkNoReturnAsync(ReturnRequest request, string by, CancellationToken ct = default)
    {
        if (!ReturnChaser.Open.Contains(request.Status))
            throw new DomainException("Only a return that is still open can be marked as not returned.");
        if (calendar.Today <= request.DueOn)
            throw new DomainException($"The return is not due until {request.DueOn:d MMMM yyyy}: it can be marked as not returned after that");
        await ChangeAsync(request, ReturnStatus.NoReturn, null, null, by, ct);
    }

    /// <summary>The lead reopens a closed return so the agency can change it; the reason is recorded and shown to the agency.</summary>
    public async Task ReopenAsync(ReturnRequest request, string? reason, string by, CancellationToken ct = default)
    {
        var text = Reason(reason, "Enter why the return is being reopened");
        if (request.Status is not (ReturnStatus.Submitted or ReturnStatus.NotKnownToAgency or ReturnStatus.NoReturn))
            throw new DomainException("Only a submitted or closed return can be reopened.");
        if (await db.AuditReturns.FirstOrDefaultAsync(r => r.Id == request.Id, ct) is { } saved) saved.MarkReopened();

        request.NotKnownReason = null;
        await ChangeAsync(request, ReturnStatus.InProgress, text, null, by, ct);
    }

    /// <summary>A request of this audit in this partnership, tracked for a change; otherwise "not found".</summary>
    public async Task<ReturnRequest> FindAsync(Guid partnershipId, Guid auditId, Guid requestId, CancellationToken ct = default) =>
        await db.ReturnRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.AuditId == auditId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct)
        ?? throw new RecordNotFoundException();

    public IQueryable<ReturnStatusChange> History(Guid requestId) =>
        db.ReturnStatusChanges.Where(c => c.RequestId == requestId).OrderBy(c => c.ChangedAt);

    private async Task ChangeAsync(ReturnRequest request, ReturnStatus to, string? reason, DateOnly? due, string by, CancellationToken ct)
    {
        db.ReturnStatusChanges.Add(new ReturnStatusChange
        {
            RequestId = request.Id, From = request.Status, To = to, Reason = reason, DueOn = due, ChangedBy = by, ChangedAt = clock.GetUtcNow(),
        });
        request.Status = to;
        // The reason is the change's own, so the trail keeps it with every event of this save (decision 0053).
        db.Because(reason);
        await db.SaveOrRefuseAsync("Someone changed this return at the same time. Nothing was changed: look at it again and retry.", ct);
    }

    private static string Reason(string? reason, string missing)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(missing);
        if (text.Length > 1000) throw new DomainException("The reason must be 1,000 characters or fewer");
        return text;
    }

    private async Task RequireCaseInAuditAsync(Guid partnershipId, Guid auditId, Guid caseId, CancellationToken ct)
    {
        if (!await db.AuditCases.AnyAsync(ac => ac.AuditId == auditId && ac.CaseId == caseId && ac.Case!.PartnershipId == partnershipId, ct))
            throw new DomainException("That case is not in this audit's sample.");
    }
}
