namespace Parallax.Tests.Reviews;

/// <summary>
/// The Rapid Review process (decisions 0072, 0073): the statutory clock across bank holidays, the
/// agencies' summaries saved in parts and submitted, the three partners' sign-off before the decision, the reminders
/// through the outbox and the submission pack.
/// </summary>
public abstract class RapidReviewTests(ParallaxAppFactory app)
{
    // Thursday 17 April 2025, the day before Good Friday: Easter Monday (21 April) and the early May bank holiday (5 May) fall inside the 15 days.
    private static readonly DateOnly Learned = new(2025, 4, 17);

    private Caller Police => Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.Police.Id, "police");

    /// <summary>A Rapid Review with the police asked for their summary on a day it was still to come: the review and the police's request.</summary>
    private async Task<(Guid Review, Guid Request)> PoliceAskedAsync(string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (review, request) = await PoliceAskedAsync(scope.ServiceProvider, title);
        return (review.Id, request);
    }

    /// <summary>
    /// The same, the police asked on Tuesday 22 April, the first working day after learning of it, while the summaries are not yet due:
    /// the review read afresh in <paramref name="services"/>' scope, to be changed there, and the police's request.
    /// </summary>
    private async Task<(PracticeReview Review, Guid Request)> PoliceAskedAsync(IServiceProvider services, string title)
    {
        var review = await RapidReviewAsync(services, title);
        await services.GetRequiredService<ReviewOpening>().AddAgencyAsync(review, app.Data.Police.Id);
        await app.SendRequestsOnAsync(review.Id, Learned.AddDays(5));
        var db = services.GetRequiredService<ParallaxDbContext>();
        db.ChangeTracker.Clear();
        review = await db.PracticeReviews.SingleAsync(r => r.Id == review.Id);
        return (review, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync());
    }

    /// <summary>The text of the review's submission pack in Word, as the lead downloads it.</summary>
    private static async Task<string> WordPackTextAsync(HttpClient lead, Guid review)
    {
        var word = await lead.GetAsync($"/reviews/{review}/rapid?handler=Pack");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }

    private async Task<PracticeReview> RapidReviewAsync(IServiceProvider services, string title, DateOnly? learned = null)
    {
        var opening = services.GetRequiredService<ReviewOpening>();
        var review = await opening.CreateAsync(app.Data.Partnership.Id, new ReviewInput(ReviewKind.RapidReview, title, "serious injury to a baby at home",
            (learned ?? Learned).AddDays(-1), learned ?? Learned, new DateOnly(2024, 1, 1), (learned ?? Learned).AddDays(-1),
            TestAudits.NewUin("RR"), "QZ", 0, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "AB")]), "lead");
        return review;
    }

    [Fact]
    public void Clock_AcrossEasterAndEarlyMay_HandWorkedDates()
    {
        var review = new PracticeReview { Title = "Child E", TriggerIncident = "injury", CreatedBy = "lead", Kind = ReviewKind.RapidReview, NotifiedOn = Learned };
        var holidays = BankHolidays.EnglandAndWales;

        // Working days after Thu 17 April: Fri 18 (Good Friday) and Mon 21 (Easter Monday) are not; Tue 22 is day 1 ... Mon 28 day 5.
        Assert.Equal(new DateOnly(2025, 4, 28), RapidReviewClock.PanelNotificationDue(review, holidays));
        // Tue 29 day 6, Wed 30 day 7.
        Assert.Equal(new DateOnly(2025, 4, 30), RapidReviewClock.SummariesDue(review, holidays));
        // Thu 1 May 8, Fri 2 May 9, Mon 5 May is the early May bank holiday, Tue 6 May 10.
        Assert.Equal(new DateOnly(2025, 5, 6), RapidReviewClock.MeetingOn(review, holidays));
        // Wed 7 11, Thu 8 12, Fri 9 13, Mon 12 14, Tue 13 15.
        Assert.Equal(new DateOnly(2025, 5, 12), RapidReviewClock.SignOffDue(review, holidays));
        Assert.Equal(new DateOnly(2025, 5, 13), RapidReviewClock.RapidReviewDue(review, holidays));

        // A partnership's own holiday on Friday 9 May moves what comes after it by one working day.
        var local = new BankHolidays(added: [new DateOnly(2025, 5, 9)]);
        Assert.Equal(new DateOnly(2025, 5, 6), RapidReviewClock.MeetingOn(review, local));
        Assert.Equal(new DateOnly(2025, 5, 13), RapidReviewClock.SignOffDue(review, local));
        Assert.Equal(new DateOnly(2025, 5, 14), RapidReviewClock.RapidReviewDue(review, local));

        var stages = RapidReviewClock.Stages(review, holidays, null, null);
        var due = stages.Single(s => s.Key == "submission");
        Assert.Equal(15, due.WorkingDaysAfterLearning);
        // Friday 9 May: Mon 12 and Tue 13 are left. Thursday 15 May: Wed 14 and Thu 15 have passed.
        Assert.Equal("2 working days left", RapidReviewClock.Countdown(due, new DateOnly(2025, 5, 9), holidays));
        Assert.Equal("Due today", RapidReviewClock.Countdown(due, new DateOnly(2025, 5, 13), holidays));
        Assert.Equal("2 working days overdue", RapidReviewClock.Countdown(due, new DateOnly(2025, 5, 15), holidays));
        review.PanelNotifiedOn = new DateOnly(2025, 4, 29);
        var panel = RapidReviewClock.Stages(review, holidays, null, null).Single(s => s.Key == "panel-notification");
        Assert.Equal("Done 29 April 2025, 1 working day late", RapidReviewClock.Countdown(panel, new DateOnly(2025, 5, 15), holidays));
    }

    [Fact]
    public async Task Clock_WithThePartnershipsOwnHoliday_StoredDueDateAndStagesFollowIt()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<PartnershipCalendar>();
        var holiday = new DateOnly(2025, 5, 9);
        await calendar.AddAsync(app.Data.Partnership.Id, holiday, "Local one-off holiday");
        try
        {
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Clock");
            // 15 working days after 17 April with Good Friday, Easter Monday, 5 May and the partnership's 9 May left out.
            Assert.Equal(new DateOnly(2025, 5, 14), review.RapidReviewDueOn);
            var (stages, _) = await scope.ServiceProvider.GetRequiredService<RapidReviews>().StagesAsync(review);
            Assert.Equal(
                [new DateOnly(2025, 4, 28), new DateOnly(2025, 4, 30), new DateOnly(2025, 5, 6), new DateOnly(2025, 5, 13), new DateOnly(2025, 5, 14)],
                stages.Select(s => s.DueOn));
        }
        finally
        {
            var change = await calendar.Changes(app.Data.Partnership.Id).SingleAsync(h => h.Date == holiday);
            await calendar.RemoveAsync(app.Data.Partnership.Id, change.Id);
        }
    }

    [Fact]
    public async Task Dates_OnTheOverview_ShowDaysLeftOrOverdue_AndBadDatesAreRefusedWithASentence()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope()) id = (await RapidReviewAsync(scope.ServiceProvider, "Child Dates")).Id;
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var overview = await lead.GetDocumentAsync($"/reviews/{id}");
        Assert.Contains("Tuesday 13 May 2025 (working day 15)", overview.QuerySelector("#stage-submission")!.TextContent);
        Assert.Contains("working days overdue", overview.QuerySelector("#stage-submission .govuk-tag")!.TextContent);

        // The form offers the stage dates worked out from the calendar: summaries on working day 7.
        var url = $"/reviews/{id}/rapid";
        var form = await lead.OpenFormAsync(url, "button[type=submit]");
        Assert.Equal(("30", "4", "2025"), (form["SummariesDueOn.Day"], form["SummariesDueOn.Month"], form["SummariesDueOn.Year"]));

        // The notification recorded as sent on 24 April: done, on time.
        var saved = await form.Set("PanelNotifiedOn.Day", "24").Set("PanelNotifiedOn.Month", "4").Set("PanelNotifiedOn.Year", "2025").PostAsync(lead);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await lead.GetDocumentAsync(url);
        Assert.Equal("Done 24 April 2025", page.QuerySelector("#stage-panel-notification .govuk-tag")!.TextContent.Trim());
        // Dates left as offered stay "the default" (they follow the calendar); nothing else changed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal((new DateOnly(2025, 4, 24), null, null), (stored.PanelNotifiedOn, stored.SummariesDueOn, stored.MeetingOn));
        }

        // A meeting on the early May bank holiday is refused, in words, beside the field; so is a date that is not a date.
        var holiday = await (await lead.OpenFormAsync(url, "button[type=submit]")).Set("MeetingOn.Day", "5").Set("MeetingOn.Month", "5").PostAsync(lead);
        Assert.Equal(HttpStatusCode.OK, holiday.StatusCode);
        var refused = await holiday.ReadDocumentAsync();
        Assert.Contains("Monday 5 May 2025 is not a working day for your partnership", refused.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#MeetingOn_Day", refused.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        var nonsense = await (await lead.OpenFormAsync(url, "button[type=submit]")).Set("SubmittedToPanelOn.Day", "31").Set("SubmittedToPanelOn.Month", "2").Set("SubmittedToPanelOn.Year", "2025").PostAsync(lead);
        Assert.Contains("must be a real date", (await nonsense.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var before = await (await lead.OpenFormAsync(url, "button[type=submit]")).Set("PanelNotifiedOn.Day", "1").PostAsync(lead);
        Assert.Contains("cannot be before the local authority learned of the incident", (await before.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        // A form loaded before someone else saved is refused, not silently applied.
        var stale = await lead.OpenFormAsync(url, "button[type=submit]");
        Assert.Equal(HttpStatusCode.Redirect, (await (await lead.OpenFormAsync(url, "button[type=submit]")).Set("PanelNotifiedOn.Day", "25").PostAsync(lead)).StatusCode);
        Assert.Contains("Someone else changed this review", (await (await stale.Set("PanelNotifiedOn.Day", "23").PostAsync(lead)).ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task ReadOnlyPage_ForPanelMembersAndViewers_ShowsTheSameClockAsTheLeadsPage()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Reader Clock");
            review.PanelCanRead = true;
            review.PanelNotifiedOn = new DateOnly(2025, 4, 24);
            await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
            id = review.Id;
        }

        static string Clock(AngleSharp.Html.Dom.IHtmlDocument page) =>
            string.Join(' ', page.QuerySelector("#rapid-clock")!.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var lead = Clock(await (await app.SignedInBrowserAsync(TestPartnership.Lead)).GetDocumentAsync($"/reviews/{id}"));
        foreach (var user in new[] { TestPartnership.Panel, TestPartnership.Viewer })
        {
            var page = await (await app.SignedInBrowserAsync(user)).GetDocumentAsync($"/reviews/{id}/read");
            Assert.Equal(lead, Clock(page));
            Assert.Contains("Done 24 April 2025", page.QuerySelector("#stage-panel-notification .govuk-tag")!.TextContent);
            Assert.Contains("Tuesday 13 May 2025 (working day 15)", page.QuerySelector("#stage-submission")!.TextContent);
            Assert.Contains("working days overdue", page.QuerySelector("#stage-submission .govuk-tag")!.TextContent);
        }
    }

    [Fact]
    public async Task Deadlines_ChronologiesOfferedNoLaterThanTheRapidReview_WarnedWhenLater_SummariesNotDueBeforeAsked_AllErrorsAtOnce()
    {
        Guid id;
        DateOnly today;
        int left;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var calendar = scope.ServiceProvider.GetRequiredService<PartnershipCalendar>();
            today = calendar.Today;
            // Learned of 6 working days ago: the summaries are still to come (working day 7) and 9 working days are left before the Rapid Review is due.
            var holidays = await calendar.HolidaysAsync(app.Data.Partnership.Id);
            // Counted the way the product counts, so that it holds on a weekend or bank holiday as on a working day.
            var learned = today;
            while (WorkingDays.Between(learned, today, holidays) < 6) learned = learned.AddDays(-1);

            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Deadlines", learned);
            await scope.ServiceProvider.GetRequiredService<ReviewOpening>().AddAgencyAsync(review, app.Data.Police.Id);
            left = WorkingDays.Between(today, review.RapidReviewDueOn!.Value, await calendar.HolidaysAsync(app.Data.Partnership.Id));
            Assert.InRange(left, 1, 9);
            id = review.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var overview = await lead.GetDocumentAsync($"/reviews/{id}");
        Assert.Equal(left.ToString(System.Globalization.CultureInfo.InvariantCulture), overview.QuerySelector("#WorkingDays")!.GetAttribute("value"));
        Assert.Null(overview.QuerySelector("#chronologies-after-rapid"));

        // The lead asks for them in 10 working days anyway: the review says, in a sentence, that this is too late.
        var sent = await lead.SubmitFormAsync($"/reviews/{id}?handler=Send", new() { ["WorkingDays"] = "10" }, $"/reviews/{id}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var warned = await lead.GetDocumentAsync($"/reviews/{id}");
        // Due after the meeting and the sign-off as well: each is named with its date.
        var warning = warned.QuerySelector("#chronologies-after-rapid")!.TextContent;
        Assert.Contains("after the Rapid Review meeting (", warning);
        Assert.Contains("the date sign-off is due (", warning);
        Assert.Contains("and the date the Rapid Review itself is due (", warning);

        // Summaries due no later than the day they were asked for, and a meeting on a Saturday: both errors in one go.
        var saturday = today.AddDays(((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
        var form = await lead.OpenFormAsync($"/reviews/{id}/rapid", "button[type=submit]");
        // (On a weekend, the last working day before it: today itself would be refused as not a working day.)
        var notAfterAsked = today;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var holidays = await scope.ServiceProvider.GetRequiredService<PartnershipCalendar>().HolidaysAsync(app.Data.Partnership.Id);
            while (!holidays.IsWorkingDay(notAfterAsked)) notAfterAsked = notAfterAsked.AddDays(-1);
        }

        form.Set("SummariesDueOn.Day", notAfterAsked.Day.ToString()).Set("SummariesDueOn.Month", notAfterAsked.Month.ToString()).Set("SummariesDueOn.Year", notAfterAsked.Year.ToString());
        form.Set("MeetingOn.Day", saturday.Day.ToString()).Set("MeetingOn.Month", saturday.Month.ToString()).Set("MeetingOn.Year", saturday.Year.ToString());
        var refused = await (await form.PostAsync(lead)).ReadDocumentAsync();
        var errors = refused.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(errors, e => e.Item1 == "#SummariesDueOn_Day" && e.Item2.StartsWith("Agency summaries must be due after the day the agencies were asked for them", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == "#MeetingOn_Day" && e.Item2.EndsWith("is not a working day for your partnership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOff_ByThreePartners_DecisionRefusedBefore_AllowedAfter_AndInTheTrail()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var review = await RapidReviewAsync(scope.ServiceProvider, "Child Sign");

        var none = await Assert.ThrowsAsync<DomainException>(() => rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, "Learning about a baby's injuries", "lead", review.Version, despiteMissing: true));
        Assert.Contains("waiting for the local authority, the integrated care board and the police", none.Message);

        await rapid.SignOffAsync(review, SafeguardingPartner.LocalAuthority, "A. Director", "Director of Children's Services", new DateOnly(2025, 5, 12), "lead", despiteMissing: true);
        await rapid.SignOffAsync(review, SafeguardingPartner.IntegratedCareBoard, "B. Nurse", "Chief Nurse", new DateOnly(2025, 5, 12), "lead", despiteMissing: true);
        var twice = await Assert.ThrowsAsync<DomainException>(() => rapid.SignOffAsync(review, SafeguardingPartner.LocalAuthority, "C. Other", "Deputy", new DateOnly(2025, 5, 12), "lead", despiteMissing: true));
        Assert.Equal("The local authority has already signed this Rapid Review off", twice.Message);
        var two = await Assert.ThrowsAsync<DomainException>(() => rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, "Learning about a baby's injuries", "lead", review.Version, despiteMissing: true));
        Assert.EndsWith("waiting for the police", two.Message);
        Assert.Null((await db.PracticeReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id)).Decision);

        var early = await Assert.ThrowsAsync<DomainException>(() => rapid.SignOffAsync(review, SafeguardingPartner.Police, "D. Officer", "Detective Superintendent", Learned.AddDays(-3), "lead", despiteMissing: true));
        Assert.Equal("SignedOn", early.Field);
        await rapid.SignOffAsync(review, SafeguardingPartner.Police, "D. Officer", "Detective Superintendent", new DateOnly(2025, 5, 13), "lead", despiteMissing: true);
        var noReasons = await Assert.ThrowsAsync<DomainException>(() => rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, " ", "lead", review.Version, despiteMissing: true));
        Assert.Equal("DecisionReasons", noReasons.Field);
        await rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, "National learning about injuries to non-mobile babies.", "lead", review.Version, despiteMissing: true);

        var decided = await db.PracticeReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id);
        Assert.Equal(RapidReviewDecision.PracticeReview, decided.Decision);
        Assert.Equal(5, await db.ReviewMilestones.CountAsync(m => m.ReviewId == review.Id));
        var (stages, _) = await rapid.StagesAsync(decided);
        Assert.Equal(new DateOnly(2025, 5, 13), stages.Single(s => s.Key == "sign-off").DoneOn);
        // Once decided, the sign-offs stand.
        var first = (await rapid.SignOffsAsync(review.Id))[0];
        await Assert.ThrowsAsync<DomainException>(() => rapid.RemoveSignOffAsync(review, first.Id));

        var police = (await rapid.SignOffsAsync(review.Id)).Single(s => s.Partner == SafeguardingPartner.Police);
        Assert.Contains(await db.AuditEvents.Where(e => e.Entity == nameof(PartnerSignOff) && e.EntityKey == police.Id.ToString()).FieldsAsync(), f => f.Field == nameof(PartnerSignOff.SignedBy) && f.NewValue == "D. Officer");
        Assert.Contains(await db.AuditEvents.Where(e => e.Entity == nameof(PracticeReview) && e.EntityKey == review.Id.ToString()).FieldsAsync(), f => f.Field == nameof(PracticeReview.Decision));
    }

    [Fact]
    public async Task SignOffPage_DecisionBeforeAllThree_ShowsTheSentence_NotAServerError()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope()) id = (await RapidReviewAsync(scope.ServiceProvider, "Child Page")).Id;
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var refused = await lead.SubmitFormAsync($"/reviews/{id}/rapid/sign-off?handler=Decide", new() { ["Decision"] = "PracticeReview", ["DecisionReasons"] = "Reasons" }, $"/reviews/{id}/rapid/sign-off");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("All three safeguarding partners must sign the Rapid Review off", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var noName = await lead.SubmitFormAsync($"/reviews/{id}/rapid/sign-off?handler=Sign", new()
        {
            ["Partner"] = "Police", ["SignedBy"] = "", ["Role"] = "Superintendent", ["SignedOn.Day"] = "13", ["SignedOn.Month"] = "5", ["SignedOn.Year"] = "2025",
        }, $"/reviews/{id}/rapid/sign-off");
        Assert.Contains("Enter the name of the person who signed off", (await noName.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var signed = await lead.SubmitFormAsync($"/reviews/{id}/rapid/sign-off?handler=Sign", new()
        {
            ["Partner"] = "Police", ["SignedBy"] = "D. Officer", ["Role"] = "Superintendent", ["SignedOn.Day"] = "13", ["SignedOn.Month"] = "5", ["SignedOn.Year"] = "2025",
            ["SignDespiteMissing"] = "true",
        }, $"/reviews/{id}/rapid/sign-off");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Contains("D. Officer", (await lead.GetDocumentAsync($"/reviews/{id}/rapid/sign-off")).QuerySelector("#partner-Police")!.TextContent);
    }

    private async Task<int> SignOffCountAsync(Guid review)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PartnerSignOffs.CountAsync(s => s.ReviewId == review);
    }

    [Fact]
    public async Task SignOffAndDecision_WithASummaryAndTheMeetingMissing_SayWhich_AndNeedAnExplicitConfirmation_RecordedInTheTrail()
    {
        var (id, _) = await PoliceAskedAsync("Child Missing");

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/reviews/{id}/rapid/sign-off";
        var page = await lead.GetDocumentAsync(url);
        Assert.Equal(["the summary from Testshire Police", "the Rapid Review meeting (not recorded as held)"], page.QuerySelectorAll("#missing li").Select(li => li.TextContent.Trim()));

        Dictionary<string, string> Sign(SafeguardingPartner partner, bool confirm)
        {
            var form = new Dictionary<string, string>
            {
                ["Partner"] = partner.ToString(), ["SignedBy"] = "A. Signer", ["Role"] = "Executive", ["SignedOn.Day"] = "13", ["SignedOn.Month"] = "5", ["SignedOn.Year"] = "2025",
            };
            if (confirm) form["SignDespiteMissing"] = "true";
            return form;
        }

        // A form with nothing chosen and a date that is not one: every problem listed at once, in the form's order.
        var empty = await (await lead.SubmitFormAsync($"{url}?handler=Sign", new() { ["SignedOn.Day"] = "31", ["SignedOn.Month"] = "2", ["SignedOn.Year"] = "2025" }, url)).ReadDocumentAsync();
        var links = empty.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#Partner", "#SignedBy", "#Role", "#SignedOn_Day", "#SignDespiteMissing"], links);
        Assert.All(links, link => Assert.NotNull(empty.GetElementById(link[1..])));
        Assert.Equal(0, await SignOffCountAsync(id));

        // Without the box ticked: refused, the missing things named in the error summary, which points at the box.
        var refused = await (await lead.SubmitFormAsync($"{url}?handler=Sign", Sign(SafeguardingPartner.Police, confirm: false), url)).ReadDocumentAsync();
        var error = refused.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#SignDespiteMissing", error.GetAttribute("href"));
        Assert.Contains("the summary from Testshire Police and the Rapid Review meeting (not recorded as held)", error.TextContent);
        Assert.NotNull(refused.QuerySelector("#SignDespiteMissing"));

        // Ticked: recorded, and the trail says it was recorded despite what was missing.
        foreach (var partner in Enum.GetValues<SafeguardingPartner>())
            Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"{url}?handler=Sign", Sign(partner, confirm: true), url)).StatusCode);
        var version = (await lead.GetDocumentAsync(url)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var decide = new Dictionary<string, string> { ["Decision"] = "NoPracticeReview", ["DecisionReasons"] = "Learning taken forward by an audit.", ["Version"] = version };
        var notConfirmed = await (await lead.SubmitFormAsync($"{url}?handler=Decide", decide, url)).ReadDocumentAsync();
        Assert.Equal("#DecideDespiteMissing", notConfirmed.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"{url}?handler=Decide", new(decide) { ["DecideDespiteMissing"] = "true" }, url)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var police = await db.PartnerSignOffs.SingleAsync(s => s.ReviewId == id && s.Partner == SafeguardingPartner.Police);
            var reasons = await db.AuditEvents.Where(e => e.Entity == nameof(PartnerSignOff) && e.EntityKey == police.Id.ToString()).Select(e => e.Reason).ToListAsync();
            Assert.Contains("The sign-off was recorded despite what was missing: the summary from Testshire Police and the Rapid Review meeting (not recorded as held)", reasons);
            var decision = await db.AuditEvents.Where(e => e.Entity == nameof(PracticeReview) && e.EntityKey == id.ToString() && e.Reason != null).Select(e => e.Reason).ToListAsync();
            Assert.Contains(decision, r => r!.StartsWith("The decision was recorded despite what was missing", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AgencySummary_SavedInTwoSittings_ThenSubmitted_ReadByTheLead()
    {
        var (id, request) = await PoliceAskedAsync("Child Summary");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The notice asks for the summary too, with its date.
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "chronology-requested" && m.To == TestPartnership.PoliceAuditor && m.Body.Contains($"/chronologies/{request}/summary")));
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/chronologies/{request}/summary";
        Assert.NotNull((await police.GetDocumentAsync($"/chronologies/{request}")).QuerySelector($"a[href='{url}']"));

        const string save = "button.govuk-button--secondary", submit = "button[formaction]";

        // First sitting: involvement and analysis, saved to come back to.
        var first = await (await police.OpenFormAsync(url, save))
            .Set("Involvement", "Officers attended the home twice in 2024.").Set("Analysis", "The second call was not linked to the first.").PostAsync(police);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // Second sitting: what was saved is there; submitting with a part missing says which, and keeps what was typed.
        var again = await police.GetDocumentAsync(url);
        Assert.Equal("Officers attended the home twice in 2024.", again.QuerySelector("#Involvement")!.TextContent);
        Assert.Equal("The second call was not linked to the first.", again.QuerySelector("#Analysis")!.TextContent);
        var missing = await (await police.OpenFormAsync(url, submit)).Set("ImmediateLearning", "Link repeat calls to the same address.").PostAsync(police);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var missingPage = await missing.ReadDocumentAsync();
        Assert.Contains("Enter \"Actions already taken\" before submitting the summary", missingPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#ActionsTaken", missingPage.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal("Link repeat calls to the same address.", (await police.GetDocumentAsync(url)).QuerySelector("#ImmediateLearning")!.TextContent);

        // Two parts missing: both named at once.
        var twoMissing = await (await police.OpenFormAsync(url, submit)).Set("ImmediateLearning", "").PostAsync(police);
        Assert.Equal(["#ImmediateLearning", "#ActionsTaken"], (await twoMissing.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        var submitted = await (await police.OpenFormAsync(url, submit)).Set("ImmediateLearning", "Link repeat calls to the same address.").Set("ActionsTaken", "- Briefing to response officers\n- Flag on the address").PostAsync(police);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var done = await police.GetDocumentAsync(url);
        Assert.Null(done.QuerySelector("textarea"));
        Assert.Equal("Submitted", done.QuerySelector("#summary-status")!.ChildNodes[0].TextContent.Trim());

        // The other agency cannot reach it; the lead reads all four parts, the list as a list.
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync(url)).StatusCode);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The police auditor has a name: the lead reads it, not their e-mail address.
            var users = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Users;
            var auditor = await users.SingleAsync(u => u.Email == TestPartnership.PoliceAuditor);
            auditor.DisplayName = "P. Constable";
            await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
        }

        var read = (await lead.GetDocumentAsync($"/reviews/{id}/rapid/summaries")).QuerySelector($"#summary-{request}")!;
        Assert.Contains("Submitted by P. Constable on", read.TextContent);
        Assert.DoesNotContain(TestPartnership.PoliceAuditor, read.TextContent);
        Assert.Contains("Officers attended the home twice in 2024.", read.TextContent);
        Assert.Contains("Link repeat calls to the same address.", read.TextContent);
        Assert.Equal(["Briefing to response officers", "Flag on the address"], read.QuerySelectorAll("ul.govuk-list li").Select(li => li.TextContent.Trim()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var summary = await db.AgencySummaries.SingleAsync(s => s.RequestId == request);
            Assert.Equal(AgencySummaryStatus.Submitted, summary.Status);
            Assert.Equal(TestPartnership.PoliceAuditor, summary.SubmittedBy);
            Assert.Contains(await db.AuditEvents.Where(e => e.Entity == nameof(AgencySummary) && e.EntityKey == summary.Id.ToString()).FieldsAsync(), f => f.Field == nameof(AgencySummary.Status) && f.NewValue == "Submitted");
        }
    }

    [Fact]
    public async Task Summaries_AreChasedThroughTheOutbox_ReminderThenOverdue_OncePerDueDate()
    {
        var (_, request) = await PoliceAskedAsync("Child Chase");

        async Task<List<string>> ChaseOnAsync(DateTimeOffset at)
        {
            await using var services = app.CommandServices(new FakeTimeProvider(at));
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ChronologyChaser>().ChaseAsync();
            return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages
                .Where(m => m.Kind.StartsWith("summary-") && m.Body.Contains($"/chronologies/{request}/summary")).Select(m => m.Kind).ToListAsync();
        }

        // Summaries due Wednesday 30 April 2025. Friday 25 April (3 working days before): nothing yet.
        Assert.Empty(await ChaseOnAsync(new DateTimeOffset(2025, 4, 25, 9, 0, 0, TimeSpan.Zero)));
        // Monday 28 April (2 working days before): the reminder, once however often the chaser runs.
        Assert.Equal(["summary-reminder"], await ChaseOnAsync(new DateTimeOffset(2025, 4, 28, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["summary-reminder"], await ChaseOnAsync(new DateTimeOffset(2025, 4, 29, 9, 0, 0, TimeSpan.Zero)));
        // Thursday 1 May: overdue.
        Assert.Equal(["summary-overdue", "summary-reminder"], (await ChaseOnAsync(new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero))).Order());
    }

    [Fact]
    public async Task Milestones_OfTheReviewThatFollows_KeptAgainstTargets_LateOnesShown()
    {
        Guid id, undecided;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Milestones");
            foreach (var partner in Enum.GetValues<SafeguardingPartner>())
                await rapid.SignOffAsync(review, partner, $"Signer for the {PartnerSignOff.Describe(partner)}", "Executive", new DateOnly(2025, 5, 12), "lead", despiteMissing: true);
            await rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, "National learning.", "lead", review.Version, despiteMissing: true);
            id = review.Id;
            undecided = (await RapidReviewAsync(scope.ServiceProvider, "Child Undecided")).Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        // No practice review follows (yet): there are no milestones to keep.
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/reviews/{undecided}/milestones")).StatusCode);

        var url = $"/reviews/{id}/milestones";
        static void Date(BrowserForm form, string name, string day, string month, string year) =>
            form.Set($"{name}.Day", day).Set($"{name}.Month", month).Set($"{name}.Year", year);
        var form = await lead.OpenFormAsync(url, "button[type=submit]");
        Date(form, "Targets[0]", "1", "6", "2025");
        Date(form, "Achieved[0]", "10", "6", "2025");
        Date(form, "Targets[1]", "1", "6", "2025");
        Date(form, "Achieved[1]", "30", "5", "2025");
        Date(form, "Targets[2]", "1", "7", "2025");
        Date(form, "Targets[4]", "1", "1", "2030");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(lead)).StatusCode);

        var page = await lead.GetDocumentAsync(url);
        string Where(MilestoneKind kind) => page.QuerySelector($"#milestone-{kind} td:last-child")!.TextContent.Trim();
        Assert.Equal("Late", Where(MilestoneKind.TermsOfReference));       // achieved after its target
        Assert.Equal("Done", Where(MilestoneKind.ReviewerAppointed));      // achieved before it
        Assert.Equal("Late", Where(MilestoneKind.FirstDraft));             // not achieved, target passed
        Assert.Equal("", Where(MilestoneKind.FinalReport));                // no target
        Assert.Equal("On track", Where(MilestoneKind.Publication));

        var bad = await lead.OpenFormAsync(url, "button[type=submit]");
        Date(bad, "Achieved[2]", "32", "7", "2025");
        var refused = await (await bad.PostAsync(lead)).ReadDocumentAsync();
        Assert.Contains("must be a real date", refused.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#Achieved_2__Day", refused.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(refused.QuerySelector("#Achieved_2__Day"));
    }

    [Fact]
    public async Task NoAgencyAsked_SummariesOverdueUntilTheMeetingIsHeld_ThenSettled_AndThePackSaysSo()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Learned of on 17 April 2025: the summaries were due on 30 April, long past; no agency was asked in Parallax.
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Elsewhere Asked");
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var summaries = (await rapid.StagesAsync(review)).Stages.Single(s => s.Key == "agency-summaries");
            Assert.True(summaries.Late(today), "Before the meeting, summaries nobody was asked for are overdue: the lead still has to ask.");

            await rapid.SetDatesAsync(review, new RapidReviewDates(null, null, null, true, null, null), review.Version);
            summaries = (await rapid.StagesAsync(review)).Stages.Single(s => s.Key == "agency-summaries");
            Assert.Equal((true, false, "No agency asked in Parallax"),
                (summaries.Done, summaries.Late(today), RapidReviewClock.Countdown(summaries, today, BankHolidays.EnglandAndWales)));
            id = review.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var page = await lead.GetDocumentAsync($"/reviews/{id}/rapid");
        Assert.Contains(page.QuerySelectorAll(".govuk-tag--grey"), t => t.TextContent.Trim() == "No agency asked in Parallax");
        var text = await WordPackTextAsync(lead, id);
        Assert.Contains("No agency was asked for a summary in Parallax: the Rapid Review meeting was held without summaries recorded here.", text);
        // The stages table's row (stage, due, working day, where it is), worked out by hand: 30 April 2025 is working day 7.
        Assert.Contains("Agency summaries30 April 20257No agency asked in Parallax", text);
    }

    [Fact]
    public async Task SubmissionPack_InWord_HoldsSummariesSignOffAndDecision()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (review, asked) = await PoliceAskedAsync(scope.ServiceProvider, "Child Pack");
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var request = await scope.ServiceProvider.GetRequiredService<ChronologyWriting>().AgencyRequestAsync(app.Data.Partnership.Id, app.Data.Police.Id, asked);
            await rapid.SaveSummaryAsync(request, new AgencySummaryInput("Known since 2024.", "Calls not linked.", "Link calls.", "Briefing given."), null, Police);
            await rapid.SubmitSummaryAsync(request, Police);
            foreach (var partner in Enum.GetValues<SafeguardingPartner>())
                await rapid.SignOffAsync(review, partner, $"Signer for the {PartnerSignOff.Describe(partner)}", "Executive", new DateOnly(2025, 5, 12), "lead", despiteMissing: true);
            await rapid.DecideAsync(review, RapidReviewDecision.NoPracticeReview, "The learning is already being acted on by a thematic audit.", "lead", review.Version, despiteMissing: true);
            id = review.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var text = await WordPackTextAsync(lead, id);
        Assert.Contains("Calls not linked.", text);
        Assert.Contains("Signer for the Police", text);
        Assert.Contains("No Child Safeguarding Practice Review", text);
        Assert.Contains("The learning is already being acted on by a thematic audit.", text);
        Assert.Contains("13 May 2025", text);
        // Words that stay true after the day the pack is made, and headings that do not speak to the agency.
        Assert.DoesNotContain("Due today", text);
        Assert.DoesNotContain("working days left", text);
        Assert.Contains("Overdue: due 13 May 2025, not done by", text);
        Assert.Contains("The agency's involvement", text);
        Assert.DoesNotContain("Your agency's involvement", text);
        // The partners went ahead without the meeting recorded as held: the pack says so, not only the trail (decision 0076).
        Assert.Contains("Signed off with items missing", text);
        Assert.Contains("The police signed off without the Rapid Review meeting (not recorded as held).", text);
        Assert.Contains("The partners recorded the decision without the Rapid Review meeting (not recorded as held).", text);

        var pdf = await lead.GetAsync($"/reviews/{id}/rapid?handler=PackPdf");
        using var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var pages = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("The police signed off without the Rapid Review meeting (not recorded as held).", pages);
        Assert.Contains("Signed off with items missing", pages);
    }

    [Fact]
    public async Task Asking_AfterTheSummariesWereDue_IsRefusedWithASentence_AndNothingIsSent()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Late Ask");
            await scope.ServiceProvider.GetRequiredService<ReviewOpening>().AddAgencyAsync(review, app.Data.Police.Id);
            id = review.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var refused = await lead.SubmitFormAsync($"/reviews/{id}?handler=Send", new() { ["WorkingDays"] = "5" }, $"/reviews/{id}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var error = (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#WorkingDays", error.GetAttribute("href"));
        Assert.StartsWith("The agency summaries were due on 30 April 2025, so the agencies would be asked for something already due. Set a later date", error.TextContent.Trim());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var request = await db.ChronologyRequests.SingleAsync(r => r.ReviewId == id);
            Assert.Equal(ChronologyStatus.Draft, request.Status);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Body.Contains($"/chronologies/{request.Id}")));
        }
    }

    [Fact]
    public async Task SummariesDateMoved_AndASummaryReopenedAfterTheDecision_TheAgencyIsToldAndChasedAgain_AndSeesItOnItsHome()
    {
        var (id, request) = await PoliceAskedAsync("Child Moved");
        async Task OnAsync(DateOnly day, Func<IServiceProvider, PracticeReview, Task> act)
        {
            await using var services = app.CommandServices(new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)));
            await using var scope = services.CreateAsyncScope();
            await act(scope.ServiceProvider, await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.SingleAsync(r => r.Id == id));
        }

        // On Wednesday 23 April the lead moves the summaries from Wednesday 30 April to Friday 2 May: the police are told.
        await OnAsync(new DateOnly(2025, 4, 23), (s, r) => s.GetRequiredService<RapidReviews>().SetDatesAsync(r, new RapidReviewDates(null, new DateOnly(2025, 5, 2), null, false, null, null), r.Version));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var moved = await db.OutboxMessages.SingleAsync(m => m.Kind == "summary-date-moved" && m.Body.Contains($"/chronologies/{request}/summary"));
            Assert.Equal(TestPartnership.PoliceAuditor, moved.To);
            Assert.Contains("from Wednesday 30 April 2025 to Friday 2 May 2025", moved.Body);
        }

        // The police submit; the meeting is held; the partners sign off and decide on 12 May.
        await OnAsync(new DateOnly(2025, 4, 30), async (s, r) =>
        {
            var rapid = s.GetRequiredService<RapidReviews>();
            var asked = await s.GetRequiredService<ChronologyWriting>().AgencyRequestAsync(app.Data.Partnership.Id, app.Data.Police.Id, request);
            await rapid.SaveSummaryAsync(asked, new AgencySummaryInput("Known since 2024.", "Calls not linked.", "Link calls.", "Briefing given."), null, Police);
            await rapid.SubmitSummaryAsync(asked, Police);
        });
        await OnAsync(new DateOnly(2025, 5, 12), async (s, r) =>
        {
            var rapid = s.GetRequiredService<RapidReviews>();
            await rapid.SetDatesAsync(r, new RapidReviewDates(null, new DateOnly(2025, 5, 2), null, true, null, null), r.Version);
            // A sign-off dated before the meeting held on 6 May is refused with a sentence (decision 0076).
            var early = await Assert.ThrowsAnyAsync<DomainException>(() => rapid.SignOffAsync(r, SafeguardingPartner.Police, "D. Officer", "Superintendent", new DateOnly(2025, 5, 2), "lead"));
            Assert.Contains(early.Problems, p => p.Field == "SignedOn" && p.Message.StartsWith("Sign-off cannot be before the Rapid Review meeting (6 May 2025)", StringComparison.Ordinal));
            foreach (var partner in Enum.GetValues<SafeguardingPartner>())
                await rapid.SignOffAsync(r, partner, "A. Signer", "Executive", new DateOnly(2025, 5, 12), "lead");
            await rapid.DecideAsync(r, RapidReviewDecision.NoPracticeReview, "Learning taken forward by an audit.", "lead", r.Version);
        });

        // After the decision the lead reopens the police's summary: the police are e-mailed, see it on their home and are chased.
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/reviews/{id}/rapid/summaries";
        var reopen = await lead.OpenFormAsync(url, $"#summary-{request} button[type=submit]");
        Assert.Equal(HttpStatusCode.Redirect, (await reopen.PostAsync(lead)).StatusCode);
        Assert.Contains("The agency has been e-mailed", (await lead.GetDocumentAsync(url)).QuerySelector(".govuk-notification-banner")!.TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "summary-reopened" && m.To == TestPartnership.PoliceAuditor && m.Body.Contains($"/chronologies/{request}/summary")));
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Contains((await police.GetDocumentAsync("/")).QuerySelectorAll("#agency-summaries li"), li => li.TextContent.Contains("Child Moved"));
        await using (var services = app.CommandServices(new FakeTimeProvider(new DateTimeOffset(2025, 5, 14, 9, 0, 0, TimeSpan.Zero))))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ChronologyChaser>().ChaseAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.AnyAsync(m => m.Kind == "summary-overdue" && m.Body.Contains($"/chronologies/{request}/summary")));
        }
    }

    [Fact]
    public async Task LeadEntersASummary_OnBehalfOfTheAgency_RecordedSoInTheTrailAndThePack()
    {
        var (id, request) = await PoliceAskedAsync("Child Behalf");
        var (other, _) = await PoliceAskedAsync("Child Elsewhere");

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var list = await lead.GetDocumentAsync($"/reviews/{id}/rapid/summaries");
        var url = list.QuerySelector($"#enter-{request}")!.GetAttribute("href")!;
        // The same request under another review of the partnership is not found: the page's record filter checks it belongs to the route's review.
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/reviews/{other}/rapid/summaries/{request}")).StatusCode);
        // A part missing: refused with the sentence, what was typed kept.
        var missing = await (await lead.OpenFormAsync(url, "button[formaction]")).Set("Involvement", "Officers attended twice.").PostAsync(lead);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Enter \"Analysis\" before submitting the summary", (await missing.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var submitted = await (await lead.OpenFormAsync(url, "button[formaction]"))
            .Set("Involvement", "Officers attended twice.").Set("Analysis", "Calls not linked.").Set("ImmediateLearning", "Link calls.").Set("ActionsTaken", "Briefing given.").PostAsync(lead);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("(review lead) on behalf of the agency", (await lead.GetDocumentAsync($"/reviews/{id}/rapid/summaries")).QuerySelector($"#summary-{request}")!.TextContent);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var summary = await db.AgencySummaries.SingleAsync(s => s.RequestId == request);
            Assert.Equal((AgencySummaryStatus.Submitted, TestPartnership.Lead, TestPartnership.Lead), (summary.Status, summary.SubmittedBy, summary.EnteredByLead));
            var reasons = await db.AuditEvents.Where(e => e.Entity == nameof(AgencySummary) && e.EntityKey == summary.Id.ToString()).Select(e => e.Reason).ToListAsync();
            Assert.Contains("Submitted by the review lead on behalf of the agency", reasons);
        }

        Assert.Contains("Entered and submitted by the review lead on behalf of Testshire Police", await WordPackTextAsync(lead, id));
    }

    [Fact]
    public async Task WhoWritesASummary_IsCoreRule_AnotherAgencysAuditorFindsNothing_ALeadWritesOnBehalf()
    {
        var (_, request) = await PoliceAskedAsync("Child Rule");
        var input = new AgencySummaryInput("Known since 2024.", "Calls not linked.", "Link calls.", "Briefing given.");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var asked = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.SingleAsync(r => r.Id == request);
            // The school's auditor, a viewer, and the police auditor of another partnership: as if the request did not exist.
            var school = Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.School.Id, "school");
            var viewer = new Caller(Guid.NewGuid(), app.Data.Partnership.Id, null, new HashSet<string> { Roles.Viewer }, "viewer");
            var elsewhere = Caller.AgencyAuditor(Guid.NewGuid(), app.Data.Police.Id, "elsewhere");
            foreach (var caller in new[] { school, viewer, elsewhere })
            {
                await Assert.ThrowsAsync<RecordNotFoundException>(() => rapid.SaveSummaryAsync(asked, input, null, caller));
                await Assert.ThrowsAsync<RecordNotFoundException>(() => rapid.SubmitSummaryAsync(asked, caller));
            }

            Assert.Null(await rapid.SummaryAsync(request));
            // A lead (not of the agency) writes on its behalf; the agency's own auditor does not.
            var lead = new Caller(Guid.NewGuid(), app.Data.Partnership.Id, null, new HashSet<string> { Roles.AuditLead }, "lead@testshire.example");
            await rapid.SaveSummaryAsync(asked, input, null, lead);
            Assert.Equal("lead@testshire.example", (await rapid.SummaryAsync(request))!.EnteredByLead);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var asked = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.SingleAsync(r => r.Id == request);
            await rapid.SubmitSummaryAsync(asked, Police);
            var summary = (await rapid.SummaryAsync(request))!;
            Assert.Equal((AgencySummaryStatus.Submitted, "police"), (summary.Status, summary.SubmittedBy));
        }
    }

    [Fact]
    public async Task AskingForChronologies_TheBannerNamesTheAgenciesEmailed_AndThoseWithNobodyToEmail()
    {
        Guid id, housing;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = new Parallax.Core.Agencies.Agency { PartnershipId = app.Data.Partnership.Id, Code = "H" + Guid.NewGuid().ToString("N")[..6], Name = "Testshire Housing " + Guid.NewGuid().ToString("N")[..4], Type = Parallax.Core.Agencies.AgencyType.Other };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            housing = agency.Id;
            var review = await RapidReviewAsync(scope.ServiceProvider, "Child Banner", scope.ServiceProvider.GetRequiredService<PartnershipCalendar>().Today);
            var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
            await opening.AddAgencyAsync(review, app.Data.Police.Id);
            await opening.AddAgencyAsync(review, housing);
            id = review.Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}?handler=Send", new() { ["WorkingDays"] = "5" }, $"/reviews/{id}")).StatusCode);
        var banner = (await lead.GetDocumentAsync($"/reviews/{id}")).QuerySelector(".govuk-notification-banner")!.TextContent;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var name = await db.Agencies.Where(a => a.Id == housing).Select(a => a.Name).SingleAsync();
            var requests = await db.ChronologyRequests.Where(r => r.ReviewId == id).ToListAsync();
            var police = requests.Single(r => r.AgencyId == app.Data.Police.Id).Id;
            var toHousing = requests.Single(r => r.AgencyId == housing).Id;
            // The police's auditor was e-mailed; housing has no auditor, so nothing was queued for it.
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "chronology-requested" && m.Body.Contains($"/chronologies/{police}")));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "chronology-requested" && m.Body.Contains($"/chronologies/{toHousing}")));
            Assert.Contains("E-mailed: Testshire Police.", banner);
            Assert.Contains($"Not e-mailed, because no agency auditor is set up: {name}.", banner);
            Assert.DoesNotContain("They have been e-mailed", banner);
        }
    }
}

public sealed class SqliteRapidReviewTests(SqliteAppFactory app) : RapidReviewTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRapidReviewTests(PostgresAppFactory app) : RapidReviewTests(app), IClassFixture<PostgresAppFactory>;
