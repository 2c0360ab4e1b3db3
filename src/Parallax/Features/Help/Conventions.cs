namespace Parallax.Features.Help;

/// <summary>The accessibility statement must be readable before signing in (the public-sector accessibility regulations).</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions) => conventions.AllowAnonymousToPage("/Help/Accessibility");
}
