using AngleSharp.Html.Parser;

namespace Parallax.Tests.Web;

/// <summary>A host with the fictional demo partnership loaded as well: long lists, every step of the work with data in it.</summary>
public abstract class DemoAppFactory(DatabaseProvider provider) : ParallaxAppFactory(provider)
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private IReadOnlyList<DemoAccount>? accounts;

    public async Task<IReadOnlyList<DemoAccount>> DemoAccountsAsync()
    {
        await loading.WaitAsync();
        try
        {
            if (accounts is null)
            {
                await using var scope = Services.CreateAsyncScope();
                accounts = await scope.ServiceProvider.GetRequiredService<DemoPartnership>().LoadAsync();
            }

            return accounts;
        }
        finally
        {
            loading.Release();
        }
    }
}

public sealed class SqliteDemoAppFactory() : DemoAppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresDemoAppFactory() : DemoAppFactory(DatabaseProvider.Postgres);

/// <summary>
/// Every page each demo user can reach by following links from home, on the demo's long lists, checked for
/// duplicate ids, labels that name no control or the wrong kind of element, and controls with no accessible
/// name (see <see cref="MarkupCheck"/>). The access table checks the same on each of its pages and users.
/// </summary>
public abstract partial class MarkupTests(DemoAppFactory app)
{
    /// <summary>Enough of each kind of page (the same page for another record) to meet its long and short lists.</summary>
    private const int PerKindOfPage = 3;

    [Fact]
    public async Task EveryPageEachDemoUserReaches_HasUniqueIdsAndLabelsThatNameTheirControls()
    {
        var accounts = await app.DemoAccountsAsync();
        Assert.Equal(DemoPartnership.Accounts.Count, accounts.Count);
        var problems = new List<string>();
        var checkedPages = 0;
        foreach (var account in accounts)
        {
            var browser = await app.SignedInBrowserAsync(account.Email, account.Password);
            var seen = new HashSet<string>();
            var kinds = new Dictionary<string, int>();
            var queue = new Queue<string>(["/"]);
            while (queue.Count > 0)
            {
                var url = queue.Dequeue();
                var response = await browser.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.InternalServerError) problems.Add($"{account.Role} GET {url}: 500");
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var page = await response.ReadDocumentAsync();
                checkedPages++;
                problems.AddRange(MarkupCheck.Problems(page).Select(p => $"{account.Role} {url}: {p}"));
                foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]))
                {
                    if (!link.StartsWith('/') || link.StartsWith("//") || link.Contains("handler=") || link.StartsWith("/sign-out") || !seen.Add(link)) continue;
                    var kind = Guids().Replace(link.Split('?')[0], "{id}");
                    if (kinds.GetValueOrDefault(kind) >= PerKindOfPage) continue;
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(checkedPages >= 60, $"Only {checkedPages} pages were reached: the crawl did not get far enough to mean anything.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {checkedPages} pages:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Distinct().Take(80))}");
    }

    [Fact]
    public void TheCheck_FindsWhatTheInvolvementGridOnceHad()
    {
        // Two household members whose time-ordered Guids shared their first eight characters: one id, two boxes.
        var page = new HtmlParser().ParseDocument("""
            <main><form>
              <input type="checkbox" id="k-POL-01a22f9b" name="Known" value="a"><label for="k-POL-01a22f9b">Police knows Mother (AB)</label>
              <input type="checkbox" id="k-POL-01a22f9b" name="Known" value="b"><label for="k-POL-01a22f9b">Police knows Father (CD)</label>
              <label for="nowhere">Orphan</label>
              <input type="text" name="Unnamed">
              <p id="hint">Hint</p><input type="text" id="ok" name="Ok" aria-describedby="hint gone"><label for="ok">Ok</label>
            </form></main>
            """);

        var problems = MarkupCheck.Problems(page);

        Assert.Contains("id \"k-POL-01a22f9b\" is used 2 times", problems);
        Assert.Contains(problems, p => p.StartsWith("<input name=\"b\"", StringComparison.Ordinal) || p.Contains("name=\"Known\" id=\"k-POL-01a22f9b\"> has no accessible name"));
        Assert.Contains(problems, p => p.Contains("\"nowhere\", which is not on the page"));
        Assert.Contains(problems, p => p.Contains("name=\"Unnamed\"") && p.EndsWith("has no accessible name"));
        Assert.Contains(problems, p => p.Contains("aria-describedby of \"ok\" names \"gone\""));
        Assert.Equal(5, problems.Count);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}")]
    private static partial Regex Guids();
}

public sealed class SqliteMarkupTests(SqliteDemoAppFactory app) : MarkupTests(app), IClassFixture<SqliteDemoAppFactory>;

public sealed class PostgresMarkupTests(PostgresDemoAppFactory app) : MarkupTests(app), IClassFixture<PostgresDemoAppFactory>;
