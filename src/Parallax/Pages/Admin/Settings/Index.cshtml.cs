using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Web;

namespace Parallax.Pages.Admin.Settings;

/// <summary>Sign-in settings of the administrator's own partnership.</summary>
public class IndexModel(ParallaxDbContext db) : PageModel
{
    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        var partnership = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Id == User.PartnershipId());
        if (partnership is null) return NotFound();
        RequireTwoFactor = partnership.RequireTwoFactor;
        Version = partnership.Version;
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partnership = await db.Partnerships.FirstOrDefaultAsync(p => p.Id == User.PartnershipId());
        if (partnership is null) return NotFound();

        // The version the form was read at: if someone saved since, theirs is not overwritten silently.
        db.Entry(partnership).Property(p => p.Version).OriginalValue = Version;
        partnership.RequireTwoFactor = RequireTwoFactor;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(partnership).ReloadAsync();
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(RequireTwoFactor));
            RequireTwoFactor = partnership.RequireTwoFactor;
            Version = partnership.Version;
            ModelState.AddModelError(nameof(RequireTwoFactor), "Another administrator changed these settings while you were editing. Check the current settings below and save again.");
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }
}
