namespace Parallax.Tests.Infrastructure;

/// <summary>Helpers for tests of reviews whose dates are worked out by hand.</summary>
public static class TestReviews
{
    /// <summary>
    /// Asks the review's agencies for their chronologies as the lead would have on <paramref name="day"/> (09:00 UTC), so a
    /// Rapid Review dated in the past is asked while its summaries are not yet due (decision 0076), whatever today is.
    /// </summary>
    public static async Task<ReviewOpening.ChronologiesSent> SendRequestsOnAsync(this ParallaxAppFactory app, Guid reviewId, DateOnly day, int workingDays = 5)
    {
        await using var services = app.CommandServices(new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)));
        await using var scope = services.CreateAsyncScope();
        var review = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.SingleAsync(r => r.Id == reviewId);
        return await scope.ServiceProvider.GetRequiredService<ReviewOpening>().SendRequestsAsync(review, workingDays);
    }
}
