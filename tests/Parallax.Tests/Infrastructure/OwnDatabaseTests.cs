namespace Parallax.Tests.Infrastructure;

/// <summary>A test class with a real, empty database of its own, made before its tests and dropped after them, and the command line over it.</summary>
public abstract class OwnDatabaseTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Database = TestDatabase.Create(provider);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Runs the command line in-process on the database, <paramref name="input"/> typed at its prompts.</summary>
    protected Task<CommandResult> RunWithInput(string input, params string[] args) =>
        CommandResult.RunAsync(["--provider", Database.ProviderName, "--db", Database.ConnectionString, .. args], input);

    protected Task<CommandResult> Run(params string[] args) => RunWithInput("", args);
}
