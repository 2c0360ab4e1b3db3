namespace Parallax.Core.Demo;

/// <summary>
/// One fictional Child Safeguarding Practice Review ("Child W") built through the real services: five
/// agencies asked, four chronologies uploaded as spreadsheets and submitted (27 events over two years,
/// day and month dates, two events recorded by two agencies), so every cumulative-risk indicator has
/// something to find; and learning points with themes. Everything here is invented.
/// </summary>
public sealed class DemoReview(ParallaxDbContext db, ReviewOpening opening, ChronologyWriting writing, ReviewLearnings learnings, RapidReviews rapid, AuditFindings findings, PartnershipCalendar calendar)
{
    public const string Title = "Child W";

    private static readonly (string Agency, string[] Rows)[] Chronologies =
    [
        ("CSC",
        [
            "October 2024,,,Referral from police after a domestic incident; contact closed with no further action after checks,Child; mother; partner,CSC-1101,Single incident; mother said the partner had left",
            "12/02/2025,,,Referral from school about the sibling arriving hungry; strategy discussion held,Sibling,CSC-1180,",
            "20/02/2025,,,Child and family assessment started; child in need plan agreed,Child; sibling; mother,CSC-1181,",
            "June 2025,,,CiN closed: mother engaging with support and partner said to have moved out,Child; sibling; mother,CSC-1181,Closure relied on the health visitor's monitoring",
            "3/07/2025,,,Referral from maternal grandmother reporting mother under the influence while caring for the children,Child; sibling; mother,CSC-1232,Ten days after the plan closed",
            "22/09/2025,,,Anonymous call reporting shouting and a child crying at the home; information shared by police,Child; mother; partner,CSC-1260,",
            "15/01/2026,,,Notification from police of a domestic incident at the home: mother and partner arguing with the child present,Child; mother; partner,CSC-1301,",
            "30/01/2026,,,Assessment concluded: child in need plan,Child; sibling; mother,CSC-1301,",
            "April 2026,,,Concern that the partner was living at the home; checks made and contact closed with no further action,Mother; partner,CSC-1340,",
        ]),
        ("POL",
        [
            "11/10/2024,day,21:40,Officers attended a domestic incident: mother and partner arguing with the child present; DASH completed,Child; mother; partner,INC-24-5521,Standard risk",
            "March 2025,,,Partner's bail conditions ended,Partner,INC-24-5521,,Other",
            "21/09/2025,,23:05,Anonymous call reporting shouting and a child crying at the home; officers attended and no offences were disclosed,Child; mother; partner,INC-25-3310,",
            "13/01/2026,,02:15,Officers attended a domestic incident at the home: mother and partner arguing with the child present,Child; mother; partner,INC-26-0142,Second incident at the address",
            "8/06/2026,,,Officers attended a third domestic incident; partner arrested for assault and released on bail,Mother; partner,INC-26-2207,",
            "14/09/2026,,,Officers attended the hospital after the child's head injury; investigation opened,Child; mother; partner,INC-26-3398,",
        ]),
        ("HV",
        [
            "2/10/2024,,,Health visitor completed the 2 year developmental review at home; mother tired and the partner present,Child; mother; partner,HV-88-01,,Other",
            "15/04/2025,,,Child was not brought to the audiology appointment,Child,HV-88-02,",
            "August 2025,,,Child was not brought to the 3 year review; two further appointments offered,Child; mother,HV-88-03,",
            "5/11/2025,,,Health visitor made a referral to CSC about home conditions and the child's weight,Child; mother,HV-88-04,",
            "January 2026,,,Child did not attend the dental appointment,Child,HV-88-05,",
            "10/03/2026,,,Home visit: home conditions improved; mother reports low mood and was advised to see the GP,Child; mother,HV-88-06,,Parental mental health",
            "14/09/2026,,,Hospital told the health visitor of the child's admission with a head injury,Child,HV-88-07,",
        ]),
        ("EDU",
        [
            "November 2024,,,Sibling's attendance fell to 84%; first attendance letter sent to mother,Sibling; mother,EDU-4410,",
            "12/02/2025,,,School made a referral to CSC: the sibling arrived hungry and said there was shouting at home,Sibling,EDU-4411,",
            "March 2025,,,Second attendance letter about the sibling's attendance and punctuality,Sibling; mother,EDU-4412,",
            "4/12/2025,,,Third attendance letter; mother invited to a meeting with the attendance officer,Sibling; mother,EDU-4413,",
            "20/05/2026,,,School logged a concern: the sibling had a bruise on her arm and said the partner grabbed her,Sibling; partner,EDU-4414,",
        ]),
    ];

