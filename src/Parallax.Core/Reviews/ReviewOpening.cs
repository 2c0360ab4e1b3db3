using static Parallax.Core.Reviews.ReviewText;

namespace Parallax.Core.Reviews;

/// <summary>What the lead enters to open a review: the kind, the incident, and the subject child and household.</summary>
public sealed record ReviewInput(
    ReviewKind? Kind, string? Title, string? TriggerIncident, DateOnly? IncidentOn, DateOnly? NotifiedOn, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    string? SubjectUin, string? SubjectInitials, int? SubjectAge, Sex? SubjectSex, LevelOfNeed? SubjectLevel, IReadOnlyList<HouseholdInput> Household,
    DatePrecision IncidentPrecision = DatePrecision.Day);

/// <summary>The rest of a review, edited as it goes: terms of reference, author, access, status and the report's narrative.</summary>
public sealed record ReviewDetails(
    string? TermsOfReference, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Author, ChronologyAccess Access, ReviewStatus Status, DateOnly? PublishedOn,
    string? Introduction, string? Process, string? FamilyBackground, string? Analysis, string? Conclusion, bool PanelCanRead = false);

/// <summary>
/// Opening a practice review: the lead records it with its subject and household, edits it as it goes, names the
/// agencies involved and asks them for their chronologies (with the deadline, notice and reminders returns use),
/// and reopens a submitted chronology. Every write checks the review belongs to the caller's partnership.
/// </summary>
public sealed class ReviewOpening(ParallaxDbContext db, TimeProvider clock, PartnershipCalendar calendar, ChronologyChaser chaser, ChronologyEventTypes eventTypes)
{
    public const int DefaultChronologyWorkingDays = 10;
    public const int MaxNarrative = TextLimits.Section;

