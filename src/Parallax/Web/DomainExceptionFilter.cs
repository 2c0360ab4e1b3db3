using Microsoft.AspNetCore.Mvc.Filters;

namespace Parallax.Web;

/// <summary>
/// A page whose form Core may refuse. When a handler's change is refused, <see cref="DomainExceptionFilter"/>
/// drops what the change began, asks the page to read again what it shows around its form, and shows the form as it
/// was sent with each sentence against its field: the way a validation error is shown (status 200).
/// </summary>
public interface IShowsRefusals
{
    /// <summary>
    /// Reads again what the page shows besides the form it was sent (lists, the record's title); after an
    /// <see cref="EditConflictException"/>, also the form, from what is stored now.
    /// </summary>
    Task ReloadAfterRefusalAsync(DomainException refusal) => Task.CompletedTask;

    /// <summary>The form field a Core field is shown against, when the page names it differently.</summary>
    string FieldFor(string coreField) => coreField;
}

/// <summary>
/// The one place a refusal becomes what the person sees: a record that is not found (or not theirs) is a 404, and a
/// <see cref="DomainException"/> is its sentences in the page's error summary, against their fields, with the form
/// as they sent it. A page that expects refusals (<see cref="IShowsRefusals"/>) is shown again as after a validation
/// error; a refusal no page expected is a 400 with the same summary. Never a 500 for a rule doing its job.
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
                try
                {
                    executed.Result = await ShowAsync(refusal, page, context.HttpContext.RequestServices);
                }
                catch (RecordNotFoundException)
                {
                    // The record went (or was never theirs) between the change and the page read again around it.
                    executed.Result = new NotFoundResult();
                }

                executed.ExceptionHandled = true;
                break;
        }
    }

    private static async Task<IActionResult> ShowAsync(DomainException refusal, PageModel page, IServiceProvider? services)
    {
        // Nothing the refused change began is kept, nor saved by anything the reload writes.
        services?.GetService<ParallaxDbContext>()?.ChangeTracker.Clear();
        var expected = page as IShowsRefusals;
        if (expected is not null) await expected.ReloadAfterRefusalAsync(refusal);
        foreach (var (field, message) in refusal.Problems)
        {
            var key = expected?.FieldFor(field) ?? field;
            page.ModelState.AddModelError(IsDate(page, key) ? $"{key}.Day" : key, message);
        }

        return new PageResult { StatusCode = expected is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK };
    }

    /// <summary>A date is three boxes; its error goes against the first, which the error summary links to.</summary>
    private static bool IsDate(PageModel page, string field) =>
        field.Length > 0 && page.GetType().GetProperty(field)?.PropertyType == typeof(DateParts);
}
