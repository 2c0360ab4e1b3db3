namespace Parallax.Tests.Data;

public class DatabaseSettingsTests
{
    [Fact]
    public void NothingConfigured_IsSqliteUnderTheWorkingDirectory()
    {
        var settings = DatabaseSettings.Create(null, null, "/srv/parallax");

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("/srv/parallax/data/parallax.db", settings.SqliteFile);
    }

    [Fact]
    public void BareSqlitePath_IsResolvedAgainstTheWorkingDirectory()
    {
        Assert.Equal("/srv/parallax/other/p.db", DatabaseSettings.Create("sqlite", "other/p.db", "/srv/parallax").SqliteFile);
    }

    [Fact]
    public void PostgresWithoutConnectionString_SaysWhatToSet()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSettings.Create("postgres", null, "/tmp"));

        Assert.Contains("PARALLAX_DB", error.Message);
    }

    [Fact]
    public void PostgresDescription_NeverShowsThePassword()
    {
        var settings = DatabaseSettings.Create("postgresql", "Host=db.internal;Port=5433;Database=parallax;Username=app;Password=hunter2-secret", "/tmp");

        Assert.Equal("PostgreSQL database \"parallax\" on db.internal:5433", settings.Describe());
    }

    [Theory]
    [InlineData("Host=db.internal;Database=parallax", 64, 2)]
    [InlineData("Host=db.internal;Database=parallax;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=db.internal;Database=parallax;maxautoprepare=10;Auto Prepare Min Usages=7", 10, 7)]
    public void Postgres_PreparesTheStatementsPagesRepeat_UnlessTheConnectionStringSaysOtherwise(string connection, int maxPrepared, int minUsages)
    {
        var settings = DatabaseSettings.Create("postgres", connection, "/tmp");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(maxPrepared, builder.MaxAutoPrepare);
        Assert.Equal(minUsages, builder.AutoPrepareMinUsages);
        Assert.Equal("db.internal", builder.Host);
    }

    [Theory]
    [InlineData("sqlite", "Data Source=x.db;Colour=blue", "The SQLite connection string is not valid:")]
    [InlineData("postgres", "Host=;Database=x", "The PostgreSQL connection string does not name a server")]
    [InlineData("postgres", "Hots=localhost", "The PostgreSQL connection string is not valid:")]
    public void MalformedConnectionStrings_AreOneClearSentence(string provider, string connection, string start)
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSettings.Create(provider, connection, "/tmp"));

        Assert.StartsWith(start, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}
