using Microsoft.AspNetCore.Mvc.Filters;

namespace Parallax.Web;

/// <summary>
/// The one place a refusal that a page did not handle itself becomes what the person sees: a record that is not
/// found (or not theirs) is a 404, and a <see cref="DomainException"/> is its sentence in the page's error summary,
/// against its field, with the form as they sent it. Never a 500 for a rule doing its job.
/// </summary>
public sealed class DomainExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        switch (executed.Exception)
        {
            case RecordNotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case DomainException refusal when executed.HandlerInstance is PageModel page:
                page.ModelState.AddModelError(refusal.Field, refusal.Message);
                executed.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
                executed.ExceptionHandled = true;
                break;
        }
    }
}
