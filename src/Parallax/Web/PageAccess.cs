using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Parallax.Web;

/// <summary>
/// Whether a person may open a page, by the policy its folder's conventions put on it, combined and checked as the
/// authorization middleware does when the page is requested (for the role and claim policies this application uses:
/// none takes the request as its resource or names its own authentication scheme). Links to another place (the
/// navigation, the home page's list, a link from one step to another) ask this instead of naming roles again, so a
/// link is shown when following it is not refused. A record's own rules still apply when the page loads it.
/// </summary>
public sealed class PageAccess(PagePolicies policies, IAuthorizationService authorization)
{
    public async Task<bool> MayOpenAsync(ClaimsPrincipal user, string page)
    {
        var policy = await policies.OfAsync(page);
        return policy is null || (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }
}

/// <summary>Each page's combined policy, found once from its endpoint.</summary>
public sealed class PagePolicies(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies)
{
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> byPage = new(StringComparer.Ordinal);

    public Task<AuthorizationPolicy?> OfAsync(string page) => byPage.GetOrAdd(page, PolicyOfAsync);

    /// <summary>The policy a request for the page meets; null for a page open to anyone.</summary>
    private async Task<AuthorizationPolicy?> PolicyOfAsync(string page)
    {
        var endpoint = endpoints.Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.RoutePattern.RequiredValues.TryGetValue("page", out var name) && name as string == page)
            ?? throw new ArgumentException($"There is no page {page}.", nameof(page));
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        // As the middleware does: the page's and folder's policies combined, or the fallback policy where there are none.
        return await AuthorizationPolicy.CombineAsync(policies,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
    }
}
