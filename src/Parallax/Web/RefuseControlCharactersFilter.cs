using Microsoft.AspNetCore.Mvc.Filters;

namespace Parallax.Web;

/// <summary>
/// A NUL character in any form field, query value or file name is refused with a sentence (400) before the page
/// runs: no one types one, PostgreSQL cannot store one in text, and SQLite would keep it, so the two providers
/// would otherwise disagree (one a server error, the other a record no export can carry).
/// </summary>
public sealed class RefuseControlCharactersFilter : IAsyncPageFilter
{
    public const string ProblemKey = "parallax-problem";

    public const string Sentence = "The form contained a NUL character (a control character no keyboard types), so nothing was saved. Type or paste the text again without it.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // The error page never reads the body again: it may be the very thing that failed.
        if (context.HandlerInstance is Parallax.Features.Errors.ErrorModel)
        {
            await next();
            return;
        }

        var request = context.HttpContext.Request;
        if (request.Query.Any(q => HasNul(q.Value)) || (request.HasFormContentType && await FormHasNulAsync(request)))
        {
            context.HttpContext.Items[ProblemKey] = Sentence;
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        await next();
    }

    /// <summary>
    /// ASP.NET Core's own form reader refuses a NUL in a form value by throwing while the form is read (model binding,
    /// the anti-forgery check); the error page answers that failure with the same sentence.
    /// </summary>
    public static bool IsNulInForm(Exception error) =>
        error is InvalidDataException { InnerException: InvalidOperationException inner } && inner.Message.Contains("null characters", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> FormHasNulAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync();
        }
        catch (InvalidDataException e) when (IsNulInForm(e))
        {
            return true;
        }

        return form.Any(f => HasNul(f.Value)) || form.Files.Any(f => f.FileName.Contains('\0', StringComparison.Ordinal) || f.Name.Contains('\0', StringComparison.Ordinal));
    }

    private static bool HasNul(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal));
}
