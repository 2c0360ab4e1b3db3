namespace Parallax.Features;

/// <summary>
/// Every folder's own rules, applied in one place. A page is closed unless its folder opens it: the fallback
/// policy asks for a signed-in user, each folder's <c>Conventions</c> narrows that to the roles of its step,
/// and the access table (tests/Parallax.Tests/Web/AccessMatrixTests.cs) proves the result route by route.
/// </summary>
public static class FeatureConventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        Account.Conventions.Apply(conventions);
        Admin.Conventions.Apply(conventions);
        Tools.Conventions.Apply(conventions);
        Audits.Conventions.Apply(conventions);
        AgencyReturns.Conventions.Apply(conventions);
        AgencyChronologies.Conventions.Apply(conventions);
        ActionPlan.Conventions.Apply(conventions);
        Reviews.Conventions.Apply(conventions);
        ReviewReading.Conventions.Apply(conventions);
        Help.Conventions.Apply(conventions);
        Errors.Conventions.Apply(conventions);
    }
}
