namespace Parallax.Core.Reviews;

/// <summary>The dates of a Rapid Review the lead sets or records (decision 0072).</summary>
public sealed record RapidReviewDates(
    DateOnly? PanelNotifiedOn, DateOnly? SummariesDueOn, DateOnly? MeetingOn, bool MeetingHeld, DateOnly? SignOffDueOn, DateOnly? SubmittedToPanelOn);

/// <summary>An agency's summary as its auditor writes it, part by part; any part may be left empty until it is submitted.</summary>
public sealed record AgencySummaryInput(string? Involvement, string? Analysis, string? ImmediateLearning, string? ActionsTaken);

/// <summary>A milestone of the practice review that follows a Rapid Review, as the lead keeps it.</summary>
public sealed record MilestoneInput(MilestoneKind Kind, DateOnly? TargetOn, DateOnly? AchievedOn);

/// <summary>
/// The statutory Rapid Review process around a review of kind <see cref="ReviewKind.RapidReview"/>: its clock, the
/// agencies' summaries, the three safeguarding partners' sign-off, the decision whether a Child Safeguarding Practice
/// Review follows, and that review's milestones (decisions 0072 and 0073). Every write saves once; the trail records it.
/// </summary>
public sealed class RapidReviews(ParallaxDbContext db, TimeProvider clock, PartnershipCalendar calendar, ChronologyChaser chaser)
{
    public const int MaxNarrative = TextLimits.Section;

    public static readonly (string Field, string Label, string Hint)[] SummaryParts =
    [
        (nameof(AgencySummary.Involvement), "Your agency's involvement", "Who in the family your agency knew, from when, and what it did. Initials and roles only."),
        (nameof(AgencySummary.Analysis), "Analysis", "What your agency's involvement shows: what went well, what could have been done differently and why."),
        (nameof(AgencySummary.ImmediateLearning), "Immediate learning", "Learning that should not wait for a practice review."),
        (nameof(AgencySummary.ActionsTaken), "Actions already taken", "What your agency has already done since the incident, to keep children safe or to act on the learning."),
    ];

    // ---- The clock ----