    public async Task<PracticeReview> CreateAsync(Guid partnershipId, ReviewInput input, string by, CancellationToken ct = default)
    {
        var title = Required(input.Title, "Enter how the review is known, such as \"Child T\"", nameof(input.Title), 200);
        var kind = input.Kind ?? throw new DomainException("Select the kind of review", nameof(input.Kind));
        var trigger = Required(input.TriggerIncident, "Enter the incident that led to the review", nameof(input.TriggerIncident), 2000);
        ChronologyImport.RefuseIdentifiable(trigger, nameof(input.TriggerIncident));
        var today = calendar.Today;
        var incident = input.IncidentOn ?? throw new DomainException("Enter the date of the incident", nameof(input.IncidentOn));
        if (input.IncidentPrecision is not (DatePrecision.Day or DatePrecision.Month))
            throw new DomainException("The date of the incident must be a day or a month", nameof(input.IncidentOn));
        if (input.IncidentPrecision == DatePrecision.Month) incident = new DateOnly(incident.Year, incident.Month, 1);
        if (incident > today) throw new DomainException("The date of the incident must be today or in the past", nameof(input.IncidentOn));
        var notified = input.NotifiedOn ?? throw new DomainException("Enter the date the local authority learned of the incident", nameof(input.NotifiedOn));
        if (notified < incident) throw new DomainException("The local authority cannot have learned of the incident before it happened", nameof(input.NotifiedOn));
        if (notified > today) throw new DomainException("The date the local authority learned of the incident must be today or in the past", nameof(input.NotifiedOn));
        var (from, to) = Period(input.PeriodFrom, input.PeriodTo);

        var subject = await SubjectAsync(partnershipId, input, ct);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var review = new PracticeReview
        {
            PartnershipId = partnershipId, Kind = kind, Title = title, SubjectCaseId = subject.Id, TriggerIncident = trigger,
            IncidentOn = incident, IncidentPrecision = input.IncidentPrecision, NotifiedOn = notified, PeriodFrom = from, PeriodTo = to,
            RapidReviewDueOn = kind == ReviewKind.RapidReview ? WorkingDays.Add(notified, RapidReviewClock.RapidReviewWorkingDays, holidays) : null,
            Status = ReviewStatus.Scoping, ChronologyAccess = ChronologyAccess.LeadsOnly, CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.PracticeReviews.Add(review);
        await eventTypes.EnsureEventTypesAsync(partnershipId, ct);
        await db.SaveChangesAsync(ct);
        return review;
    }

    public async Task UpdateAsync(PracticeReview review, ReviewDetails details, Guid expectedVersion, CancellationToken ct = default)
    {
        var (from, to) = Period(details.PeriodFrom, details.PeriodTo);
        if (details.Status == ReviewStatus.Published && details.PublishedOn is null)
            throw new DomainException("Enter the date the review was published", nameof(details.PublishedOn));
        if (details.PublishedOn is { } published && published < review.NotifiedOn)
            throw new DomainException("The review cannot be published before the partnership was notified", nameof(details.PublishedOn));
        review.TermsOfReference = Narrative(details.TermsOfReference, nameof(details.TermsOfReference));
        review.PeriodFrom = from;
        review.PeriodTo = to;
        review.Author = Optional(details.Author, 200, nameof(details.Author));
        review.ChronologyAccess = details.Access;
        review.PanelCanRead = details.PanelCanRead;
        review.Status = details.Status;
        review.PublishedOn = details.PublishedOn;
        review.Introduction = Narrative(details.Introduction, nameof(details.Introduction));
        review.Process = Narrative(details.Process, nameof(details.Process));
        review.FamilyBackground = Narrative(details.FamilyBackground, nameof(details.FamilyBackground));
        review.Analysis = Narrative(details.Analysis, nameof(details.Analysis));
        review.Conclusion = Narrative(details.Conclusion, nameof(details.Conclusion));
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        await db.SaveOrRefuseAsync("Someone else changed this review while you were editing it. Nothing was saved: look at their changes and make yours again.", ct);
    }

    public async Task AddAgencyAsync(PracticeReview review, Guid? agencyId, CancellationToken ct = default)
    {
        if (agencyId is null || !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartnershipId == review.PartnershipId, ct))
            throw new DomainException("Select an agency of the partnership", "AgencyId");
        if (await db.Agencies.AnyAsync(a => a.Id == agencyId && a.RetiredAt != null, ct))
            throw new DomainException("That agency has been retired from the partnership and gets no new requests", "AgencyId");
        if (await db.ChronologyRequests.AnyAsync(r => r.ReviewId == review.Id && r.AgencyId == agencyId, ct))
            throw new DomainException("That agency is already involved in this review", "AgencyId");
        db.ChronologyRequests.Add(new ChronologyRequest { ReviewId = review.Id, AgencyId = agencyId.Value, Status = ChronologyStatus.Draft, DueOn = review.ChronologiesDueOn ?? calendar.Today });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveAgencyAsync(PracticeReview review, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ReviewId == review.Id, ct)
            ?? throw new DomainException("That agency is not involved in this review");
        if (request.Status != ChronologyStatus.Draft)
            throw new DomainException("The agency has already been asked for its chronology, so it stays on the review");
        db.ChronologyRequests.Remove(request);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The requests sent: how many, and the agencies whose auditors were e-mailed and those with nobody to e-mail, by name.</summary>
    public sealed record ChronologiesSent(int Count, IReadOnlyList<string> Emailed, IReadOnlyList<string> NoContact);

    /// <summary>Sends every request not yet sent, due <paramref name="workingDays"/> working days from today; queues the notices in the same save.</summary>
    public async Task<ChronologiesSent> SendRequestsAsync(PracticeReview review, int workingDays, CancellationToken ct = default)
    {
        if (workingDays is < 1 or > 60) throw new DomainException("Working days to return must be between 1 and 60", "WorkingDays");
        var drafts = await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.Status == ChronologyStatus.Draft).ToListAsync(ct);
        if (drafts.Count == 0) throw new DomainException("Every agency on the review has been asked already: add an agency first", "WorkingDays");
        var holidays = await calendar.HolidaysAsync(review.PartnershipId, ct);
        // A Rapid Review asks for the agency summary too: never for one already due (decision 0076).
        if (review.Kind == ReviewKind.RapidReview && RapidReviewClock.SummariesDue(review, holidays) is var summaries && summaries <= calendar.Today)
            throw new DomainException(
                $"The agency summaries {(summaries == calendar.Today ? "are due today" : $"were due on {summaries:d MMMM yyyy}")}, so the agencies would be asked for something already due. "
                + "Set a later date for agency summaries in the Rapid Review's dates first, then ask the agencies", "WorkingDays");
        var due = WorkingDays.Add(calendar.Today, workingDays, holidays);
        var now = clock.GetUtcNow();
        foreach (var request in drafts)
        {
            request.Status = ChronologyStatus.Requested;
            request.DueOn = due;
            request.SentAt = now;
        }

        review.ChronologiesDueOn = due;
        if (review.Status == ReviewStatus.Scoping) review.Status = ReviewStatus.ChronologiesRequested;
        var (emailed, noContact) = await chaser.NotifySentAsync(review, drafts, ct);
        await db.SaveChangesAsync(ct);
        var ids = emailed.Concat(noContact).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return new ChronologiesSent(drafts.Count, [.. emailed.Select(id => names[id]).Order()], [.. noContact.Select(id => names[id]).Order()]);
    }

