namespace Parallax.Core.Reviews;

/// <summary>
/// The review's documents: the report with the sections of a published practice review, the
/// merged chronology as a Word table ("Date | Event | Agency") and as a workbook. All drawn from the same
/// merged rows the pages show.
/// </summary>
public sealed class ReviewReports(ParallaxDbContext db, PracticeReviews reviews, ReviewChronology mergedChronology, RapidReviews rapid, Calendar.PartnershipCalendar calendar, PdfConverter pdf)
{
    public const string Marking = "OFFICIAL-SENSITIVE";

    public static readonly string[] ChronologyHeader = ["Date", "Event", "Agency"];

    /// <summary>
    /// A review's document (its report or its submission pack) as Word, or as PDF: the Word document through
    /// LibreOffice, with its contents' page numbers worked out.
    /// </summary>
    public Task<ReportFile> RenderAsync(ReportDocument document, ReportFormat format, string name, CancellationToken ct = default) => format is ReportFormat.Docx or ReportFormat.Pdf
        ? ReportFile.RenderAsync(document, format, name, pdf, ct)
        : throw new ArgumentOutOfRangeException(nameof(format), format, "A review's documents are Word or PDF.");

    public async Task<ReportDocument> ReportAsync(PracticeReview review, CancellationToken ct = default)
    {
        var (partnership, household, subject, merged) = await BasisAsync(review, ct);
        var indicators = CumulativeRisk.Compute(merged, ReviewChronology.Context(review));
        var agencies = await (from r in db.ChronologyRequests
                              join a in db.Agencies on r.AgencyId equals a.Id
                              where r.ReviewId == review.Id
                              orderby a.Name
                              select new { a.Name, a.Code, r.Status }).ToListAsync(ct);
        var learning = await (from l in db.ReviewLearnings.AsNoTracking()
                              where l.ReviewId == review.Id
                              join t in db.Themes on l.ThemeId equals t.Id into themed
                              from t in themed.DefaultIfEmpty()
                              orderby l.Number
                              select new { l.Kind, l.Number, l.Text, Theme = t == null ? null : t.Name }).ToListAsync(ct);
        List<string> Items(LearningKind kind) => [.. learning.Where(l => l.Kind == kind).Select(l => l.Theme is null ? l.Text : $"{l.Text} (theme: {l.Theme})")];
        var kind = PracticeReview.Describe(review.Kind);

        List<ReportBlock> Narrative(string? text, string missing) =>
            string.IsNullOrWhiteSpace(text) ? [new ReportNotice(missing)] : [new ReportRichText(ReportText.Clean(text).Trim())];

        var introduction = new List<ReportBlock>
        {
            new ReportParagraph($"{partnership} undertook this {kind} following {ReportText.Clean(review.TriggerIncident)} {(review.IncidentPrecision == DatePrecision.Month ? "in" : "on")} {review.IncidentDate}. The partnership was notified on {review.NotifiedOn:d MMMM yyyy}."),
        };
        introduction.AddRange(Narrative(review.Introduction, "No introduction has been written yet."));
        if (!string.IsNullOrWhiteSpace(review.TermsOfReference))
        {
            introduction.Add(new ReportSubheading("Terms of reference"));
            introduction.AddRange(Narrative(review.TermsOfReference, ""));
        }

        var process = new List<ReportBlock>
        {
            new ReportParagraph($"The review looked at agencies' involvement from {review.PeriodFrom:d MMMM yyyy} to {review.PeriodTo:d MMMM yyyy}." + (review.Author is null ? "" : $" The lead reviewer was {ReportText.Clean(review.Author)}.")),
        };
        process.AddRange(Narrative(review.Process, "No account of the process has been written yet."));

        var background = new List<ReportBlock>
        {
            new ReportParagraph($"The child is referred to as {subject.Initials}{(subject.AgeYears is { } age ? $", aged {age} at the time of the incident" : "")}. Family members are referred to by their relationship to the child."),
        };
        if (household.People.Count > 1) background.Add(new ReportList([.. household.People.Skip(1).Select(p => p.Label)]));
        background.AddRange(Narrative(review.FamilyBackground, "No family background has been written yet."));

        var involvement = new List<ReportBlock>
        {
            new ReportParagraph("The following agencies contributed a chronology of their involvement:"),
            new ReportList([.. agencies.Select(a => $"{a.Name} ({a.Code}){(a.Status == ChronologyStatus.Submitted ? "" : ": not yet submitted")}")]),
        };
        involvement.Add(merged.Count == 0
            ? new ReportNotice("No agency has submitted its chronology yet.")
            : ChronologyTable(merged, "Chronology of key activity"));

        var analysis = Narrative(review.Analysis, "No analysis has been written yet.");
        analysis.Add(new ReportSubheading("Patterns across the merged chronology"));
        analysis.Add(new ReportParagraph("Parallax looks for these patterns in the event types agencies gave; each is explained, and the events behind it are listed in the review's chronology page."));
        analysis.Add(new ReportTable("Cumulative-risk indicators", ["Indicator", "Shown", "Finding"],
            [.. indicators.Select(i => (IReadOnlyList<string>)[i.Title, i.Fired ? "Yes" : "No", i.Finding])]));

        var questions = Items(LearningKind.QuestionForPartnership);
        var recommendations = Items(LearningKind.Recommendation);
        var forPartnership = new List<ReportBlock>();
        if (questions.Count > 0) forPartnership.Add(new ReportList(questions, Numbered: true));
        if (recommendations.Count > 0)
        {
            forPartnership.Add(new ReportSubheading("Recommendations"));
            forPartnership.Add(new ReportList(recommendations, Numbered: true));
        }

        if (forPartnership.Count == 0) forPartnership.Add(new ReportNotice("No questions or recommendations for the partnership have been recorded."));

        ReportSectionContent Section(string key, string title, List<ReportBlock> blocks) => new(key, title, false, blocks);
        List<ReportBlock> ListOr(List<string> items, string missing) => items.Count == 0 ? [new ReportNotice(missing)] : [new ReportList(items, Numbered: true)];

        return new ReportDocument(partnership, $"{kind}: {review.Title}", $"{kind} report", calendar.Today, 0, Marking,
        [
            Section("introduction", "Introduction", introduction),
            Section("process", "The review process", process),
            Section("family-background", "Family background", background),
            Section("agency-involvement", $"Agency involvement {review.PeriodFrom:MMMM yyyy} to {review.PeriodTo:MMMM yyyy}", involvement),
            Section("analysis", "Analysis", analysis),
            Section("good-practice", "Good practice", ListOr(Items(LearningKind.GoodPractice), "No good practice has been recorded.")),
            Section("conclusion", "Conclusion", Narrative(review.Conclusion, "No conclusion has been written yet.")),
            Section("learning-points", "Learning points", ListOr(Items(LearningKind.LearningPoint), "No learning points have been recorded.")),
            Section("questions", "Questions for the partnership", forPartnership),
        ], [], PracticeReview.Describe(review.Status), review.Author is null ? null : ReportText.Clean(review.Author), review.PublishedOn);
    }

