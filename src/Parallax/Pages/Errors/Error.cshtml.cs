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

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        RequestId = HttpContext.TraceIdentifier;
        if (code is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Unhandled error on {Path} (request {RequestId})", failure.Path, RequestId);

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
}