    private static readonly (LearningKind Kind, string? Theme, string Text)[] Learning =
    [
        (LearningKind.LearningPoint, "Chronology", "Each referral was assessed on its own. A multi-agency chronology would have shown three referrals in a year, repeated domestic abuse and missed health appointments together."),
        (LearningKind.LearningPoint, "Fathers and significant males", "The mother's partner was present at many contacts but no agency assessed him or asked about his history."),
        (LearningKind.LearningPoint, "Information sharing", "The health visitor was not told that the child in need plan had closed, although closure relied on her monitoring."),
        (LearningKind.LearningPoint, "Professional curiosity", "Anonymous concerns were closed after the mother's account was accepted, without checking with other agencies."),
        (LearningKind.GoodPractice, "Voice of the child", "School staff listened to the sibling and recorded what she said in her own words."),
        (LearningKind.QuestionForPartnership, null, "How does the partnership know that chronologies are kept and shared for children on child in need plans?"),
        (LearningKind.QuestionForPartnership, null, "How are health services told when a child in need plan closes?"),
        (LearningKind.Recommendation, "Chronology", "The partnership to agree a shared chronology template and to test its use in a multi-agency audit within six months."),
    ];

    public async Task LoadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        if (await db.PracticeReviews.AnyAsync(r => r.PartnershipId == partnershipId && r.Title == Title, ct)) return;

        var review = await opening.CreateAsync(partnershipId, new ReviewInput(
            ReviewKind.PracticeReview, Title, "a serious head injury to a 3-year-old at home", new DateOnly(2026, 9, 14), new DateOnly(2026, 9, 16),
            new DateOnly(2024, 9, 1), new DateOnly(2026, 9, 14), "NM-R001", "WT", 3, Sex.Male, LevelOfNeed.ChildInNeed,
            [new HouseholdInput(HouseholdRole.Mother, "KT"), new HouseholdInput(HouseholdRole.StepParentOrPartner, "DB"), new HouseholdInput(HouseholdRole.Sibling, "ST")]), "demo", ct);
        await opening.UpdateAsync(review, new ReviewDetails(
            "To examine how agencies recognised and responded to repeated concerns about domestic abuse, parental substance misuse and neglect, and how they shared information when the child in need plan closed.",
            review.PeriodFrom, review.PeriodTo, "An independent reviewer (demo)", ChronologyAccess.ContributingAgencies, ReviewStatus.Analysis, null,
            "The partnership commissioned this review after W, aged 3, was admitted to hospital with a serious head injury.",
            "Agencies provided chronologies and reports; practitioners met at a learning event; the mother was invited to contribute.",
            "W lived with his mother, her partner and his older sibling. The maternal grandmother offered support.",
            "Concerns came from several agencies over two years but each was handled as a single issue.",
            "Opportunities to see the cumulative risk were missed because no agency held the whole picture."), review.Version, ct);

        var agencies = await db.Agencies.Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        foreach (var code in Chronologies.Select(c => c.Agency).Append("GP")) await opening.AddAgencyAsync(review, agencies[code], ct);
        await opening.SendRequestsAsync(review, ReviewOpening.DefaultChronologyWorkingDays, ct);

