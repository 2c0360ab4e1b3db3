using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Parallax.Web;

public static class ModelStateErrors
{
    /// <summary>The first error recorded for a field (its form name), or null: what a GOV.UK error message shows.</summary>
    public static string? ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
