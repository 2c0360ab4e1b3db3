using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parallax.Tests.Web;

/// <summary>A refusal no page caught is still a sentence against its field (or a 404), never a 500.</summary>
public sealed class DomainExceptionFilterTests
{
    private sealed class SomePage : PageModel;

    /// <summary>A page that expects refusals: it reloads its list, and names one Core field differently.</summary>
    private sealed class FormPage : PageModel, IShowsRefusals
    {
        public DateParts HeldOn { get; set; } = new();

        public List<DomainException> Reloaded { get; } = [];

        public Task ReloadAfterRefusalAsync(DomainException refusal)
        {
            Reloaded.Add(refusal);
            return Task.CompletedTask;
        }

        public string FieldFor(string coreField) => coreField == "ToolId" ? "Tool" : coreField;
    }

    /// <summary>A page whose record was removed between the refused change and reading it again.</summary>
    private sealed class GonePage : PageModel, IShowsRefusals
    {
        public Task ReloadAfterRefusalAsync(DomainException refusal) => throw new RecordNotFoundException();
    }

    private static Task<(PageHandlerExecutedContext Executed, SomePage Page)> RunAsync(Exception thrown) => RunAsync(thrown, new SomePage());

    private static async Task<(PageHandlerExecutedContext Executed, TPage Page)> RunAsync<TPage>(Exception thrown, TPage page) where TPage : PageModel
    {
        var action = new ActionContext(new DefaultHttpContext(), new RouteData(), new CompiledPageActionDescriptor());
        var pageContext = new PageContext(action);
        page.PageContext = pageContext;
        var executing = new PageHandlerExecutingContext(pageContext, [], null, new Dictionary<string, object?>(), page);
        PageHandlerExecutedContext? executed = null;
        await new DomainExceptionFilter().OnPageHandlerExecutionAsync(executing, () =>
            Task.FromResult(executed = new PageHandlerExecutedContext(pageContext, [], null, page) { Exception = thrown }));
        return (executed!, page);
    }

    [Fact]
    public async Task ARefusal_IsItsSentenceAgainstItsField_WithTheFormShownAgain()
    {
        var (executed, page) = await RunAsync(new DomainException("Enter the theme of the audit", "Theme"));

        Assert.True(executed.ExceptionHandled);
        Assert.Equal(400, Assert.IsType<PageResult>(executed.Result).StatusCode);
        Assert.Equal("Enter the theme of the audit", Assert.Single(page.ModelState["Theme"]!.Errors).ErrorMessage);
    }

    [Fact]
    public async Task ARecordNotFound_IsA404()
    {
        var (executed, _) = await RunAsync(new RecordNotFoundException());

        Assert.True(executed.ExceptionHandled);
        Assert.IsType<NotFoundResult>(executed.Result);
    }

    [Fact]
    public async Task ARecordGoneWhenThePageReadsItAgain_IsA404_NotAnErrorPage()
    {
        var (executed, _) = await RunAsync(new DomainException("The request was withdrawn"), new GonePage());

        Assert.True(executed.ExceptionHandled);
        Assert.IsType<NotFoundResult>(executed.Result);
    }

    [Fact]
    public async Task AnyOtherFailure_IsLeftToTheErrorPage()
    {
        var (executed, _) = await RunAsync(new InvalidOperationException("a fault"));

        Assert.False(executed.ExceptionHandled);
    }

    [Fact]
    public async Task APageThatExpectsRefusals_IsShownAgainAsAfterAValidationError_WithWhatItShowsReloaded()
    {
        var refusal = new DomainProblemsException([("ToolId", "Select an audit tool"), ("HeldOn", "The date of the panel must be a real date"), ("", "Nothing was saved")]);
        var (executed, page) = await RunAsync(refusal, new FormPage());

        Assert.True(executed.ExceptionHandled);
        Assert.Equal(200, Assert.IsType<PageResult>(executed.Result).StatusCode);
        Assert.Same(refusal, Assert.Single(page.Reloaded));
        // The page's own name for the field, a date's first box (where the error summary links), and the whole form.
        Assert.Equal("Select an audit tool", Assert.Single(page.ModelState["Tool"]!.Errors).ErrorMessage);
        Assert.Equal("The date of the panel must be a real date", Assert.Single(page.ModelState["HeldOn.Day"]!.Errors).ErrorMessage);
        Assert.Equal("Nothing was saved", Assert.Single(page.ModelState[""]!.Errors).ErrorMessage);
        Assert.False(page.ModelState.ContainsKey("ToolId"));
    }

