namespace Parallax.Features.Errors;

/// <summary>Error pages are shown to anyone, signed in or not.</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions) => conventions.AllowAnonymousToFolder("/Errors");
}
