using Parallax.Features.Shared;

namespace Parallax.Tests.Home;

/// <summary>
/// The navigation and the home page's "Where you work" show a place exactly when its page opens for the person
/// (<see cref="Places"/> asks the page's own policy): every link shown opens, and every place not shown is refused
/// with 403, unless a place of the same name is shown instead (a lead's "Reviews" are the practice reviews they run,
/// a reader's those opened to them). Tried for every role, an action owner added for the test.
/// </summary>
public abstract class PlacesTests(ParallaxAppFactory app)
{
    private const string ActionOwner = "owner@testshire.example";

    /// <summary>Each person, and the navigation they are meant to have (decision 0092), written out so a place dropped from the list fails too.</summary>
    public static TheoryData<string, string> People => new()
    {
        { TestPartnership.Admin, "Home, Audits, Audit tools, Reviews, Panel, Dashboard, Action plan, Learning, Agencies, Users, Audit trail, Mail, Settings" },
        { TestPartnership.Lead, "Home, Audits, Audit tools, Reviews, Panel, Dashboard, Action plan, Learning, Agencies" },
        { TestPartnership.PoliceAuditor, "Home, My returns, Chronologies, My actions, Agencies" },
        { TestPartnership.Panel, "Home, Panel, Reviews, Agencies" },
        { TestPartnership.Viewer, "Home, Reviews, Dashboard, Action plan, Learning, Agencies" },
        { ActionOwner, "Home, My actions, Agencies" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task EachPlace_IsShownExactlyWhenItsPageOpens(string person, string navigation)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Users.AnyAsync(u => u.Email == ActionOwner))
                await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                    .AddAsync(app.Data.Partnership.Id, ActionOwner, [Roles.ActionOwner], "TPOL", TestPartnership.Password);
        }

        var links = app.Services.GetRequiredService<LinkGenerator>();
        var browser = await app.SignedInBrowserAsync(person);
        var home = await browser.GetDocumentAsync("/");
        Assert.Equal(navigation, string.Join(", ", home.QuerySelectorAll("#navigation a").Select(a => a.TextContent.Trim())));
        var lists = new (string Selector, Func<Places.Place, string?> Name)[]
        {
            ("#navigation a", p => p.Navigation),
            ("#places a", p => p.Home),
        };
        var opened = new Dictionary<string, int>();
        foreach (var (selector, nameIn) in lists)
        {
            var shown = home.QuerySelectorAll(selector).ToDictionary(a => a.GetAttribute("href")!, a => a.TextContent.Trim());
            Assert.NotEmpty(shown);
            foreach (var place in Places.All.Where(p => nameIn(p) is not null))
            {
                var path = links.GetPathByPage(place.Page)!;
                if (!opened.TryGetValue(path, out var status)) opened[path] = status = (int)(await browser.GetAsync(path)).StatusCode;
                if (shown.TryGetValue(path, out var text))
                {
                    Assert.True(status == 200, $"{person}: {selector} shows {path}, which answers {status}");
                    Assert.Equal(nameIn(place), text);
                }
                else if (!shown.ContainsValue(nameIn(place)!))
                    Assert.True(status == 403, $"{person}: {selector} leaves out {path}, which answers {status}");
            }
        }
    }
}

public sealed class SqlitePlacesTests(SqliteAppFactory app) : PlacesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPlacesTests(PostgresAppFactory app) : PlacesTests(app), IClassFixture<PostgresAppFactory>;
