namespace Parallax.Core.Reviews;

/// <summary>
/// A whole review as one JSON document, to move it between installations (docs/schema/review-package.schema.json,
/// decision 0066). People are named by keys ("child", "h1", "h2"...) so the package carries no database ids.
/// </summary>
public sealed record ReviewPackage
{
    /// <summary>
    /// 3 added what a sign-off or the decision went ahead without, a summary entered by the lead for its agency and when
    /// a summary was reopened; 2 added the Rapid Review process (<see cref="RapidReview"/>, a chronology's <c>summary</c>);
    /// 1 and 2 are still read.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public DateTimeOffset ExportedAt { get; init; }

    public required PackagedReview Review { get; init; }

    public required PackagedSubject Subject { get; init; }

    public List<PackagedEventType> EventTypes { get; init; } = [];

    public List<PackagedChronology> Chronologies { get; init; } = [];

    public List<PackagedLearning> Learning { get; init; } = [];

    /// <summary>The Rapid Review process (decisions 0072, 0073); only a Rapid Review has it.</summary>
    public PackagedRapidReview? RapidReview { get; init; }
}

public sealed record PackagedReview(
    ReviewKind Kind, string Title, string TriggerIncident, DateOnly IncidentOn, DateOnly NotifiedOn, DateOnly? RapidReviewDueOn, string? TermsOfReference,
    DateOnly PeriodFrom, DateOnly PeriodTo, string? Author, ReviewStatus Status, DateOnly? ChronologiesDueOn, DateOnly? PublishedOn, ChronologyAccess ChronologyAccess,
    string? Introduction, string? Process, string? FamilyBackground, string? Analysis, string? Conclusion, DateOnly? ChildBornOn, IndicatorSettings? Indicators,
    DatePrecision IncidentPrecision = DatePrecision.Day, bool PanelCanRead = false);

public sealed record PackagedSubject(string Uin, string Initials, int? AgeYears, List<PackagedPerson> Household);

/// <summary>A household member; <see cref="Key"/> is how events name them ("h1").</summary>
public sealed record PackagedPerson(string Key, HouseholdRole Role, string Initials, string? RoleName = null);

public sealed record PackagedEventType(string Name, EventSignal Signal, string Keywords);

public sealed record PackagedChronology(
    string Agency, ChronologyStatus Status, DateOnly DueOn, DateTimeOffset? SentAt, DateTimeOffset? SubmittedAt, string? SubmittedBy, List<PackagedEvent> Events,
    PackagedSummary? Summary = null);

/// <summary>An agency's summary for a Rapid Review, beside its chronology.</summary>
public sealed record PackagedSummary(
    string? Involvement, string? Analysis, string? ImmediateLearning, string? ActionsTaken, AgencySummaryStatus Status,
    DateTimeOffset SavedAt, string SavedBy, DateTimeOffset? SubmittedAt, string? SubmittedBy, string? EnteredByLead = null, DateTimeOffset? ReopenedAt = null);

/// <summary>
/// The stage dates the lead set or recorded (null: the default, worked out from the calendar), the three partners'
/// sign-off, the decision with its reasons and the milestones of the practice review that follows.
/// </summary>
public sealed record PackagedRapidReview(
    DateOnly? PanelNotifiedOn, DateOnly? SummariesDueOn, DateOnly? MeetingOn, bool MeetingHeld, DateOnly? SignOffDueOn, DateOnly? SubmittedToPanelOn,
    RapidReviewDecision? Decision, string? DecisionReasons, DateTimeOffset? DecidedAt, string? DecidedBy,
    List<PackagedSignOff> SignOffs, List<PackagedMilestone> Milestones, string? DecidedDespiteMissing = null);

public sealed record PackagedSignOff(
    SafeguardingPartner Partner, string SignedBy, string Role, DateOnly SignedOn, string RecordedBy, DateTimeOffset RecordedAt, string? SignedDespiteMissing = null);

