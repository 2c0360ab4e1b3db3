using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parallax.Web;

public static class ParallaxServices
{
    public const string DemoOnFirstRunKey = "Parallax:Demo:LoadOnFirstRun";

    /// <summary>The services the web host and the admin commands share.</summary>
    public static IServiceCollection AddParallaxCore(this IServiceCollection services)
    {
        services.AddParallaxData();
        services.AddScoped<UserAdministration>();
        services.AddScoped<PartnershipDirectory>();
        services.AddScoped<PartnershipSettings>();
        services.AddScoped<Parallax.Core.Agencies.AgencyRegister>();
        services.AddScoped<OneTimeLinks>();
        services.AddScoped<FirstRun>();
        services.AddScoped<People>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<DemoPartnership>();
        services.AddScoped<DemoAudits>();
        services.AddScoped<DemoActions>();
        services.AddScoped<DemoReview>();
        services.AddScoped<Parallax.Core.Tools.ToolCatalogue>();
        services.AddScoped<Parallax.Core.Audits.AuditPlanner>();
        services.AddScoped<Parallax.Core.Cases.CaseRegister>();
        services.AddScoped<Parallax.Core.Cases.CaseImport>();
        services.AddScoped<Parallax.Core.Returns.ReturnRequests>();
        services.AddScoped<Parallax.Core.Returns.ReturnCompletion>();
        services.AddScoped<Parallax.Core.Returns.ReturnChaser>();
        services.AddScoped<Parallax.Core.Analysis.AuditStatistics>();
        services.AddScoped<Parallax.Core.Reports.ReportBuilder>();
        services.AddScoped<Parallax.Core.Reports.AuditReports>();
        services.AddSingleton<Parallax.Core.Reports.PdfConverter>();
        services.AddScoped<Parallax.Core.Actions.ActionPlans>();
        services.AddScoped<Parallax.Core.Home.HomeAttention>();
        services.AddScoped<Parallax.Core.Actions.ActionChaser>();
        services.AddScoped<Parallax.Core.Reviews.ChronologyChaser>();
        services.AddScoped<Parallax.Core.AuditTrail.AuditChain>();
        services.AddSingleton(provider => Parallax.Core.AuditTrail.AuditChainKeys.From(provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<Parallax.Core.Users.SecurityLog>();
        services.AddScoped<Parallax.Core.Reviews.PracticeReviews>();
        services.AddScoped<Parallax.Core.Reviews.ReviewOpening>();
        services.AddScoped<Parallax.Core.Reviews.ChronologyWriting>();
        services.AddScoped<Parallax.Core.Reviews.ReviewChronology>();
        services.AddScoped<Parallax.Core.Reviews.ChronologyEventTypes>();
        services.AddScoped<Parallax.Core.Reviews.ReviewLearnings>();
        services.AddScoped<Parallax.Core.Reviews.RapidReviews>();
        services.AddScoped<Parallax.Core.Reviews.ReviewPackages>();
        services.AddScoped<Parallax.Core.Reviews.ReviewReports>();
        services.AddScoped<Parallax.Features.Reviews.Chronology.ChronologyViews>();
        services.AddScoped<Parallax.Core.Actions.LearningOverTime>();
        services.AddScoped<Parallax.Core.Analysis.ExecutiveDashboard>();
        services.AddSingleton<Parallax.Core.Analysis.ExecutiveDashboard.Kept>();
        services.TryAddSingleton<Parallax.Core.Actions.IEvidenceScanner, Parallax.Core.Actions.NoEvidenceScanner>();
        services.AddScoped<Parallax.Core.Analysis.CaseCollation>();
        services.AddScoped<Parallax.Core.Analysis.PartnershipHistory>();
        services.AddScoped<Parallax.Core.Panels.PanelRecords>();
        services.AddScoped<Parallax.Core.Returns.ReturnQueries>();
        services.AddScoped<Parallax.Core.Findings.AuditFindings>();
        services.AddScoped<Parallax.Core.Packages.AuditPackages>();
        services.AddScoped<Parallax.Core.Calendar.PartnershipCalendar>();
        services.AddScoped<Parallax.Core.Retention.NarrativeRetention>();
        services.AddScoped<Parallax.Core.AuditTrail.CheckpointMail>();
        services.AddSingleton(provider => Parallax.Core.Mail.MailSettings.Read(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<Parallax.Core.Mail.IMailTransport>(provider =>
        {
            var settings = provider.GetRequiredService<Parallax.Core.Mail.MailSettings>();
            return settings.UsesNotify ? new Parallax.Core.Mail.NotifyMailTransport(settings)
                : settings.UsesSmtp ? new Parallax.Core.Mail.SmtpMailTransport(settings) : new Parallax.Core.Mail.FolderMailTransport(settings);
        });
        services.AddScoped<Parallax.Core.Mail.MailQueue>();
        return services;
    }

    /// <summary>The shared services without the web host, acting as <paramref name="actor"/>: the admin commands (and tests) use them.</summary>
    public static ServiceProvider CommandServices(IConfiguration configuration, AuditActor actor, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddSingleton<IAuditActorAccessor>(new FixedAuditActorAccessor(actor));
        services.AddParallaxCore();
        services.AddIdentityCore<ParallaxUser>(IdentitySetup.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddParallaxIdentityStores();
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// Environment variables PARALLAX_DB and PARALLAX_DB_PROVIDER, then the --db and --provider options,
    /// layered over appsettings so that the most specific wins.
    /// </summary>
    public static IConfigurationBuilder AddParallaxOverrides(this IConfigurationBuilder configuration, string? provider, string? db)
    {
        var fromEnvironment = new Dictionary<string, string?>();
        if (Environment.GetEnvironmentVariable("PARALLAX_DB_PROVIDER") is { Length: > 0 } envProvider) fromEnvironment[DatabaseSettings.ProviderKey] = envProvider;
        if (Environment.GetEnvironmentVariable("PARALLAX_DB") is { Length: > 0 } envDb) fromEnvironment[DatabaseSettings.ConnectionStringKey] = envDb;
        if (Environment.GetEnvironmentVariable("PARALLAX_AUDIT_CHAIN_KEY_FILE") is { Length: > 0 } keyFile) fromEnvironment[Parallax.Core.AuditTrail.AuditChainKeys.KeyFileKey] = keyFile;
        configuration.AddInMemoryCollection(fromEnvironment);

        var fromOptions = new Dictionary<string, string?>();
        if (provider is not null) fromOptions[DatabaseSettings.ProviderKey] = provider;
        if (db is not null) fromOptions[DatabaseSettings.ConnectionStringKey] = db;
        configuration.AddInMemoryCollection(fromOptions);
        return configuration;
    }

    public static IdentityBuilder AddParallaxIdentityStores(this IdentityBuilder identity)
    {
        identity.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = IdentitySetup.HashIterations);
        return identity
        .AddEntityFrameworkStores<ParallaxDbContext>()
        .AddUserManager<ParallaxUserManager>()
        .AddUserConfirmation<ActiveAccountConfirmation>()
        .AddPasswordValidator<DenyListPasswordValidator>();
    }
}
