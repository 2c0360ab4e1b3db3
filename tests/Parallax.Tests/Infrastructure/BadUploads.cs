namespace Parallax.Tests.Infrastructure;

/// <summary>Where a bad-input sweep uploads a file: who, to which page and field, and how to count what it would have stored.</summary>
public sealed record UploadTarget(HttpClient Browser, string Url, string Field, string FormUrl, Func<Task<int>> Stored, Dictionary<string, string>? Fields = null);

/// <summary>The check the bad-input sweeps make of every hostile upload.</summary>
public static class BadUploads
{
    /// <summary>
    /// Uploads a package that is not JSON <paramref name="limit"/> times, each answered as a bad file (200, not limited),
    /// and returns the answer to one more, the first over the limit.
    /// </summary>
    public static async Task<HttpResponseMessage> PackagesOverTheLimitAsync(this HttpClient browser, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            var refused = await browser.UploadAsync("/audits/import", "Package", "audit.json", "not json"u8.ToArray());
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        return await browser.UploadAsync("/audits/import", "Package", "audit.json", "not json"u8.ToArray());
    }

    /// <summary>
    /// Uploads the file and checks the answer: never a server error; refused as too large only where
    /// <paramref name="oversized"/>, the error page saying so; otherwise the form again, its error summary holding
    /// <paramref name="expected"/>; and nothing stored.
    /// </summary>
    public static async Task AnsweredWithASentenceAsync(UploadTarget target, (string Name, byte[] Content) file, ParallaxDbContext db, string what, bool oversized, string expected)
    {
        var before = await target.Stored();
        var response = await target.Browser.UploadAsync(target.Url, target.Field, file.Name, file.Content, target.FormUrl, target.Fields);
        var page = await response.ReadDocumentAsync();

        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{what}: a server error, \"{page.QuerySelector("h1")?.TextContent}\"");
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            // Kestrel refuses an oversized body before the form is read; the error page says why.
            Assert.True(oversized, $"{what}: refused as too large");
            Assert.Contains("The file is too large", page.QuerySelector("h1")!.TextContent);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var summary = page.QuerySelector(".govuk-error-summary")?.TextContent ?? "";
            Assert.False(string.IsNullOrWhiteSpace(summary), $"No error summary for {what}.");
            Assert.True(summary.Contains(expected, StringComparison.Ordinal), $"{what}: \"{summary.Trim()}\"");
        }

        db.ChangeTracker.Clear();
        Assert.Equal(before, await target.Stored());
    }
}