public sealed record PackagedMilestone(MilestoneKind Kind, DateOnly? TargetOn, DateOnly? AchievedOn);

public sealed record PackagedEvent(
    DateOnly StartsOn, DatePrecision Precision, DateOnly? EndsOn, DatePrecision? EndPrecision, TimeOnly? Time, string Text, List<string> People,
    string? SourceReference, string? AgencyComment, List<string> Types, bool TypeConfirmed, string? SuggestedBecause, int Order);

public sealed record PackagedLearning(LearningKind Kind, int Number, string Text);

/// <summary>Export and import of <see cref="ReviewPackage"/>: import is refused whole on any bad value, each named by its JSON path.</summary>
public sealed class ReviewPackages(ParallaxDbContext db, TimeProvider clock, ChronologyEventTypes eventTypes)
{
    public const int MaxBytes = Packages.PackageJson.MaxBytes;

    public async Task<ReviewPackage?> ExportAsync(Guid partnershipId, Guid reviewId, CancellationToken ct = default)
    {
        var review = await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null) return null;
        var subject = await db.Cases.AsNoTracking().Include(c => c.Household).SingleAsync(c => c.Id == review.SubjectCaseId, ct);
        var members = subject.Household.OrderBy(m => m.Order).ToList();
        var keys = new Dictionary<Guid, string> { [subject.Id] = "child" };
        foreach (var (m, i) in members.Select((m, i) => (m, i + 1))) keys[m.Id] = $"h{i}";
        var types = await eventTypes.EventTypesAsync(partnershipId, ct);
        var typeNames = types.ToDictionary(t => t.Id, t => t.Name);
        var requests = await (from r in db.ChronologyRequests.AsNoTracking()
                              join a in db.Agencies on r.AgencyId equals a.Id
                              where r.ReviewId == reviewId
                              orderby a.Code
                              select new { r, a.Code }).ToListAsync(ct);
        var events = await db.ChronologyEvents.AsNoTracking().Where(e => e.ReviewId == reviewId).OrderBy(e => e.Order).ToListAsync(ct);
        var learning = await db.ReviewLearnings.AsNoTracking().Where(l => l.ReviewId == reviewId).OrderBy(l => l.Kind).ThenBy(l => l.Number).ToListAsync(ct);
        var summaries = await db.AgencySummaries.AsNoTracking().Where(s => s.ReviewId == reviewId).ToListAsync(ct);
        PackagedSummary? Summary(Guid requestId) => summaries.FirstOrDefault(s => s.RequestId == requestId) is { } s
            ? new PackagedSummary(s.Involvement, s.Analysis, s.ImmediateLearning, s.ActionsTaken, s.Status, s.SavedAt, s.SavedBy, s.SubmittedAt, s.SubmittedBy, s.EnteredByLead, s.ReopenedAt)
            : null;
        PackagedRapidReview? rapid = null;
        if (review.Kind == ReviewKind.RapidReview)
        {
            // Ordered by what they are, not by when they were stored, so two installations write the same file.
            var signOffs = (await db.PartnerSignOffs.AsNoTracking().Where(s => s.ReviewId == reviewId).ToListAsync(ct)).OrderBy(s => s.Partner);
            var milestones = (await db.ReviewMilestones.AsNoTracking().Where(m => m.ReviewId == reviewId).ToListAsync(ct)).OrderBy(m => m.Kind);
            rapid = new PackagedRapidReview(review.PanelNotifiedOn, review.SummariesDueOn, review.MeetingOn, review.MeetingHeld, review.SignOffDueOn, review.SubmittedToPanelOn,
                review.Decision, review.DecisionReasons, review.DecidedAt, review.DecidedBy,
                [.. signOffs.Select(s => new PackagedSignOff(s.Partner, s.SignedBy, s.Role, s.SignedOn, s.RecordedBy, s.RecordedAt, s.SignedDespiteMissing))],
                [.. milestones.Select(m => new PackagedMilestone(m.Kind, m.TargetOn, m.AchievedOn))], review.DecidedDespiteMissing);
        }

