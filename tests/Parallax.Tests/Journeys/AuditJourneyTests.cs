namespace Parallax.Tests.Journeys;

/// <summary>
/// A multi-agency case audit in a real browser against a real <c>serve</c> process, as the people who run one:
/// the lead copies a shipped tool, sets up the audit, adds a case, records which agencies know the child and
/// sends the requests; the police auditor completes the return with the keyboard alone; the school downloads
/// the return as a workbook, fills it in and uploads it; the lead raises a query on the compiled case and the
/// police answer it; the lead records the panel's meeting and what it agreed; the report is generated and its
/// Word file downloaded and opened. axe-core checks every page on the way.
/// </summary>
public sealed class AuditJourneyTests : BrowserJourney
{
    protected override string Name => "audit";

    [Fact]
    public async Task Audit_FromSharedToolToDownloadedReport_InARealBrowser_AccessibleAtEveryStep()
    {
        // The lead copies a shipped tool into the partnership and sets up an audit with it.
        var lead = await SignInAsync(TestPartnership.Lead);
        await lead.GotoAsync("/tools");
        await CheckAsync(lead, "tools");
        await lead.ClickAsync("button:has-text('Copy Trigger trio: outcomes for the child into the partnership')");
        await lead.GotoAsync("/audits/new");
        await lead.ClickAsync("button:has-text('Set up the audit')");
        Assert.Contains("There is a problem", await lead.TextContentAsync(".govuk-error-summary"));
        await CheckAsync(lead, "new-audit-errors");
        await lead.FillAsync("#Title", "Multi-agency audit: the voice of the child");
        await lead.FillAsync("#Theme", "Voice of the child");
        await lead.SelectOptionAsync("#Tool", new SelectOptionValue { Index = 1 });
        var today = DateTime.Today;
        await lead.FillAsync("#RequestsSentOn_Day", today.Day.ToString());
        await lead.FillAsync("#RequestsSentOn_Month", today.Month.ToString());
        await lead.FillAsync("#RequestsSentOn_Year", today.Year.ToString());
        await lead.FillAsync("#ReturnWorkingDays", "10");
        await lead.ClickAsync("button:has-text('Set up the audit')");
        await lead.WaitForURLAsync(url => !url.EndsWith("/audits/new", StringComparison.Ordinal));
        var auditUrl = lead.Url;
        await CheckAsync(lead, "audit-overview");
        await Assertions.Expect(lead.Locator("#task-sample-status")).ToHaveTextAsync("Not started");
        await Assertions.Expect(lead.Locator("#task-send-status")).ToHaveTextAsync("Cannot start yet");

        // One child in the sample, known to the police and the school.
        await lead.ClickAsync("text=Add a case to the sample");
        var uin = "JY" + Guid.NewGuid().ToString("N")[..6];
        await lead.FillAsync("#Uin", uin);
        await lead.FillAsync("#Initials", "MV");
        await lead.FillAsync("#AgeYears", "6");
        await lead.CheckAsync("#Sex");
        await lead.SelectOptionAsync("#Ethnicity", new SelectOptionValue { Index = 1 });
        await lead.CheckAsync("#LevelOfNeed-ChildInNeed");
        await lead.CheckAsync("#HeardAtMarac-no");
        await CheckAsync(lead, "add-case");
        await lead.ClickAsync("button:has-text('Add the case')");
        await lead.GotoAsync(auditUrl);
        await lead.ClickAsync($"a:has-text('Record agencies for case {uin}')");
        // People click the label, and screen-reader users hear it: each box is named for its agency and person.
        await lead.GetByLabel("Testshire Police knows Child").CheckAsync();
        await lead.GetByLabel("Testshire Schools knows Child").CheckAsync();
        await CheckAsync(lead, "involvement");
        await lead.ClickAsync("button:has-text('Save')");
        await lead.GotoAsync(auditUrl + "/returns");
        await lead.ClickAsync("button:has-text('Create return requests from the agencies involved')");
        await lead.ClickAsync("a:has-text('Check and send the 2 requests not yet sent')");
        await lead.ClickAsync("button:has-text('Send 2 requests')");
        await Assertions.Expect(lead.Locator(".govuk-panel__title")).ToHaveTextAsync("Requests sent");
        await lead.ClickAsync("a:has-text('Watch the returns come in')");
        await CheckAsync(lead, "returns-sent");
        await lead.GotoAsync(auditUrl);
        await Assertions.Expect(lead.Locator("#task-send-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(lead.Locator("#task-collect-status")).ToHaveTextAsync("In progress");
        await CheckAsync(lead, "audit-task-list");

        // The police auditor completes the return with the keyboard alone, from the top of the page.
        var police = await SignInAsync(TestPartnership.PoliceAuditor);
        await police.GotoAsync("/returns");
        await CheckAsync(police, "police-returns");
        await police.ClickAsync($"a:has-text('{uin}')");
        var policeReturnUrl = police.Url;
        await CheckAsync(police, "police-return-form");
        await CompleteWithTheKeyboardAsync(police);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(Data.Police.Id));
        await CheckAsync(police, "police-return-submitted");

        // The school works offline: downloads the workbook, fills it in, uploads it and submits.
        var school = await SignInAsync(TestPartnership.SchoolAuditor);
        await school.GotoAsync("/returns");
        await school.ClickAsync($"a:has-text('{uin}')");
        var download = await school.RunAndWaitForDownloadAsync(() => school.ClickAsync("text=Download this return as a workbook (.xlsx)"));
        var blank = Path.Combine(Folder, "blank.xlsx");
        await download.SaveAsAsync(blank);
        var filled = Path.Combine(Folder, "school return.xlsx");
        await File.WriteAllBytesAsync(filled, WorkbookEditing.SetCells(await File.ReadAllBytesAsync(blank), ReturnWorkbook.MainSheet, new()
        {
            ["C7"] = "Yes", ["C8"] = "Yes", ["C9"] = "No", ["D9"] = "The child's view was not recorded at the review", ["C10"] = "Yes", ["C11"] = "Yes", ["C12"] = "N/A",
            ["D12"] = "No plan was needed", ["C13"] = "Requires improvement", ["D13"] = "Views were not sought", ["C16"] = "Good", ["D16"] = "Attendance was followed up",
        }));
        await school.SetInputFilesAsync("#Workbook", filled);
        await school.CheckAsync("#UploadAction-submit");
        await CheckAsync(school, "school-upload");
        await school.ClickAsync("button:has-text('Upload the workbook')");
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(Data.School.Id));

        // The lead reads the compiled case, and asks the police a question about TT2.
        await lead.GotoAsync(auditUrl);
        var caseId = await CaseIdAsync(uin);
        await lead.GotoAsync($"{auditUrl}/cases/{caseId}/compiled");
        Assert.Contains("The child's view was not recorded at the review", await lead.TextContentAsync("main"));
        await lead.SelectOptionAsync("#RequestId", new SelectOptionValue { Label = "Testshire Police" });
        await lead.SelectOptionAsync("#QuestionCode", "TT3");
        await lead.FillAsync("#QueryText", "Which review does this answer refer to?");
        await lead.ClickAsync("button:has-text('Send the query')");
        await CheckAsync(lead, "compiled-with-query");

        await police.GotoAsync(policeReturnUrl);
        Assert.Contains("Which review does this answer refer to?", await police.TextContentAsync("main"));
        await CheckAsync(police, "police-query");
        await police.FillAsync("textarea[id^='reply-']", "The review child protection conference in the spring");
        await police.ClickAsync("button:has-text('Send the reply')");
        await lead.GotoAsync($"{auditUrl}/cases/{caseId}/compiled");
        Assert.Contains("The review child protection conference in the spring", await lead.TextContentAsync("main"));

        // The panel meets, and the lead records who came and what they agreed on the case.
        await lead.GotoAsync(auditUrl + "/panel");
        var panelDay = today.AddDays(21);
        await lead.FillAsync("#HeldOn_Day", panelDay.Day.ToString());
        await lead.FillAsync("#HeldOn_Month", panelDay.Month.ToString());
        await lead.FillAsync("#HeldOn_Year", panelDay.Year.ToString());
        await lead.FillAsync("#Attendees", "POL: detective sergeant, safeguarding hub\nEDU: designated safeguarding lead");
        await CheckAsync(lead, "panel-meeting");
        await lead.ClickAsync("button:has-text('Save the meeting')");
        await lead.GotoAsync($"{auditUrl}/cases/{caseId}/panel");
        await lead.FillAsync("#PenPicture", "A 6-year-old known to police and school; child in need.");
        await lead.FillAsync("#WorkedWell", "Attendance concerns were followed up.");
        await lead.FillAsync("#AreasForImprovement", "The child's views were not sought at the review.");
        await lead.FillAsync("#Learning", "Record the child's own words.");
        await lead.CheckAsync("#AgreedGrade-RequiresImprovement");
        await lead.FillAsync("#Rationale", "Agencies worked together, but the child's voice was missing.");
        await CheckAsync(lead, "panel-case");
        await lead.ClickAsync("button:has-text('Save the panel record')");
        await CheckAsync(lead, "panel-case-saved");

        // The conclusions, written with sub-headings and a list, previewed (no script needed) and saved.
        await lead.GotoAsync(auditUrl + "/report/sections/conclusions");
        await lead.FillAsync("#Text", "## The child's voice\n\nThe child's views were **not** sought:\n\n- at the review\n- in the plan\n\n<script>document.title='x'</script>");
        await lead.ClickAsync("button:has-text('Preview')");
        Assert.Equal(["at the review", "in the plan"], await lead.Locator("#preview ul li").AllInnerTextsAsync());
        Assert.Equal("The child's voice", await lead.Locator("#preview h3").InnerTextAsync());
        Assert.NotEqual("x", await lead.TitleAsync());
        await CheckAsync(lead, "report-section-preview");
        await lead.ClickAsync("button:has-text('Save')");
        await lead.WaitForURLAsync(url => url.EndsWith("/report", StringComparison.Ordinal));

        // The report: generated, downloaded as Word and opened.
        await lead.GotoAsync(auditUrl + "/report");
        await lead.ClickAsync("button:has-text('Generate version 1')");
        await CheckAsync(lead, "report");
        var word = await lead.RunAndWaitForDownloadAsync(() => lead.ClickAsync("a:has-text('Word version 1')"));
        var report = Path.Combine(Folder, "report.docx");
        await word.SaveAsAsync(report);
        using (var document = WordprocessingDocument.Open(report, false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("Multi-agency audit: the voice of the child", text);
            Assert.Contains("Requires improvement", text);
            var heading = document.MainDocumentPart.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Single(p => p.InnerText == "The child's voice");
            Assert.Equal("Heading2", heading.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        }

        await lead.GotoAsync(auditUrl + "/analysis");
        await CheckAsync(lead, "analysis");
        Assert.Equal(19, CheckedPages.Count);
    }

    private async Task<ReturnStatus> StatusAsync(Guid agency)
    {
        await using var services = CommandServices();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.AgencyId == agency).Select(r => r.Status).SingleAsync();
    }

    private async Task<Guid> CaseIdAsync(string uin)
    {
        await using var services = CommandServices();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Cases.Where(c => c.Uin == uin).Select(c => c.Id).SingleAsync();
    }
}
