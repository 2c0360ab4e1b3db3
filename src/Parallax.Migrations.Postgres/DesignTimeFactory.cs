using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parallax.Core.Data;

namespace Parallax.Migrations.Postgres;

/// <summary>Used only by `dotnet ef` (scripts/add-migration) to build the model for this provider; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ParallaxDbContext>
{
    public ParallaxDbContext CreateDbContext(string[] args)
    {
        var settings = DatabaseSettings.Create("postgres", "Host=localhost;Database=parallax_design_time;Username=parallax", Directory.GetCurrentDirectory());
        var options = new DbContextOptionsBuilder<ParallaxDbContext>();
        options.UseParallaxDatabase(settings);
        return new ParallaxDbContext(options.Options);
    }
}