        return new ReviewPackage
        {
            ExportedAt = clock.GetUtcNow(),
            Review = new PackagedReview(review.Kind, review.Title, review.TriggerIncident, review.IncidentOn, review.NotifiedOn, review.RapidReviewDueOn, review.TermsOfReference,
                review.PeriodFrom, review.PeriodTo, review.Author, review.Status, review.ChronologiesDueOn, review.PublishedOn, review.ChronologyAccess,
                review.Introduction, review.Process, review.FamilyBackground, review.Analysis, review.Conclusion, review.ChildBornOn, review.Indicators,
                review.IncidentPrecision, review.PanelCanRead),
            Subject = new PackagedSubject(subject.Uin, subject.Initials, subject.AgeYears, [.. members.Select(m => new PackagedPerson(keys[m.Id], m.Role, m.Initials, m.RoleName))]),
            EventTypes = [.. types.Select(t => new PackagedEventType(t.Name, t.Signal, t.Keywords))],
            Chronologies = [.. requests.Select(x => new PackagedChronology(x.Code, x.r.Status, x.r.DueOn, x.r.SentAt, x.r.SubmittedAt, x.r.SubmittedBy,
                [.. events.Where(e => e.RequestId == x.r.Id).Select(e => new PackagedEvent(e.StartsOn, e.Precision, e.EndsOn, e.EndPrecision, e.Time, e.Text,
                    [.. e.PeopleIds.Select(p => keys.GetValueOrDefault(p)).OfType<string>()], e.SourceReference, e.AgencyComment,
                    [.. new[] { e.EventTypeId }.OfType<Guid>().Concat(e.MoreTypeIds).Select(t => typeNames.GetValueOrDefault(t)).OfType<string>()],
                    e.TypeConfirmed, e.SuggestedBecause, e.Order))], Summary(x.r.Id)))],
            Learning = [.. learning.Select(l => new PackagedLearning(l.Kind, l.Number, l.Text))],
            RapidReview = rapid,
        };
    }

    public static string Serialize(ReviewPackage package) => JsonSerializer.Serialize(package, Packages.PackageJson.Options);

    /// <summary>Reads a package; malformed JSON, an unknown field or a bad value of a fixed list is refused with its JSON path.</summary>
    public static ReviewPackage Parse(Stream stream)
    {
        const string what = "a review package";
        using var copy = Packages.PackageJson.ReadAll(stream, what);
        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            return Packages.PackageJson.Read<ReviewPackage>(document, what, ReviewPackage.CurrentSchemaVersion);
        }
        catch (JsonException e)
        {
            if (e.LineNumber == 0 && e.BytePositionInLine == 0 && e.Path is null)
                throw new DomainException($"The file is not JSON: choose {what} exported from Parallax (a .json file).");
            throw Packages.PackageJson.Invalid(e);
        }
    }

    /// <summary>Each value the forms would refuse, as "JSON path: sentence".</summary>
    public static List<string> Problems(ReviewPackage package, DateOnly today, IReadOnlyCollection<string> agencyCodes)
    {
        var problems = new List<string>();
        void Text(string? text, int limit, string path, bool required = false, bool identifiable = true)
        {
            if (string.IsNullOrWhiteSpace(text)) { if (required) problems.Add($"{path}: is empty"); return; }
            if (text.Length > limit) problems.Add($"{path}: is {text.Length:N0} characters; at most {limit:N0} are allowed");
            if (identifiable) problems.AddRange(ChronologyImport.Identifiable(text).Select(p => $"{path}: {p}"));
        }

        var r = package.Review;
        if (r is null) { problems.Add("$.review: is missing"); return problems; }
        Text(r.Title, 200, "$.review.title", required: true, identifiable: false);
        Text(r.TriggerIncident, 2000, "$.review.triggerIncident", required: true);
        if (r.IncidentOn > today) problems.Add("$.review.incidentOn: is in the future");
        if (r.IncidentPrecision is not (DatePrecision.Day or DatePrecision.Month)) problems.Add("$.review.incidentPrecision: must be Day or Month");
        else if (r.IncidentPrecision == DatePrecision.Month && r.IncidentOn.Day != 1) problems.Add("$.review.incidentOn: a month-precision incident is stored as the 1st of its month");
        if (r.NotifiedOn < r.IncidentOn) problems.Add("$.review.notifiedOn: is before the incident");
        if (r.PeriodTo < r.PeriodFrom) problems.Add("$.review.periodTo: is before periodFrom");
        if (r.Status == ReviewStatus.Published && r.PublishedOn is null) problems.Add("$.review.publishedOn: a published review needs the date it was published");
        foreach (var (value, name) in new[] { (r.TermsOfReference, "termsOfReference"), (r.Introduction, "introduction"), (r.Process, "process"), (r.FamilyBackground, "familyBackground"), (r.Analysis, "analysis"), (r.Conclusion, "conclusion") })
            Text(value, ReviewOpening.MaxNarrative, $"$.review.{name}");
        if (r.Indicators?.Problem() is { } settings) problems.Add($"$.review.indicators: {settings}");

        var s = package.Subject;
        if (s is null) { problems.Add("$.subject: is missing"); return problems; }
        if (string.IsNullOrWhiteSpace(s.Uin) || s.Uin.Length > 20) problems.Add("$.subject.uin: must be 1 to 20 characters");
        if (string.IsNullOrWhiteSpace(s.Initials) || s.Initials.Length > 5 || !s.Initials.All(char.IsLetter)) problems.Add("$.subject.initials: must be up to 5 letters");
        if (s.AgeYears is < 0 or > 18) problems.Add("$.subject.ageYears: must be between 0 and 18");
        var keys = new HashSet<string>(StringComparer.Ordinal) { "child" };
        foreach (var (p, i) in (s.Household ?? []).Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(p.Key) || !keys.Add(p.Key)) problems.Add($"$.subject.household[{i}].key: must be present and different from the others");
            if (string.IsNullOrWhiteSpace(p.Initials) || p.Initials.Length > 4 || !p.Initials.All(char.IsLetter)) problems.Add($"$.subject.household[{i}].initials: must be up to 4 letters");
            if (HouseholdRoleNames.CleanRoleName(p.Role, p.RoleName, "this person").Problem is { } role) problems.Add($"$.subject.household[{i}].roleName: {role}");
        }

        if ((s.Household ?? []).Count > HouseholdRoleNames.MaxHousehold) problems.Add($"$.subject.household: holds at most {HouseholdRoleNames.MaxHousehold} people");

        var typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (t, i) in package.EventTypes.Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > 100 || !typeNames.Add(t.Name)) problems.Add($"$.eventTypes[{i}].name: must be 1 to 100 characters and different from the others");
            if ((t.Keywords ?? "").Length > 1000) problems.Add($"$.eventTypes[{i}].keywords: is longer than 1,000 characters");
        }

        var agencies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (c, i) in package.Chronologies.Select((c, i) => (c, i)))
        {
            var at = $"$.chronologies[{i}]";
            if (!agencyCodes.Contains(c.Agency, StringComparer.OrdinalIgnoreCase)) problems.Add($"{at}.agency: \"{c.Agency}\" is not an agency code of this partnership: add the agency first");
            if (!agencies.Add(c.Agency ?? "")) problems.Add($"{at}.agency: \"{c.Agency}\" has more than one chronology");
            foreach (var (e, j) in (c.Events ?? []).Select((e, j) => (e, j)))
            {
                var ev = $"{at}.events[{j}]";
                var date = new ChronologyDate(e.StartsOn, e.Precision, e.EndsOn, e.EndPrecision);
                if (e.Precision == DatePrecision.Month && e.StartsOn.Day != 1) problems.Add($"{ev}.startsOn: a month-precision date starts on the 1st");
                if (e.Precision == DatePrecision.Year && (e.StartsOn.Day != 1 || e.StartsOn.Month != 1)) problems.Add($"{ev}.startsOn: a year-precision date starts on 1 January");
                if (e.EndsOn is null != e.EndPrecision is null) problems.Add($"{ev}.endPrecision: a range needs both endsOn and endPrecision");
                if (e.EndsOn is { } end && end < e.StartsOn) problems.Add($"{ev}.endsOn: is before startsOn");
                if (e.StartsOn > today || (e.EndsOn is { } f && f > today)) problems.Add($"{ev}.startsOn: is in the future");
                _ = date;
                Text(e.Text, ChronologyImport.MaxText, $"{ev}.text", required: true);
                Text(e.AgencyComment, ChronologyImport.MaxText, $"{ev}.agencyComment");
                if (e.SourceReference?.Length > ChronologyImport.MaxReference) problems.Add($"{ev}.sourceReference: is longer than {ChronologyImport.MaxReference} characters");
                foreach (var (p, k) in (e.People ?? []).Select((p, k) => (p, k)))
                    if (!keys.Contains(p)) problems.Add($"{ev}.people[{k}]: \"{p}\" is not \"child\" or a key of $.subject.household");
                foreach (var (t, k) in (e.Types ?? []).Select((t, k) => (t, k)))
                    if (!typeNames.Contains(t)) problems.Add($"{ev}.types[{k}]: \"{t}\" is not in $.eventTypes");
            }

            if (c.Summary is { } summary) SummaryProblems(summary, c.Status, r.Kind, $"{at}.summary");
        }

        foreach (var (l, i) in package.Learning.Select((l, i) => (l, i)))
            Text(l.Text, 4000, $"$.learning[{i}].text", required: true);
        if (package.RapidReview is { } rapid) RapidProblems(rapid, r, "$.rapidReview");
        return problems;

        void SummaryProblems(PackagedSummary summary, ChronologyStatus status, ReviewKind kind, string at)
        {
            if (kind != ReviewKind.RapidReview) problems.Add($"{at}: only a Rapid Review has agency summaries");
            if (status == ChronologyStatus.Draft) problems.Add($"{at}: a chronology not yet asked for has no summary");
            var parts = new[] { (summary.Involvement, "involvement"), (summary.Analysis, "analysis"), (summary.ImmediateLearning, "immediateLearning"), (summary.ActionsTaken, "actionsTaken") };
            foreach (var (text, name) in parts)
            {
                Text(text, RapidReviews.MaxNarrative, $"{at}.{name}");
                if (summary.Status == AgencySummaryStatus.Submitted && string.IsNullOrWhiteSpace(text))
                    problems.Add($"{at}.{name}: a submitted summary has all four parts (\"None\" is an answer)");
            }

            Text(summary.SavedBy, TextLimits.Line, $"{at}.savedBy", required: true, identifiable: false);
            Text(summary.EnteredByLead, TextLimits.Line, $"{at}.enteredByLead", identifiable: false);
            if (summary.Status == AgencySummaryStatus.Submitted && (summary.SubmittedAt is null || string.IsNullOrWhiteSpace(summary.SubmittedBy)))
                problems.Add($"{at}.submittedAt: a submitted summary needs submittedAt and submittedBy");
            if (summary.Status != AgencySummaryStatus.Submitted && (summary.SubmittedAt is not null || summary.SubmittedBy is not null))
                problems.Add($"{at}.submittedAt: a summary in progress has no submittedAt or submittedBy");
        }

        void RapidProblems(PackagedRapidReview rapid, PackagedReview review, string at)
        {
            if (review.Kind != ReviewKind.RapidReview) { problems.Add($"{at}: only a Rapid Review has the Rapid Review process"); return; }
            foreach (var (date, name) in new[] { (rapid.PanelNotifiedOn, "panelNotifiedOn"), (rapid.SummariesDueOn, "summariesDueOn"), (rapid.MeetingOn, "meetingOn"), (rapid.SignOffDueOn, "signOffDueOn"), (rapid.SubmittedToPanelOn, "submittedToPanelOn") })
                if (date < review.NotifiedOn) problems.Add($"{at}.{name}: is before the local authority learned of the incident (notifiedOn)");
            if (rapid.PanelNotifiedOn > today) problems.Add($"{at}.panelNotifiedOn: is in the future");
            if (rapid.SubmittedToPanelOn > today) problems.Add($"{at}.submittedToPanelOn: is in the future");
            if (rapid.MeetingOn < rapid.SummariesDueOn) problems.Add($"{at}.meetingOn: is before summariesDueOn");
            if (rapid.SignOffDueOn < rapid.MeetingOn) problems.Add($"{at}.signOffDueOn: is before meetingOn");
            if (rapid.MeetingHeld && rapid.MeetingOn > today) problems.Add($"{at}.meetingHeld: the meeting's date is in the future");

            var partners = new HashSet<SafeguardingPartner>();
            foreach (var (s, i) in (rapid.SignOffs ?? []).Select((s, i) => (s, i)))
            {
                var so = $"{at}.signOffs[{i}]";
                if (!partners.Add(s.Partner)) problems.Add($"{so}.partner: {s.Partner} has signed off more than once");
                Text(s.SignedBy, TextLimits.Line, $"{so}.signedBy", required: true, identifiable: false);
                Text(s.Role, TextLimits.Line, $"{so}.role", required: true, identifiable: false);
                Text(s.RecordedBy, TextLimits.Line, $"{so}.recordedBy", required: true, identifiable: false);
                if (s.SignedOn < review.NotifiedOn || s.SignedOn > today) problems.Add($"{so}.signedOn: must be between notifiedOn and today");
                Text(s.SignedDespiteMissing, TextLimits.Section, $"{so}.signedDespiteMissing", identifiable: false);
            }

            if (rapid.Decision is null)
            {
                if (rapid.DecisionReasons is not null || rapid.DecidedAt is not null || rapid.DecidedBy is not null)
                    problems.Add($"{at}.decision: is missing, but decisionReasons, decidedAt or decidedBy are given");
            }
            else
            {
                var missing = Enum.GetValues<SafeguardingPartner>().Except(partners).ToList();
                if (missing.Count > 0) problems.Add($"{at}.decision: is recorded only once all three partners have signed off; missing: {string.Join(", ", missing)}");
                Text(rapid.DecisionReasons, RapidReviews.MaxNarrative, $"{at}.decisionReasons", required: true);
                if (rapid.DecidedAt is null) problems.Add($"{at}.decidedAt: is missing");
                Text(rapid.DecidedBy, TextLimits.Line, $"{at}.decidedBy", required: true, identifiable: false);
            }

            Text(rapid.DecidedDespiteMissing, TextLimits.Section, $"{at}.decidedDespiteMissing", identifiable: false);
            if (rapid.Decision is null && rapid.DecidedDespiteMissing is not null) problems.Add($"{at}.decidedDespiteMissing: there is no decision");

            var kinds = new HashSet<MilestoneKind>();
            foreach (var (m, i) in (rapid.Milestones ?? []).Select((m, i) => (m, i)))
            {
                var ms = $"{at}.milestones[{i}]";
                if (rapid.Decision != RapidReviewDecision.PracticeReview) problems.Add($"{ms}: milestones are kept only when the decision is PracticeReview");
                if (!kinds.Add(m.Kind)) problems.Add($"{ms}.kind: {m.Kind} appears more than once");
                if (m.TargetOn < review.NotifiedOn) problems.Add($"{ms}.targetOn: is before notifiedOn");
                if (m.AchievedOn is { } achieved && (achieved < review.NotifiedOn || achieved > today)) problems.Add($"{ms}.achievedOn: must be between notifiedOn and today");
            }
        }
    }

    /// <summary>
    /// Adds the review to the partnership, with a new case for its subject, the agencies' chronologies and the learning,
    /// in one save. Event types the partnership lacks are added (by name). Nothing is stored if anything is wrong.
    /// </summary>
    public async Task<PracticeReview> ImportAsync(Guid partnershipId, ReviewPackage package, string by, CancellationToken ct = default)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).Select(a => new { a.Id, a.Code }).ToListAsync(ct);
        var today = Calendar.PartnershipCalendar.LondonDate(clock.GetUtcNow());
        var problems = Problems(package, today, [.. agencies.Select(a => a.Code)]);
        var uin = package.Subject?.Uin?.Trim().ToUpperInvariant() ?? "";
        if (problems.Count == 0 && await db.Cases.AnyAsync(c => c.PartnershipId == partnershipId && c.Uin == uin, ct))
            problems.Add($"$.subject.uin: \"{uin}\" is already in this partnership's case register: a review is moved with its own case");
        if (problems.Count > 0)
            throw new DomainException($"The package was not imported: nothing has been stored. {(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}:\n{string.Join("\n", problems.Take(50))}{(problems.Count > 50 ? $"\nand {problems.Count - 50} more" : "")}");

        var now = clock.GetUtcNow();
        var s = package.Subject!;
        var subject = new Case
        {
            PartnershipId = partnershipId, Uin = uin, Initials = s.Initials.ToUpperInvariant(), AgeYears = s.AgeYears, Sex = Sex.NotKnown,
            Ethnicity = Ethnicities.NotRecorded, LevelOfNeed = LevelOfNeed.ChildInNeed, CreatedAt = now,
            Household = [.. s.Household.Select((h, i) => new HouseholdMember { Order = i + 1, Role = h.Role, RoleName = HouseholdRoleNames.CleanRoleName(h.Role, h.RoleName, "").Name, Initials = h.Initials.ToUpperInvariant() })],
        };
        db.Cases.Add(subject);
        var people = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["child"] = subject.Id };
        foreach (var (h, m) in s.Household.Zip(subject.Household)) people[h.Key] = m.Id;

        var types = await eventTypes.EventTypesAsync(partnershipId, ct);
        var typeIds = types.ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var order = types.Select(t => t.Order).DefaultIfEmpty(0).Max();
        foreach (var t in package.EventTypes.Where(t => !typeIds.ContainsKey(t.Name)))
        {
            var added = new ChronologyEventType { PartnershipId = partnershipId, Name = t.Name.Trim(), Signal = t.Signal, Keywords = t.Keywords ?? "", Order = order += 10 };
            db.ChronologyEventTypes.Add(added);
            typeIds[added.Name] = added.Id;
        }

        var r = package.Review;
        var review = new PracticeReview
        {
            PartnershipId = partnershipId, Kind = r.Kind, Title = r.Title.Trim(), SubjectCaseId = subject.Id, TriggerIncident = r.TriggerIncident.Trim(),
            IncidentOn = r.IncidentOn, IncidentPrecision = r.IncidentPrecision, PanelCanRead = r.PanelCanRead, NotifiedOn = r.NotifiedOn, RapidReviewDueOn = r.RapidReviewDueOn, TermsOfReference = r.TermsOfReference,
            PeriodFrom = r.PeriodFrom, PeriodTo = r.PeriodTo, Author = r.Author, Status = r.Status, ChronologiesDueOn = r.ChronologiesDueOn, PublishedOn = r.PublishedOn,
            ChronologyAccess = r.ChronologyAccess, Introduction = r.Introduction, Process = r.Process, FamilyBackground = r.FamilyBackground, Analysis = r.Analysis,
            Conclusion = r.Conclusion, ChildBornOn = r.ChildBornOn, Indicators = r.Indicators ?? new IndicatorSettings(), CreatedBy = by, CreatedAt = now,
        };
        db.PracticeReviews.Add(review);
        foreach (var c in package.Chronologies)
        {
            var agency = agencies.First(a => a.Code.Equals(c.Agency, StringComparison.OrdinalIgnoreCase)).Id;
            var request = new ChronologyRequest { ReviewId = review.Id, AgencyId = agency, Status = c.Status, DueOn = c.DueOn, SentAt = c.SentAt, SubmittedAt = c.SubmittedAt, SubmittedBy = c.SubmittedBy };
            db.ChronologyRequests.Add(request);
            foreach (var e in c.Events)
            {
                var ids = e.Types.Select(t => typeIds[t]).Distinct().ToList();
                db.ChronologyEvents.Add(new ChronologyEvent
                {
                    RequestId = request.Id, ReviewId = review.Id, AgencyId = agency, StartsOn = e.StartsOn, Precision = e.Precision, EndsOn = e.EndsOn, EndPrecision = e.EndPrecision,
                    Time = e.Time, Text = e.Text, PeopleIds = [.. e.People.Select(p => people[p]).Distinct()], SourceReference = e.SourceReference, AgencyComment = e.AgencyComment,
                    EventTypeId = ids.Count > 0 ? ids[0] : null, MoreTypeIds = [.. ids.Skip(1)], TypeConfirmed = e.TypeConfirmed, SuggestedBecause = e.SuggestedBecause,
                    Order = e.Order, CreatedAt = now,
                });
            }

            if (c.Summary is { } summary)
            {
                db.AgencySummaries.Add(new AgencySummary
                {
                    RequestId = request.Id, ReviewId = review.Id, AgencyId = agency, Involvement = summary.Involvement, Analysis = summary.Analysis,
                    ImmediateLearning = summary.ImmediateLearning, ActionsTaken = summary.ActionsTaken, Status = summary.Status, SavedAt = summary.SavedAt,
                    SavedBy = summary.SavedBy, SubmittedAt = summary.SubmittedAt, SubmittedBy = summary.SubmittedBy,
                    EnteredByLead = summary.EnteredByLead?.Trim(), ReopenedAt = summary.ReopenedAt,
                });
            }
        }

        if (package.RapidReview is { } rapid)
        {
            (review.PanelNotifiedOn, review.SummariesDueOn, review.MeetingOn, review.MeetingHeld, review.SignOffDueOn, review.SubmittedToPanelOn) =
                (rapid.PanelNotifiedOn, rapid.SummariesDueOn, rapid.MeetingOn, rapid.MeetingHeld, rapid.SignOffDueOn, rapid.SubmittedToPanelOn);
            (review.Decision, review.DecisionReasons, review.DecidedAt, review.DecidedBy) = (rapid.Decision, rapid.DecisionReasons, rapid.DecidedAt, rapid.DecidedBy);
            review.DecidedDespiteMissing = rapid.DecidedDespiteMissing?.Trim();
            foreach (var signOff in rapid.SignOffs ?? [])
                db.PartnerSignOffs.Add(new PartnerSignOff { ReviewId = review.Id, Partner = signOff.Partner, SignedBy = signOff.SignedBy.Trim(), Role = signOff.Role.Trim(), SignedOn = signOff.SignedOn, RecordedBy = signOff.RecordedBy, RecordedAt = signOff.RecordedAt, SignedDespiteMissing = signOff.SignedDespiteMissing?.Trim() });
            foreach (var m in rapid.Milestones ?? [])
                db.ReviewMilestones.Add(new ReviewMilestone { ReviewId = review.Id, Kind = m.Kind, TargetOn = m.TargetOn, AchievedOn = m.AchievedOn });
        }

        foreach (var l in package.Learning)
            db.ReviewLearnings.Add(new ReviewLearning { ReviewId = review.Id, Kind = l.Kind, Number = l.Number, Text = l.Text, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return review;
    }
}
