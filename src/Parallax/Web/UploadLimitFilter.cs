using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Parallax.Web;

/// <summary>
/// Uploads limited per signed-in person (decision 0059): a POST counts only when it carries a file, on any page,
/// so saves, autosaves, query replies and action updates without an attachment are never counted. Over
/// <c>Parallax:RateLimits:UploadsPerMinute</c> (default 20) in a minute, the upload is refused before the page
/// runs (nothing is stored) with 429, a Retry-After and a sentence on the error page. Other people's uploads are
/// their own partition.
/// </summary>
public sealed class UploadLimitFilter(IConfiguration configuration) : IAsyncPageFilter, IDisposable
{
    public const int DefaultUploadsPerMinute = 20;

    private readonly int perMinute = configuration.GetValue("Parallax:RateLimits:UploadsPerMinute", DefaultUploadsPerMinute);

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Parallax:RateLimits:UploadsPerMinute", DefaultUploadsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerInstance is Parallax.Features.Errors.ErrorModel || !HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            await next();
            return;
        }

        // The form has been read by binding already; a file input left empty sends no file.
        var form = await request.ReadFormAsync();
        if (form.Files.Count == 0 || !form.Files.Any(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            await next();
            return;
        }

        var user = context.HttpContext.User;
        var key = user.Identity?.IsAuthenticated == true
            ? "user:" + (user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name)
            : "address:" + context.HttpContext.Connection.RemoteIpAddress;
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            context.HttpContext.Items[RefuseControlCharactersFilter.ProblemKey] = string.Create(CultureInfo.InvariantCulture,
                $"You have uploaded {perMinute} files in the last minute, the most Parallax takes from one person. This file was not uploaded.");
            context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
            return;
        }

        await next();
    }

    public void Dispose() => limiter.Dispose();
}