    /// <summary>Saves the dates; when the summaries' due date moved after agencies were asked, tells them in the same save and returns how many agencies were told.</summary>
    public async Task<int> SetDatesAsync(PracticeReview review, RapidReviewDates dates, Guid expectedVersion, CancellationToken ct = default)
    {
        RequireRapid(review);
        var today = calendar.Today;
        // Every problem is found before any is shown, so the lead corrects them all in one go.
        var problems = new List<(string Field, string Message)>();
        void Problem(string field, string message)
        {
            if (!problems.Any(p => p.Field == field)) problems.Add((field, message));
        }

        void NotBeforeLearning(DateOnly? date, string what, string field)
        {
            if (date is { } d && d < review.NotifiedOn)
                Problem(field, $"{what} cannot be before the local authority learned of the incident ({review.NotifiedOn:d MMMM yyyy})");
        }

        NotBeforeLearning(dates.PanelNotifiedOn, "The notification to the national panel", nameof(dates.PanelNotifiedOn));
        NotBeforeLearning(dates.SummariesDueOn, "The date agency summaries are due", nameof(dates.SummariesDueOn));
        NotBeforeLearning(dates.MeetingOn, "The Rapid Review meeting", nameof(dates.MeetingOn));
        NotBeforeLearning(dates.SignOffDueOn, "The date sign-off is due", nameof(dates.SignOffDueOn));
        NotBeforeLearning(dates.SubmittedToPanelOn, "The date the Rapid Review was sent", nameof(dates.SubmittedToPanelOn));
        if (dates.PanelNotifiedOn > today) Problem(nameof(dates.PanelNotifiedOn), "The date the national panel was notified must be today or in the past");
        if (dates.SubmittedToPanelOn > today) Problem(nameof(dates.SubmittedToPanelOn), "The date the Rapid Review was sent must be today or in the past");
        var holidays = await calendar.HolidaysAsync(review.PartnershipId, ct);
        var summaries = dates.SummariesDueOn ?? WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultSummariesWorkingDays, holidays);
        var meeting = dates.MeetingOn ?? WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultMeetingWorkingDays, holidays);
        var signOff = dates.SignOffDueOn ?? WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultSignOffWorkingDays, holidays);
        foreach (var (date, field) in new[] { (dates.SummariesDueOn, nameof(dates.SummariesDueOn)), (dates.MeetingOn, nameof(dates.MeetingOn)), (dates.SignOffDueOn, nameof(dates.SignOffDueOn)) })
        {
            if (date is { } d && !holidays.IsWorkingDay(d))
                Problem(field, $"{d:dddd d MMMM yyyy} is not a working day for your partnership");
        }

        // A summary moved to a day on or before the agencies were asked for it could never be on time.
        var sentAt = summaries == RapidReviewClock.SummariesDue(review, holidays) ? null
            : (await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.SentAt != null).Select(r => r.SentAt).ToListAsync(ct)).Min();
        if (sentAt is { } asked && summaries <= PartnershipCalendar.LondonDate(asked))
            Problem(nameof(dates.SummariesDueOn), $"Agency summaries must be due after the day the agencies were asked for them ({PartnershipCalendar.LondonDate(asked):d MMMM yyyy})");
        else if (sentAt is not null && summaries <= today)
            Problem(nameof(dates.SummariesDueOn), "Agency summaries must be due after today: the agencies asked are e-mailed the new date, and it must not have passed");
        if (meeting < summaries) Problem(nameof(dates.MeetingOn), "The meeting must be on or after the day agency summaries are due, so it can read them");
        if (signOff < meeting) Problem(nameof(dates.SignOffDueOn), "Sign-off must be due on or after the day of the meeting");
        if (dates.MeetingHeld && meeting > today) Problem(nameof(dates.MeetingHeld), "The meeting cannot have been held yet: its date is in the future");
        DomainProblemsException.ThrowIfAny(problems);

        var summariesWere = RapidReviewClock.SummariesDue(review, holidays);
        review.PanelNotifiedOn = dates.PanelNotifiedOn;
        // A date left at its default is stored as "the default", so it moves if the partnership's calendar changes.
        review.SummariesDueOn = summaries == WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultSummariesWorkingDays, holidays) ? null : summaries;
        review.MeetingOn = meeting == WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultMeetingWorkingDays, holidays) ? null : meeting;
        review.MeetingHeld = dates.MeetingHeld;
        review.SignOffDueOn = signOff == WorkingDays.Add(review.NotifiedOn, RapidReviewClock.DefaultSignOffWorkingDays, holidays) ? null : signOff;
        review.SubmittedToPanelOn = dates.SubmittedToPanelOn;
        // The statutory date follows the partnership's calendar as it is now (a bank holiday added since counts).
        review.RapidReviewDueOn = RapidReviewClock.RapidReviewDue(review, holidays);
        // Agencies already asked are told of the new date in the same save (decision 0076).
        var told = sentAt is not null && summaries != summariesWere ? await chaser.NotifySummariesMovedAsync(review, summariesWere, summaries, ct) : 0;
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        await db.SaveOrRefuseAsync("Someone else changed this review while you were editing it. Nothing was saved: look at their changes and make yours again.", ct);
        return told;
    }

    /// <summary>The clock's stages with what is done: summaries are in when every agency asked has submitted one; sign-off when all three partners have.</summary>
    public async Task<(IReadOnlyList<ClockStage> Stages, BankHolidays Holidays)> StagesAsync(PracticeReview review, CancellationToken ct = default)
    {
        var holidays = await calendar.HolidaysAsync(review.PartnershipId, ct);
        var asked = await db.ChronologyRequests.CountAsync(r => r.ReviewId == review.Id && r.Status != ChronologyStatus.Draft, ct);
        var submitted = await db.AgencySummaries.Where(s => s.ReviewId == review.Id && s.Status == AgencySummaryStatus.Submitted).Select(s => s.SubmittedAt).ToListAsync(ct);
        DateOnly? summariesIn = asked > 0 && submitted.Count >= asked ? submitted.Max(s => PartnershipCalendar.LondonDate(s!.Value)) : null;
        var signOffs = await db.PartnerSignOffs.AsNoTracking().Where(s => s.ReviewId == review.Id).ToListAsync(ct);
        DateOnly? signedOff = signOffs.Select(s => s.Partner).Distinct().Count() == 3 ? signOffs.Max(s => s.SignedOn) : null;
        return (RapidReviewClock.Stages(review, holidays, summariesIn, signedOff, noAgencyAsked: asked == 0), holidays);
    }

    // ---- Agency summaries ----

    /// <summary>The summary beside an agency's chronology request, or null before its first save.</summary>
    public Task<AgencySummary?> SummaryAsync(Guid requestId, CancellationToken ct = default) =>
        db.AgencySummaries.FirstOrDefaultAsync(s => s.RequestId == requestId, ct);

    /// <summary>
    /// Saves whatever parts the auditor has written so far; the others stay as they were left. A review lead of
    /// another agency enters it on behalf of the agency (one with no auditor, decision 0077), and the summary and the
    /// trail say so; anyone else is refused as if the request did not exist.
    /// </summary>
    public async Task<AgencySummary> SaveSummaryAsync(ChronologyRequest request, AgencySummaryInput input, Guid? expectedVersion, Caller caller, CancellationToken ct = default)
    {
        await RequireRapidAsync(request, caller, ct);
        var byLead = OnBehalf(request, caller);
        var by = caller.Name;
        var summary = await SummaryAsync(request.Id, ct);
        if (summary?.Status == AgencySummaryStatus.Submitted)
            throw new DomainException("Your summary has been submitted. Ask the review lead to reopen it if something needs to change.");
        var problems = new List<(string Field, string Message)>();
        string? Part(string? value, string field)
        {
            try
            {
                return Narrative(value, field);
            }
            catch (DomainException e)
            {
                problems.Add((e.Field, e.Message));
                return null;
            }
        }

        var parts = (Part(input.Involvement, nameof(input.Involvement)), Part(input.Analysis, nameof(input.Analysis)),
            Part(input.ImmediateLearning, nameof(input.ImmediateLearning)), Part(input.ActionsTaken, nameof(input.ActionsTaken)));
        DomainProblemsException.ThrowIfAny(problems);
        if (summary is null)
        {
            summary = new AgencySummary { RequestId = request.Id, ReviewId = request.ReviewId, AgencyId = request.AgencyId, SavedBy = by };
            db.AgencySummaries.Add(summary);
        }
        else if (expectedVersion is { } version)
        {
            db.Entry(summary).Property(s => s.Version).OriginalValue = version;
        }

        (summary.Involvement, summary.Analysis, summary.ImmediateLearning, summary.ActionsTaken) = parts;
        summary.SavedAt = clock.GetUtcNow();
        summary.SavedBy = by;
        await WriteSummaryAsync(summary, by, byLead ? "Entered by the review lead on behalf of the agency" : null,
            "Someone else in your agency changed this summary while you were writing. Nothing was saved: copy your text, look at theirs and save again.", ct);
        return summary;
    }

    public async Task SubmitSummaryAsync(ChronologyRequest request, Caller caller, CancellationToken ct = default)
    {
        await RequireRapidAsync(request, caller, ct);
        var byLead = OnBehalf(request, caller);
        var by = caller.Name;
        var summary = await SummaryAsync(request.Id, ct) ?? throw new DomainException("Write your agency's summary before submitting it", nameof(AgencySummary.Involvement));
        if (summary.Status == AgencySummaryStatus.Submitted) throw new DomainException("Your summary has already been submitted");
        // Every missing part at once, so the auditor fills them all in before submitting again.
        DomainProblemsException.ThrowIfAny([.. SummaryParts
            .Where(p => string.IsNullOrWhiteSpace(p.Field switch
            {
                nameof(AgencySummary.Involvement) => summary.Involvement,
                nameof(AgencySummary.Analysis) => summary.Analysis,
                nameof(AgencySummary.ImmediateLearning) => summary.ImmediateLearning,
                _ => summary.ActionsTaken,
            }))
            .Select(p => (p.Field, $"Enter \"{p.Label}\" before submitting the summary (write \"None\" if there is nothing)"))]);

        summary.Status = AgencySummaryStatus.Submitted;
        summary.SubmittedAt = clock.GetUtcNow();
        summary.SubmittedBy = by;
        await WriteSummaryAsync(summary, by, byLead ? "Submitted by the review lead on behalf of the agency" : null,
            "Someone else in your agency changed this summary at the same time. Nothing was submitted: look again and retry.", ct);
    }

    /// <summary>Saves the agency's summary; with <paramref name="onBehalf"/> the review lead wrote it for the agency, and the audit trail says so.</summary>
    private async Task WriteSummaryAsync(AgencySummary summary, string by, string? onBehalf, string conflict, CancellationToken ct)
    {
        if (onBehalf is not null)
        {
            summary.EnteredByLead = by;
            db.Because(onBehalf);
        }

        await db.SaveOrRefuseAsync(conflict, ct);
    }

    /// <summary>
    /// The lead reopens a submitted summary so the agency can correct it: it is owed again (shown on the agency's home
    /// and chased, even after the decision) and the agency is told (decision 0076). False when there was nobody to tell.
    /// </summary>
    public async Task<bool> ReopenSummaryAsync(PracticeReview review, Guid summaryId, CancellationToken ct = default)
    {
        var summary = await db.AgencySummaries.FirstOrDefaultAsync(s => s.Id == summaryId && s.ReviewId == review.Id, ct)
            ?? throw new DomainException("That summary is not part of this review");
        if (summary.Status != AgencySummaryStatus.Submitted) throw new DomainException("Only a submitted summary can be reopened");
        summary.Status = AgencySummaryStatus.InProgress;
        summary.SubmittedAt = null;
        summary.SubmittedBy = null;
        summary.ReopenedAt = clock.GetUtcNow();
        var holidays = await calendar.HolidaysAsync(review.PartnershipId, ct);
        var told = await chaser.NotifySummaryReopenedAsync(review, summary, RapidReviewClock.SummariesDue(review, holidays), ct);
        await db.SaveOrRefuseAsync("Someone changed this summary at the same time. Nothing was changed: look again and retry.", ct);
        return told;
    }

    /// <summary>Every agency asked for a chronology on the review, with its summary when it has one.</summary>
    public async Task<IReadOnlyList<(ChronologyRequest Request, string Agency, AgencySummary? Summary)>> SummariesAsync(PracticeReview review, CancellationToken ct = default)
    {
        var rows = await (from r in db.ChronologyRequests.AsNoTracking()
                          join a in db.Agencies on r.AgencyId equals a.Id
                          where r.ReviewId == review.Id && r.Status != ChronologyStatus.Draft
                          orderby a.Name
                          select new { Request = r, a.Name }).ToListAsync(ct);
        var summaries = await db.AgencySummaries.AsNoTracking().Where(s => s.ReviewId == review.Id).ToListAsync(ct);
        return [.. rows.Select(r => (r.Request, r.Name, summaries.FirstOrDefault(s => s.RequestId == r.Request.Id)))];
    }

    // ---- Sign-off and the decision ----

    public async Task SignOffAsync(PracticeReview review, SafeguardingPartner? partner, string? signedBy, string? role, DateOnly? signedOn, string recordedBy, bool despiteMissing = false, CancellationToken ct = default)
    {
        RequireRapid(review);
        // Every problem with the form at once, so the lead corrects them together.
        var problems = new List<(string Field, string Message)>();
        if (partner is not { } chosen || !Enum.IsDefined(chosen))
        {
            chosen = default;
            problems.Add(("Partner", "Select the safeguarding partner signing off"));
        }

        var who = Checked(signedBy, "Enter the name of the person who signed off", "SignedBy", TextLimits.Line, problems);
        var what = Checked(role, "Enter their role, such as Director of Children's Services", "Role", TextLimits.Line, problems);
        if (signedOn is not { } on)
        {
            on = default;
            problems.Add(("SignedOn", "Enter the date they signed off"));
        }
        else if (on < review.NotifiedOn) problems.Add(("SignedOn", "Sign-off cannot be before the local authority learned of the incident"));
        else if (on > calendar.Today) problems.Add(("SignedOn", "The date of sign-off must be today or in the past"));
        else if (review.MeetingHeld && RapidReviewClock.MeetingOn(review, await calendar.HolidaysAsync(review.PartnershipId, ct)) is var meeting && on < meeting)
            problems.Add(("SignedOn", $"Sign-off cannot be before the Rapid Review meeting ({meeting:d MMMM yyyy}): the partners sign off what the meeting found"));
        var missing = await AddIfMissingAsync(review, despiteMissing, "sign-off", problems, ct);
        DomainProblemsException.ThrowIfAny(problems);
        if (review.Decision is not null) throw new DomainException("The decision has been recorded, so the sign-offs stand as they are", "Partner");
        if (await db.PartnerSignOffs.AnyAsync(s => s.ReviewId == review.Id && s.Partner == chosen, ct))
            throw new DomainException($"The {PartnerSignOff.Describe(chosen).ToLowerInvariant()} has already signed this Rapid Review off", "Partner");
        db.PartnerSignOffs.Add(new PartnerSignOff
        {
            ReviewId = review.Id, Partner = chosen, SignedBy = who, Role = what, SignedOn = on, RecordedBy = recordedBy, RecordedAt = clock.GetUtcNow(),
            SignedDespiteMissing = missing,
        });
        await db.SaveOrRefuseAsync("Someone recorded a sign-off at the same time. Look again and retry.", ct);
    }

    /// <summary>Takes back a sign-off recorded in error, while no decision has been recorded.</summary>
    public async Task RemoveSignOffAsync(PracticeReview review, Guid signOffId, CancellationToken ct = default)
    {
        if (review.Decision is not null) throw new DomainException("The decision has been recorded, so the sign-offs stand as they are");
        var signOff = await db.PartnerSignOffs.FirstOrDefaultAsync(s => s.Id == signOffId && s.ReviewId == review.Id, ct)
            ?? throw new DomainException("That sign-off is not part of this review");
        db.PartnerSignOffs.Remove(signOff);
        await db.SaveChangesAsync(ct);
    }

    public Task<List<PartnerSignOff>> SignOffsAsync(Guid reviewId, CancellationToken ct = default) =>
        db.PartnerSignOffs.AsNoTracking().Where(s => s.ReviewId == reviewId).OrderBy(s => s.SignedOn).ThenBy(s => s.RecordedAt).ToListAsync(ct);

    /// <summary>
    /// Records whether a Child Safeguarding Practice Review follows, with the reasons: only once all three safeguarding
    /// partners have signed the Rapid Review off (decision 0073). A practice review gets its milestones to keep.
    /// </summary>
    public async Task DecideAsync(PracticeReview review, RapidReviewDecision? decision, string? reasons, string by, Guid expectedVersion, bool despiteMissing = false, CancellationToken ct = default)
    {
        RequireRapid(review);
        var problems = new List<(string Field, string Message)>();
        if (decision is not { } chosen || !Enum.IsDefined(chosen))
        {
            chosen = default;
            problems.Add(("Decision", "Select whether a Child Safeguarding Practice Review follows"));
        }

        var why = Checked(reasons, "Enter the reasons for the decision", "DecisionReasons", MaxNarrative, problems);
        if (why.Length > 0)
        {
            try
            {
                ChronologyImport.RefuseIdentifiable(why, "DecisionReasons");
            }
            catch (DomainException e)
            {
                problems.Add((e.Field, e.Message));
            }
        }

        // Whether a decision can be recorded at all comes before what is wrong with this one.
        if (review.Decision is not null) throw new DomainException("The decision has already been recorded", "Decision");
        var signed = await db.PartnerSignOffs.Where(s => s.ReviewId == review.Id).Select(s => s.Partner).Distinct().ToListAsync(ct);
        var missing = Enum.GetValues<SafeguardingPartner>().Except(signed).Select(p => PartnerSignOff.Describe(p).ToLowerInvariant()).ToList();
        if (missing.Count > 0)
            throw new DomainException($"All three safeguarding partners must sign the Rapid Review off before the decision is recorded: waiting for {Reports.ReportText.Join([.. missing.Select(m => $"the {m}")])}", "Decision");
        var missingAtDecision = await AddIfMissingAsync(review, despiteMissing, "decision", problems, ct);
        DomainProblemsException.ThrowIfAny(problems);

        review.Decision = chosen;
        review.DecidedDespiteMissing = missingAtDecision;
        review.DecisionReasons = why;
        review.DecidedAt = clock.GetUtcNow();
        review.DecidedBy = by;
        if (chosen == RapidReviewDecision.PracticeReview && !await db.ReviewMilestones.AnyAsync(m => m.ReviewId == review.Id, ct))
        {
            foreach (var kind in Enum.GetValues<MilestoneKind>()) db.ReviewMilestones.Add(new ReviewMilestone { ReviewId = review.Id, Kind = kind });
        }

        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        await db.SaveOrRefuseAsync("Someone else changed this review while you were recording the decision. Nothing was saved: look again and retry.", ct);
    }

    /// <summary>
    /// What the partners would sign off or decide without: each agency asked whose summary is not submitted, and the
    /// meeting while it is not recorded as held. Empty when nothing is missing.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAsync(PracticeReview review, CancellationToken ct = default)
    {
        var missing = (await SummariesAsync(review, ct)).Where(s => s.Summary?.Status != AgencySummaryStatus.Submitted)
            .Select(s => $"the summary from {s.Agency}").ToList();
        if (!review.MeetingHeld) missing.Add("the Rapid Review meeting (not recorded as held)");
        return missing;
    }

    /// <summary>
    /// Refuses a sign-off or decision with something missing unless the lead confirms it; a confirmed one says so in the
    /// trail. Returns what was missing in words, kept on the record for the submission pack, or null.
    /// </summary>
    private async Task<string?> ConfirmDespiteMissingAsync(PracticeReview review, bool despiteMissing, string what, CancellationToken ct)
    {
        var missing = await MissingAsync(review, ct);
        if (missing.Count == 0) return null;
        var list = Reports.ReportText.Join([.. missing]);
        if (!despiteMissing)
            throw new DomainException($"Still missing: {list}. To record the {what} anyway, confirm that it is recorded despite what is missing", "DespiteMissing");
        var reason = $"The {what} was recorded despite what was missing: {list}";
        db.Because(reason.Length > AuditTrail.AuditTrailInterceptor.MaxReasonLength ? reason[..(AuditTrail.AuditTrailInterceptor.MaxReasonLength - 1)] + "…" : reason);
        return list;
    }

    /// <summary>People's names for the e-mail addresses the records keep (who submitted, who decided); an address with no name stays as it is.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> emails, CancellationToken ct = default)
    {
        var wanted = emails.OfType<string>().Distinct().ToList();
        var named = await db.Users.AsNoTracking().Where(u => u.Email != null && wanted.Contains(u.Email) && u.DisplayName != null)
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        var names = wanted.ToDictionary(e => e, e => e, StringComparer.OrdinalIgnoreCase);
        foreach (var u in named) names[u.Email!] = u.DisplayName!;
        return names;
    }

    public static string Describe(RapidReviewDecision decision) => decision == RapidReviewDecision.PracticeReview
        ? "A Child Safeguarding Practice Review follows"
        : "No Child Safeguarding Practice Review";

    // ---- Milestones of the practice review that follows ----

    /// <summary>The milestones in the order they come (the enum's), which the database's text column would not give.</summary>
    public async Task<List<ReviewMilestone>> MilestonesAsync(Guid reviewId, CancellationToken ct = default) =>
        [.. (await db.ReviewMilestones.AsNoTracking().Where(m => m.ReviewId == reviewId).ToListAsync(ct)).OrderBy(m => m.Kind)];

    public async Task SetMilestonesAsync(PracticeReview review, IReadOnlyList<MilestoneInput> milestones, CancellationToken ct = default)
    {
        if (review.Decision != RapidReviewDecision.PracticeReview)
            throw new DomainException("Milestones are kept for a Child Safeguarding Practice Review, once the partners have decided one follows");
        var today = calendar.Today;
        var kept = await db.ReviewMilestones.Where(m => m.ReviewId == review.Id).ToListAsync(ct);
        foreach (var input in milestones)
        {
            var field = $"Milestones[{(int)input.Kind}]";
            if (input.TargetOn is { } target && target < review.NotifiedOn)
                throw new DomainException($"The target for \"{ReviewMilestone.Describe(input.Kind)}\" cannot be before the local authority learned of the incident", field);
            if (input.AchievedOn is { } achieved && (achieved > today || achieved < review.NotifiedOn))
                throw new DomainException($"The day \"{ReviewMilestone.Describe(input.Kind)}\" was achieved must be between {review.NotifiedOn:d MMMM yyyy} and today", field);
            var milestone = kept.FirstOrDefault(m => m.Kind == input.Kind);
            if (milestone is null)
            {
                milestone = new ReviewMilestone { ReviewId = review.Id, Kind = input.Kind };
                db.ReviewMilestones.Add(milestone);
            }

            milestone.TargetOn = input.TargetOn;
            milestone.AchievedOn = input.AchievedOn;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Late: achieved after its target, or not achieved and its target has passed.</summary>
    public static bool Late(ReviewMilestone m, DateOnly today) =>
        m.TargetOn is { } target && (m.AchievedOn is { } achieved ? achieved > target : today > target);

    // ---- Helpers ----

    private static void RequireRapid(PracticeReview review)
    {
        if (review.Kind != ReviewKind.RapidReview) throw new DomainException("Only a Rapid Review has the Rapid Review process");
    }

    private async Task RequireRapidAsync(ChronologyRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Status == ChronologyStatus.Draft) throw new RecordNotFoundException();
        var kind = await db.PracticeReviews.Where(r => r.Id == request.ReviewId && r.PartnershipId == caller.PartnershipId)
            .Select(r => (ReviewKind?)r.Kind).SingleOrDefaultAsync(ct) ?? throw new RecordNotFoundException();
        if (kind != ReviewKind.RapidReview) throw new DomainException("Agency summaries are asked for in a Rapid Review only");
    }

    /// <summary>
    /// The agency's own auditor writes its summary; a review lead may write it on the agency's behalf (true). Anyone
    /// else, an auditor of another agency included, is told the request does not exist.
    /// </summary>
    private static bool OnBehalf(ChronologyRequest request, Caller caller) =>
        caller.AgencyId == request.AgencyId ? false : caller.IsLead ? true : throw new RecordNotFoundException();

    private static string? Narrative(string? value, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > MaxNarrative) throw new DomainException(TextLimits.TooLong("The text", MaxNarrative, text.Length), field);
        if (text.Length == 0) return null;
        ChronologyImport.RefuseIdentifiable(text, field);
        return text;
    }

    /// <summary>The "record it anyway" problem, with the form's others, when something is missing and it is not ticked.</summary>
    private async Task<string?> AddIfMissingAsync(PracticeReview review, bool despiteMissing, string what, List<(string Field, string Message)> problems, CancellationToken ct)
    {
        try
        {
            return await ConfirmDespiteMissingAsync(review, despiteMissing, what, ct);
        }
        catch (DomainException e)
        {
            problems.Add((e.Field, e.Message));
            return null;
        }
    }

    /// <summary>The trimmed text, or "" with its problem added to the form's list.</summary>
    private static string Checked(string? value, string message, string field, int max, List<(string Field, string Message)> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) problems.Add((field, message));
        else if (text.Length > max) problems.Add((field, TextLimits.TooLong("The text", max, text.Length)));
        return text;
    }
}
