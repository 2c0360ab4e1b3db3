namespace Parallax.Tests.Data;

public abstract class AuditTrailTests(ParallaxAppFactory app)
{
    /// <summary>A new education agency of the partnership, its code <paramref name="prefix"/> and four random letters, saved.</summary>
    private async Task<Parallax.Core.Agencies.Agency> AddEducationAgencyAsync(ParallaxDbContext db, string prefix, string name)
    {
        var agency = new Parallax.Core.Agencies.Agency { PartnershipId = app.Data.Partnership.Id, Code = prefix + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(), Name = name, Type = Parallax.Core.Agencies.AgencyType.Education };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency;
    }

    /// <summary>
    /// Saves the police's return on <paramref name="request"/> as a draft, TT1 answered <paramref name="answer"/>, loaded
    /// afresh as the form would be; the draft's new version.
    /// </summary>
    private async Task<Guid> SaveFirstAnswerAsync(IServiceProvider services, Guid request, Guid? version, QuestionAnswer answer)
    {
        var completion = services.GetRequiredService<ReturnCompletion>();
        return await completion.SaveDraftAsync((await completion.LoadAsync(app.Data.Partnership.Id, app.Data.Police.Id, request))!, version, new ToolAnswers { Questions = { ["TT1"] = answer } });
    }

    /// <summary>The rows of the audit trail page at <paramref name="url"/>, each as its text.</summary>
    private static async Task<List<string>> TrailRowsAsync(HttpClient browser, string url) =>
        (await browser.GetDocumentAsync(url)).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();

    [Fact]
    public async Task SaveChanges_AgencyRename_RecordsWhoWhenOldAndNewValue()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = await db.Agencies.SingleAsync(a => a.Id == app.Data.School.Id);
            agency.Name = "Testshire Schools and Colleges";
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var rename = (await db.AuditEvents.Where(e => e.Entity == "Agency" && e.EntityKey == app.Data.School.Id.ToString() && e.Action == AuditAction.Modified).FieldsAsync())
                .Single(e => e.Field == "Name");
            Assert.Equal("Testshire Schools", rename.OldValue);
            Assert.Equal("Testshire Schools and Colleges", rename.NewValue);
            Assert.Equal(app.Data.Partnership.Id, rename.PartnershipId);
            Assert.True(rename.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        // And the administrator can find it on the audit trail page.
        var rows = await TrailRowsAsync(browser, $"/admin/audit-trail?Entity=Agency&Key={app.Data.School.Id}");
        Assert.Contains(rows, r => r.Contains("Testshire Schools and Colleges") && r.Contains("Modified"));
    }

