using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Parallax.Web;

public static class ModelStateErrors
{
    /// <summary>The first error recorded for a field (its form name), or null: what a GOV.UK error message shows.</summary>
    public static string? ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}

/// <summary>The error summary's sentence for an upload refused row by row, as every all-or-nothing import says it.</summary>
public static class ImportProblems
{
    /// <summary>A single file-level problem is said as it is; otherwise how many, and that nothing was added.</summary>
    public static string Summary(int count, bool fileLevel, string firstMessage) =>
        count == 1 && fileLevel
            ? firstMessage + " Nothing was added."
            : $"The file has {(count == 1 ? "1 problem" : $"{count} problems")}: nothing was added. Correct the rows listed and upload it again.";
}
