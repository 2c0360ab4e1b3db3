namespace Parallax.Features.Help;

/// <summary>The accessibility statement, open to everyone and linked from every page's footer.</summary>
public class AccessibilityModel : PageModel
{
    public void OnGet()
    {
    }
}
