namespace Parallax.Features.Admin;

/// <summary>Setting up and running the partnership: administrators only.</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Admin", Policies.Administrator);
        conventions.LoadRecords("/Admin/Agencies", Records.Agency);
        conventions.LoadRecords("/Admin/Users", Records.Person);
    }
}
