namespace Parallax.Features;

/// <summary>How a page that changes a record shows a refusal from Core: the form again, with what the page shows reloaded.</summary>
public static class Refusals
{
    /// <summary>
    /// Runs <paramref name="change"/>. When Core refuses it, nothing it began is kept: the page's unsaved changes are
    /// dropped, <paramref name="reload"/> reads again what the page shows, and each sentence goes in the error summary
    /// against its field (or against <paramref name="field"/>, for a page whose whole form is the one thing refused).
    /// </summary>
    public static async Task<IActionResult> ChangeOrShowRefusalAsync(
        this PageModel page, ParallaxDbContext db, Func<Task<IActionResult>> change, Func<Task> reload, string? field = null)
    {
        try
        {
            return await change();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            await reload();
            foreach (var (problemField, message) in e.Problems) page.ModelState.AddModelError(field ?? problemField, message);
            return page.Page();
        }
    }
}
