using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parallax.Core.Data;

namespace Parallax.Migrations.Sqlite;

/// <summary>Used only by `dotnet ef` (scripts/add-migration) to build the model for this provider; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ParallaxDbContext>
{
    public ParallaxDbContext CreateDbContext(string[] args)
    {
        var settings = DatabaseSettings.Create("sqlite", "Data Source=design-time.db", Directory.GetCurrentDirectory());
        var options = new DbContextOptionsBuilder<ParallaxDbContext>();
        options.UseParallaxDatabase(settings);
        return new ParallaxDbContext(options.Options);
    }
}
