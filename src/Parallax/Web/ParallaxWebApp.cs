using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Parallax.CommandLine;

namespace Parallax.Web;

public sealed record ServeOptions(string[] HostArgs, string? Urls, bool NoDemo, string? Provider, string? Db);

public static class ParallaxWebApp
{
    public const string DefaultUrls = "http://localhost:5080";

    public static async Task<int> ServeAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        var app = Build(options);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Parallax");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await DatabaseSetup.MigrateAsync(services, cancellationToken);
            logger.LogInformation("Using {Database}", services.GetRequiredService<DatabaseSettings>().Describe());
            var atRest = DataProtectionAtRest.From(app.Configuration);
            if (!atRest.Encrypted && app.Environment.IsProduction()) logger.LogError("WARNING: {Warning}", DataProtectionAtRest.Warning);

            var loadDemo = app.Configuration.GetValue(ParallaxServices.DemoOnFirstRunKey, true) && !options.NoDemo;
            if (loadDemo && !await services.GetRequiredService<ParallaxDbContext>().Partnerships.AnyAsync(cancellationToken))
            {
                var accounts = await services.GetRequiredService<DemoPartnership>().LoadAsync(cancellationToken);
                await DemoAccounts.PrintAsync(Console.Out, accounts);
            }
            else
            {
                await PrintSetUpLinkAsync(services, Console.Out, cancellationToken);
            }
        }

        // A host killed mid-conversion leaves a report on disk: removed on the next start.
        var leftovers = Parallax.Core.Reports.PdfConverter.RemoveLeftovers(Path.GetTempPath(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (leftovers > 0) logger.LogWarning("Removed {Count} temporary report folders left by a conversion that never finished", leftovers);

        await app.RunAsync();
        return ParallaxCommandLine.Success;
    }

    /// <summary>
    /// On an empty installation, prints a new one-time set-up link (earlier ones stop working) and returns it; otherwise
    /// prints nothing and returns null. The link is printed only: the database keeps its hash.
    /// </summary>
    public static async Task<string?> PrintSetUpLinkAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (await services.GetRequiredService<FirstRun>().IssueLinkAsync(cancellationToken) is not { } token) return null;
        var link = $"{services.GetRequiredService<Parallax.Core.Mail.MailSettings>().SiteUrl.TrimEnd('/')}/set-up/{token}";
        await output.WriteLineAsync($"Parallax has no partnership yet. Open this link within 24 hours to set it up (it works once; restarting prints a new one):{Environment.NewLine}  {link}");
        return link;
    }

    public static WebApplication Build(ServeOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.HostArgs,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddParallaxOverrides(options.Provider, options.Db);
        if (options.Urls is not null) builder.WebHost.UseUrls(options.Urls);
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])) builder.WebHost.UseUrls(DefaultUrls);

        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>However active, a session ends this long after signing in (ASVS V7.3).</summary>
    public static readonly TimeSpan AbsoluteSessionLifetime = TimeSpan.FromHours(12);

    private const string SignedInAtKey = "parallax-signed-in-at";

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        services.AddParallaxCore();
        services.AddHostedService<ChasingService>();

        // Keys in the database: every node on the same database reads the others' cookies, and a restart signs no one out.
        // ...encrypted there with a key that is not in the database (decision 0019).
        DataProtectionAtRest.Configure(services.AddDataProtection().SetApplicationName("Parallax").PersistKeysToDbContext<ParallaxDbContext>(), configuration);

        services.AddIdentity<ParallaxUser, IdentityRole<Guid>>(IdentitySetup.Configure)
            .AddParallaxIdentityStores()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<ParallaxClaimsPrincipalFactory>();
        services.AddParallaxOpenIdConnect();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "parallax-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
            // Idle for 30 minutes, or signed in for 12 hours however active: either ends the session.
            cookie.Events.OnSigningIn = context =>
            {
                // A session reissued after a change of the person's own stamp keeps the time it began.
                if (context.Properties.Items.ContainsKey(SignedInAtKey)) return Task.CompletedTask;
                context.Properties.Items[SignedInAtKey] = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            };
            var validateStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var at) || !long.TryParse(at, out var seconds)
                    || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteSessionLifetime)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // The error page and the accessibility statement work with the database out of reach; the stamp check needs it.
                if (RequireTwoFactorMiddleware.NeedsNoDatabase(context.HttpContext)) return;
                // The session acts in the partnership it chose; when that membership has ended, the session ends (decision 0034).
                var acting = context.Principal?.FindFirstValue(ParallaxClaimTypes.Partnership);
                if (Guid.TryParse(acting, out var actingId)) context.HttpContext.Items[ParallaxClaimsPrincipalFactory.ActingPartnershipKey] = actingId;
                try
                {
                    await SessionCheck.ValidateAsync(context, validateStamp);
                    if (acting is not null && context.Principal is { } renewed && renewed.FindFirstValue(ParallaxClaimTypes.Partnership) != acting)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                }
                catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
                {
                    // Not checkable now: the page's own use of the database fails next and says the service is unavailable.
                    // Throwing here would fail the error page too (the cookie's result is kept for the request).
                }
            };
            // A refused page answers 403 (shown by the error page), not a redirect that hides the refusal.
            // A script asking (autosave, keep-alive) gets 401 when the session has ended, not the sign-in page.
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Headers["X-Requested-With"] == "parallax") context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                // Every refusal is recorded: who asked for what, from where.
                var user = Guid.TryParse(context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
                await context.HttpContext.RequestServices.GetRequiredService<Parallax.Core.Users.SecurityLog>().RecordAsync(context.HttpContext, Parallax.Core.Users.SecurityEventKind.AccessDenied, userId: user);
            };
        });
        // Every sign-in cookie (the session, the two-factor step) is __Host- prefixed on HTTPS.
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.CookieManager = new HostPrefixCookieManager());
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Checked on every request: a deactivated person, or one whose roles changed, is refused on their very next one.
            o.ValidationInterval = TimeSpan.Zero;
            // The refreshed session keeps how the person signed in (two-factor, identity provider): the stamp check rebuilds
            // the claims from the database, which does not hold them.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                    identity.AddClaims(current.Claims.Where(c => c.Type is "amr" or "idp").Select(c => new Claim(c.Type, c.Value)).ToList());
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "parallax-antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorization(options =>
        {
            // Closed unless opened on purpose: every endpoint needs a signed-in user unless it says otherwise.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            Policies.Register(options);
        });
        // What a signed-in person may do with a record a page has loaded (RecordAuthorization.cs).
        services.AddScoped<IAuthorizationHandler, CollatedCaseAuthorization>();
        // Links to other places ask the page's own policy (decision 0092).
        services.AddSingleton<PagePolicies>();
        services.AddScoped<PageAccess>();
        services.AddScoped<Parallax.Features.Shared.Places>();

        services.AddRazorPages(options =>
        {
            // Pages live in folders named for the step of the work (docs/architecture.md); each folder's Conventions says who may open it.
            options.RootDirectory = "/Features";
            Parallax.Features.FeatureConventions.Apply(options.Conventions);
            options.Conventions.AddRateLimitConventions();
        }).AddMvcOptions(options =>
        {
            // Messages come from the pages, in GOV.UK wording, not "The X field is required."
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            options.Filters.Add<RefuseControlCharactersFilter>();
            options.Filters.Add<DomainExceptionFilter>();
            options.Filters.AddService<UploadLimitFilter>();
        });

        services.AddParallaxRateLimits();
        services.AddSingleton<UploadLimitFilter>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) => ConfigureProxies(o, configuration));
    }

    /// <summary>
    /// Which proxies' X-Forwarded-For is believed, so rate limits and the security log see the real client:
    /// <c>Parallax:ForwardedHeaders:KnownProxies</c> (addresses) and <c>KnownNetworks</c> (CIDR), comma-separated.
    /// Without them only a proxy on this machine (loopback) is believed.
    /// </summary>
    public static void ConfigureProxies(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in List(configuration["Parallax:ForwardedHeaders:KnownProxies"]))
        {
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Parallax:ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address."));
        }

        foreach (var network in List(configuration["Parallax:ForwardedHeaders:KnownNetworks"]))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"Parallax:ForwardedHeaders:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/8."));
        }

        static IEnumerable<string> List(string? value) => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        // Never a stack trace on a page, in any environment: details go to the log.
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        // A body the page's limit refuses is answered 413 from its declared length, before anything reads it.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit }
                && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            await next(context);
        });
        // A NUL in a typed form: ASP.NET Core's form reader throws on it wherever the form is first read (the
        // anti-forgery check, binding). Read here, it is answered 400 with a sentence; the error page gets an empty form.
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                try
                {
                    await context.Request.ReadFormAsync();
                }
                catch (InvalidDataException e) when (RefuseControlCharactersFilter.IsNulInForm(e))
                {
                    context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(Microsoft.AspNetCore.Http.FormCollection.Empty));
                    context.Items[RefuseControlCharactersFilter.ProblemKey] = RefuseControlCharactersFilter.Sentence;
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }

            await next(context);
        });
        if (app.Services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite)
            app.UseMiddleware<SqliteConnectionPerRequestMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<PartnershipScopeMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<RequireTwoFactorMiddleware>();
        app.UseMiddleware<RecordRefusalMiddleware>();
        app.UseMiddleware<FormLineBreaksMiddleware>();

        app.MapRazorPages();
        // Renews the sliding session when someone chooses "stay signed in"; behind sign-in like everything else.
        // A POST like any other: it must carry the page's anti-forgery token (autosave.mjs sends it as a header).
        app.MapPost("/account/keep-alive", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
            await antiforgery.IsRequestValidAsync(context) ? Results.NoContent() : Results.BadRequest());
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
    }
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? PartnershipId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ParallaxClaimTypes.Partnership), out var id) ? id : null;

    public static Guid? AgencyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ParallaxClaimTypes.Agency), out var id) ? id : null;

    /// <summary>The partnership the signed-in person is working in. Only for pages behind sign-in (the fallback policy), where every session has one.</summary>
    public static Guid SignedInPartnershipId(this ClaimsPrincipal user) =>
        user.PartnershipId() ?? throw new InvalidOperationException("This page is only for people signed in to a partnership.");

    /// <summary>The signed-in person's agency. Only for agency pages, whose folder policy asks for one.</summary>
    public static Guid SignedInAgencyId(this ClaimsPrincipal user) =>
        user.AgencyId() ?? throw new InvalidOperationException("This page is only for people of an agency.");

    /// <summary>The signed-in person as Core takes them. Only for pages behind sign-in (the fallback policy).</summary>
    public static Caller Caller(this ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.SignedInPartnershipId(),
        user.AgencyId(),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.Identity?.Name ?? "");
}
