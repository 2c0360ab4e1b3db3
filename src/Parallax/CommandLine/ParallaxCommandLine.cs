using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace Parallax.CommandLine;

/// <summary>
/// The one executable's commands: <c>serve</c> (the default) runs the web application; the others are
/// the administrator's tools. Exit codes: 0 success, 1 failure (one sentence on stderr), 2 bad usage.
/// </summary>
public static class ParallaxCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    private static readonly string[] CommandNames = ["serve", "migrate", "demo", "user", "agency", "partnership", "tool", "audit", "review", "audit-log", "retention", "backup", "restore"];
    private static readonly string[] HelpTokens = ["--help", "-h", "-?", "--version"];

    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "Database connection string, or a SQLite file path (also PARALLAX_DB). Default: data/parallax.db under the working directory.",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "Database provider: sqlite or postgres (also PARALLAX_DB_PROVIDER).",
        Recursive = true,
    };

    public static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Show the full detail of errors.",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        args = WithDefaultCommand(args);
        var root = Build(input, output, error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors) await error.WriteLineAsync(parseError.Message);
            await error.WriteLineAsync("Run with --help to see the commands and options.");
            return BadUsage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// No command, or only options, means <c>serve</c>. The first word that is neither an option nor an option's
    /// value is the command, wherever it stands: a word that is not a command (<c>--db x.db review list</c>) stays
    /// an error for the parser to report, and never starts the server. Options the host does not know are passed
    /// to ASP.NET Core, which takes them as <c>--key value</c> or <c>--key=value</c>.
    /// </summary>
    internal static string[] WithDefaultCommand(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (HelpTokens.Contains(token)) return args;
            if (!token.StartsWith('-')) return args; // The command, known or not.
            if (token.Contains('=') || token == VerboseOption.Name || token == "--no-demo") continue;
            // An option with a value: --db x.db, --provider postgres, --urls U, --environment Development.
            if (i + 1 < args.Length && !args[i + 1].StartsWith('-')) i++;
        }

        return ["serve", .. args];
    }

    internal static RootCommand Build(TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Parallax: multi-agency case audits and practice reviews for Safeguarding Children Partnerships.");
        root.Options.Add(DbOption);
        root.Options.Add(ProviderOption);
        root.Options.Add(VerboseOption);

        root.Subcommands.Add(ServeCommand(error));
        root.Subcommands.Add(MigrateCommand(output, error));
        root.Subcommands.Add(DemoCommand(output, error));
        root.Subcommands.Add(UserCommands(input, output, error));
        root.Subcommands.Add(AgencyCommands(output, error));
        root.Subcommands.Add(PartnershipCommands(output, error));
        root.Subcommands.Add(ToolCommands.Build(output, error, PartnershipOption, CommandServices, Guard));
        root.Subcommands.Add(AuditCommands.Build(output, error, PartnershipOption, CommandServices, Guard));
        root.Subcommands.Add(ReviewCommands.Build(output, error, PartnershipOption, CommandServices, Guard));
        root.Subcommands.Add(AuditLogCommands(output, error));
        root.Subcommands.Add(RetentionCommand(output, error));
        root.Subcommands.Add(BackupCommand(output, error));
        root.Subcommands.Add(RestoreCommand(output, error));
        return root;
    }

    private static Command ServeCommand(TextWriter error)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, as ASP.NET Core takes them. Default: http://localhost:5080." };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not load the fictional demo partnership into an empty database." };
        var command = new Command("serve", "Run the web application (the default command).") { urls, noDemo };
        command.TreatUnmatchedTokensAsErrors = false; // Passed on to ASP.NET Core (e.g. --environment).
        command.SetAction((parse, cancellationToken) => Guard(parse, error, () =>
            ParallaxWebApp.ServeAsync(new ServeOptions(
                [.. parse.UnmatchedTokens], parse.GetValue(urls), parse.GetValue(noDemo),
                parse.GetValue(ProviderOption), parse.GetValue(DbOption)), cancellationToken)));
        return command;
    }

    private static Command MigrateCommand(TextWriter output, TextWriter error)
    {
        var command = new Command("migrate", "Apply database migrations and exit.");
        command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider, cancellationToken);
            await output.WriteLineAsync($"Migrated {settings.Describe()}.");
            return Success;
        }));
        return command;
    }

    private static Command DemoCommand(TextWriter output, TextWriter error)
    {
        var command = new Command("demo", "Load the fictional demo partnership (idempotent).");
        command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider, cancellationToken);
            var accounts = await scope.ServiceProvider.GetRequiredService<DemoPartnership>().LoadAsync(cancellationToken);
            await DemoAccounts.PrintAsync(output, accounts);
            return Success;
        }));
        return command;
    }

    private static Command UserCommands(TextReader input, TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address (their sign-in name).", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"Role, repeatable: {string.Join(", ", Roles.All)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        roles.Validators.Add(result =>
        {
            foreach (var role in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Roles.Normalise(role) is null) result.AddError($"Unknown role \"{role}\": use one of {string.Join(", ", Roles.All)}.");
            }
        });
        var agency = new Option<string?>("--agency") { Description = "Agency code (see `agency list`); required for agency auditors." };
        var partnership = PartnershipOption();
        var name = new Option<string?>("--name") { Description = "Display name." };

        var add = new Command("add", "Add a user; the password is read from standard input. An address that already has an account (in another partnership) becomes a member of this one too and keeps its password.") { email, roles, agency, partnership, name };
        add.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var password = PasswordInput.Read(input, error)
                ?? throw new DomainException("No password was given: write it to standard input.");
            var user = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
                target.Id, parse.GetValue(email)!, parse.GetValue(roles)!, parse.GetValue(agency), password, parse.GetValue(name), cancellationToken);
            await output.WriteLineAsync($"Added {user.Email}.");
            return Success;
        }));

        var list = new Command("list", "List users: e-mail, roles, agency code, two-factor, status (invited, active, locked, deactivated), last sign-in, one per line.") { partnership };
        list.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            foreach (var u in await scope.ServiceProvider.GetRequiredService<People>().ListAsync(target.Id, cancellationToken))
            {
                var lastSignIn = u.LastSignIn?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
                await output.WriteLineAsync($"{u.Email}\t{string.Join(",", u.Roles)}\t{u.AgencyCode ?? "-"}\t{(u.TwoFactor ? "2fa" : "-")}\t{u.Status.ToString().ToLowerInvariant()}\t{lastSignIn}");
            }

            return Success;
        }));

        var inviteEmail = new Option<string>("--email") { Description = "The person's e-mail address (their sign-in name).", Required = true };
        var invite = new Command("invite", "Invite a user by e-mail: the outbox sends a single-use link (72 hours) where they choose their own password; an address that already has an account becomes a member of this partnership and is sent a notice.") { inviteEmail, roles, agency, partnership, name };
        invite.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var user = await scope.ServiceProvider.GetRequiredService<People>().InviteAsync(target.Id,
                new PersonInput(parse.GetValue(inviteEmail), parse.GetValue(name), parse.GetValue(roles)!, parse.GetValue(agency)), "Your Parallax administrator", cancellationToken);
            await output.WriteLineAsync($"Invited {user.Email}: the invitation is in the outbox and is sent by the web application.");
            return Success;
        }));

        Command Lifecycle(string verb, string description, Func<People, Guid, Guid, CancellationToken, Task> act, string done)
        {
            var who = new Argument<string>("email") { Description = "The user's e-mail address." };
            var command = new Command(verb, description) { who, partnership };
            command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
            {
                await using var services = CommandServices(parse);
                await using var scope = services.CreateAsyncScope();
                var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
                var people = scope.ServiceProvider.GetRequiredService<People>();
                var user = await people.FindByEmailAsync(target.Id, parse.GetValue(who)!, cancellationToken);
                await act(people, target.Id, user.Id, cancellationToken);
                await output.WriteLineAsync($"{user.Email}: {done}.");
                return Success;
            }));
            return command;
        }

        var disable = Lifecycle("disable", "Deactivate a user who has left: no sign-in, open sessions end on their next request.", (p, t, u, ct) => p.DeactivateAsync(t, u, null, ct), "deactivated");
        var enable = Lifecycle("enable", "Reactivate a deactivated user.", (p, t, u, ct) => p.ReactivateAsync(t, u, ct), "reactivated");
        var unlock = Lifecycle("unlock", "End a lockout after too many wrong passwords or codes.", (p, t, u, ct) => p.UnlockAsync(t, u, ct), "unlocked");
        var resetTwoFactor = Lifecycle("reset-two-factor", "Remove a lost authenticator app and its recovery codes; the user sets two-factor up again.", (p, t, u, ct) => p.ResetTwoFactorAsync(t, u, ct), "two-factor sign-in reset");

        return new Command("user", "Manage users.") { add, list, invite, disable, enable, unlock, resetTwoFactor };
    }

    private static Command AuditLogCommands(TextWriter output, TextWriter error)
    {
        var keyFile = new Option<string?>("--chain-key-file")
        {
            Description = "File holding the audit chain key (base64; also Parallax:AuditTrail:ChainKeyFile or PARALLAX_AUDIT_CHAIN_KEY_FILE). Without a key, seals are plain SHA-256.",
        };

        // The chain's services, with the key file from the option when given.
        ServiceProvider ChainServices(ParseResult parse)
        {
            if (parse.GetValue(keyFile) is not { Length: > 0 } file) return CommandServices(parse);
            var configuration = new ConfigurationBuilder().AddConfiguration(Configuration(parse))
                .AddInMemoryCollection(new Dictionary<string, string?> { [Parallax.Core.AuditTrail.AuditChainKeys.KeyFileKey] = file }).Build();
            var provider = ParallaxServices.CommandServices(configuration, AuditActor.CommandLine());
            provider.GetRequiredService<DatabaseSettings>();
            return provider;
        }

        var checkpointFile = new Option<string?>("--checkpoint") { Description = "A checkpoint written by `audit-log checkpoint`: also prove nothing up to it has changed since." };
        var incremental = new Option<bool>("--incremental")
        {
            Description = "With --checkpoint: recompute only the events after the checkpoint's (the chain must still pass through it). Without it, every event is recomputed.",
        };
        var verify = new Command("verify", "Recompute the audit trail's hash chain; exit 0 when intact, 1 with each break listed.") { keyFile, checkpointFile, incremental };
        verify.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            Parallax.Core.AuditTrail.AuditCheckpoint? checkpoint = null;
            if (parse.GetValue(checkpointFile) is { } path)
            {
                try
                {
                    checkpoint = System.Text.Json.JsonSerializer.Deserialize<Parallax.Core.AuditTrail.AuditCheckpoint>(await File.ReadAllTextAsync(path, cancellationToken))
                        ?? throw new System.Text.Json.JsonException();
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
                {
                    await error.WriteLineAsync($"{path} is not a checkpoint written by `audit-log checkpoint`.");
                    return 2;
                }
            }

            if (parse.GetValue(incremental) && checkpoint is null)
            {
                await error.WriteLineAsync("--incremental needs --checkpoint: the events after that checkpoint are the ones recomputed.");
                return 2;
            }

            await using var services = ChainServices(parse);
            await using var scope = services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.AuditChainKeys>();
            var report = await scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.AuditChain>().VerifyAsync(checkpoint, parse.GetValue(incremental), cancellationToken);
            foreach (var problem in report.Problems) await error.WriteLineAsync(problem);
            await output.WriteLineAsync($"{report.Sealed} events sealed, {report.Unsealed} not yet sealed; head {report.Head}; {(report.Intact ? "the chain is intact." : $"{report.Problems.Count} problem(s) found.")}");
            if (checkpoint is not null && report.Intact && report.RecomputedAfterEventId > 0)
                await output.WriteLineAsync($"The chain still passes through the checkpoint of {checkpoint.WrittenAt:yyyy-MM-dd HH:mm} UTC at event {checkpoint.EventId}; only the events after it were recomputed. Verify without --incremental to recompute every event.");
            else if (checkpoint is not null && report.Intact) await output.WriteLineAsync($"Nothing up to event {checkpoint.EventId} has changed since the checkpoint of {checkpoint.WrittenAt:yyyy-MM-dd HH:mm} UTC.");
            if (report.SealedWithoutKey > 0)
                await output.WriteLineAsync(keys.Keyed
                    ? $"{report.SealedWithoutKey} events were sealed before the chain had a key: only a checkpoint kept elsewhere protects them against someone holding the database."
                    : "The chain has no key (Parallax:AuditTrail:ChainKey): whoever holds the database could rewrite events and seal them again. Set a key, and keep checkpoints elsewhere.");
            return report.Intact ? Success : 1;
        }));

        var seal = new Command("seal", "Seal every audit event not yet sealed (the web application does this in the background).") { keyFile };
        seal.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = ChainServices(parse);
            await using var scope = services.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.AuditChain>().SealAsync(TimeSpan.Zero, cancellationToken);
            await output.WriteLineAsync($"Sealed {count} events.");
            return Success;
        }));

        var outFile = new Option<string>("--out") { Description = "Where to write the checkpoint (JSON); keep it outside this server.", Required = true };
        var checkpoint = new Command("checkpoint", "Write the head of the sealed chain, signed with the chain key, to keep elsewhere; `verify --checkpoint` proves nothing before it changed.") { keyFile, outFile };
        checkpoint.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = ChainServices(parse);
            await using var scope = services.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.AuditChain>().CheckpointAsync(cancellationToken);
            var path = parse.GetValue(outFile)!;
            await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(written, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            await output.WriteLineAsync($"Checkpoint at event {written.EventId}, head {written.Head}{(written.Signature is null ? " (unsigned: the chain has no key)" : $", signed with chain key {written.KeyId}")}, written to {Path.GetFullPath(path)}.");
            return Success;
        }));
        return new Command("audit-log", "The audit trail's hash chain.") { verify, seal, checkpoint };
    }

    private static Command RetentionCommand(TextWriter output, TextWriter error)
    {
        var apply = new Option<bool>("--apply") { Description = "Remove the narrative now. Without it, only report what would be removed (a dry run)." };
        var command = new Command("retention", "Each partnership's rule for case narrative after an audit closes: a dry-run report, or --apply (the web application applies it daily).") { apply };
        command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<Parallax.Core.Retention.NarrativeRetention>().RunAsync(parse.GetValue(apply), ct: cancellationToken);
            foreach (var line in report.Lines()) await output.WriteLineAsync(line);
            return Success;
        }));
        return command;
    }

    private static Command BackupCommand(TextWriter output, TextWriter error)
    {
        var file = new Option<string>("--out") { Description = "The backup file to write (never overwritten).", Required = true };
        var command = new Command("backup", "Back up the whole database: SQLite's online backup, or pg_dump (custom format) for PostgreSQL.") { file };
        command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await DatabaseBackup.BackupAsync(settings, parse.GetValue(file)!, cancellationToken);
            await output.WriteLineAsync($"Backed up {settings.Describe()} to {Path.GetFullPath(parse.GetValue(file)!)}.");
            return Success;
        }));
        return command;
    }

    private static Command RestoreCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A file written by the backup command." };
        var replace = new Option<bool>("--replace") { Description = "Overwrite a database that already holds Parallax data." };
        var command = new Command("restore", "Restore the whole database from a backup; stop the web application first.") { file, replace };
        command.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await DatabaseBackup.RestoreAsync(settings, parse.GetValue(file)!, parse.GetValue(replace), cancellationToken);
            await output.WriteLineAsync($"Restored {settings.Describe()} from {Path.GetFullPath(parse.GetValue(file)!)}. Run `audit-log verify` to check the audit trail.");
            return Success;
        }));
        return command;
    }

    private static Command AgencyCommands(TextWriter output, TextWriter error)
    {
        var partnership = PartnershipOption();
        var list = new Command("list", "List agencies: code, name, type, one per line.") { partnership };
        list.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var agencies = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies
                .Where(a => a.PartnershipId == target.Id).OrderBy(a => a.Code).ToListAsync(cancellationToken);
            foreach (var a in agencies) await output.WriteLineAsync($"{a.Code}\t{a.Name}\t{a.Type}{(a.IsRetired ? "\tretired" : "")}");
            return Success;
        }));

        var code = new Option<string>("--code") { Description = "A short code unique in the partnership, e.g. POL.", Required = true };
        var name = new Option<string>("--name") { Description = "The agency's name.", Required = true };
        var type = new Option<string>("--type") { Description = $"The type of agency: {string.Join(", ", Enum.GetValues<Parallax.Core.Agencies.AgencyType>())}.", Required = true };
        var adults = new Option<bool>("--adults") { Description = "The agency provides services to adults." };
        var contact = new Option<string?>("--contact") { Description = "Returns contact e-mail: gets request notices while the agency has no active auditor." };
        var add = new Command("add", "Add an agency.") { code, name, type, adults, contact, partnership };
        add.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var agency = await scope.ServiceProvider.GetRequiredService<Parallax.Core.Agencies.AgencyRegister>().AddAsync(target.Id,
                new Parallax.Core.Agencies.AgencyInput(parse.GetValue(code), parse.GetValue(name), parse.GetValue(type), parse.GetValue(adults), parse.GetValue(contact)), cancellationToken);
            await output.WriteLineAsync($"Added {agency.Code} ({agency.Name}).");
            return Success;
        }));

        var file = new Argument<string>("file") { Description = "A CSV or Excel (.xlsx) file, headings in the first row: Code, Name, Type, Works with adults, Returns contact e-mail." };
        var import = new Command("import", "Add agencies from a CSV or XLSX file: all of them, or none if any row has a problem.") { file, partnership };
        import.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new DomainException($"There is no file {path}.");
            Parallax.Core.Spreadsheets.Sheet sheet;
            await using (var stream = File.OpenRead(path))
                sheet = Parallax.Core.Spreadsheets.SheetReader.Read(stream, path, stream.Length);

            var result = await scope.ServiceProvider.GetRequiredService<Parallax.Core.Agencies.AgencyRegister>().ImportAsync(target.Id, sheet, cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems) await error.WriteLineAsync(problem.ToString());
                await error.WriteLineAsync("Nothing was added.");
                return Failure;
            }

            await output.WriteLineAsync($"Added {result.Added} {(result.Added == 1 ? "agency" : "agencies")}.");
            return Success;
        }));

        var retireCode = new Argument<string>("code") { Description = "The agency's code." };
        var retire = new Command("retire", "Retire an agency that has left the partnership: it keeps its history and gets no new requests.") { retireCode, partnership };
        retire.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var register = scope.ServiceProvider.GetRequiredService<Parallax.Core.Agencies.AgencyRegister>();
            var agency = await register.FindByCodeAsync(target.Id, parse.GetValue(retireCode)!, cancellationToken);
            await register.RetireAsync(target.Id, agency.Id, cancellationToken);
            await output.WriteLineAsync($"Retired {agency.Code} ({agency.Name}).");
            return Success;
        }));

        var reinstateCode = new Argument<string>("code") { Description = "The agency's code." };
        var reinstate = new Command("reinstate", "Reinstate a retired agency.") { reinstateCode, partnership };
        reinstate.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var target = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().ResolveAsync(parse.GetValue(partnership), cancellationToken);
            var register = scope.ServiceProvider.GetRequiredService<Parallax.Core.Agencies.AgencyRegister>();
            var agency = await register.FindByCodeAsync(target.Id, parse.GetValue(reinstateCode)!, cancellationToken);
            await register.ReinstateAsync(target.Id, agency.Id, cancellationToken);
            await output.WriteLineAsync($"Reinstated {agency.Code} ({agency.Name}).");
            return Success;
        }));
        return new Command("agency", "Agencies of the partnership.") { list, add, import, retire, reinstate };
    }

    private static Command PartnershipCommands(TextWriter output, TextWriter error)
    {
        var name = new Option<string>("--name") { Description = "The partnership's name.", Required = true };
        var add = new Command("add", "Add a partnership (for an installation without the demo).") { name };
        add.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider, cancellationToken);
            var partnership = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync(parse.GetValue(name)!, cancellationToken);
            await output.WriteLineAsync($"Added {partnership.Name}.");
            return Success;
        }));

        var list = new Command("list", "List partnerships: id, name, one per line.");
        list.SetAction((parse, cancellationToken) => Guard(parse, error, async () =>
        {
            await using var services = CommandServices(parse);
            await using var scope = services.CreateAsyncScope();
            var partnerships = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Partnerships
                .OrderBy(p => p.Name).ToListAsync(cancellationToken);
            foreach (var p in partnerships) await output.WriteLineAsync($"{p.Id}\t{p.Name}");
            return Success;
        }));
        return new Command("partnership", "Partnerships in this installation.") { add, list };
    }

    internal static Option<string?> PartnershipOption() =>
        new("--partnership") { Description = "The partnership's name; needed only when there is more than one." };

    /// <summary>The services of the web host, without the web: for the admin commands.</summary>
    internal static ServiceProvider CommandServices(ParseResult parse)
    {
        var provider = ParallaxServices.CommandServices(Configuration(parse), AuditActor.CommandLine());
        provider.GetRequiredService<DatabaseSettings>(); // Fail now, with its own message, on a malformed --db.
        return provider;
    }

    private static IConfiguration Configuration(ParseResult parse) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddParallaxOverrides(parse.GetValue(ProviderOption), parse.GetValue(DbOption))
        .Build();

    /// <summary>Turns every failure into one sentence on stderr and exit code 1; the stack trace only with --verbose.</summary>
    internal static async Task<int> Guard(ParseResult parse, TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (HostAbortedException)
        {
            throw; // The test host stops the entry point this way.
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Stopped.");
            return Failure;
        }
        catch (Exception e)
        {
            var sentence = e is DomainException or DomainException or DomainException or DomainException or DomainException or DomainException or DomainException or BackupException ? e.Message : DatabaseErrors.Describe(e, TrySettings(parse));
            await error.WriteLineAsync(sentence ?? $"Parallax stopped because of an unexpected error: {e.Message}");
            if (parse.GetValue(VerboseOption)) await error.WriteLineAsync(e.ToString());
            return Failure;
        }
    }

    private static DatabaseSettings? TrySettings(ParseResult parse)
    {
        try
        {
            return DatabaseSettings.FromConfiguration(Configuration(parse), Environment.CurrentDirectory);
        }
        catch (DatabaseConfigurationException)
        {
            return null;
        }
    }
}