    [Fact]
    public async Task OneSave_ChangingThreeFieldsOfARecord_WritesOneEvent_WithTheThreeChangesBeforeAndAfter()
    {
        var name = "Testshire Leisure " + Guid.NewGuid().ToString("N")[..4];
        Guid id;
        long before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = await AddEducationAgencyAsync(db, "TL", name);
            id = agency.Id;
            before = await db.AuditEvents.MaxAsync(e => e.Id);

            agency.Name = name + " and Sport";
            agency.WorksWithAdults = true;
            agency.ReturnsContactEmail = "leisure@testshire.example";
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var written = await db.AuditEvents.AsNoTracking().Where(e => e.Id > before && e.Entity == "Agency" && e.EntityKey == id.ToString()).ToListAsync();
            var change = Assert.Single(written);
            Assert.Equal(AuditAction.Modified, change.Action);
            List<(string, string?, string?)> expected =
                [("Name", name, name + " and Sport"), ("ReturnsContactEmail", null, "leisure@testshire.example"), ("WorksWithAdults", "False", "True")];
            Assert.Equal(expected, change.Fields().Select(f => (f.Field, f.OldValue, f.NewValue)).OrderBy(f => f.Field, StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public async Task AddedRecord_ListsTheFieldsGivenAValue_WithoutItsEmptyOnes_AndADeletedOneItsValuesBefore()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var name = "Testshire Youth Service " + Guid.NewGuid().ToString("N")[..4];
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            // Does not work with adults (false): an empty value, so the trail leaves it out.
            var agency = await AddEducationAgencyAsync(db, "TY", name);
            id = agency.Id;
            db.Agencies.Remove(agency);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == "Agency" && e.EntityKey == id.ToString()).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([AuditAction.Added, AuditAction.Deleted], events.Select(e => e.Action));
            var (added, deleted) = (events[0], events[1]);
            // Stored as [field, value] pairs: no "null" for the value an added record never had before.
            Assert.Contains($"[\"Name\",\"{name}\"]", added.Changes);
            Assert.DoesNotContain("null", added.Changes);
            Assert.DoesNotContain("WorksWithAdults", added.Changes);
            Assert.Contains(added.Fields(), f => f.Field == "Name" && f.OldValue is null && f.NewValue == name);
            Assert.Contains(added.Fields(), f => f.Field == "Type" && f.NewValue == "Education");
            // A deleted record keeps every value it had, empty ones too, as its values before.
            Assert.Contains(deleted.Fields(), f => f.Field == "Name" && f.OldValue == name && f.NewValue is null);
            Assert.Contains(deleted.Fields(), f => f.Field == "WorksWithAdults" && f.OldValue == "False" && f.NewValue is null);
            Assert.DoesNotContain("null", deleted.Changes);
        }

        var rows = await TrailRowsAsync(browser, $"/admin/audit-trail?Entity=Agency&Key={id}");
        Assert.Contains(rows, r => r.Contains(name) && r.Contains("Added"));
        Assert.Contains(rows, r => r.Contains(name) && r.Contains("Deleted"));
    }

    [Fact]
    public async Task Post_Settings_RecordsTheSignedInAdministratorAsTheAuthor()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var version = (await browser.GetDocumentAsync("/admin/settings")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        try
        {
            await browser.SubmitFormAsync("/admin/settings", new() { ["RequireTwoFactor"] = "true", ["Version"] = version });

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var change = (await db.AuditEvents.Where(e => e.Entity == "Partnership").FieldsAsync()).Single(e => e.Field == "RequireTwoFactor" && e.NewValue == "True");
            Assert.Equal(TestPartnership.Admin, change.ActorName);
            Assert.Equal("False", change.OldValue);
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            (await db.Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id)).RequireTwoFactor = false;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task SaveChanges_NewUser_RecordsTheAdditionButNeverThePasswordHash()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == TestPartnership.Viewer);

        var rows = await db.AuditEvents.Where(e => e.Entity == "ParallaxUser" && e.EntityKey == user.Id.ToString()).FieldsAsync();