    [Fact]
    public async Task AnEditConflict_ReachesThePage_SoItCanShowWhatIsStoredNow()
    {
        var (_, page) = await RunAsync(new EditConflictException("Someone changed this finding while you were editing it.", "Text"), new FormPage());

        Assert.IsType<EditConflictException>(Assert.Single(page.Reloaded));
    }
}

/// <summary>
/// Pages leave refusals to <see cref="DomainExceptionFilter"/>: a page catches one only where it does something the
/// filter cannot, each named here with its reason, so a new page's try/catch is a conscious choice (decision 0088).
/// </summary>
public sealed class RefusalSourceTests
{
    private static readonly Dictionary<string, string> MayCatch = new()
    {
        ["AgencyReturns/Return.cshtml.cs"] = "the return form orders its errors by question, and its autosave answers in JSON",
        ["AgencyReturns/Section.cshtml.cs"] = "a section of the return form, the same",
        ["AgencyReturns/Check.cshtml.cs"] = "the check-your-answers page links each problem to its section",
        ["Audits/Plan/Overview.cshtml.cs"] = "a button on the overview: the refusal is said on the page it redirects to",
        ["Reviews/Rapid/Milestones.cshtml.cs"] = "Core's problems are merged with the page's own date problems, one per row",
        ["Reviews/Rapid/SignOff.cshtml.cs"] = "a field the page already found a problem in keeps that one",
        ["SpreadsheetImportPage.cs"] = "a spreadsheet's problems are listed by row and column",
        ["AgencyChronologies/Chronology.cshtml.cs"] = "an uploaded chronology's problems are listed by row",
        ["Tools/Import.cshtml.cs"] = "the sentence says the file could not be imported",
        ["Audits/ImportPackage.cshtml.cs"] = "a package naming agencies the partnership lacks lists them, and offers an administrator to create them",
        ["Tools/Version.cshtml.cs"] = "the tool editor keeps or resets its settings form by which button was used",
        ["Tools/Section.cshtml.cs"] = "the tool editor, the same",
        ["Tools/Question.cshtml.cs"] = "the tool editor, the same",
    };

    [Fact]
    public void OnlyThePagesNamedHere_CatchARefusalThemselves()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Parallax.slnx"))) root = root.Parent;
        var features = Path.Combine(root!.FullName, "src", "Parallax", "Features");

        // A refusal by any name: DomainException and every kind of it, a missing record, and the database's own
        // refusals of a stale or clashing save, which Core turns into refusals before they reach a page.
        var refusals = typeof(DomainException).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(DomainException)))
            .Append(typeof(RecordNotFoundException)).Append(typeof(DbUpdateConcurrencyException)).Append(typeof(DbUpdateException))
            .Select(t => t.Name).ToList();
        Assert.Contains(nameof(EditConflictException), refusals);
        var catchesARefusal = new System.Text.RegularExpressions.Regex(@"catch\s*\(\s*(?:[\w.]+\.)?(" + string.Join("|", refusals) + @")\b");

        var catching = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Where(f => catchesARefusal.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(features, f).Replace(Path.DirectorySeparatorChar, '/')).ToList();

        Assert.True(catching.Count > 0, "The check reads no page: is the source folder where it was?");
        var unexpected = catching.Except(MayCatch.Keys).ToList();
        Assert.True(unexpected.Count == 0,
            "Let the refusal reach DomainExceptionFilter (implement IShowsRefusals to reload what the page shows), or add the page here with its reason: "
            + string.Join(", ", unexpected));
    }
}
