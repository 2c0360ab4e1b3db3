using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Audits;
using Parallax.Core.Calendar;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Returns;
using Parallax.Core.Tools;

namespace Parallax.Tests.Infrastructure;

/// <summary>Builders for audits and their samples, made through the real services.</summary>
public static class TestAudits
{
    /// <summary>An audit on a fresh copy of the trigger-trio tool: requests on Mon 3 June 2030, 10 working days, 6 cases planned.</summary>
    public static async Task<Audit> CreateAsync(IServiceProvider services, Guid partnershipId, string title = "Test audit")
    {
        var tool = await services.GetRequiredService<ToolCatalogue>().ImportAsync(partnershipId, ToolTemplates.Find("trigger-trio")!.Document);
        return await services.GetRequiredService<AuditPlanner>().CreateAsync(partnershipId,
            new AuditPlan(title, "Trigger trio", null, null, tool.Id, 1, null, 6, new DateOnly(2030, 6, 3), 10, null), BankHolidays.EnglandAndWales);
    }

    /// <summary>A four-year-old, child in need, added to the audit's sample.</summary>
    public static Task<Case> AddCaseAsync(IServiceProvider services, Guid partnershipId, Guid auditId, string uin, params HouseholdInput[] household) =>
        services.GetRequiredService<CaseRegister>().AddToSampleAsync(partnershipId, auditId, new CaseInput(
            uin, "JT", 4, false, null, Sex.Male, Ethnicities.NotRecorded, null, LevelOfNeed.ChildInNeed, null, false, false, RiskFactors.None, household));

    /// <summary>An audit with one case known to each of <paramref name="agencies"/> (the child), its requests generated and sent.</summary>
    public static async Task<(Audit Audit, Case Case, List<ReturnRequest> Requests)> SentAsync(IServiceProvider services, Guid partnershipId, string title, string uin, params Guid[] agencies)
    {
        var audit = await CreateAsync(services, partnershipId, title);
        var @case = await AddCaseAsync(services, partnershipId, audit.Id, uin);
        var requests = services.GetRequiredService<ReturnRequests>();
        await requests.SetInvolvementAsync(partnershipId, audit.Id, @case.Id, [.. agencies.Select(a => (a, (Guid?)null))]);
        await requests.GenerateAsync(partnershipId, audit.Id);
        await requests.SendAsync(partnershipId, audit.Id);
        return (audit, @case, await services.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.AuditId == audit.Id).ToListAsync());
    }

    public static string NewUin(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..5]}";
}
