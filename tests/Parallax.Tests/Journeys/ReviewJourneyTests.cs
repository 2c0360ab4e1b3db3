namespace Parallax.Tests.Journeys;

/// <summary>
/// A practice review in a real browser (Debian's Chromium through Playwright) against a real <c>serve</c>
/// process: the lead starts a review and asks the police for a chronology, the police auditor enters an
/// event using only the keyboard and submits, the lead reads the merged chronology and downloads it.
/// Every page on the way is checked with axe-core for WCAG 2.x A and AA violations, and screenshotted
/// into TestResults/journeys as an artefact.
/// </summary>
public sealed class ReviewJourneyTests : BrowserJourney
{
    protected override string Name => "review";

    [Fact]
    public async Task Review_FromStartToMergedChronology_InARealBrowser_AccessibleAtEveryStep()
    {
        var lead = await SignInAsync(TestPartnership.Lead);
        await CheckAsync(lead, "lead-home");

        // The lead starts a review; an empty form first, to see the error summary.
        await lead.GotoAsync("/reviews/new");
        await lead.ClickAsync("button:has-text('Start the review')");
        Assert.Contains("There is a problem", await lead.TextContentAsync(".govuk-error-summary"));
        await CheckAsync(lead, "new-review-errors");
        await lead.CheckAsync("#Kind"); // Rapid Review, the first option, carries the field's id for the error summary link
        await lead.FillAsync("#Title", "Child J");
        await lead.FillAsync("#TriggerIncident", "a serious injury to a baby");
        // Learned of yesterday, so that its summaries are still to come when the agencies are asked today.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (field, day) in new[] { ("IncidentOn", today.AddDays(-2)), ("NotifiedOn", today.AddDays(-1)), ("PeriodFrom", new DateOnly(2024, 1, 1)), ("PeriodTo", today.AddDays(-2)) })
        {
            await lead.FillAsync($"#{field}_Day", day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await lead.FillAsync($"#{field}_Month", day.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await lead.FillAsync($"#{field}_Year", day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await lead.FillAsync("#SubjectUin", "JR" + Guid.NewGuid().ToString("N")[..6]);
        await lead.FillAsync("#SubjectInitials", "JJ");
        await lead.SelectOptionAsync("#MemberRoles_0_", "Mother");
        await lead.FillAsync("#MemberInitials_0_", "KL");
        await lead.ClickAsync("button:has-text('Start the review')");
        await lead.SelectOptionAsync("#AgencyId", new SelectOptionValue { Label = "Testshire Police" });
        await lead.ClickAsync("button:has-text('Add the agency')");
        await lead.ClickAsync("button:has-text('Ask 1 agency for their chronology')");
        Assert.Contains("has been asked for a chronology", await lead.TextContentAsync(".govuk-notification-banner"));
        await CheckAsync(lead, "review-overview");
        var reviewUrl = lead.Url;

        // The police auditor enters one event with the keyboard alone, confirms its type and submits.
        var police = await SignInAsync(TestPartnership.PoliceAuditor);
        await police.GotoAsync("/chronologies");
        await CheckAsync(police, "chronologies");
        await police.ClickAsync("text=Child J");
        await CheckAsync(police, "chronology-empty");
        await police.ClickAsync("text=Add an event");
        await police.FocusAsync("#Date");
        await police.Keyboard.TypeAsync("14/02/2025");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.TypeAsync("23:15");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.TypeAsync("Officers attended a domestic incident at the home; child present");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.PressAsync("Space"); // "Child (JJ)"
        await CheckAsync(police, "event-form");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.PressAsync("Space"); // "Mother (KL)"
        await police.FocusAsync("button:has-text('Save the event')");
        await police.Keyboard.PressAsync("Enter");
        await police.WaitForURLAsync(url => !url.Contains("/events/", StringComparison.Ordinal));
        Assert.Contains("Domestic abuse incident", await police.TextContentAsync("table"));
        Assert.Contains("Child (JJ), Mother (KL)", await police.TextContentAsync("table"));
        await CheckAsync(police, "chronology-with-suggestion");
        await police.ClickAsync("button:has-text('Confirm the suggested types')");
        await police.ClickAsync("button:has-text('Submit the chronology')");
        Assert.Contains("submitted", await police.TextContentAsync(".govuk-notification-banner"));

        // The lead reads the merged chronology and downloads it as Word.
        await lead.GotoAsync(reviewUrl + "/chronology");
        Assert.Contains("14 February 2025 23:15", await lead.TextContentAsync("table.parallax-chronology"));
        await CheckAsync(lead, "merged-chronology");
        var download = await lead.RunAndWaitForDownloadAsync(() => lead.ClickAsync("text=Download as Word"));
        var file = Path.Combine(Folder, "chronology.docx");
        await download.SaveAsAsync(file);
        Assert.Equal("Child J chronology.docx", download.SuggestedFilename);
        using (var document = WordprocessingDocument.Open(file, false))
            Assert.Contains("Officers attended a domestic incident", document.MainDocumentPart!.Document.Body!.InnerText);
        // The lead retypes the event (several types), then sets the indicators' numbers and the child's date of birth.
        await lead.ClickAsync("text=Change types");
        Assert.True(await lead.IsCheckedAsync("label:has-text('Domestic abuse incident')"));
        await CheckAsync(lead, "retype-event");
        await lead.CheckAsync("label:has-text('Substance misuse')");
        await lead.ClickAsync("button:has-text('Save the types')");
        Assert.Contains("Domestic abuse incident; Substance misuse; Police attendance", await lead.TextContentAsync("table.parallax-chronology"));
        await lead.ClickAsync("text=Change the indicator settings");
        await lead.FillAsync("#ChildBornOn", "June 2024");
        await lead.FillAsync("#NotSeenMonths", "4");
        await CheckAsync(lead, "indicator-settings");
        await lead.ClickAsync("button:has-text('Save the settings')");
        Assert.Contains("Child not seen by any agency for 4 months or more", await lead.ContentAsync());
        await lead.GotoAsync(reviewUrl + "/learning");
        await CheckAsync(lead, "learning");
        await lead.GotoAsync("/accessibility");
        await CheckAsync(lead, "accessibility-statement");

        Assert.Equal(12, CheckedPages.Count);
    }
}
