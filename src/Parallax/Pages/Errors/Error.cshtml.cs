using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parallax.Pages.Errors;

/// <summary>Every error, in every environment, as a plain page: what happened and what to do, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }

    public string Heading { get; private set; } = "";

    public string Advice { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet([FromRoute] int? code) => Describe(code);

    // The route only: the body of a failed post may be the very thing that failed (a file over the limit), so it is never read again.
    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        RequestId = HttpContext.TraceIdentifier;
        if (code is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            // An upload over a page's limit can surface while the form is read, before the page's own check: still "too large".
            if (TooLarge(failure.Error)) Status = StatusCodes.Status413PayloadTooLarge;
            else logger.LogError(failure.Error, "Unhandled error on {Path} (request {RequestId})", failure.Path, RequestId);
        }

        (Heading, Advice) = Status switch
        {
            400 => ("There was a problem with your request", "The form may have been open too long or sent from another site. Go back, refresh the page and try again."),
            403 => ("You do not have permission to see this page", "If you think you should, ask your partnership's Parallax administrator."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link, it may be out of date."),
            405 => ("That action is not possible here", "Go back and use the buttons on the page."),
            413 => ("The file is too large", "Go back and choose a smaller file: each upload page says how large a file may be. Nothing was stored."),
            429 => ("Too many requests", "Wait a minute, then try again."),
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
