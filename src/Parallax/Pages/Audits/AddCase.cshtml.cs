using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Audits;
using Parallax.Core.Cases;
using Parallax.Web;

namespace Parallax.Pages.Audits;

/// <summary>Registers a case and adds it to the audit's sample: pseudonymised at entry (UIN and initials only).</summary>
public class AddCaseModel(CaseRegister register, AuditPlanner planner) : PageModel
{
    public const int HouseholdRows = 6;

    [FromRoute] public Guid Id { get; set; }

    public string AuditTitle { get; private set; } = "";

    [BindProperty] public string? Uin { get; set; }

    [BindProperty] public string? Initials { get; set; }

    [BindProperty] public string? AgeYears { get; set; }

    [BindProperty] public bool Unborn { get; set; }

    [BindProperty] public DateParts ExpectedBirthOn { get; set; } = new();

    [BindProperty] public Sex? Sex { get; set; }

    [BindProperty] public string? Ethnicity { get; set; }

    [BindProperty] public string? Area { get; set; }

    [BindProperty] public LevelOfNeed? LevelOfNeed { get; set; }

    [BindProperty] public ProtectionCategory? ProtectionCategory { get; set; }

    [BindProperty] public bool Section20 { get; set; }

    [BindProperty] public bool? HeardAtMarac { get; set; }

    [BindProperty] public List<RiskFactors> Risks { get; set; } = [];

    [BindProperty] public List<HouseholdRow> Household { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();

        int? age = null;
        if (!Unborn)
        {
            if (int.TryParse(AgeYears, out var a)) age = a;
            else ModelState.AddModelError(nameof(AgeYears), "Enter the child's age in years, from 0 to 17, or say the child is unborn");
        }

        DateOnly? expected = null;
        if (Unborn)
        {
            expected = ExpectedBirthOn.Parse("the expected date of birth", required: false, out var expectedProblem);
            if (expectedProblem is not null) ModelState.AddModelError($"{nameof(ExpectedBirthOn)}.Day", expectedProblem);
        }
        if (Sex is null) ModelState.AddModelError(nameof(Sex), "Select the child's sex, or Not known");
        if (string.IsNullOrEmpty(Ethnicity)) ModelState.AddModelError(nameof(Ethnicity), "Select the child's ethnicity, or Not recorded");
        if (LevelOfNeed is null) ModelState.AddModelError(nameof(LevelOfNeed), "Select the level of need when the case was sampled");
        if (HeardAtMarac is null) ModelState.AddModelError(nameof(HeardAtMarac), "Select whether the case was heard at MARAC");

        var household = new List<HouseholdInput>();
        for (var i = 0; i < Household.Count; i++)
        {
            var row = Household[i];
            if (row.Role is null && string.IsNullOrWhiteSpace(row.Initials)) continue;
            if (row.Role is null) ModelState.AddModelError($"Household[{i}].Role", $"Select the role of household member {i + 1}");
            else household.Add(new HouseholdInput(row.Role.Value, row.Initials ?? ""));
        }

        if (ModelState.IsValid)
        {
            try
            {
                var risks = Risks.Aggregate(RiskFactors.None, (all, r) => all | r);
                await register.AddToSampleAsync(User.PartnershipId()!.Value, Id, new CaseInput(
                    Uin ?? "", Initials ?? "", age, Unborn, expected, Sex!.Value, Ethnicity!, Area, LevelOfNeed!.Value,
                    ProtectionCategory, Section20, HeardAtMarac!.Value, risks, household));
                return RedirectToPage("/Audits/Overview", new { id = Id });
            }
            catch (CaseInputException e)
            {
                ModelState.AddModelError(e.Field, e.Message);
            }
        }

        Pad();
        ViewData["FieldOrder"] = new[] { nameof(Uin), nameof(Initials), nameof(AgeYears), $"{nameof(ExpectedBirthOn)}.Day", nameof(Sex), nameof(Ethnicity), nameof(LevelOfNeed), nameof(ProtectionCategory), nameof(HeardAtMarac) }
            .Concat(Enumerable.Range(0, HouseholdRows).SelectMany(i => new[] { $"Household[{i}].Role", $"Household[{i}].Initials" })).ToList();
        return Page();
    }

    public string? ErrorFor(string key) => ModelState.ErrorFor(key);

    private void Pad()
    {
        while (Household.Count < HouseholdRows) Household.Add(new HouseholdRow());
    }

    private async Task<bool> LoadAsync()
    {
        var title = await planner.Audits(User.PartnershipId()!.Value).Where(a => a.Id == Id).Select(a => a.Title).FirstOrDefaultAsync();
        AuditTitle = title ?? "";
        return title is not null;
    }

    public sealed class HouseholdRow
    {
        public HouseholdRole? Role { get; set; }

        public string? Initials { get; set; }
    }
}
