using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Parallax.Web;

/// <summary>
/// What a page may ask to do with a record it has loaded, for the rules that depend on the record and not only on the
/// folder (ASP.NET Core resource authorization). The folder's policy says who may open a page at all, its record filter
/// which records are within their reach; these say what they may do with this one.
/// </summary>
public static class RecordOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Raise and follow up queries to the agencies on a case's compiled returns.</summary>
    public static readonly OperationAuthorizationRequirement Query = new() { Name = nameof(Query) };

    /// <summary>Asks whether the signed-in person may do <paramref name="operation"/> with <paramref name="record"/>.</summary>
    public static async Task<bool> MayAsync(this PageModel page, object record, OperationAuthorizationRequirement operation) =>
        (await page.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(page.User, record, operation)).Succeeded;
}

/// <summary>A case's compiled returns: the reading rule of <see cref="CollationReading"/>, applied by <see cref="CaseCollation"/>.</summary>
public sealed class CollatedCaseAuthorization(CaseCollation collation) : AuthorizationHandler<OperationAuthorizationRequirement, CollatedCase>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CollatedCase resource)
    {
        if (context.User.PartnershipId() is null) return Task.CompletedTask;
        var caller = context.User.Caller();
        var allowed = requirement.Name switch
        {
            nameof(RecordOperations.Read) => collation.CanRead(resource, caller),
            nameof(RecordOperations.Query) => collation.CanQuery(resource, caller),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
