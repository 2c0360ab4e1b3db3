using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Parallax.Web;

/// <summary>
/// One way to store a line break: "\n". Browsers post a textarea's breaks as "\r\n" (the HTML form encoding),
/// while workbooks, packages and the command line give "\n"; stored as they came, a page reopened and saved
/// unchanged would change every multi-line field, and the audit trail would record edits nobody made. Applies
/// to plain forms only: uploads (multipart) are read by their pages under their own size limits.
/// </summary>
public sealed class FormLineBreaksMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form.Any(f => f.Value.Any(v => v?.Contains('\r') == true)))
            {
                var normalised = form.ToDictionary(f => f.Key, f => new StringValues(f.Value.Select(v => v?.ReplaceLineEndings("\n")).ToArray()));
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(normalised)));
            }
        }

        await next(context);
    }
}
