namespace Parallax.CommandLine;

internal static class DemoAccounts
{
    public static async Task PrintAsync(TextWriter output, IReadOnlyList<DemoAccount> accounts)
    {
        await output.WriteLineAsync($"Demo partnership: {DemoPartnership.Name} (fictional).");
        if (accounts.Count == 0)
        {
            await output.WriteLineAsync("The demo accounts already exist; their passwords were shown when they were created.");
            return;
        }

        await output.WriteLineAsync("Demo accounts (passwords are shown this once only):");
        foreach (var account in accounts)
        {
            var agency = account.AgencyCode is null ? "" : $" ({account.AgencyCode})";
            await output.WriteLineAsync($"  {Roles.DisplayName(account.Role) + agency,-30} {account.Email,-36} {account.Password}");
        }
    }
}
