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

    private static async Task<(PageHandlerExecutedContext Executed, SomePage Page)> RunAsync(Exception thrown)
    {
        var page = new SomePage();
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
    public async Task AnyOtherFailure_IsLeftToTheErrorPage()
    {
        var (executed, _) = await RunAsync(new InvalidOperationException("a fault"));

        Assert.False(executed.ExceptionHandled);
    }
}
