using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;

namespace Parallax.Core.Returns;

public sealed class ReturnRequestException(string message) : Exception(message);

/// <summary>Records which agencies know whom, and turns that into one return request per case and agency.</summary>
public sealed class ReturnRequests(ParallaxDbContext db, TimeProvider clock)
{
    /// <summary>Replaces the involvement of a case: (agency, null) for the child, (agency, member) for a household member.</summary>
    public async Task SetInvolvementAsync(Guid partnershipId, Guid auditId, Guid caseId, IReadOnlyCollection<(Guid AgencyId, Guid? MemberId)> involvement, CancellationToken ct = default)
    {
        await RequireCaseInAuditAsync(partnershipId, auditId, caseId, ct);
        var agencies = await db.Agencies.Where(a => a.PartnershipId == partnershipId).Select(a => a.Id).ToListAsync(ct);
        var members = await db.Set<Cases.HouseholdMember>().Where(m => m.CaseId == caseId).Select(m => m.Id).ToListAsync(ct);
        // Ids come from a form: anything not of this partnership or this household is refused, not stored.
        if (involvement.Any(i => !agencies.Contains(i.AgencyId) || (i.MemberId is { } m && !members.Contains(m))))
            throw new ReturnRequestException("The involvement names an agency or household member that is not part of this case.");

        var existing = await db.AgencyInvolvements.Where(i => i.CaseId == caseId).ToListAsync(ct);
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
            ?? throw new ReturnRequestException("That audit does not exist.");
        var wanted = await db.AgencyInvolvements
            .Where(i => db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == i.CaseId))
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
    public async Task<int> SendAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        var audit = await db.Audits.FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)
            ?? throw new ReturnRequestException("That audit does not exist.");
        var drafts = await db.ReturnRequests.Where(r => r.AuditId == auditId && r.Status == ReturnStatus.Draft).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var request in drafts)
        {
            request.Status = ReturnStatus.Requested;
            request.SentAt = now;
        }

        if (drafts.Count > 0 && audit.Status == Audits.AuditStatus.Planning) audit.Status = Audits.AuditStatus.ReturnsOpen;
        await db.SaveChangesAsync(ct);
        return drafts.Count;
    }

    /// <summary>Adds one request by hand, e.g. for an agency whose involvement came to light later.</summary>
    public async Task AddAsync(Guid partnershipId, Guid auditId, Guid caseId, Guid agencyId, CancellationToken ct = default)
    {
        await RequireCaseInAuditAsync(partnershipId, auditId, caseId, ct);
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartnershipId == partnershipId, ct))
            throw new ReturnRequestException("That agency is not part of the partnership.");
        if (await db.ReturnRequests.AnyAsync(r => r.AuditId == auditId && r.CaseId == caseId && r.AgencyId == agencyId, ct))
            throw new ReturnRequestException("That agency has already been asked for a return on this case.");
        var due = await db.Audits.Where(a => a.Id == auditId).Select(a => a.ReturnsDueOn).SingleAsync(ct);
        db.ReturnRequests.Add(new ReturnRequest { AuditId = auditId, CaseId = caseId, AgencyId = agencyId, Status = ReturnStatus.Draft, DueOn = due, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    private async Task RequireCaseInAuditAsync(Guid partnershipId, Guid auditId, Guid caseId, CancellationToken ct)
    {
        if (!await db.AuditCases.AnyAsync(ac => ac.AuditId == auditId && ac.CaseId == caseId && ac.Case!.PartnershipId == partnershipId, ct))
            throw new ReturnRequestException("That case is not in this audit's sample.");
    }
}
