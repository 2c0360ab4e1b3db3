namespace Parallax.Tests.Mail;

public abstract class MailAdminTests(ParallaxAppFactory app)
{
    private async Task<(OutboxMessage Mine, OutboxMessage Theirs)> QueueAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var otherPartnership = await db.Partnerships.Where(p => p.Id != app.Data.Partnership.Id).Select(p => p.Id).FirstAsync();
        var mine = new OutboxMessage { PartnershipId = app.Data.Partnership.Id, Kind = "reminder", To = "someone@testshire.example", Subject = "Testshire reminder " + Guid.NewGuid().ToString("N")[..6], Body = "Body", Attempts = 3, LastError = "Could not connect to the mail server: refused", CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1) };
        var theirs = new OutboxMessage { PartnershipId = otherPartnership, Kind = "reminder", To = "someone@otherfield.example", Subject = "Otherfield reminder", Body = "Body", Attempts = 3, CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1) };
        db.OutboxMessages.AddRange(mine, theirs);
        await db.SaveChangesAsync();
        return (mine, theirs);
    }

    [Fact]
    public async Task MailPage_ShowsThePartnershipsOwnMessagesWithTheirFailures_AndRetries()
    {
        var (mine, theirs) = await QueueAsync();
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var page = await admin.GetDocumentAsync("/admin/mail");
        var outbox = page.QuerySelector("#outbox")!.TextContent;
        Assert.Contains(mine.Subject, outbox);
        Assert.Contains("Retrying (3)", outbox);
        Assert.Contains("Could not connect to the mail server", outbox);
        Assert.DoesNotContain("Otherfield", outbox);
        Assert.Contains(app.MailFolder, page.QuerySelector("#destination")!.TextContent);
        Assert.Null((await admin.GetDocumentAsync($"/admin/mail?show={theirs.Id}")).QuerySelector("#message"));

        var retry = await admin.SubmitFormAsync($"/admin/mail?handler=Retry&messageId={mine.Id}", [], formUrl: "/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var other = await admin.SubmitFormAsync($"/admin/mail?handler=Retry&messageId={theirs.Id}", [], formUrl: "/admin/mail");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        Assert.True((await db.OutboxMessages.SingleAsync(m => m.Id == mine.Id)).NextAttemptAt <= DateTimeOffset.UtcNow);
        Assert.True((await db.OutboxMessages.SingleAsync(m => m.Id == theirs.Id)).NextAttemptAt > DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData(TestPartnership.Lead)]
    [InlineData(TestPartnership.PoliceAuditor)]
    [InlineData(TestPartnership.Viewer)]
    public async Task MailAndBankHolidayPages_AreForAdministratorsOnly(string email)
    {
        var browser = await app.SignedInBrowserAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/mail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/bank-holidays")).StatusCode);
    }
}

public sealed class SqliteMailAdminTests(SqliteAppFactory app) : MailAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMailAdminTests(PostgresAppFactory app) : MailAdminTests(app), IClassFixture<PostgresAppFactory>;
