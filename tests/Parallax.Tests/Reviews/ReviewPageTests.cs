using DocumentFormat.OpenXml.Wordprocessing;
namespace Parallax.Tests.Reviews;

/// <summary>Practice reviews over HTTP: the lead's review, agencies' chronologies by form and upload, the merged view, exports, access.</summary>
public abstract class ReviewPageTests(ParallaxAppFactory app)
{
    private async Task<Guid> StartReviewAsync(HttpClient lead, string title)
    {
        var response = await lead.SubmitFormAsync("/reviews/new", new()
        {
            ["Kind"] = "PracticeReview", ["Title"] = title, ["TriggerIncident"] = "serious injury to a toddler at home",
            ["IncidentOn.Day"] = "1", ["IncidentOn.Month"] = "10", ["IncidentOn.Year"] = "2025",
            ["NotifiedOn.Day"] = "3", ["NotifiedOn.Month"] = "10", ["NotifiedOn.Year"] = "2025",
            ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024",
            ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "10", ["PeriodTo.Year"] = "2025",
            ["SubjectUin"] = "RV" + Guid.NewGuid().ToString("N")[..8], ["SubjectInitials"] = "QZ", ["SubjectAge"] = "2", ["SubjectSex"] = "Male", ["SubjectLevel"] = "ChildInNeed",
            ["MemberRoles[0]"] = "Mother", ["MemberInitials[0]"] = "AB", ["MemberRoles[1]"] = "StepParentOrPartner", ["MemberInitials[1]"] = "CD",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        foreach (var agency in new[] { app.Data.Police.Id, app.Data.School.Id })
            Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}?handler=AddAgency", new() { ["AgencyId"] = agency.ToString() }, $"/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}?handler=Send", new() { ["WorkingDays"] = "10" }, $"/reviews/{id}")).StatusCode);
        return id;
    }