        foreach (var (code, rows) in Chronologies)
        {
            var request = await db.ChronologyRequests.SingleAsync(r => r.ReviewId == review.Id && r.AgencyId == agencies[code], ct);
            // Events whose words suggest no type carry one, as an agency must give before submitting (decision 0063).
            var csv = string.Join(",", ChronologyImport.Columns) + ",Event type\n" + string.Join("\n", rows.Select(Quote));
            var sheet = SheetReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
            var result = await writing.ImportAsync(request, sheet, replace: false, ct);
            if (result.Errors.Count > 0) throw new InvalidOperationException($"Demo chronology for {code} did not load: {string.Join("; ", result.Errors)}");
            await writing.ConfirmSuggestedTypesAsync(request, ct);
            await writing.SubmitAsync(request, "demo", ct);
        }

        var themes = (await findings.ThemesAsync(partnershipId, ct)).ToDictionary(t => t.Name, t => t.Id);
        foreach (var (kind, theme, text) in Learning)
            await learnings.AddLearningAsync(review, kind, text, theme is null ? null : themes[theme], ct);

        await LoadRapidReviewAsync(partnershipId, agencies, ct);
        await LoadFinishedRapidReviewAsync(partnershipId, ct);
    }

    public const string RapidTitle = "Child Q";

    /// <summary>
    /// A Rapid Review under way, dated from today so it reads true whenever the demo is loaded (decision 0077): the local
    /// authority learned of the incident four working days ago and notified the national panel the next working day;
    /// the police and children's social care were asked today; the police's summary is in, children's social care
    /// (no auditor account, only a shared mailbox) has yet to send one, and the meeting and sign-off are still to come.
    /// </summary>
    private async Task LoadRapidReviewAsync(Guid partnershipId, Dictionary<string, Guid> agencies, CancellationToken ct)
    {
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var learned = calendar.Today;
        for (var back = 0; back < 4;)
        {
            learned = learned.AddDays(-1);
            if (holidays.IsWorkingDay(learned)) back++;
        }

        var review = await opening.CreateAsync(partnershipId, new ReviewInput(
            ReviewKind.RapidReview, RapidTitle, "a fractured arm in a 5-month-old baby, not explained", learned.AddDays(-1), learned,
            learned.AddMonths(-6), learned.AddDays(-1), "NM-R002", "QB", 0, Sex.Female, LevelOfNeed.ChildInNeed,
            [new HouseholdInput(HouseholdRole.Mother, "RB"), new HouseholdInput(HouseholdRole.OtherAdult, "JC", RoleName: "partner of mother")]), "demo", ct);
        var notified = await db.PracticeReviews.SingleAsync(r => r.Id == review.Id, ct);
        await rapid.SetDatesAsync(notified, new RapidReviewDates(WorkingDays.Add(learned, 1, holidays), null, null, false, null, null), notified.Version, ct);
        await opening.AddAgencyAsync(notified, agencies["POL"], ct);
        await opening.AddAgencyAsync(notified, agencies["CSC"], ct);
        await opening.SendRequestsAsync(notified, ReviewOpening.DefaultChronologyWorkingDays, ct);
        var request = await db.ChronologyRequests.SingleAsync(r => r.ReviewId == review.Id && r.AgencyId == agencies["POL"], ct);
        var police = Caller.AgencyAuditor(partnershipId, agencies["POL"], "demo");
        await rapid.SaveSummaryAsync(request, new AgencySummaryInput(
            "Officers attended the home twice in the baby's first months after reports of arguing.",
            "Each call-out was graded standard risk on its own; the baby's age was not weighed.",
            "Call-outs to a home with a baby under one are to be shared with the health visitor the next working day.",
            "A briefing on babies in domestic abuse call-outs went to all response teams."), null, police, ct);
        await rapid.SubmitSummaryAsync(request, police, ct);
    }

    public const string FinishedRapidTitle = "Child P";

    /// <summary>
    /// A Rapid Review that ran its course eight weeks ago, so the demo shows the end of the process as well as its middle
    /// (decision 0081): the meeting held, the three safeguarding partners' sign-off on the days after it, the submission
    /// to the national panel, the decision that a practice review follows, and that review's milestones, one late. Its
    /// agency summaries were gathered before the partnership used Parallax, so none was asked here: asking agencies on a
    /// day after their summaries were due is refused, rightly, and the demo's actions all happen on the day it is loaded.
    /// </summary>
    private async Task LoadFinishedRapidReviewAsync(Guid partnershipId, CancellationToken ct)
    {
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var today = calendar.Today;
        var learned = today;
        for (var back = 0; back < 40;)
        {
            learned = learned.AddDays(-1);
            if (holidays.IsWorkingDay(learned)) back++;
        }

        DateOnly After(int workingDays) => WorkingDays.Add(learned, workingDays, holidays);
        var created = await opening.CreateAsync(partnershipId, new ReviewInput(
            ReviewKind.RapidReview, FinishedRapidTitle, "a baby of 8 weeks admitted with bruising to the face", learned.AddDays(-2), learned,
            learned.AddMonths(-9), learned.AddDays(-2), "NM-R003", "PA", 0, Sex.Male, LevelOfNeed.EarlyHelp,
            [new HouseholdInput(HouseholdRole.Mother, "KA"), new HouseholdInput(HouseholdRole.Father, "DA")]), "demo", ct);
        var review = await db.PracticeReviews.SingleAsync(r => r.Id == created.Id, ct);
        await rapid.SetDatesAsync(review, new RapidReviewDates(After(1), null, null, true, null, After(14)), review.Version, ct);
        var meeting = After(RapidReviewClock.DefaultMeetingWorkingDays);
        await rapid.SignOffAsync(review, SafeguardingPartner.LocalAuthority, "Director of Children's Services (demo)", "Director of Children's Services", meeting, "demo", ct: ct);
        await rapid.SignOffAsync(review, SafeguardingPartner.IntegratedCareBoard, "Chief Nurse (demo)", "Chief Nurse", After(12), "demo", ct: ct);
        await rapid.SignOffAsync(review, SafeguardingPartner.Police, "Detective Superintendent (demo)", "Detective Superintendent", After(13), "demo", ct: ct);
        await rapid.DecideAsync(review, RapidReviewDecision.PracticeReview,
            "The bruising is unexplained and health and early help both knew of the parents' stress: a local practice review will find the learning.", "demo", review.Version, ct: ct);
        // What the meeting found, as the lead records it on the review.
        await learnings.AddLearningAsync(review, LearningKind.LearningPoint,
            "Bruising on a baby who is not yet mobile was seen at a clinic visit and not referred: the bruising protocol was not followed.", null, ct);
        await learnings.AddLearningAsync(review, LearningKind.GoodPractice,
            "The early help worker shared the parents' money worries with the health visitor the same week.", null, ct);
        await rapid.SetMilestonesAsync(review,
        [
            new MilestoneInput(MilestoneKind.TermsOfReference, After(20), After(19)),
            new MilestoneInput(MilestoneKind.ReviewerAppointed, After(25), After(28)),
            new MilestoneInput(MilestoneKind.FirstDraft, learned.AddMonths(4), null),
            new MilestoneInput(MilestoneKind.FinalReport, learned.AddMonths(6), null),
            new MilestoneInput(MilestoneKind.Publication, learned.AddMonths(7), null),
        ], ct);
    }

    // The event and comment columns hold commas and semicolons: each is quoted for CSV.
    private static string Quote(string row)
    {
        var cells = row.Split(',', 8);
        if (cells.Length == 7) cells = [.. cells, ""];
        return string.Join(",", cells.Select(c => c.Contains(';') || c.Contains(':') || c.Contains('\'') ? $"\"{c}\"" : c));
    }
}
