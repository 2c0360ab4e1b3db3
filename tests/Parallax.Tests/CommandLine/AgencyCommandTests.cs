namespace Parallax.Tests.CommandLine;

/// <summary>`agency add`, `agency import`, `agency retire` and `agency reinstate` on an installation without the demo.</summary>
public abstract class AgencyCommandTests(DatabaseProvider provider) : OwnDatabaseTests(provider)
{
    [Fact]
    public async Task AddImportRetire_ManageTheAgencies_AndBadInputChangesNothing()
    {
        Assert.Equal(0, (await Run("partnership", "add", "--name", "Northshire Safeguarding Children Partnership")).ExitCode);

        var added = await Run("agency", "add", "--code", "pol", "--name", "Northshire Police", "--type", "Police", "--adults", "--contact", "mash@police.example");
        Assert.True(added.ExitCode == 0, added.Error);
        var duplicate = await Run("agency", "add", "--code", "POL", "--name", "Another police", "--type", "Police");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already has an agency with code POL", duplicate.Error);
        var badType = await Run("agency", "add", "--code", "ZZ", "--name", "Zed", "--type", "Spaceship");
        Assert.Equal(1, badType.ExitCode);
        Assert.Single(badType.ErrorLines);

        var folder = Directory.CreateTempSubdirectory("parallax-agencies-");
        try
        {
            var bad = Path.Combine(folder.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad, "Code,Name,Type\r\nHV,Northshire 0-19,Health visiting\r\nPOL,Police again,Police\r\n", Encoding.UTF8);
            var refused = await Run("agency", "import", bad);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Row 3, Code:", refused.Error);
            Assert.Single((await Run("agency", "list")).Lines);

            var good = Path.Combine(folder.FullName, "good.csv");
            await File.WriteAllTextAsync(good, "Code,Name,Type,Works with adults\r\nHV,Northshire 0-19,Health visiting,No\r\nCSC,Northshire Children's Services,CSC,No\r\n", Encoding.UTF8);
            var imported = await Run("agency", "import", good);
            Assert.True(imported.ExitCode == 0, imported.Error);
            Assert.Equal("Added 2 agencies.", imported.Lines.Single());
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Assert.Equal(0, (await Run("agency", "retire", "hv")).ExitCode);
        var list = (await Run("agency", "list")).Lines;
        Assert.Equal(["CSC\tNorthshire Children's Services\tChildrensSocialCare", "HV\tNorthshire 0-19\tHealthVisiting\tretired", "POL\tNorthshire Police\tPolice"], list);
        Assert.Equal(1, (await Run("agency", "retire", "HV")).ExitCode);
        Assert.Equal(1, (await Run("agency", "retire", "NOPE")).ExitCode);
        Assert.Equal(0, (await Run("agency", "reinstate", "HV")).ExitCode);
        Assert.DoesNotContain("retired", (await Run("agency", "list")).Output);
    }
}

public sealed class AgencyCommandTestsSqlite() : AgencyCommandTests(DatabaseProvider.Sqlite);

public sealed class AgencyCommandTestsPostgres() : AgencyCommandTests(DatabaseProvider.Postgres);
