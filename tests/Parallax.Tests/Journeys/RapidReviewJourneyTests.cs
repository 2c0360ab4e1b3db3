namespace Parallax.Tests.Journeys;

/// <summary>
/// A Rapid Review from notification to the submission pack, in a real browser against a real <c>serve</c> process
/// (decisions 0072, 0073): the lead starts it with the day the local authority learned of the incident and sees the
/// statutory clock, the police auditor writes the agency summary in two sittings and submits it, the lead reads it and
/// enters the school's (sent by e-mail) on its behalf,
/// records the three partners' sign-off and the decision, and downloads the pack for the national panel. Every page is
/// checked with axe-core.
/// </summary>
public sealed class RapidReviewJourneyTests : BrowserJourney
{
    protected override string Name => "rapid-review";

    [Fact]
    public async Task RapidReview_FromNotificationToSubmissionPack_InARealBrowser_AccessibleAtEveryStep()
    {
        var lead = await SignInAsync(TestPartnership.Lead);
        await lead.GotoAsync("/reviews/new");
        await lead.CheckAsync("#Kind"); // Rapid Review, the first option
        await lead.FillAsync("#Title", "Child R");
        await lead.FillAsync("#TriggerIncident", "a serious injury to a baby");
        // Learned of on Thursday 17 April 2025, the day before Good Friday.
        foreach (var (field, d, m, y) in new[] { ("IncidentOn", "16", "4", "2025"), ("NotifiedOn", "17", "4", "2025"), ("PeriodFrom", "1", "1", "2024"), ("PeriodTo", "16", "4", "2025") })
        {
            await lead.FillAsync($"#{field}_Day", d);
            await lead.FillAsync($"#{field}_Month", m);
            await lead.FillAsync($"#{field}_Year", y);
        }

        await lead.FillAsync("#SubjectUin", "RJ" + Guid.NewGuid().ToString("N")[..6]);
        await lead.FillAsync("#SubjectInitials", "RR");
        await lead.ClickAsync("button:has-text('Start the review')");
        await lead.SelectOptionAsync("#AgencyId", new SelectOptionValue { Label = "Testshire Police" });
        await lead.ClickAsync("button:has-text('Add the agency')");
        await lead.SelectOptionAsync("#AgencyId", new SelectOptionValue { Label = "Testshire Schools" });
        await lead.ClickAsync("button:has-text('Add the agency')");
        await lead.ClickAsync("button:has-text('Ask 2 agencies for their chronology')");
        var reviewUrl = lead.Url.Split('?')[0];
        // The review is started after its summaries were due (30 April 2025): asking is refused until they are due again (decision 0076).
        Assert.Contains("The agency summaries were due on 30 April 2025", await lead.TextContentAsync(".govuk-error-summary"));
        var next = Parallax.Core.Calendar.WorkingDays.Add(DateOnly.FromDateTime(DateTime.UtcNow), 1, Parallax.Core.Calendar.BankHolidays.EnglandAndWales);
        await lead.GotoAsync(reviewUrl + "/rapid");
        foreach (var field in new[] { "SummariesDueOn", "MeetingOn", "SignOffDueOn" })
        {
            await lead.FillAsync($"#{field}_Day", next.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await lead.FillAsync($"#{field}_Month", next.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await lead.FillAsync($"#{field}_Year", next.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await lead.ClickAsync("button:has-text('Save the dates')");
        await lead.GotoAsync(reviewUrl);
        await lead.ClickAsync("button:has-text('Ask 2 agencies for their chronology')");
        Assert.Contains("2 agencies have been asked", await lead.TextContentAsync(".govuk-notification-banner"));
        // The clock on the overview: 5 working days to notify the panel and 15 for the review, past Easter and the early May bank holiday.
        Assert.Contains("Monday 28 April 2025 (working day 5)", await lead.TextContentAsync("#stage-panel-notification"));
        Assert.Contains("Tuesday 13 May 2025 (working day 15)", await lead.TextContentAsync("#stage-submission"));
        await CheckAsync(lead, "overview-with-clock");

        await lead.ClickAsync("text=Dates, agency summaries, sign-off, decision and the submission pack");
        await lead.FillAsync("#PanelNotifiedOn_Day", "24");
        await lead.FillAsync("#PanelNotifiedOn_Month", "4");
        await lead.FillAsync("#PanelNotifiedOn_Year", "2025");
        await lead.ClickAsync("button:has-text('Save the dates')");
        Assert.Equal("Done 24 April 2025", (await lead.TextContentAsync("#stage-panel-notification .govuk-tag"))!.Trim());
        await CheckAsync(lead, "rapid-review-process");

        // The police auditor writes the summary in two sittings, then submits it.
        var police = await SignInAsync(TestPartnership.PoliceAuditor);
        await police.GotoAsync("/chronologies");
        await police.ClickAsync("text=Child R");
        await police.ClickAsync("text=Write your agency summary");
        await police.FillAsync("#Involvement", "Officers attended the home twice in 2024.");
        await police.FillAsync("#Analysis", "The second call was not linked to the first.");
        await CheckAsync(police, "agency-summary");
        await police.ClickAsync("button:has-text('Save and come back later')");
        Assert.Contains("Your summary is saved", await police.TextContentAsync(".govuk-notification-banner"));
        await police.GotoAsync("/chronologies");
        await police.ClickAsync("text=Child R");
        await police.ClickAsync("text=Write your agency summary");
        Assert.Equal("Officers attended the home twice in 2024.", await police.InputValueAsync("#Involvement"));
        await police.FillAsync("#ImmediateLearning", "Link repeat calls to the same address.");
        await police.FillAsync("#ActionsTaken", "A flag on the address.");
        await police.ClickAsync("button:has-text('Submit the summary')");
        Assert.Contains("Your agency summary is submitted", await police.TextContentAsync(".govuk-notification-banner"));
        await CheckAsync(police, "agency-summary-submitted");

        // The lead reads it, records the three sign-offs and the decision.
        await lead.GotoAsync(reviewUrl + "/rapid/summaries");
        Assert.Contains("The second call was not linked to the first.", await lead.TextContentAsync("main"));
        await CheckAsync(lead, "agency-summaries");
        // The school sent its summary by e-mail: the lead enters it on the school's behalf, by the link named for the school.
        await lead.ClickAsync("a:has-text(\"Enter the summary on the agency's behalf for Testshire Schools\")");
        await CheckAsync(lead, "summary-entered-by-the-lead");
        await lead.FillAsync("#Involvement", "The school knew the child's older sibling.");
        await lead.ClickAsync("button:has-text(\"Submit on the agency's behalf\")");
        // A part left empty: refused with a sentence whose link goes to the box, what was typed kept.
        await lead.ClickAsync(".govuk-error-summary a[href='#Analysis']");
        Assert.Equal("Analysis", await lead.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal("The school knew the child's older sibling.", await lead.InputValueAsync("#Involvement"));
        await lead.FillAsync("#Analysis", "Attendance fell but was not linked to home.");
        await lead.FillAsync("#ImmediateLearning", "Share attendance concerns for siblings of babies known to CSC.");
        await lead.FillAsync("#ActionsTaken", "The attendance lead was briefed.");
        await lead.ClickAsync("button:has-text(\"Submit on the agency's behalf\")");
        Assert.Contains("(review lead) on behalf of the agency", await lead.TextContentAsync("main"));
        await lead.GotoAsync(reviewUrl + "/rapid/sign-off");
        await CheckAsync(lead, "sign-off-empty");
        foreach (var (partner, name, role) in new[] { ("Local authority", "A. Director", "Director of Children's Services"), ("Integrated care board", "B. Nurse", "Chief Nurse"), ("Police", "D. Officer", "Detective Superintendent") })
        {
            await lead.CheckAsync($"label:has-text('{partner}')");
            await lead.FillAsync("#SignedBy", name);
            await lead.FillAsync("#Role", role);
            await lead.FillAsync("#SignedOn_Day", "12");
            await lead.FillAsync("#SignedOn_Month", "5");
            await lead.FillAsync("#SignedOn_Year", "2025");
            // The meeting is not recorded as held: the lead confirms the partners go ahead without it.
            await lead.CheckAsync("label:has-text('Record the sign-off despite')");
            await lead.ClickAsync("button:has-text('Record the sign-off')");
            Assert.Contains("sign-off is recorded", await lead.TextContentAsync(".govuk-notification-banner"));
        }

        await lead.CheckAsync("label:has-text('No, the learning is taken forward another way')");
        await lead.CheckAsync("label:has-text('Record the decision despite')");
        await lead.FillAsync("#DecisionReasons", "The learning is already being acted on by a thematic audit.");
        await lead.ClickAsync("button:has-text('Record the decision')");
        Assert.Equal("No Child Safeguarding Practice Review", (await lead.TextContentAsync("#decision-recorded"))!.Trim());
        await CheckAsync(lead, "sign-off-and-decision");

        await lead.GotoAsync(reviewUrl + "/rapid");
        var download = await lead.RunAndWaitForDownloadAsync(() => lead.ClickAsync("text=Download the submission pack (Word)"));
        var file = Path.Combine(Folder, "pack.docx");
        await download.SaveAsAsync(file);
        Assert.Equal("Child R Rapid Review submission.docx", download.SuggestedFilename);
        using (var document = WordprocessingDocument.Open(file, false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("Link repeat calls to the same address.", text);
            Assert.Contains("Entered and submitted by the review lead on behalf of Testshire Schools", text);
            Assert.Contains("D. Officer", text);
            Assert.Contains("No Child Safeguarding Practice Review", text);
        }

        Assert.Empty(ThirdParty);
    }
}
