using System.Net;
using Parallax.Core.Data;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Web;

/// <summary>Each test owns its host: it destroys the database under it.</summary>
public class HealthTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Get_Health_Is200WithTheDatabaseAnd503WhenItIsGone(DatabaseProvider provider)
    {
        await using var app = provider == DatabaseProvider.Sqlite ? (ParallaxAppFactory)new SqliteAppFactory() : new PostgresAppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);

        await app.Database.DestroyAsync();

        var response = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