    /// <summary>
    /// What the partnership sends the national panel at the end of a Rapid Review (decision 0073): the case and the
    /// incident, the clock, each agency's summary, the merged chronology, the learning, the three partners' sign-off and
    /// the decision with its reasons. Parts not done yet say so rather than being left out.
    /// </summary>
    public async Task<ReportDocument> SubmissionPackAsync(PracticeReview review, CancellationToken ct = default)
    {
        var (partnership, household, subject, merged) = await BasisAsync(review, ct);
        var (stages, holidays) = await rapid.StagesAsync(review, ct);
        var summaries = await rapid.SummariesAsync(review, ct);
        var signOffs = await rapid.SignOffsAsync(review.Id, ct);
        var learning = await db.ReviewLearnings.AsNoTracking().Where(l => l.ReviewId == review.Id).OrderBy(l => l.Number).ToListAsync(ct);
        var today = calendar.Today;

        var theCase = new List<ReportBlock>
        {
            new ReportParagraph($"The child is referred to as {subject.Initials} (UIN {subject.Uin}){(subject.AgeYears is { } age ? $", aged {age}" : "")}. Family members are referred to by their relationship to the child."),
        };
        if (household.People.Count > 1) theCase.Add(new ReportList([.. household.People.Skip(1).Select(p => p.Label)]));
        theCase.Add(new ReportTable("The incident", ["Detail", "As recorded"],
        [
            ["Incident", ReportText.Clean(review.TriggerIncident)],
            ["Date of the incident", review.IncidentDate],
            ["The local authority learned of the incident", review.NotifiedOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)],
            ["Notification to the national panel", review.PanelNotifiedOn is { } sent ? sent.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : "Not recorded"],
            ["Period under review", $"{review.PeriodFrom:d MMMM yyyy} to {review.PeriodTo:d MMMM yyyy}"],
        ]));