    /// <summary>The lead reopens a submitted chronology so the agency can correct it.</summary>
    public async Task ReopenAsync(PracticeReview review, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ReviewId == review.Id, ct)
            ?? throw new DomainException("That agency is not involved in this review");
        if (request.Status != ChronologyStatus.Submitted) throw new DomainException("Only a submitted chronology can be reopened");
        request.Status = ChronologyStatus.InProgress;
        request.SubmittedAt = null;
        request.SubmittedBy = null;
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was changed: look again and retry.", ct);
    }

    private async Task<Case> SubjectAsync(Guid partnershipId, ReviewInput input, CancellationToken ct)
    {
        var uin = Required(input.SubjectUin, "Enter the child's UIN", nameof(input.SubjectUin), 20).ToUpperInvariant();
        if (await db.Cases.Include(c => c.Household).FirstOrDefaultAsync(c => c.PartnershipId == partnershipId && c.Uin == uin, ct) is { } existing) return existing;
        var initials = Required(input.SubjectInitials, "Enter the child's initials", nameof(input.SubjectInitials), 5);
        if (!initials.All(char.IsLetter)) throw new DomainException("Initials must be letters only, such as TK", nameof(input.SubjectInitials));
        if (input.SubjectAge is < 0 or > 18) throw new DomainException("The child's age must be between 0 and 18", nameof(input.SubjectAge));
        var household = input.Household.Where(h => !string.IsNullOrWhiteSpace(h.Initials)).ToList();
        if (household.Count > HouseholdRoleNames.MaxHousehold)
            throw new DomainException($"A household holds up to {HouseholdRoleNames.MaxHousehold} people besides the child", "Household");
        if (household.Any(h => h.Initials.Trim().Length > 4 || !h.Initials.Trim().All(char.IsLetter)))
            throw new DomainException("Household members' initials must be letters only, up to 4", "Household");
        var names = household.Select((h, i) => HouseholdRoleNames.CleanRoleName(h.Role, h.RoleName, $"household member {i + 1}")).ToList();
        if (names.FirstOrDefault(n => n.Problem is not null).Problem is { } roleProblem) throw new DomainException(roleProblem, "Household");
        var subject = new Case
        {
            PartnershipId = partnershipId, Uin = uin, Initials = initials.ToUpperInvariant(), AgeYears = input.SubjectAge, Sex = input.SubjectSex ?? Sex.NotKnown,
            Ethnicity = Ethnicities.NotRecorded, LevelOfNeed = input.SubjectLevel ?? LevelOfNeed.ChildInNeed, CreatedAt = clock.GetUtcNow(),
            Household = [.. household.Select((h, i) => new HouseholdMember { Order = i + 1, Role = h.Role, RoleName = names[i].Name, Initials = h.Initials.Trim().ToUpperInvariant() })],
        };
        db.Cases.Add(subject);
        return subject;
    }

    private (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to)
    {
        var start = from ?? throw new DomainException("Enter the start of the period under review", "PeriodFrom");
        var end = to ?? throw new DomainException("Enter the end of the period under review", "PeriodTo");
        if (end < start) throw new DomainException("The period under review must end after it starts", "PeriodTo");
        if (end > calendar.Today) throw new DomainException("The period under review must end today or in the past", "PeriodTo");
        return (start, end);
    }

    private static string? Narrative(string? value, string field)
    {
        var text = Optional(value, MaxNarrative, field);
        if (text is not null) ChronologyImport.RefuseIdentifiable(text, field);
        return text;
    }
}
