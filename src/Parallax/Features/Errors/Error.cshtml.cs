using Microsoft.AspNetCore.Diagnostics;

namespace Parallax.Features.Errors;

/// <summary>Every error, in every environment, as a plain page: what happened and what to do, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }

    public string Heading { get; private set; } = "";

    public string Advice { get; private set; } = "";

    public string? RequestId { get; private set; }

    /// <summary>What was wrong with the request, in one sentence, when the failure says it (text over its limit, a file that cannot be read).</summary>
    public string? Sentence { get; private set; }

    public void OnGet([FromRoute] int? code) => Describe(code);

    // The route only: the body of a failed post may be the very thing that failed (a file over the limit), so it is never read again.
    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        RequestId = HttpContext.TraceIdentifier;
        Sentence = HttpContext.Items[Parallax.Web.RefuseControlCharactersFilter.ProblemKey] as string;
        if (code is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            // An upload over a page's limit can surface while the form is read, before the page's own check: still "too large".
            if (TooLarge(failure.Error)) Status = StatusCodes.Status413PayloadTooLarge;
            else if (Parallax.Web.RefuseControlCharactersFilter.IsNulInForm(failure.Error))
                (Status, Sentence) = (StatusCodes.Status400BadRequest, Parallax.Web.RefuseControlCharactersFilter.Sentence);
            else if (Parallax.Core.Data.DatabaseErrors.IsUnavailable(failure.Error))
            {
                Status = StatusCodes.Status503ServiceUnavailable;
                logger.LogError(failure.Error, "The database is out of reach on {Path} (request {RequestId})", failure.Path, RequestId);
            }
            else if (failure.Error is Parallax.Core.DomainException tooLong) (Status, Sentence) = (StatusCodes.Status400BadRequest, tooLong.Message + ".");
            else logger.LogError(failure.Error, "Unhandled error on {Path} (request {RequestId})", failure.Path, RequestId);
        }

        (Heading, Advice) = Status switch
        {
            400 when Sentence is not null => ("There was a problem with your request", "Go back, correct it and try again. Nothing was saved."),
            400 => ("There was a problem with your request", "The form may have been open too long or sent from another site. Go back, refresh the page and try again."),
            403 => ("You do not have permission to see this page", "If you think you should, ask your partnership's Parallax administrator."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link, it may be out of date."),
            405 => ("That action is not possible here", "Go back and use the buttons on the page."),
            413 => ("The file is too large", "Go back and choose a smaller file: each upload page says how large a file may be. Nothing was stored."),
            429 when Sentence is not null => ("Too many uploads", "Wait a minute, then upload it again."),
            429 => ("Too many requests", "Wait a minute, then try again."),
            503 => ("Sorry, the service is unavailable", "Parallax cannot reach its database just now. Try again in a few minutes. Nothing you had already saved has been lost."),
            _ => ("Sorry, there is a problem with the service", "Try again later. Nothing you had already saved has been lost."),
        };
        Response.StatusCode = Status;
    }

    private static bool TooLarge(Exception error) => error switch
    {
        BadHttpRequestException request => request.StatusCode == StatusCodes.Status413PayloadTooLarge,
        InvalidDataException data when data.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => true,
        _ => error.InnerException is { } inner && TooLarge(inner),
    };
}
