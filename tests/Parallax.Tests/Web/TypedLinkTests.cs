using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Parallax.Tests.Web;

/// <summary>
/// Links to the application's own pages are made from the page's name and route values (asp-page, RedirectToPage,
/// Url.Page), never written as paths: a page that moves takes its links with it, and a mistyped page name
/// is an empty href the markup check finds on every page the access table opens. Read from the source.
/// </summary>
public partial class TypedLinkSourceTests
{
    /// <summary>What is not a page: static files, the health check, and protocol-relative (external) addresses.</summary>
    private static readonly string[] NotPages = ["/assets/", "/css/", "/js/", "/health", "//"];

    private static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parallax.slnx"))) folder = folder.Parent;
        return folder!.FullName;
    }

    private static IEnumerable<(string File, int Line, string Text)> Lines(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root(), folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((text, i) => (Path.GetRelativePath(Root(), f), i + 1, text)));

    [GeneratedRegex("""\b(?:href|action|formaction)\s*=\s*(["'])(?<url>/[^"']*)\1""")]
    private static partial Regex LocalAddress();

    /// <summary>A redirect whose call holds a path written out: Redirect("/…"), Redirect($"/…"), LocalRedirect(x ? y : "/").</summary>
    [GeneratedRegex("""\b(?:Local)?Redirect(?:Permanent)?(?:PreserveMethod)?\((?:[^()"]*\?[^()"]*:\s*)?\$?@?"/""")]
    private static partial Regex RedirectToAPath();

    [Fact]
    public void NoPageWritesALocalAddress_LinksAndFormsNameThePage()
    {
        var offenders = Lines("src/Parallax/Features", "*.cshtml")
            .SelectMany(l => LocalAddress().Matches(l.Text).Select(m => (l.File, l.Line, Url: m.Groups["url"].Value)))
            .Where(l => !NotPages.Any(p => l.Url.StartsWith(p, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line} {l.Url}").ToList();
        Assert.True(offenders.Count == 0,
            "Link to a page by its name (asp-page=\"/Audits/Plan/Overview\" asp-route-id=\"@Model.Id\"), not its path: " + string.Join(", ", offenders));
    }

    /// <summary>A path written as a string in code: "/audits", $"/returns/{id}" (a link made in C#, a pagination lambda, a task list).</summary>
    [GeneratedRegex("""\$?@?"/[a-z]""")]
    private static partial Regex WrittenPath();

    [Fact]
    public void NoPageBuildsALinkFromAWrittenPath_CodeNamesThePageToo()
    {
        var offenders = new[] { "*.cs", "*.cshtml" }.SelectMany(pattern => Lines("src/Parallax/Features", pattern))
            .Where(l => !l.Text.TrimStart().StartsWith("@page", StringComparison.Ordinal) && !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => WrittenPath().Matches(l.Text).Select(m => (l.File, l.Line, Url: l.Text[(m.Index + m.Value.IndexOf('/', StringComparison.Ordinal))..])))
            .Where(l => !NotPages.Any(p => l.Url.StartsWith(p, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}").ToList();
        Assert.True(offenders.Count == 0,
            "Make the link with Url.Page(\"/Audits/Plan/Overview\", new { id }) (or asp-page in markup), not a written path: " + string.Join(", ", offenders));
    }

    [Fact]
    public void NoPageModelRedirectsToAWrittenPath_RedirectsNameThePage()
    {
        var offenders = Lines("src/Parallax", "*.cs").Where(l => RedirectToAPath().IsMatch(l.Text)).Select(l => $"{l.File}:{l.Line}").ToList();
        Assert.True(offenders.Count == 0, "Redirect with RedirectToPage(\"/Page\", new { id }) (or LinkGenerator outside a page), not a path: " + string.Join(", ", offenders));
    }

    [Fact]
    public void TheChecks_FindWhatTheyAreFor()
    {
        Assert.Matches(LocalAddress(), """<a class="govuk-link" href="/audits/@Model.Id/findings">""");
        Assert.Matches(LocalAddress(), """<button formaction="/returns/@Model.Id?handler=Save">""");
        Assert.DoesNotMatch(LocalAddress(), """<a class="govuk-link" asp-page="/Audits/Findings/Findings" asp-route-id="@Model.Id">""");
        Assert.Matches(WrittenPath(), """navigation.Add(("/audits", "Audits"));""");
        Assert.Matches(WrittenPath(), """n => $"/panel?audit={audit.Id}&p={n}" """);
        Assert.DoesNotMatch(WrittenPath(), """n => Url.Page("/Audits/Panel/MyCases", new { p = n })""");
        Assert.DoesNotMatch(WrittenPath(), """bool IsCurrent(string href) => href == "/" ? path == "/" : false;""");
        Assert.Matches(RedirectToAPath(), """return Redirect($"/audits/{Id}/report");""");
        Assert.Matches(RedirectToAPath(), """return LocalRedirect(ok ? url : "/");""");
        Assert.Matches(RedirectToAPath(), """context.Response.Redirect("/sign-in");""");
        Assert.DoesNotMatch(RedirectToAPath(), """context.Response.Redirect(links.GetPathByPage("/Account/SignIn")!);""");
        Assert.DoesNotMatch(RedirectToAPath(), """return ok ? LocalRedirect(url) : RedirectToPage("/Home/Index");""");
        Assert.DoesNotMatch(RedirectToAPath(), """return RedirectToPage("/Audits/Report/Report", new { id = Id });""");
    }
}

/// <summary>
/// The links page names cannot tell apart by themselves, made as the pages make them: a page with two routes, and
/// queries whose order people (and bookmarks) saw before the links were typed.
/// </summary>
public sealed class TypedLinkRouteTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private static readonly Guid Audit = Guid.Parse("0199a1b2-0000-7000-8000-000000000001"), Case = Guid.Parse("0199a1b2-0000-7000-8000-000000000002");

    /// <summary>The URL helper the tag helpers and page models use, on a request with no route values of its own.</summary>
    private IUrlHelper Url()
    {
        var request = new DefaultHttpContext { RequestServices = app.Services };
        request.SetEndpoint(new Endpoint(null, EndpointMetadataCollection.Empty, "a request to no page"));
        return app.Services.GetRequiredService<IUrlHelperFactory>().GetUrlHelper(new ActionContext(request, new RouteData(), new ActionDescriptor()));
    }

    [Fact]
    public void AddingACase_AndEditingOne_KeepTheirOwnAddresses()
    {
        Assert.Equal($"/audits/{Audit}/cases/new", Url().Page("/Audits/Sample/AddCase", new { id = Audit }));
        Assert.Equal($"/audits/{Audit}/cases/{Case}/edit", Url().Page("/Audits/Sample/AddCase", new { id = Audit, caseId = Case }));
    }

    [Fact]
    public void AnActionForAnAuditsRecommendation_AndForAReviews_KeepTheirOwnAddresses()
    {
        Assert.Equal($"/audits/{Audit}/recommendations/{Case}/actions/new", Url().Page("/ActionPlan/Plan/AddAction", new { id = Audit, recommendationId = Case }));
        Assert.Equal($"/reviews/{Audit}/recommendations/{Case}/actions/new",
            Url().RouteUrl(Parallax.Features.ActionPlan.Conventions.ReviewActionRoute, new { id = Audit, recommendationId = Case }));
    }

    [Fact]
    public void AReportDownload_KeepsTheHandlerFirstInItsQuery()
    {
        // As Report.cshtml makes it (asp-route-handler before the other values), so the query reads as it always has.
        Assert.Equal($"/audits/{Audit}/report?handler=Download&number=2&format=Pdf",
            Url().Page("/Audits/Report/Report", new { id = Audit, handler = "Download", number = 2, format = "Pdf" }));
    }
}