    private async Task<Guid> RequestIdAsync(Guid review, Guid agency)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        return await db.ChronologyRequests.Where(r => r.ReviewId == review && r.AgencyId == agency).Select(r => r.Id).SingleAsync();
    }

    private async Task<int> EventCountAsync(Guid request)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyEvents.CountAsync(e => e.RequestId == request);
    }

    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes("Date,Date precision,Time,Event,Household members,Source reference,Agency comment\n" + string.Join("\n", rows));

    // The same with the optional "Event type" column last: an event whose words suggest no type needs one (or "Other") to be submitted.
    private static byte[] TypedCsv(params string[] rows) =>
        Encoding.UTF8.GetBytes("Date,Date precision,Time,Event,Household members,Source reference,Agency comment,Event type\n" + string.Join("\n", rows));

    private async Task<string> TypeIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        return (await db.ChronologyEventTypes.Where(t => t.PartnershipId == app.Data.Partnership.Id && t.Name == name).Select(t => t.Id).SingleAsync()).ToString();
    }

    [Fact]
    public async Task Review_AgenciesSubmitByFormAndUpload_MergedChronologyWordTableAndAuditFromReview()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var review = await StartReviewAsync(lead, "Child Q");
        var policeRequest = await RequestIdAsync(review, app.Data.Police.Id);
        var schoolRequest = await RequestIdAsync(review, app.Data.School.Id);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "chronology-requested" && m.To == TestPartnership.PoliceAuditor && m.Body.Contains($"/chronologies/{policeRequest}")));
        }

        // The police enter one event by form; its type is only suggested, so submitting is refused until they confirm it.
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var added = await police.SubmitFormAsync($"/chronologies/{policeRequest}/events/new", new()
        {
            ["Date"] = "14/03/2025", ["Time"] = "22:10", ["Text"] = "Officers attended a domestic incident at the home: mother and partner arguing, child present",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var refused = await police.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Submit", [], $"/chronologies/{policeRequest}");
        Assert.Contains("Confirm the type of 1 event before submitting", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await police.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Confirm", [], $"/chronologies/{policeRequest}");
        Assert.Equal(HttpStatusCode.Redirect, (await police.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Submit", [], $"/chronologies/{policeRequest}")).StatusCode);

        // The school uploads a spreadsheet: a month, a day that two agencies recorded, and a range.
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var uploaded = await school.UploadAsync($"/chronologies/{schoolRequest}?handler=Upload", "Upload", "school.csv", TypedCsv(
            "March 2025,,,First attendance letter about poor attendance,Child; mother,S-1,,Other",
            "15/03/2025,,,Child said police came to the home after mother and partner were arguing; domestic incident,child,S-2,Shared with CSC,",
            "Nov 2024 - Jan 2025,,,Child often late to school,QZ,S-3,,Other"), $"/chronologies/{schoolRequest}");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        await school.SubmitFormAsync($"/chronologies/{schoolRequest}?handler=Confirm", [], $"/chronologies/{schoolRequest}");
        Assert.Equal(HttpStatusCode.Redirect, (await school.SubmitFormAsync($"/chronologies/{schoolRequest}?handler=Submit", [], $"/chronologies/{schoolRequest}")).StatusCode);

        // The merged chronology: range first (November 2024), then March 2025 heading its month, then the two days; the pair grouped.
        var merged = await lead.GetDocumentAsync($"/reviews/{review}/chronology");
        var rows = merged.QuerySelectorAll("table.parallax-chronology tbody tr").ToList();
        Assert.Equal(["November 2024 to January 2025", "March 2025", "14 March 2025 22:10", "15 March 2025"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal(2, rows.Count(r => r.ClassList.Contains("parallax-duplicate")));
        Assert.Contains("Also recorded by TEDU", rows[2].TextContent);
        // The one incident that police and school both recorded counts once: not "repeated".
        var domesticAbuse = merged.QuerySelector("#indicator-domestic-abuse")!.TextContent;
        Assert.Contains("Does not show", domesticAbuse);
        Assert.Contains("1 incident:", domesticAbuse);

        var filtered = await lead.GetDocumentAsync($"/reviews/{review}/chronology?agency={app.Data.School.Id}&from=March+2025");
        Assert.Equal(2, filtered.QuerySelectorAll("table.parallax-chronology tbody tr").Length);
        // The exports carry the same filters.
        Assert.Equal($"/reviews/{review}/chronology?handler=Word&agency={app.Data.School.Id}&from=March%202025", filtered.QuerySelector("a[href*='handler=Word']")!.GetAttribute("href"));

        // The Word export: one table shaped like a published review's, Date | Event | Agency, one row per event.
        var word = await lead.GetAsync($"/reviews/{review}/chronology?handler=Word");
        using (var document = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false))
        {
            var table = document.MainDocumentPart!.Document.Body!.Descendants<Table>().Single();
            var cells = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(["Date", "Event", "Agency"], cells[0]);
            Assert.Equal(5, cells.Count);
            Assert.Equal(["14 March 2025 22:10", "Officers attended a domestic incident at the home: mother and partner arguing, child present", "TPOL (also recorded by TEDU)"], cells[3]);
        }

        var report = await lead.GetAsync($"/reviews/{review}?handler=Report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);

        // Learning with a theme, then an audit that starts from the review's themes.
        var themes = await lead.GetDocumentAsync($"/reviews/{review}/learning");
        var chronologyTheme = themes.QuerySelectorAll("#ThemeId option").Single(o => o.TextContent == "Chronology").GetAttribute("value")!;
        await lead.SubmitFormAsync($"/reviews/{review}/learning", new() { ["Kind"] = "LearningPoint", ["Text"] = "Each concern was handled on its own.", ["ThemeId"] = chronologyTheme });
        // A recommendation goes into the action plan and takes an action there.
        await lead.SubmitFormAsync($"/reviews/{review}/learning", new() { ["Kind"] = "Recommendation", ["Text"] = "Agencies to share chronologies at every step-down.", ["ThemeId"] = chronologyTheme });
        var learningPage = await lead.GetDocumentAsync($"/reviews/{review}/learning");
        var toPlan = learningPage.QuerySelector("form[action*='handler=ActionPlan']")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync(toPlan, [], $"/reviews/{review}/learning")).StatusCode);
        var addAction = (await lead.GetDocumentAsync($"/reviews/{review}/learning")).QuerySelector("a[href*='/actions/new']")!.GetAttribute("href")!;
        var action = await lead.SubmitFormAsync(addAction, new()
        {
            ["OwnerAgencyId"] = app.Data.Police.Id.ToString(), ["What"] = "Share the chronology with health at every step-down", ["Measure"] = "9 of 10 step-downs sampled",
            ["DueOn.Day"] = "1", ["DueOn.Month"] = "6", ["DueOn.Year"] = (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal($"/reviews/{review}/learning", action.Headers.Location!.OriginalString);
        var plan = await lead.GetDocumentAsync("/actions");
        Assert.Contains(plan.QuerySelectorAll("table tbody tr"), r => r.TextContent.Contains("Share the chronology with health at every step-down") && r.TextContent.Contains("Child Q"));

        var newAudit = await lead.GetDocumentAsync($"/audits/new?reviewId={review}");
        Assert.Equal("Chronology", newAudit.QuerySelector("#Theme")!.GetAttribute("value"));
        Assert.Equal("Child Safeguarding Practice Review: Child Q", newAudit.QuerySelector("#ThemeSource")!.GetAttribute("value"));
        Assert.Contains("Learning point 1: Each concern was handled on its own.", newAudit.QuerySelector("#TermsOfReference")!.TextContent);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Contains(await db.AuditEvents.Where(e => e.Entity == nameof(ChronologyRequest) && e.EntityKey == schoolRequest.ToString()).FieldsAsync(),
                e => e.Field == nameof(ChronologyRequest.Status) && e.NewValue == "Submitted");
            var learning = await scope.ServiceProvider.GetRequiredService<Parallax.Core.Actions.LearningOverTime>().ThemesAsync(app.Data.Partnership.Id);
            Assert.Contains(learning, t => t.Theme == "Chronology" && t.Years.Any(y => y.Year == 2025 && y.Areas >= 1));
        }
    }

    /// <summary>
    /// The merged events of a submitted chronology are kept in memory between pages (decision 0080). Whatever changes
    /// what they were made from must show on the next page: the lead retyping an event, an event changed by any other
    /// path (here straight through the database context, as a future command or retention might), a type renamed.
    /// </summary>
    [Fact]
    public async Task MergedChronology_ReadAgainAfterARetypeAnEditAndARenamedType_ShowsEachChange()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var review = await StartReviewAsync(lead, "Child V");
        var policeRequest = await RequestIdAsync(review, app.Data.Police.Id);
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(HttpStatusCode.Redirect, (await police.SubmitFormAsync($"/chronologies/{policeRequest}/events/new", new()
        {
            ["Date"] = "14/03/2025", ["Text"] = "Officers attended a domestic incident at the home: mother and partner arguing",
        })).StatusCode);
        await police.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Confirm", [], $"/chronologies/{policeRequest}");
        Assert.Equal(HttpStatusCode.Redirect, (await police.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Submit", [], $"/chronologies/{policeRequest}")).StatusCode);

        async Task<(string Row, string DomesticAbuse)> MergedAsync()
        {
            var page = await lead.GetDocumentAsync($"/reviews/{review}/chronology");
            return (page.QuerySelector("table.parallax-chronology tbody tr")!.TextContent, page.QuerySelector("#indicator-domestic-abuse")!.TextContent);
        }

        var first = await MergedAsync();
        Assert.Contains("Domestic abuse incident", first.Row);
        Assert.Contains("1 incident:", first.DomesticAbuse);
        Assert.Equal(first, await MergedAsync());

        // The lead retypes it as "Other": the row and the indicator both follow.
        Guid eventId;
        using (var scope = app.Services.CreateScope())
            eventId = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyEvents.Where(e => e.RequestId == policeRequest).Select(e => e.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{review}/chronology/retype?event={eventId}",
            new() { ["TypeIds"] = await TypeIdAsync("Other") }, $"/reviews/{review}/chronology/retype?event={eventId}")).StatusCode);
        var retyped = await MergedAsync();
        Assert.DoesNotContain("Domestic abuse incident", retyped.Row);
        Assert.Contains("Other", retyped.Row);
        Assert.DoesNotContain("1 incident:", retyped.DomesticAbuse);

        // An event's words changed by another path than the pages, and the type it has renamed: both show.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            (await db.ChronologyEvents.SingleAsync(e => e.Id == eventId)).Text = "Officers attended the home after a neighbour called";
            await db.SaveChangesAsync();
        }

        Assert.Contains("Officers attended the home after a neighbour called", (await MergedAsync()).Row);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var other = Guid.Parse(await TypeIdAsync("Other"));
            (await db.ChronologyEventTypes.SingleAsync(t => t.Id == other)).Name = "Other (not listed)";
            await db.SaveChangesAsync();
        }

        Assert.Contains("Other (not listed)", (await MergedAsync()).Row);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var other = Guid.Parse(await TypeIdAsync("Other (not listed)"));
            (await db.ChronologyEventTypes.SingleAsync(t => t.Id == other)).Name = "Other";
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Upload_WithBadRows_ListsEveryProblemAndStoresNothing()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var review = await StartReviewAsync(lead, "Child V");
        var request = await RequestIdAsync(review, app.Data.Police.Id);
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var nextYear = DateTime.UtcNow.Year + 1;

        var response = await police.UploadAsync($"/chronologies/{request}?handler=Upload", "Upload", "bad.csv", Csv(
            "June 2017,,,A good row,child,,",
            "31/13/2018,,,Bad date,child,,",
            "April 2019 - November 2018,,,Backwards range,child,,",
            $"March {nextYear},,,Future,child,,",
            "Spring 2018,,,A season,child,,",
            "June 2018,,,Mother told Michael Thompson at the door,child,,",
            "July 2018,,,Unknown person,XY,,"), $"/chronologies/{request}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var problems = page.QuerySelectorAll("#problems tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(6, problems.Count);
        Assert.Contains("3 | Date | \"31/13/2018\" is not a real date: check the day, month and year", problems);
        Assert.Contains(problems, p => p.StartsWith("4 | Date | The range", StringComparison.Ordinal) && p.Contains("ends before it starts"));
        Assert.Contains(problems, p => p.StartsWith("5 | Date |", StringComparison.Ordinal) && p.Contains("in the future"));
        Assert.Contains(problems, p => p.StartsWith("6 | Date |", StringComparison.Ordinal) && p.Contains("is a season"));
        Assert.Contains(problems, p => p.StartsWith("7 | Event | \"Michael Thompson\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("8 | Household members | \"XY\" is not someone in the household", StringComparison.Ordinal));
        Assert.Contains("nothing was added", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(0, await EventCountAsync(request));

        var missingColumn = await police.UploadAsync($"/chronologies/{request}?handler=Upload", "Upload", "short.csv",
            Encoding.UTF8.GetBytes("Date,Event\nJune 2017,Something\n"), $"/chronologies/{request}");
        Assert.Contains("The file has no \"Date precision\", \"Time\", \"Household members\", \"Source reference\", \"Agency comment\" columns",
            (await missingColumn.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var notAWorkbook = await police.UploadAsync($"/chronologies/{request}?handler=Upload", "Upload", "fake.xlsx", Encoding.UTF8.GetBytes("not a zip"), $"/chronologies/{request}");
        Assert.Contains("is not an Excel workbook", (await notAWorkbook.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(0, await EventCountAsync(request));
    }

    [Fact]
    public async Task Access_AgenciesReachOnlyTheirOwnChronology_AndTheMergedOneOnlyWhenShared()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var review = await StartReviewAsync(lead, "Child X");
        var policeRequest = await RequestIdAsync(review, app.Data.Police.Id);
        var schoolRequest = await RequestIdAsync(review, app.Data.School.Id);
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);

        // Another agency's chronology: not found, for reading, adding and submitting; nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/chronologies/{policeRequest}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/chronologies/{policeRequest}?handler=Template")).StatusCode);
        // Its own template: a CSV Excel opens with accents intact (a byte-order mark), headed by the upload's columns.
        var template = await school.GetAsync($"/chronologies/{schoolRequest}?handler=Template");
        Assert.Equal("text/csv", template.Content.Headers.ContentType!.MediaType);
        Assert.Equal("parallax-chronology-template.csv", template.Content.Headers.ContentDisposition!.FileNameStar ?? template.Content.Headers.ContentDisposition.FileName);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("Date,Date precision,", Encoding.UTF8.GetString(bytes[3..]));
        var sneaked = await school.SubmitFormAsync($"/chronologies/{policeRequest}/events/new", new() { ["Date"] = "June 2017", ["Text"] = "Planted" }, $"/chronologies/{schoolRequest}/events/new");
        Assert.Equal(HttpStatusCode.NotFound, sneaked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.SubmitFormAsync($"/chronologies/{policeRequest}?handler=Submit", [], $"/chronologies/{schoolRequest}")).StatusCode);
        Assert.Equal(0, await EventCountAsync(policeRequest));

        // The merged chronology is the leads' until the review shares it with contributing agencies.
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/chronologies/{schoolRequest}/merged")).StatusCode);
        var details = await lead.GetDocumentAsync($"/reviews/{review}/details");
        var shared = await lead.SubmitFormAsync($"/reviews/{review}/details", new()
        {
            ["Version"] = details.QuerySelector("input[name=Version]")!.GetAttribute("value")!, ["Access"] = "ContributingAgencies", ["Status"] = "ChronologiesRequested",
            ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024", ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "10", ["PeriodTo.Year"] = "2025",
        });
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);

        // Shared with contributing agencies: an agency that has not sent its own chronology is not one yet.
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/chronologies/{schoolRequest}/merged")).StatusCode);
        Assert.Null((await school.GetDocumentAsync($"/chronologies/{schoolRequest}")).QuerySelector($"a[href='/chronologies/{schoolRequest}/merged']"));
        await school.SubmitFormAsync($"/chronologies/{schoolRequest}/events/new", new() { ["Date"] = "14/03/2025", ["Text"] = "Attendance fell to 60% in the spring term", ["TypeIds"] = await TypeIdAsync("Other") });
        await school.SubmitFormAsync($"/chronologies/{schoolRequest}?handler=Confirm", [], $"/chronologies/{schoolRequest}");
        Assert.Equal(HttpStatusCode.Redirect, (await school.SubmitFormAsync($"/chronologies/{schoolRequest}?handler=Submit", [], $"/chronologies/{schoolRequest}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await school.GetAsync($"/chronologies/{schoolRequest}/merged")).StatusCode);

        // A stale copy of the details form conflicts visibly instead of overwriting.
        var stale = await lead.SubmitFormAsync($"/reviews/{review}/details", new()
        {
            ["Version"] = details.QuerySelector("input[name=Version]")!.GetAttribute("value")!, ["Access"] = "LeadsOnly", ["Status"] = "Analysis",
            ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024", ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "10", ["PeriodTo.Year"] = "2025",
        });
        Assert.Contains("Someone else changed this review", (await stale.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        // Other roles and partnerships.
        var otherLead = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/reviews/{review}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/reviews/{review}/chronology?handler=Workbook")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.SubmitFormAsync($"/reviews/{review}?handler=AddAgency", new() { ["AgencyId"] = app.Data.Police.Id.ToString() }, "/reviews/new")).StatusCode);
        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/reviews/{review}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync($"/reviews/{review}/chronology")).StatusCode);
        var lead2 = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead2.GetAsync("/chronologies")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync($"/reviews/{review}")).StatusCode);
    }

    [Fact]
    public async Task APublishedReview_WithALongRichAnalysis_PrintsToWordAndPdf_WithItsStatusOnTheCover()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var review = await StartReviewAsync(lead, "Review with a long analysis");
        // About 37,000 characters, as a published review's analysis runs: twelve sub-headed topics, each with a list.
        var topic = string.Concat(Enumerable.Repeat("Agencies shared what they knew about the household at the points that mattered, and the review looked at each in turn. ", 25));
        var analysis = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"## Topic {i}\n\n{topic}\n\n- what worked in topic {i}\n- what did **not** work in topic {i}"));
        Assert.InRange(analysis.Length, 36_000, 40_000);
        var details = await lead.GetDocumentAsync($"/reviews/{review}/details");
        var saved = await lead.SubmitFormAsync($"/reviews/{review}/details", new()
        {
            ["Version"] = details.QuerySelector("input[name=Version]")!.GetAttribute("value")!, ["Access"] = "LeadsOnly", ["Status"] = "Published", ["Author"] = "Independent reviewer",
            ["PublishedOn.Day"] = "2", ["PublishedOn.Month"] = "3", ["PublishedOn.Year"] = "2026",
            ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024", ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "10", ["PeriodTo.Year"] = "2025",
            ["Analysis"] = analysis,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var word = await lead.GetAsync($"/reviews/{review}?handler=Report");
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false))
        {
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "", Text: p.InnerText)).ToList();
            Assert.Equal(12, paragraphs.Count(p => p.Style == "Heading2" && p.Text.StartsWith("Topic ", StringComparison.Ordinal)));
            Assert.Equal(24, paragraphs.Count(p => p.Style == "ListParagraph" && p.Text.StartsWith("what ", StringComparison.Ordinal)));
            var cover = paragraphs.TakeWhile(p => p.Style != "TOCHeading").Select(p => p.Text).ToList();
            Assert.Contains("Status: Published", cover);
            Assert.Contains("Author: Independent reviewer", cover);
            Assert.Contains("Published: 2 March 2026", cover);
            Assert.DoesNotContain(cover, t => t.Contains("Draft", StringComparison.Ordinal) || t.Contains("OFFICIAL", StringComparison.Ordinal));
        }

        var pdf = await lead.GetAsync($"/reviews/{review}?handler=ReportPdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var pages = read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        Assert.Contains("Status: Published", pages[0]);
        // The contents carry page numbers: "Topic 12 ....... N", N the page the heading is on.
        var topic12 = pages.FindIndex(2, p => p.Contains("Topic 12", StringComparison.Ordinal));
        Assert.Matches($@"Topic 12\s*\.*\s*{topic12 + 1}\b", pages[1]);
    }
}

public sealed class SqliteReviewPageTests(SqliteAppFactory app) : ReviewPageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReviewPageTests(PostgresAppFactory app) : ReviewPageTests(app), IClassFixture<PostgresAppFactory>;
