namespace Parallax.Tests.Mail;

/// <summary>Notices, reminders, overdue notices and digests, queued on a fake clock against a real database.</summary>
public abstract class ChasingTests(ParallaxAppFactory app)
{
    // 09:00 in London on the Monday requests go out (British Summer Time: 08:00 UTC).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 6, 3, 8, 0, 0, TimeSpan.Zero));

    private ServiceProvider Services(string? smtpHost = null, int smtpPort = 25) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = app.Database.ProviderName,
            [DatabaseSettings.ConnectionStringKey] = app.Database.ConnectionString,
            ["Parallax:Mail:Folder"] = app.MailFolder,
            ["Parallax:Mail:SmtpHost"] = smtpHost,
            ["Parallax:Mail:SmtpPort"] = smtpPort.ToString(),
            ["Parallax:Mail:SmtpSecurity"] = "None",
        }).Build(),
        new AuditActor("test", "test"),
        services => services.AddSingleton<TimeProvider>(clock));

    private async Task<(Guid Audit, List<ReturnRequest> Requests)> SentAuditAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var (audit, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Chased audit", TestAudits.NewUin("CH"), app.Data.Police.Id, app.Data.School.Id);
        return (audit.Id, requests);
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(ServiceProvider services, Guid audit)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.AuditId == audit).OrderBy(m => m.CreatedAt).ThenBy(m => m.To).ToListAsync();
    }

    private static async Task<int> ChaseAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReturnChaser>().ChaseAsync();
    }

    private void At(int month, int day, int hourUtc) => clock.SetUtcNow(new DateTimeOffset(2030, month, day, hourUtc, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SendingQueuesOneNoticePerAgencyAuditor_WithNoCaseDetails()
    {
        await using var services = Services();
        var (audit, requests) = await SentAuditAsync(services);

        var sent = (await OutboxAsync(services, audit)).Where(m => m.Kind == "request-sent").ToList();
        Assert.Equal([TestPartnership.PoliceAuditor, TestPartnership.SchoolAuditor], sent.Select(m => m.To).Order());
        Assert.All(sent, m => Assert.Contains("Monday 17 June 2030", m.Body));
        Assert.All(sent, m => Assert.DoesNotContain(requests[0].CaseId.ToString(), m.Body));
        var uin = await UinAsync(services, requests[0].CaseId);
        Assert.All(sent, m => Assert.DoesNotContain(uin, m.Body + m.Subject));
    }

    [Fact]
    public async Task RemindersComeTwoWorkingDaysBeforeTheDeadline_OverdueAfterIt_EachOnce()
    {
        await using var services = Services();
        var (audit, requests) = await SentAuditAsync(services);

        // Due Monday 17 June. Wednesday 12 June is three working days before: nothing yet.
        At(6, 12, 8);
        await ChaseAsync(services);
        Assert.DoesNotContain(await OutboxAsync(services, audit), m => m.Kind == "reminder");

        // Thursday 13 June, but 07:00 in London: outside working hours.
        At(6, 13, 6);
        Assert.Equal(0, await ChaseAsync(services));

        // Thursday 13 June, 09:00: two working days (Friday, Monday) remain.
        At(6, 13, 8);
        await ChaseAsync(services);
        await ChaseAsync(services);
        var reminders = (await OutboxAsync(services, audit)).Where(m => m.Kind == "reminder").ToList();
        Assert.Equal([TestPartnership.PoliceAuditor, TestPartnership.SchoolAuditor], reminders.Select(m => m.To).Order());

        // The school says it does not know the family; the police do nothing.
        await using (var scope = services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
            var school = await service.FindAsync(app.Data.Partnership.Id, audit, requests.Single(r => r.AgencyId == app.Data.School.Id).Id);
            await service.MarkNotKnownAsync(school, "No pupil of that name on roll in the lookback period", "school");
        }

        // Saturday 15 June: not a working day, no mail at all.
        At(6, 15, 8);
        Assert.Equal(0, await ChaseAsync(services));

        // Tuesday 18 June: the police return is overdue; the school's is closed.
        At(6, 18, 8);
        await ChaseAsync(services);
        await ChaseAsync(services);
        var overdue = (await OutboxAsync(services, audit)).Where(m => m.Kind == "overdue").ToList();
        Assert.Equal([TestPartnership.PoliceAuditor], overdue.Select(m => m.To));
        Assert.Contains("were due on Monday 17 June 2030", overdue[0].Body);
        // Named without a possessive, which reads wrongly for agency names ending in s ("GP practices's").
        Assert.Contains($"The returns from {app.Data.Police.Name} for", overdue[0].Body);
    }

    [Fact]
    public async Task TheLeadGetsOneDigestEachWorkingDay()
    {
        await using var services = Services();
        var (audit, _) = await SentAuditAsync(services);

        await ChaseAsync(services);
        await ChaseAsync(services);
        At(6, 4, 8);
        await ChaseAsync(services);

        var digests = (await OutboxAsync(services, audit)).Where(m => m.Kind == "digest").ToList();
        Assert.Equal([TestPartnership.Lead, TestPartnership.Lead], digests.Select(m => m.To));
        Assert.Contains("submitted: 0 of 2 expected", digests[0].Body);
    }

    [Fact]
    public async Task WithATeam_OnlyItsLeadsAndCoordinatorsGetTheDigest()
    {
        await using var services = Services();
        var (audit, _) = await SentAuditAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var planner = scope.ServiceProvider.GetRequiredService<Parallax.Core.Audits.AuditPlanner>();
            var panel = await db.Users.SingleAsync(u => u.Email == TestPartnership.Panel);
            var viewer = await db.Users.SingleAsync(u => u.Email == TestPartnership.Viewer);
            await planner.SetTeamMemberAsync(app.Data.Partnership.Id, audit, panel.Id, Parallax.Core.Audits.AuditTeamRole.Coordinator);
            await planner.SetTeamMemberAsync(app.Data.Partnership.Id, audit, viewer.Id, Parallax.Core.Audits.AuditTeamRole.PanelMember);
        }

        await ChaseAsync(services);

        Assert.Equal([TestPartnership.Panel], (await OutboxAsync(services, audit)).Where(m => m.Kind == "digest").Select(m => m.To));
    }

    [Fact]
    public async Task AnExtensionMovesTheReminder()
    {
        await using var services = Services();
        var (audit, requests) = await SentAuditAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
            var police = await service.FindAsync(app.Data.Partnership.Id, audit, requests.Single(r => r.AgencyId == app.Data.Police.Id).Id);
            // Weekend and past dates are refused with a sentence.
            var weekend = await Assert.ThrowsAsync<DomainException>(() => service.GrantExtensionAsync(police, new DateOnly(2030, 6, 22), null, "lead"));
            Assert.Contains("not a working day", weekend.Message);
            await Assert.ThrowsAsync<DomainException>(() => service.GrantExtensionAsync(police, new DateOnly(2030, 6, 10), null, "lead"));
            await service.GrantExtensionAsync(police, new DateOnly(2030, 6, 24), "Records held off site", "lead");
        }

        At(6, 13, 8);
        await ChaseAsync(services);
        Assert.Equal([TestPartnership.SchoolAuditor], (await OutboxAsync(services, audit)).Where(m => m.Kind == "reminder").Select(m => m.To));
        At(6, 20, 8);
        await ChaseAsync(services);
        Assert.Equal([TestPartnership.SchoolAuditor, TestPartnership.PoliceAuditor], (await OutboxAsync(services, audit)).Where(m => m.Kind == "reminder").Select(m => m.To));
    }

    [Fact]
    public async Task WhenTheMailServerIsDown_MessagesStayQueued_AndAreSentAfterARestart()
    {
        Guid audit;
        // A port nothing listens on: every attempt fails.
        await using (var down = Services("127.0.0.1", FreePort()))
        {
            (audit, _) = await SentAuditAsync(down);
            await using var scope = down.CreateAsyncScope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync());
        }

        var waiting = (await OutboxAsync(Services(), audit)).Where(m => m.Kind == "request-sent").ToList();
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(waiting, m => Assert.Equal(1, m.Attempts));
        Assert.All(waiting, m => Assert.StartsWith("Could not connect to the mail server", m.LastError));

        // A new process, mail to the folder: nothing is sent before the retry time, then everything is.
        await using var restarted = Services();
        await using (var scope = restarted.CreateAsyncScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<MailQueue>();
            await queue.DispatchDueAsync();
            Assert.All((await OutboxAsync(restarted, audit)).Where(m => m.Kind == "request-sent"), m => Assert.Equal(OutboxStatus.Pending, m.Status));
            clock.Advance(TimeSpan.FromMinutes(2));
            await queue.DispatchDueAsync();
        }

        var delivered = (await OutboxAsync(restarted, audit)).Where(m => m.Kind == "request-sent").ToList();
        Assert.All(delivered, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        foreach (var message in delivered)
        {
            var file = Path.Combine(app.MailFolder, $"{message.Id:N}@parallax.eml");
            var mime = await MimeKit.MimeMessage.LoadAsync(file);
            Assert.Equal(message.To, mime.To.Mailboxes.Single().Address);
            Assert.Equal(message.Subject, mime.Subject);
        }
    }

    [Fact]
    public async Task AnSmtpServerReceivesTheMessage()
    {
        using var server = new TinySmtpServer();
        await using var services = Services("127.0.0.1", server.Port);
        var (audit, _) = await SentAuditAsync(services);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync();

        // (Other tests share the database, so the server may receive their queued mail too.)
        var notices = (await OutboxAsync(services, audit)).Where(m => m.Kind == "request-sent").ToList();
        Assert.Equal(2, notices.Count);
        foreach (var notice in notices)
        {
            Assert.Equal(OutboxStatus.Sent, notice.Status);
            var raw = Assert.Single(server.Received, m => m.Contains($"<{notice.Id:N}@parallax>", StringComparison.Ordinal));
            Assert.Contains($"To: {notice.To}", raw);
        }
    }

    private static async Task<string> UinAsync(ServiceProvider services, Guid caseId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Uin).SingleAsync();
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public sealed class SqliteChasingTests(SqliteAppFactory app) : ChasingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresChasingTests(PostgresAppFactory app) : ChasingTests(app), IClassFixture<PostgresAppFactory>;