        Assert.Contains(rows, r => r.Action == AuditAction.Added && r.Field == "Email" && r.NewValue == TestPartnership.Viewer);
        var hash = Assert.Single(rows, r => r.Field == "PasswordHash");
        Assert.Equal(AuditTrailInterceptor.Redacted, hash.NewValue);
        Assert.DoesNotContain(rows, r => r.NewValue == user.PasswordHash || r.NewValue == user.SecurityStamp);
    }

    [Fact]
    public async Task SaveChanges_ChangingOrDeletingAnAuditRecord_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var first = await db.AuditEvents.OrderBy(e => e.Id).FirstAsync();

        first.Changes = "[[\"Name\",null,\"tampered\"]]";
        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", change.Message);

        db.Entry(first).State = EntityState.Unchanged;
        db.AuditEvents.Remove(first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task TheDatabaseItself_RefusesToChangeOrDeleteAuditRecords_WhateverTheClient()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var before = await db.AuditEvents.CountAsync();
        var first = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).FirstAsync();

        // Plain SQL, around the application's interceptor, as a script or another client would.
        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"ActorName\" = 'someone else'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(before, await db.AuditEvents.CountAsync());
        Assert.Equal(first.ActorName, (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == first.Id)).ActorName);
        if (app.Database.ProviderName == "postgres")
            Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\""))).Message);
    }

    [Fact]
    public async Task SaveDraft_AnswerChangedFromYesToNo_RecordsTheRealOldAndNewValues()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (_, _, requests) = await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Trail answers", TestAudits.NewUin("TA"), app.Data.Police.Id);

        var version = await SaveFirstAnswerAsync(services, requests[0].Id, null, new QuestionAnswer(AnswerFields.Yes));
        await SaveFirstAnswerAsync(services, requests[0].Id, version, new QuestionAnswer(AnswerFields.No));

        var db = services.GetRequiredService<ParallaxDbContext>();
        var answer = await db.Set<ReturnAnswer>().AsNoTracking().SingleAsync(a => a.ReturnId == requests[0].Id && a.Code == "TT1");
        var trail = (await db.AuditEvents.Where(e => e.Entity == "ReturnAnswer" && e.EntityKey == answer.Id.ToString()).FieldsAsync()).Where(e => e.Field == "Value").ToList();
        Assert.Collection(trail,
            added => Assert.Equal((AuditAction.Added, (string?)null, AnswerFields.Yes), (added.Action, added.OldValue, added.NewValue)),
            changed => Assert.Equal((AuditAction.Modified, AnswerFields.Yes, AnswerFields.No), (changed.Action, changed.OldValue, changed.NewValue)));
    }

    [Fact]
    public async Task SaveChanges_ListOfValues_IsRecordedAsItsValues()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (_, _, requests) = await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Trail lists", TestAudits.NewUin("TL"), app.Data.Police.Id);
        await SaveFirstAnswerAsync(services, requests[0].Id, null, new QuestionAnswer(AnswerFields.Yes));

        var db = services.GetRequiredService<ParallaxDbContext>();
        var answer = await db.Set<ReturnAnswer>().SingleAsync(a => a.ReturnId == requests[0].Id && a.Code == "TT1");
        answer.Values = ["Housing", "School"];
        await db.SaveChangesAsync();
        answer.Values = ["School"];
        await db.SaveChangesAsync();

        var trail = (await db.AuditEvents.Where(e => e.Entity == "ReturnAnswer" && e.EntityKey == answer.Id.ToString() && e.Action == AuditAction.Modified).FieldsAsync())
            .Where(e => e.Field == "Values").Select(e => new { e.OldValue, e.NewValue }).ToList();
        Assert.Equal([new { OldValue = (string?)"[]", NewValue = (string?)"[\"Housing\",\"School\"]" }, new { OldValue = (string?)"[\"Housing\",\"School\"]", NewValue = (string?)"[\"School\"]" }], trail);
    }

    [Fact]
    public async Task SaveChanges_AuthenticatorKey_IsRedactedByEntityAndField()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
        var user = (await users.FindByEmailAsync(TestPartnership.Viewer))!;
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", "JBSWY3DPEHPK3PXPFICTIONAL");

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var rows = (await db.AuditEvents.Where(e => e.Entity == "IdentityUserToken").FieldsAsync()).Where(e => e.Field == "Value").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(AuditTrailInterceptor.Redacted, r.NewValue));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Changes.Contains("JBSWY3DPEHPK3PXPFICTIONAL")));
    }

    [Fact]
    public async Task SaveChanges_ChildRecordsAndSystemChanges_CarryTheOwnersPartnership_AndShowOnTheTrailPage()
    {
        long before;
        Guid answerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            before = await services.GetRequiredService<ParallaxDbContext>().AuditEvents.MaxAsync(e => e.Id);
            var (_, _, requests) = await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Trail owners", TestAudits.NewUin("TO"), app.Data.Police.Id, app.Data.School.Id);
            var police = requests.Single(r => r.AgencyId == app.Data.Police.Id);
            await SaveFirstAnswerAsync(services, police.Id, null, new QuestionAnswer(AnswerFields.Yes, null, "Seen at home"));
            answerId = await services.GetRequiredService<ParallaxDbContext>().Set<ReturnAnswer>().Where(a => a.ReturnId == police.Id).Select(a => a.Id).SingleAsync();
        }

        // A change by an actor with no partnership of its own (the command line, the chaser, retention).
        await using (var commands = app.CommandServices(TimeProvider.System))
        await using (var command = commands.CreateAsyncScope())
        {
            var db = command.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            (await db.Set<ReturnAnswer>().SingleAsync(a => a.Id == answerId)).Comment = "Seen at school";
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var written = await db.AuditEvents.AsNoTracking().Where(e => e.Id > before).ToListAsync();
            Assert.Contains(written, e => e.Entity == "ReturnAnswer");
            Assert.Contains(written, e => e.Entity == "ReturnStatusChange");
            Assert.All(written, e => Assert.True(e.PartnershipId == app.Data.Partnership.Id, $"{e.Entity} {e.Changes} by {e.ActorName} has no partnership"));
        }

        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var rows = await TrailRowsAsync(browser, $"/admin/audit-trail?Entity=ReturnAnswer&Key={answerId}&Days=0");
        Assert.Contains(rows, r => r.Contains("Seen at school") && r.Contains("Seen at home"));
    }

    [Fact]
    public async Task AuditTrailPage_NamesRecordsAndFieldsInWords_AndGroupsTheEventsOfOneSave()
    {
        var name = "Testshire Youth Service " + Guid.NewGuid().ToString("N")[..4];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = await AddEducationAgencyAsync(db, "TY", name);
            agency.Name = name + " and Colleges";
            agency.WorksWithAdults = true;
            await db.SaveChangesAsync();
        }

        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var page = await browser.GetDocumentAsync("/admin/audit-trail?Entity=Agency&Days=0");

        // The second save is one group of two rows: both fields, in words.
        var change = page.QuerySelectorAll("tbody.parallax-audit-change").First(g => g.TextContent.Contains(name + " and Colleges", StringComparison.Ordinal));
        var rows = change.QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("Agency", r[2]));
        Assert.All(rows, r => Assert.Equal("Modified", r[3]));
        Assert.Equal(["Name", "Works with adults"], rows.Select(r => r[4]).Order());
    }

    [Fact]
    public async Task AuditTrailPage_FiltersByAudit_AndShowsAnswersByTheirQuestion()
    {
        var partnership = app.Data.Partnership.Id;
        Guid auditId, otherAuditId, answerId, caseId;
        string question;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var (audit, @case, requests) = await TestAudits.SentAsync(services, partnership, "Trail filter " + Guid.NewGuid().ToString("N")[..6], TestAudits.NewUin("TF"), app.Data.Police.Id);
            var (other, _, otherRequests) = await TestAudits.SentAsync(services, partnership, "Trail other " + Guid.NewGuid().ToString("N")[..6], TestAudits.NewUin("TO"), app.Data.Police.Id);
            auditId = audit.Id;
            otherAuditId = other.Id;
            var version = await SaveFirstAnswerAsync(services, requests[0].Id, null, new QuestionAnswer(AnswerFields.Yes));
            await SaveFirstAnswerAsync(services, requests[0].Id, version, new QuestionAnswer(AnswerFields.No));
            await SaveFirstAnswerAsync(services, otherRequests[0].Id, null, new QuestionAnswer(AnswerFields.Yes));

            var db = services.GetRequiredService<ParallaxDbContext>();
            var answer = await db.Set<ReturnAnswer>().AsNoTracking().SingleAsync(a => a.ReturnId == requests[0].Id && a.Code == "TT1");
            answerId = answer.Id;
            question = "TT1 " + await db.Set<ToolQuestion>().Where(q => q.Id == answer.QuestionId).Select(q => q.Text).SingleAsync();
            caseId = @case.Id;
        }

        // The administrator chooses the audit from the filter's list, as a browser sends the form.
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var form = await browser.OpenFormAsync("/admin/audit-trail", "button[type=submit]");
        form.Set("AuditId", auditId.ToString()).Set("Days", "0");
        var response = await browser.GetAsync(form.Action.Split('?')[0] + "?" + string.Join("&", form.Fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var rows = page.QuerySelectorAll("tbody.parallax-audit-change tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

        // The audit itself, its case, its request and the answer are there; the other audit and its answers are not.
        var text = page.QuerySelector("table")!.TextContent;
        Assert.Contains(auditId.ToString(), text);
        Assert.DoesNotContain(otherAuditId.ToString(), text);
        Assert.Contains(rows, r => r[2] == "Case " + caseId && r[3] == "Added");
        Assert.Contains(rows, r => r[2].StartsWith("Return request", StringComparison.Ordinal));
        var answerRows = rows.Where(r => r[2].Contains(answerId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Contains(answerRows, r => r[3] == "Modified" && r[4] == question && r[5] == AnswerFields.Yes && r[6] == AnswerFields.No);
        // The other audit's answer to the same question is not.
        Assert.All(rows.Where(r => r[4] == question), r => Assert.Contains(answerId.ToString(), r[2]));

        // Paging keeps the filter.
        Assert.All(page.QuerySelectorAll(".govuk-pagination a").Select(a => a.GetAttribute("href")), href => Assert.Contains("AuditId=" + auditId, href));
    }

    [Fact]
    public async Task AReasonTheUserGives_IsKeptWithTheChange_AndShownOnTheTrailPage()
    {
        var partnership = app.Data.Partnership.Id;
        Guid auditId, requestId, leaverId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var (audit, _, requests) = await TestAudits.SentAsync(services, partnership, "Trail reasons " + Guid.NewGuid().ToString("N")[..6], TestAudits.NewUin("TR"), app.Data.School.Id);
            auditId = audit.Id;
            requestId = requests[0].Id;
            var leaver = await services.GetRequiredService<UserAdministration>().AddAsync(partnership, $"leaver.{Guid.NewGuid():N}@testshire.example", [Roles.Viewer], null, TestPartnership.Password);
            leaverId = leaver.Id;
        }

        // The school says it does not know the child; the lead reopens the return, giving a reason, through the pages.
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        await school.SubmitFormAsync($"/returns/{requestId}?handler=NotKnown", new() { ["NotKnownReason"] = "Not on roll in the period" }, formUrl: $"/returns/{requestId}");
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var leadUrl = $"/audits/{auditId}/returns/{requestId}";
        var reopen = await lead.OpenFormAsync(leadUrl, "form[action*='handler=Reopen'] button");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await reopen.Set("ReopenReason", "The child joined the school in May: please check again").PostAsync(lead)).StatusCode);

        // The administrator deactivates a leader, giving a reason in the form's own box (found by its label).
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var userPage = await admin.GetDocumentAsync($"/admin/users/{leaverId}");
        var box = userPage.QuerySelector("main form[action*='handler=Deactivate'] textarea")!;
        Assert.Equal("Reason (optional)", userPage.QuerySelector($"label[for='{box.Id}']")!.TextContent.Trim());
        var deactivate = BrowserForm.Read(userPage, $"/admin/users/{leaverId}", "form[action*='handler=Deactivate'] button");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await deactivate.Set(box.GetAttribute("name")!, "Left the partnership team on 30 November").PostAsync(admin)).StatusCode);

        // Stored with every event of the change it explains.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var request = await db.AuditEvents.Where(e => e.Entity == nameof(ReturnRequest) && e.EntityKey == requestId.ToString()).FieldsAsync();
            var reopened = request.Single(e => e.Field == nameof(ReturnRequest.Status) && e.NewValue == nameof(ReturnStatus.InProgress));
            var set = await db.AuditEvents.AsNoTracking().Where(e => e.ChangeSetId == reopened.ChangeSetId).ToListAsync();
            Assert.All(set, e => Assert.Equal("The child joined the school in May: please check again", e.Reason));
            Assert.Contains(set, e => e.Entity == nameof(ReturnStatusChange));
            var notKnown = request.Single(e => e.Field == nameof(ReturnRequest.Status) && e.NewValue == nameof(ReturnStatus.NotKnownToAgency));
            // The agency's own reason for closing it as not known is its change's reason too.
            Assert.Equal("Not on roll in the period", notKnown.Reason);
            var left = (await db.AuditEvents.Where(e => e.Entity == "ParallaxUser" && e.EntityKey == leaverId.ToString()).FieldsAsync()).Single(e => e.Field == nameof(ParallaxUser.DeactivatedAt));
            Assert.Equal("Left the partnership team on 30 November", left.Reason);
        }

        // The trail page shows each reason once, at the head of the change it explains.
        var page = await admin.GetDocumentAsync($"/admin/audit-trail?AuditId={auditId}&Days=0");
        var changes = page.QuerySelectorAll("tbody.parallax-audit-change").ToList();
        var withReason = changes.Where(c => c.QuerySelector("[data-reason]") is not null).ToList();
        Assert.Equal(2, withReason.Count);
        Assert.All(withReason, c => Assert.Single(c.QuerySelectorAll("[data-reason]")));
        // The changes made without a reason (the audit, its case, the request being sent) show none.
        Assert.Contains(changes, c => c.QuerySelector("[data-reason]") is null);
        var explained = withReason.Single(c => c.QuerySelector("[data-reason]")!.TextContent.Contains("joined the school", StringComparison.Ordinal));
        Assert.Equal("Reason given", explained.QuerySelector("tr.parallax-audit-reason th")!.TextContent.Trim());
        Assert.Equal("The child joined the school in May: please check again", explained.QuerySelector("[data-reason]")!.TextContent.Trim());
        Assert.Contains("In progress", explained.TextContent.Replace("InProgress", "In progress"));
        var users = await admin.GetDocumentAsync($"/admin/audit-trail?Entity=ParallaxUser&Key={leaverId}&Days=0");
        Assert.Equal("Left the partnership team on 30 November", users.QuerySelector("[data-reason]")!.TextContent.Trim());

        // A reason past its limit is a sentence, and the typed reason stays in the box; nothing changes.
        var again = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var agencyPage = $"/admin/agencies/{app.Data.School.Id}";
        var retire = await again.OpenFormAsync(agencyPage, "form[action*='handler=Retire'] button");
        var tooLong = new string('x', 1001);
        var refused = await (await retire.Set("Reason", tooLong).PostAsync(again)).ReadDocumentAsync();
        Assert.Contains("1,000", refused.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(tooLong, refused.QuerySelector("main form[action*='handler=Retire'] textarea")!.TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies.AsNoTracking().SingleAsync(a => a.Id == app.Data.School.Id)).RetiredAt);
    }

    [Fact]
    public async Task AuditTrailPage_FiltersByReview_ItsRequestsEventsAndLearning_NotAnotherReviews()
    {
        var partnership = app.Data.Partnership.Id;
        Guid reviewId, otherReviewId, eventId, requestId, learningId, otherEventId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var opening = services.GetRequiredService<Parallax.Core.Reviews.ReviewOpening>();
            var writing = services.GetRequiredService<Parallax.Core.Reviews.ChronologyWriting>();
            var learnings = services.GetRequiredService<Parallax.Core.Reviews.ReviewLearnings>();
            var reviews = services.GetRequiredService<Parallax.Core.Reviews.PracticeReviews>();
            var db = services.GetRequiredService<ParallaxDbContext>();
            async Task<(Guid Review, Guid Request, Guid Event)> ReviewAsync(string title, string text)
            {
                var review = await opening.CreateAsync(partnership, new Parallax.Core.Reviews.ReviewInput(Parallax.Core.Reviews.ReviewKind.PracticeReview, title, "serious injury at home",
                    new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
                    TestAudits.NewUin("RV"), "QZ", 2, Parallax.Core.Cases.Sex.Male, Parallax.Core.Cases.LevelOfNeed.ChildInNeed, [new Parallax.Core.Cases.HouseholdInput(Parallax.Core.Cases.HouseholdRole.Mother, "AB")]), "lead");
                await opening.AddAgencyAsync(review, app.Data.Police.Id);
                await opening.SendRequestsAsync(review, 10);
                var request = await db.ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync();
                var chronology = await writing.AgencyRequestAsync(partnership, app.Data.Police.Id, request);
                var @event = await writing.AddEventAsync(chronology, new Parallax.Core.Reviews.ChronologyEventInput(
                    Parallax.Core.Reviews.ChronologyDates.Parse("14/03/2025", null, new DateOnly(2026, 1, 1)).Date!.Value, null, text, [], null, null, null, false));
                return (review.Id, request, @event.Id);
            }

            (reviewId, requestId, eventId) = await ReviewAsync("Child RF " + Guid.NewGuid().ToString("N")[..4], "Officers attended a domestic incident");
            (otherReviewId, _, otherEventId) = await ReviewAsync("Child RO " + Guid.NewGuid().ToString("N")[..4], "A health visitor called at the home");
            var review = await reviews.FindAsync(partnership, reviewId);
            learningId = (await learnings.AddLearningAsync(review, Parallax.Core.Reviews.LearningKind.Recommendation, "The partnership to review its referral pathway", null)).Id;
        }

        // The administrator chooses the review from the filter's list, as a browser sends the form.
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var form = await browser.OpenFormAsync("/admin/audit-trail", "button[type=submit]");
        Assert.Contains(form.Fields, f => f.Key == "ReviewId");
        form.Set("ReviewId", reviewId.ToString()).Set("Days", "0");
        var response = await browser.GetAsync(form.Action.Split('?')[0] + "?" + string.Join("&", form.Fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var rows = page.QuerySelectorAll("tbody.parallax-audit-change tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).Where(r => r.Count == 7).ToList();

        // The review, its chronology request, its event and its learning are there; the other review and its event are not.
        Assert.Contains(rows, r => r[2] == "Practice review " + reviewId && r[3] == "Added");
        Assert.Contains(rows, r => r[2] == "Chronology request " + requestId);
        Assert.Contains(rows, r => r[2] == "Chronology event " + eventId && r[5] == "" && r[6] == "Officers attended a domestic incident");
        Assert.Contains(rows, r => r[2] == "Review learning " + learningId);
        var text = page.QuerySelector("table")!.TextContent;
        Assert.DoesNotContain(otherReviewId.ToString(), text);
        Assert.DoesNotContain(otherEventId.ToString(), text);
        Assert.DoesNotContain("A health visitor called at the home", text);
        // No audit's records either.
        Assert.DoesNotContain(rows, r => r[2].StartsWith("Return request", StringComparison.Ordinal) || r[2].StartsWith("Audit ", StringComparison.Ordinal));

        // The other review's filter shows its own event and not this one's; a review of another partnership shows nothing.
        var other = await browser.GetDocumentAsync($"/admin/audit-trail?ReviewId={otherReviewId}&Days=0");
        Assert.Contains("A health visitor called at the home", other.QuerySelector("table")!.TextContent);
        Assert.DoesNotContain(eventId.ToString(), other.QuerySelector("table")!.TextContent);
        var elsewhere = await browser.GetDocumentAsync($"/admin/audit-trail?ReviewId={Guid.CreateVersion7()}&Days=0");
        Assert.Null(elsewhere.QuerySelector("table"));
    }

    [Fact]
    public async Task AuditTrailPage_ShowsOnlyTheAdministratorsPartnership()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var page = await browser.GetDocumentAsync("/admin/audit-trail?Entity=Agency&Days=0");

        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        var text = page.QuerySelector("table")?.TextContent ?? "";
        Assert.Contains("Testshire Police", text);
        Assert.DoesNotContain("Otherfield", text);
    }
}

public sealed class AuditTrailTestsSqlite(SqliteAppFactory app) : AuditTrailTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditTrailTestsPostgres(PostgresAppFactory app) : AuditTrailTests(app), IClassFixture<PostgresAppFactory>;
