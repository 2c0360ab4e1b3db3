using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Patterns;
using Parallax.Features;

namespace Parallax.Tests.Web;

/// <summary>
/// Every record a route names is loaded and checked by its folder's filter before the page runs, so a page
/// added to a step folder cannot reach a record outside the caller's partnership or agency by forgetting a
/// <c>Where</c>. Any new route value, typed or not, fails here until its folder's Conventions.cs attaches the
/// filter for it or it is listed below as naming no record, or a part of one that is checked.
/// </summary>
public sealed class RecordFilterTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    /// <summary>Route values that name no record: an error's status code and a one-time link's secret token.</summary>
    private static readonly HashSet<string> NotARecord = ["code", "token"];

    /// <summary>
    /// Route values that name a part of a record another value of the same route names (a tool's version number, a
    /// return's section, a report's section, an event of a chronology, a question of a tool): the page finds the part
    /// inside the record its filter loaded, so they pass only where the record they are part of (the nearest value
    /// before them that is not itself a part) is checked by a filter.
    /// </summary>
    private static readonly HashSet<string> PartOfACheckedRecord = ["number", "key", "eventId", "sectionId", "questionId"];

    /// <summary>Whether the record a part belongs to, the nearest route value before it that is not a part, is checked.</summary>
    private static bool ItsRecordIsChecked(RoutePattern route, RoutePatternParameterPart part, IEnumerable<string> checkedKeys) =>
        route.Parameters.TakeWhile(p => p != part).Reverse().FirstOrDefault(p => !PartOfACheckedRecord.Contains(p.Name)) is { } record
        && checkedKeys.Contains(record.Name);

    [Fact]
    public void ThePartRule_AsksForItsOwnRecord()
    {
        var route = RoutePatternFactory.Parse("/audits/{id:guid}/tools/{toolId:guid}/v/{number:int}/sections/{sectionId}");
        var number = route.GetParameter("number")!;
        var section = route.GetParameter("sectionId")!;
        Assert.True(ItsRecordIsChecked(route, number, ["toolId"]));
        Assert.True(ItsRecordIsChecked(route, section, ["toolId"]));
        // Another record on the route being checked is not enough: the version is the tool's, not the audit's.
        Assert.False(ItsRecordIsChecked(route, number, ["id"]));
        // A part with no record before it on the route belongs to nothing checked.
        var alone = RoutePatternFactory.Parse("/sections/{number:int}");
        Assert.False(ItsRecordIsChecked(alone, alone.GetParameter("number")!, ["id"]));
    }

    [Fact]
    public void EveryRecordARouteNames_IsCheckedByAFilter()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .ToList();
        Assert.True(pages.Count > 60, $"Expected the application's pages, found {pages.Count}.");

        var missing = new List<string>();
        var checkedCount = 0;
        foreach (var (route, page) in pages)
        {
            var filters = page!.FilterDescriptors.Select(f => f.Filter).OfType<RecordFilter>().ToList();
            foreach (var parameter in route.Parameters)
            {
                if (filters.Any(f => f.RouteKey == parameter.Name)) checkedCount++;
                else if (NotARecord.Contains(parameter.Name)) continue;
                else if (PartOfACheckedRecord.Contains(parameter.Name) && ItsRecordIsChecked(route, parameter, filters.Select(f => f.RouteKey))) continue;
                else missing.Add($"{route.RawText} ({page.ViewEnginePath}): {{{parameter.Name}}}");
            }
        }

        Assert.True(missing.Count == 0, "Routes naming a record no filter checks:\n" + string.Join("\n", missing));
        Assert.True(checkedCount >= 40, $"Expected the record routes of the audit, review, action, agency and tool pages; found {checkedCount}.");
    }

    [Fact]
    public void EachFolder_LoadsTheRecordItsRoutesName()
    {
        // The same route value means a different record in each folder: the filter must be the folder's own.
        var expected = new Dictionary<string, string>
        {
            ["/Audits/Plan/Terms"] = Records.Audit.Describes,
            ["/Audits/Collation/Case"] = Records.Audit.Describes,
            ["/AgencyReturns/Return"] = Records.AgencyReturn.Describes,
            ["/AgencyChronologies/Chronology"] = Records.AgencyChronology.Describes,
            ["/Reviews/Open/Overview"] = Records.Review.Describes,
            ["/ActionPlan/MyActions/Action"] = Records.AgencyAction.Describes,
            ["/ActionPlan/Actions/Action"] = Records.Action.Describes,
            ["/Admin/Users/User"] = Records.Person.Describes,
            ["/Admin/Agencies/Agency"] = Records.Agency.Describes,
        };
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()).OfType<PageActionDescriptor>()
            .GroupBy(p => p.ViewEnginePath).ToDictionary(g => g.Key, g => g.First());
        foreach (var (path, describes) in expected)
        {
            var filters = pages[path].FilterDescriptors.Select(f => f.Filter).OfType<RecordFilter>();
            Assert.Contains(describes, filters.Where(f => f.RouteKey is "id" or "actionId").Select(f => f.Describes));
        }
    }
}
