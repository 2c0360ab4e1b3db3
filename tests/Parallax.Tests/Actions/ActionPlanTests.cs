using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Parallax.Tests.Actions;

/// <summary>Recommendations and actions: state and RAG, overdue mail and escalation on a fake clock, evidence, closing, access, the export.</summary>
public abstract class ActionPlanTests(ParallaxAppFactory app)
{
    // Monday 3 June 2030, 09:00 in London.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 6, 3, 8, 0, 0, TimeSpan.Zero));

    private IEvidenceScanner? scanner;

    private ServiceProvider Services() => app.CommandServices(clock, services =>
    {
        if (scanner is not null) services.AddSingleton(scanner);
    });

    private void At(int month, int day, int hourUtc) => clock.SetUtcNow(new DateTimeOffset(2030, month, day, hourUtc, 0, 0, TimeSpan.Zero));

    /// <summary>An audit with one area-for-improvement finding on one case, a recommendation from it, and one action for the police, due Friday 14 June 2030.</summary>
    private async Task<(Guid Audit, Recommendation Recommendation, PlanAction Action)> PlanAsync(ServiceProvider services, Guid? owner = null)
    {
        await using var scope = services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var (audit, @case, _) = await TestAudits.SentAsync(s, partnership, "Actions audit", TestAudits.NewUin("AC"), app.Data.Police.Id);
        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnership)).First(t => t.Name == "Chronology");
        var finding = await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronologies were not kept", [@case.Id]));
        var plans = s.GetRequiredService<ActionPlans>();
        var recommendation = await plans.AddRecommendationAsync(partnership, audit.Id,
            new RecommendationInput("In order to see patterns of concern, Testshire Police to keep a chronology on every child protection case.", Addressee.Agency, null, app.Data.Police.Id, Priority.High, [finding.Id]), "lead");
        var action = await plans.AddActionAsync(partnership, recommendation.Id,
            new ActionInput(app.Data.Police.Id, owner, "Add a chronology prompt to the case recording system", "A dip sample of 10 cases in September shows chronologies in 9", new DateOnly(2030, 6, 14)));
        return (audit.Id, recommendation, action);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<List<OutboxMessage>> MailAsync(ServiceProvider services, Guid audit)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.AuditId == audit && m.Kind.StartsWith("action-")).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private static async Task ChaseAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ActionChaser>().ChaseAsync();
    }

    [Theory]
    [InlineData(ActionProgress.OnTrack, "2030-06-14", ActionState.OnTrack, Rag.Green)]     // due today: not yet overdue
    [InlineData(ActionProgress.OnTrack, "2030-06-13", ActionState.Overdue, Rag.Red)]
    [InlineData(ActionProgress.NotStarted, "2030-07-01", ActionState.NotStarted, Rag.Amber)]
    [InlineData(ActionProgress.AtRisk, "2030-07-01", ActionState.AtRisk, Rag.Amber)]
    [InlineData(ActionProgress.Complete, "2030-06-01", ActionState.Complete, Rag.Green)]  // complete is never overdue
    [InlineData(ActionProgress.Closed, "2030-06-01", ActionState.Closed, Rag.Done)]
    public void State_ComesFromProgressAndTheDueDate(ActionProgress progress, string due, ActionState state, Rag rag)
    {
        var action = new PlanAction { What = "w", Measure = "m", Progress = progress, DueOn = DateOnly.Parse(due) };

        var actual = ActionPlans.StateOf(action, new DateOnly(2030, 6, 14));

        Assert.Equal((state, rag), (actual, ActionPlans.RagOf(actual)));
    }

    [Fact]
    public async Task AnOverdueAction_MailsItsOwnerOnce_AndEscalatesToLeadsAfterFiveWorkingDays()
    {
        await using var services = Services();
        var (audit, _, action) = await PlanAsync(services, await UserIdAsync(TestPartnership.PoliceAuditor));

        At(6, 14, 9); // Friday 14 June, the due date
        await ChaseAsync(services);
        Assert.Empty(await MailAsync(services, audit));

        At(6, 17, 9); // Monday: one working day late
        await ChaseAsync(services);
        await ChaseAsync(services);
        var overdue = Assert.Single(await MailAsync(services, audit));
        Assert.Equal(("action-overdue", TestPartnership.PoliceAuditor), (overdue.Kind, overdue.To));
        Assert.Contains($"/my-actions/{action.Id}", overdue.Body);

        At(6, 20, 9); // Thursday: four working days late
        await ChaseAsync(services);
        Assert.DoesNotContain(await MailAsync(services, audit), m => m.Kind == "action-escalated");

        At(6, 21, 9); // Friday: five working days late, escalated to the partnership's audit lead
        await ChaseAsync(services);
        await ChaseAsync(services);
        var escalated = Assert.Single(await MailAsync(services, audit), m => m.Kind == "action-escalated");
        Assert.Equal(TestPartnership.Lead, escalated.To);
        Assert.Contains("5 working days overdue", escalated.Subject);
        Assert.Equal(2, (await MailAsync(services, audit)).Count);
    }

    [Fact]
    public async Task WithoutANamedOwner_TheAgencysAuditorsAreTold_AndNothingBefore0800()
    {
        await using var services = Services();
        var (audit, _, _) = await PlanAsync(services);

        At(6, 17, 6); // 07:00 in London
        await ChaseAsync(services);
        Assert.Empty(await MailAsync(services, audit));

        At(6, 17, 9);
        await ChaseAsync(services);
        Assert.Equal([TestPartnership.PoliceAuditor], (await MailAsync(services, audit)).Select(m => m.To));
    }

    [Fact]
    public async Task Closing_NeedsEvidence_ThenNoMoreProgress()
    {
        await using var services = Services();
        var (_, _, action) = await PlanAsync(services);
        await using var scope = services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<ActionPlans>();
        var partnership = app.Data.Partnership.Id;

        await plans.ReportAsync(partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.Complete, "Prompt added", [], []), "police");
        var lead = Caller.Lead(partnership, "lead");
        var refused = await Assert.ThrowsAsync<DomainException>(() => plans.CloseAsync(lead, action.Id));
        Assert.Contains("only with evidence", refused.Message);

        await plans.ReportAsync(partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.Complete, "The procedure is published", ["https://intranet.example/chronology-procedure"], []), "police");
        // The owner's auditor has given the evidence, but closing is the partnership's judgement: a lead's.
        var owner = Caller.AgencyAuditor(partnership, app.Data.Police.Id, "police");
        Assert.Contains("Only an audit lead", (await Assert.ThrowsAsync<DomainException>(() => plans.CloseAsync(owner, action.Id))).Message);
        Assert.NotEqual(ActionState.Closed, (await plans.RowAsync(partnership, action.Id))!.State);
        await plans.CloseAsync(lead, action.Id);

        var closed = await plans.RowAsync(partnership, action.Id);
        Assert.Equal((ActionState.Closed, "lead"), (closed!.State, closed.Action.ClosedBy));
        await Assert.ThrowsAsync<DomainException>(() => plans.ReportAsync(partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.OnTrack, "More", [], []), "police"));
        // An agency cannot close by reporting "closed".
        var (_, _, other) = await PlanAsync(services);
        await Assert.ThrowsAsync<DomainException>(() => plans.ReportAsync(partnership, other.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.Closed, "Done", [], []), "police"));
    }

    [Fact]
    public async Task Evidence_OverTheLimit_OfADisallowedType_NotALink_OrRefusedByTheScan_SavesNothing()
    {
        scanner = new RefusingScanner("eicar.txt");
        await using var services = Services();
        var (_, _, action) = await PlanAsync(services);
        await using var scope = services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<ActionPlans>();
        var partnership = app.Data.Partnership.Id;
        Task Report(string[] links, params EvidenceUpload[] files) =>
            plans.ReportAsync(partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.OnTrack, "Progress", links, files), "police");

        var big = await Assert.ThrowsAsync<DomainException>(() => Report([], new EvidenceUpload("minutes.pdf", new byte[ActionPlans.MaxFileBytes + 1])));
        Assert.Contains("10 MB or smaller", big.Message);
        var program = await Assert.ThrowsAsync<DomainException>(() => Report([], new EvidenceUpload("tool.exe", [1, 2, 3])));
        Assert.Contains("not a type of file", program.Message);
        var link = await Assert.ThrowsAsync<DomainException>(() => Report(["javascript:alert(1)"]));
        Assert.Contains("is not a web address", link.Message);
        var infected = await Assert.ThrowsAsync<DomainException>(() => Report([], new EvidenceUpload("eicar.txt", [1])));
        Assert.Contains("refused by the virus scan", infected.Message);
        Assert.Empty(await plans.UpdatesAsync(action.Id));
        Assert.Equal(ActionProgress.NotStarted, (await plans.RowAsync(partnership, action.Id))!.Action.Progress);

        await Report([], new EvidenceUpload(@"C:\Users\me\minutes.pdf", [37, 80, 68, 70]));
        var file = Assert.Single(Assert.Single(await plans.UpdatesAsync(action.Id)).Files);
        Assert.Equal(("minutes.pdf", "application/pdf", 4L, "clean"), (file.FileName, file.ContentType, file.Size, file.ScanResult));
        // The audit trail records the file by size and hash, not its bytes.
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var content = (await db.Set<AuditEvent>().Where(e => e.Entity == nameof(EvidenceFile) && e.EntityKey == file.Id.ToString()).FieldsAsync()).Single(e => e.Field == nameof(EvidenceFile.Content));
        Assert.StartsWith("4 bytes, SHA-256 ", content.NewValue);
    }

    [Fact]
    public async Task Actions_AreRefused_DueBeforeTheRecommendation_OrOwnedOutsideThePartnership()
    {
        await using var services = Services();
        var (_, recommendation, _) = await PlanAsync(services);
        await using var scope = services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<ActionPlans>();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var partnership = app.Data.Partnership.Id;
        var otherAgency = await db.Agencies.Where(a => a.Code == "OPOL").Select(a => a.Id).SingleAsync();
        var otherLead = await UserIdAsync(TestPartnership.OtherLead);
        var before = await db.PlanActions.CountAsync();

        var early = await Assert.ThrowsAsync<DomainException>(() => plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(app.Data.Police.Id, null, "w", "m", new DateOnly(2030, 6, 2))));
        Assert.Equal("The due date must be on or after 3 June 2030, when the recommendation was made", early.Message);
        var foreign = await Assert.ThrowsAsync<DomainException>(() => plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(otherAgency, null, "w", "m", new DateOnly(2030, 7, 1))));
        Assert.Equal(nameof(ActionInput.OwnerAgencyId), foreign.Field);
        var owner = await Assert.ThrowsAsync<DomainException>(() => plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(app.Data.Police.Id, otherLead, "w", "m", new DateOnly(2030, 7, 1))));
        Assert.Equal(nameof(ActionInput.OwnerUserId), owner.Field);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => plans.AddActionAsync(Guid.NewGuid(), recommendation.Id, new ActionInput(app.Data.Police.Id, null, "w", "m", new DateOnly(2030, 7, 1))));
        Assert.Equal(before, await db.PlanActions.CountAsync());
        Assert.Single(recommendation.CaseIds);
    }

    [Fact]
    public async Task AnAgencySeesAndUpdatesOnlyItsOwnActions_TheViewerOnlyReads()
    {
        Guid actionId, schoolActionId;
        await using (var services = Services())
        {
            var (_, recommendation, action) = await PlanAsync(services);
            actionId = action.Id;
            await using var scope = services.CreateAsyncScope();
            schoolActionId = (await scope.ServiceProvider.GetRequiredService<ActionPlans>().AddActionAsync(app.Data.Partnership.Id, recommendation.Id,
                new ActionInput(app.Data.School.Id, null, "Share the school's chronology", "Chronology shared in 9 of 10 cases", new DateOnly(2030, 7, 1)))).Id;
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        var otherLead = await app.SignedInBrowserAsync(TestPartnership.OtherLead);

        Assert.Contains(actionId.ToString(), (await police.GetDocumentAsync("/my-actions")).QuerySelector("#my-actions")!.InnerHtml);
        var schoolList = (await school.GetDocumentAsync("/my-actions")).QuerySelector("#my-actions")!;
        Assert.Null(schoolList.QuerySelector($"a[href='/my-actions/{actionId}']"));
        Assert.NotNull(schoolList.QuerySelector($"a[href='/my-actions/{schoolActionId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/my-actions/{actionId}")).StatusCode);
        // The school posts to the police's action with a token from its own action's form.
        var schoolPost = await school.SubmitFormAsync($"/my-actions/{actionId}", new() { ["Progress"] = "OnTrack", ["Note"] = "Not ours" }, $"/my-actions/{schoolActionId}");
        Assert.Equal(HttpStatusCode.NotFound, schoolPost.StatusCode);

        var saved = await police.UploadAsync($"/my-actions/{actionId}", "Files", "policy.pdf", [37, 80, 68, 70], fields: new() { ["Progress"] = "Complete", ["Note"] = "Prompt added and procedure published", ["Links"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await police.UploadAsync($"/my-actions/{actionId}", "Files", "script.js", [1], fields: new() { ["Progress"] = "OnTrack", ["Note"] = "More" });
        Assert.Contains("not a type of file", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/actions/{actionId}")).StatusCode);
        Assert.Contains("policy.pdf", (await viewer.GetDocumentAsync($"/actions/{actionId}")).QuerySelector("#updates")!.TextContent);
        // The evidence link on each page downloads the file as it was uploaded, from the page it is listed on.
        foreach (var (person, page) in new[] { (viewer, $"/actions/{actionId}"), (police, $"/my-actions/{actionId}") })
        {
            var link = (await person.GetDocumentAsync(page)).QuerySelectorAll("#updates a").Single(a => a.TextContent == "policy.pdf").GetAttribute("href")!;
            Assert.StartsWith(page + "?", link, StringComparison.Ordinal);
            Assert.Equal([37, 80, 68, 70], await (await person.GetAsync(link)).Content.ReadAsByteArrayAsync());
        }
        // With a valid anti-forgery token of their own (from a form they do have), the viewer still cannot close.
        var viewerClose = await viewer.SubmitFormAsync($"/actions/{actionId}?handler=Close", [], "/account/two-factor/set-up");
        Assert.Equal(HttpStatusCode.Forbidden, viewerClose.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/my-actions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/actions/{actionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/actions")).StatusCode);

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var closed = await lead.SubmitFormAsync($"/actions/{actionId}?handler=Close", [], $"/actions/{actionId}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("Closed with evidence", (await lead.GetDocumentAsync($"/actions/{actionId}")).QuerySelector("#action")!.TextContent);
    }

    [Fact]
    public async Task TheLead_MakesARecommendationFromAFinding_AndTheWorkbookListsItsActions()
    {
        Guid audit;
        await using (var services = Services()) audit = (await PlanAsync(services)).Audit;
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Guid finding;
        await using (var scope = app.Services.CreateAsyncScope())
            finding = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Findings.Where(f => f.AuditId == audit).Select(f => f.Id).SingleAsync();

        var form = await lead.GetDocumentAsync($"/audits/{audit}/recommendations?finding={finding}");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector($"#finding-{finding}")!).IsChecked);
        var empty = await lead.SubmitFormAsync($"/audits/{audit}/recommendations?handler=Recommendation", new() { ["Text"] = "", ["Addressee"] = "Partnership", ["Priority"] = "Low" }, $"/audits/{audit}/recommendations");
        Assert.Contains("Enter the recommendation", (await empty.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var made = await lead.SubmitFormAsync($"/audits/{audit}/recommendations?handler=Recommendation",
            new() { ["Text"] = "In order to share concerns early, the partnership to review its escalation protocol.", ["Addressee"] = "Partnership", ["Priority"] = "Low", ["FindingIds"] = finding.ToString() },
            $"/audits/{audit}/recommendations");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Contains("review its escalation protocol", (await lead.GetDocumentAsync($"/audits/{audit}/recommendations")).QuerySelector("#recommendation-2")!.TextContent);

        var workbook = await lead.GetAsync($"/actions?Agency={app.Data.Police.Id}&handler=Workbook");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<X.Row>().Select(r => r.Elements<X.Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["Audit", "Recommendation", "Owner agency", "Named owner", "Action", "Measure of success", "Due", "Status", "RAG"], rows[0]);
        Assert.Contains(rows, r => r[0] == "Actions audit" && r[2] == "Testshire Police" && r[4] == "Add a chronology prompt to the case recording system" && r[6] == "2030-06-14");
        Assert.All(rows.Skip(1), r => Assert.Equal("Testshire Police", r[2]));

        var paper = await lead.GetAsync($"/actions?Agency={app.Data.Police.Id}&handler=Paper");
        using var word = WordprocessingDocument.Open(new MemoryStream(await paper.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(word));
        var table = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single();
        var cells = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["RAG", "Recommendation", "Action", "Owner", "Due", "Status"], cells[0]);
        Assert.Contains(cells, c => c[2] == "Add a chronology prompt to the case recording system" && c[4] == "14 Jun 2030" && c[0] == "Amber" && c[5] == "Not started");
    }

    [Fact]
    public async Task ARecommendation_StartsADipSample_OnItsAuditsToolAndTheme_LinkedBack()
    {
        await using var services = Services();
        var (audit, recommendation, _) = await PlanAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();

        var sample = await scope.ServiceProvider.GetRequiredService<ActionPlans>().StartDipSampleAsync(app.Data.Partnership.Id, recommendation.Id);

        var source = await db.Audits.AsNoTracking().Include(a => a.ToolVersion).SingleAsync(a => a.Id == audit);
        var made = await db.Audits.AsNoTracking().Include(a => a.ToolVersion).SingleAsync(a => a.Id == sample.Id);
        Assert.Equal((source.ToolVersion!.ToolId, "Chronology", 5, recommendation.Id, Parallax.Core.Audits.AuditStatus.Planning),
            (made.ToolVersion!.ToolId, made.Theme, made.SampleSizeTarget!.Value, made.DipSampleOfRecommendationId!.Value, made.Status));
        Assert.Equal(new DateOnly(2030, 6, 4), made.RequestsSentOn); // the next working day
        Assert.Contains("A dip sample of 10 cases in September shows chronologies in 9", made.TermsOfReference);
        Assert.Contains(await db.Set<AuditEvent>().Where(e => e.EntityKey == sample.Id.ToString()).FieldsAsync(), e => e.Field == nameof(Parallax.Core.Audits.Audit.DipSampleOfRecommendationId));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => scope.ServiceProvider.GetRequiredService<ActionPlans>().StartDipSampleAsync(Guid.NewGuid(), recommendation.Id));

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var page = await lead.GetDocumentAsync($"/audits/{audit}/recommendations");
        Assert.Contains($"/audits/{sample.Id}", page.QuerySelector("#recommendation-1")!.InnerHtml);
    }

    private sealed class RefusingScanner(string infected) : IEvidenceScanner
    {
        public Task<ScanOutcome> ScanAsync(string fileName, byte[] content, CancellationToken ct = default) =>
            Task.FromResult(fileName == infected ? new ScanOutcome(false, "Eicar-Test-Signature") : new ScanOutcome(true, "clean"));
    }
}

public sealed class SqliteActionPlanTests(SqliteAppFactory app) : ActionPlanTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresActionPlanTests(PostgresAppFactory app) : ActionPlanTests(app), IClassFixture<PostgresAppFactory>;