        var timeline = new List<ReportBlock>
        {
            new ReportParagraph("Working days are counted from the day the local authority learned of the incident, leaving out weekends and the partnership's bank holidays."),
            new ReportTable("The Rapid Review's stages", ["Stage", "Due", "Working day", "Where it is"],
                [.. stages.Select(st => (IReadOnlyList<string>)[st.Name, st.DueOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), st.WorkingDaysAfterLearning.ToString(System.Globalization.CultureInfo.InvariantCulture), RapidReviewClock.Standing(st, today, holidays)])]),
        };

        var agencyBlocks = new List<ReportBlock>();
        if (summaries.Count == 0)
            agencyBlocks.Add(new ReportNotice(review.MeetingHeld
                ? "No agency was asked for a summary in Parallax: the Rapid Review meeting was held without summaries recorded here."
                : "No agency has been asked for a summary yet."));
        foreach (var (_, agency, summary) in summaries)
        {
            agencyBlocks.Add(new ReportSubheading(agency));
            if (summary is not { Status: AgencySummaryStatus.Submitted })
            {
                agencyBlocks.Add(new ReportNotice($"{agency} has not submitted its summary yet."));
                continue;
            }

            // Said before the text, so the panel reads whose words these are (decision 0077).
            if (summary.EnteredByLead is not null)
                agencyBlocks.Add(new ReportNotice($"Entered and submitted by the review lead on behalf of {agency}, from what the agency provided."));

            foreach (var (field, label, _) in RapidReviews.SummaryParts)
            {
                var text = field switch
                {
                    nameof(AgencySummary.Involvement) => summary.Involvement,
                    nameof(AgencySummary.Analysis) => summary.Analysis,
                    nameof(AgencySummary.ImmediateLearning) => summary.ImmediateLearning,
                    _ => summary.ActionsTaken,
                };
                // The form speaks to the agency ("Your agency's involvement"); the pack is read by the national panel.
                agencyBlocks.Add(new ReportSubheading(label.Replace("Your agency's", "The agency's", StringComparison.Ordinal), 3));
                agencyBlocks.Add(new ReportRichText(ReportText.Clean(text ?? "").Trim()));
            }
        }

        var chronology = new List<ReportBlock>
        {
            merged.Count == 0 ? new ReportNotice("No agency has submitted its chronology yet.") : (ReportBlock)ChronologyTable(merged, "Chronology of key activity"),
        };

        List<string> Items(LearningKind kind) => [.. learning.Where(l => l.Kind == kind).Select(l => ReportText.Clean(l.Text))];
        var learned = new List<ReportBlock>();
        foreach (var (kind, heading) in new[] { (LearningKind.LearningPoint, "Learning points"), (LearningKind.GoodPractice, "Good practice"), (LearningKind.QuestionForPartnership, "Questions for the partnership"), (LearningKind.Recommendation, "Recommendations") })
        {
            var items = Items(kind);
            if (items.Count == 0) continue;
            learned.Add(new ReportSubheading(heading));
            learned.Add(new ReportList(items, Numbered: true));
        }

        if (learned.Count == 0) learned.Add(new ReportNotice("No learning has been recorded yet."));

        var signOff = new List<ReportBlock>
        {
            new ReportTable("Sign-off by the safeguarding partners", ["Safeguarding partner", "Signed off by", "Role", "Date"],
                [.. Enum.GetValues<SafeguardingPartner>().Select(p => signOffs.FirstOrDefault(o => o.Partner == p) is { } signed
                    ? (IReadOnlyList<string>)[PartnerSignOff.Describe(p), ReportText.Clean(signed.SignedBy), ReportText.Clean(signed.Role), signed.SignedOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)]
                    : [PartnerSignOff.Describe(p), "Not signed off yet", "", ""])]),
        };
        // A partner who went ahead with something missing says so in the pack, not only in the trail (decision 0076).
        foreach (var o in signOffs.Where(o => o.SignedDespiteMissing is not null).OrderBy(o => o.Partner))
            signOff.Add(new ReportNotice($"The {PartnerSignOff.Describe(o.Partner).ToLowerInvariant()} signed off without {ReportText.Clean(o.SignedDespiteMissing!)}."));

        List<ReportBlock> decision = review.Decision is { } d
            ? new List<ReportBlock> { new ReportParagraph($"{RapidReviews.Describe(d)}."), new ReportSubheading("Reasons"), new ReportRichText(ReportText.Clean(review.DecisionReasons ?? "").Trim()) }
            : [new ReportNotice("The safeguarding partners have not recorded their decision yet.")];
        if (review.Decision is not null && review.DecidedDespiteMissing is { } without)
            decision.Insert(1, new ReportNotice($"The partners recorded the decision without {ReportText.Clean(without)}."));

        ReportSectionContent Section(string key, string title, List<ReportBlock> blocks) => new(key, title, false, blocks);
        return new ReportDocument(partnership, $"Rapid Review: {review.Title}", "Rapid Review submission to the Child Safeguarding Practice Review Panel", today, 0, Marking,
        [
            Section("case", "The child and the incident", theCase),
            Section("timeline", "The Rapid Review's timeline", timeline),
            Section("agency-summaries", "Agency summaries", agencyBlocks),
            Section("chronology", "Chronology of key activity", chronology),
            Section("learning", "Learning identified", learned),
            Section("sign-off", "Sign-off by the safeguarding partners", signOff),
            Section("decision", "The decision", decision),
        ], [], review.Decision is null ? "Not yet signed off"
            : review.DecidedDespiteMissing is not null || signOffs.Any(o => o.SignedDespiteMissing is not null) ? "Signed off with items missing: see the sign-off and the decision"
            : "Signed off");
    }

    /// <summary>The merged chronology alone, as a Word paper: the table shaped like a published review's.</summary>
    /// <summary>What the report and the submission pack both start from: the partnership's name, the review's household, its subject case and the merged chronology.</summary>
    private async Task<(string Partnership, ReviewHousehold Household, Case Subject, IReadOnlyList<MergedEvent> Merged)> BasisAsync(PracticeReview review, CancellationToken ct)
    {
        var partnership = await db.Partnerships.Where(p => p.Id == review.PartnershipId).Select(p => p.Name).SingleAsync(ct);
        var household = await reviews.HouseholdAsync(review, ct);
        var subject = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == review.SubjectCaseId, ct);
        var events = await mergedChronology.SubmittedEventsAsync(review.Id, ct);
        return (partnership, household, subject, ChronologyMerge.Merge(events));
    }

    public async Task<byte[]> ChronologyDocxAsync(PracticeReview review, IReadOnlyList<MergedEvent> rows, CancellationToken ct = default)
    {
        var partnership = await db.Partnerships.Where(p => p.Id == review.PartnershipId).Select(p => p.Name).SingleAsync(ct);
        var document = new ReportDocument(partnership, $"Chronology of key activity: {review.Title}", PracticeReview.Describe(review.Kind), calendar.Today, 0, Marking,
            [new ReportSectionContent("chronology", "Merged chronology", false, rows.Count == 0 ? [new ReportNotice("No events match.")] : [ChronologyTable(rows, "Chronology of key activity")])], []);
        return ReportDocx.WritePaper(document);
    }

    public static ReportTable ChronologyTable(IReadOnlyList<MergedEvent> rows, string caption) =>
        new(caption, ChronologyHeader, [.. rows.Select(r => (IReadOnlyList<string>)[DateText(r.Event), ReportText.Clean(r.Event.Text), AgencyText(r)])]);

    public static byte[] ChronologyWorkbook(PracticeReview review, IReadOnlyList<MergedEvent> rows, ReviewHousehold household)
    {
        var sheet = new WorksheetDraft("Chronology") { PrintLandscapeFitToWidth = true };
        sheet.ColumnWidths.AddRange([22, 8, 70, 10, 28, 30, 18, 50, 12]);
        sheet.Add(new WorkbookCell($"Chronology of key activity: {review.Title} ({Marking})", CellStyle.Title));
        sheet.Add([.. new[] { "Date", "Time", "Event", "Agency", "Household members", "Event type", "Source reference", "Agency comment", "Also recorded by" }.Select(h => new WorkbookCell(h, CellStyle.Heading))]);
        foreach (var r in rows)
        {
            var e = r.Event;
            sheet.Add(new WorkbookCell(e.Date.ToString()), new WorkbookCell(e.Time?.ToString("HH:mm") ?? ""), new WorkbookCell(e.Text, CellStyle.Wrapped),
                new WorkbookCell(e.Agency), new WorkbookCell(household.Labels(e.PeopleIds)), new WorkbookCell(e.EventType ?? ""),
                new WorkbookCell(e.SourceReference ?? ""), new WorkbookCell(e.AgencyComment ?? "", CellStyle.Wrapped), new WorkbookCell(string.Join(", ", r.AlsoRecordedBy)));
        }

        return WorkbookWriter.Write([sheet]);
    }

    public static string DateText(MergeEvent e) => e.Time is { } time ? $"{e.Date} {time:HH:mm}" : e.Date.ToString();

    public static string AgencyText(MergedEvent row) =>
        row.AlsoRecordedBy.Count == 0 ? row.Event.Agency : $"{row.Event.Agency} (also recorded by {string.Join(", ", row.AlsoRecordedBy)})";
}
