namespace Parallax.Tests.Returns;

/// <summary>
/// On deadline day hundreds of agency auditors open their returns at once, and every database round trip a page makes
/// is paid by all of them (decision 0085). A return's own page is read in three commands: the session check; the folder's
/// record filter, which loads the request with its audit, case, agency, saved return, judgements and last reopening, and
/// whether it has queries; and its answers. A change that adds one shows here before it shows in the load test.
/// </summary>
public abstract class ReturnPageQueriesTests(QueryCountingAppFactory app)
{
    [Fact]
    public async Task AReturnWithSavedAnswers_IsReadInThreeCommands_AndShowsWhatWasSaved()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Round trips audit", TestAudits.NewUin("RT"), app.Data.Police.Id);
        var url = $"/returns/{requests.Single().Id}";

        // Half a return saved yesterday, then reopened today in a new session.
        var yesterday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var form = await yesterday.OpenFormAsync(url + "?all=true", "button[formaction$='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, (await form.Set(AnswerFields.Value("TT1"), AnswerFields.Yes).PostAsync(yesterday)).StatusCode);

        var today = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var before = app.CommandsFor(url).Count;
        var page = await today.GetDocumentAsync(url);
        var commands = app.CommandsFor(url).Skip(before).ToList();

        Assert.Contains(page.QuerySelectorAll(".govuk-task-list__status"), s => s.TextContent.Trim() == "In progress");
        Assert.True(commands.Count is > 0 and <= 3, $"{commands.Count} commands:\n\n" + string.Join("\n\n", commands));
    }
}

public sealed class SqliteReturnPageQueriesTests(QueryCountingSqliteAppFactory app) : ReturnPageQueriesTests(app), IClassFixture<QueryCountingSqliteAppFactory>;

public sealed class PostgresReturnPageQueriesTests(QueryCountingPostgresAppFactory app) : ReturnPageQueriesTests(app), IClassFixture<QueryCountingPostgresAppFactory>;
