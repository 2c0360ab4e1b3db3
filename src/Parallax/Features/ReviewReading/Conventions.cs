namespace Parallax.Features.ReviewReading;

/// <summary>
/// Reading a review without changing it: panel members and viewers, for the reviews whose lead allows it (decision 0071),
/// and leads and administrators, who may read any. Every page here answers GET only.
/// </summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/ReviewReading", Policies.ReviewReaders);
        conventions.LoadRecords("/ReviewReading", Records.ReadableReview);
    }
}
