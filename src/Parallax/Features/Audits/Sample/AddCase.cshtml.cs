namespace Parallax.Features.Audits.Sample;

/// <summary>
/// Registers a case and adds it to the audit's sample: pseudonymised at entry (UIN and initials only). At
/// /audits/{id}/cases/{caseId}/edit the same page corrects a case of the sample by the same rules.
/// </summary>
public class AddCaseModel(CaseRegister register, Parallax.Core.Data.ParallaxDbContext db) : PageModel, IShowsRefusals
{
    public const int HouseholdRows = 6;

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The case being corrected; null when adding one.</summary>
    [FromRoute] public Guid? CaseId { get; set; }

    /// <summary>The case's version when the form was read, so a colleague's change in between is not overwritten.</summary>
    [BindProperty] public Guid? Expected { get; set; }

    public bool IsEdit => CaseId is not null;

    public string AuditTitle { get; private set; } = "";

    [BindProperty] public string? Uin { get; set; }

    [BindProperty] public string? Initials { get; set; }

    [BindProperty] public string? AgeYears { get; set; }

    [BindProperty] public string? AgeMonths { get; set; }

    [BindProperty] public bool Unborn { get; set; }

    [BindProperty] public DateParts ExpectedBirthOn { get; set; } = new();

    [BindProperty] public Sex? Sex { get; set; }

    [BindProperty] public string? Ethnicity { get; set; }

    [BindProperty] public string? Area { get; set; }

    [BindProperty] public LevelOfNeed? LevelOfNeed { get; set; }

    [BindProperty] public ProtectionCategory? ProtectionCategory { get; set; }

    [BindProperty] public bool Section20 { get; set; }

    [BindProperty] public bool? HeardAtMarac { get; set; }

    [BindProperty] public MaracDetail MaracDetail { get; set; }

    [BindProperty] public string? MaracYear { get; set; }

    [BindProperty] public List<RiskFactors> Risks { get; set; } = [];

    [BindProperty] public List<HouseholdRow> Household { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Load();
        if (CaseId is { } caseId && !await FillAsync(caseId)) return NotFound();
        Pad();
        return Page();
    }

    /// <summary>The form as the case stands.</summary>
    private async Task<bool> FillAsync(Guid caseId)
    {
        var partnershipId = User.SignedInPartnershipId();
        var found = await db.Cases.AsNoTracking().Include(c => c.Household)
            .FirstOrDefaultAsync(c => c.Id == caseId && c.PartnershipId == partnershipId && db.AuditCases.Any(ac => ac.AuditId == Id && ac.CaseId == c.Id));
        if (found is null) return false;
        (Expected, Uin, Initials, AgeYears, Unborn, Sex, Ethnicity, Area) =
            (found.Version, found.Uin, found.Initials, found.AgeYears?.ToString(System.Globalization.CultureInfo.InvariantCulture), found.Unborn, found.Sex, found.Ethnicity, found.Area);
        (LevelOfNeed, ProtectionCategory, Section20, HeardAtMarac) = (found.LevelOfNeed, found.ProtectionCategory, found.Section20, found.HeardAtMarac);
        (AgeMonths, MaracDetail, MaracYear) = (found.AgeMonths?.ToString(System.Globalization.CultureInfo.InvariantCulture), found.MaracDetail, found.MaracYear?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ExpectedBirthOn = found.ExpectedBirthOn is { } due ? DateParts.From(due) : new DateParts();
        Risks = Enum.GetValues<RiskFactors>().Where(r => r != RiskFactors.None && found.RiskFactors.HasFlag(r)).ToList();
        Household = found.Household.OrderBy(h => h.Order).Select(h => new HouseholdRow { Id = h.Id, Role = h.Role, RoleName = h.RoleName, Initials = h.Initials }).ToList();
        return true;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Load();

        int? age = null;
        if (!Unborn)
        {
            if (int.TryParse(AgeYears, out var a)) age = a;
            else ModelState.AddModelError(nameof(AgeYears), "Enter the child's age in years, from 0 to 17, or say the child is unborn");
        }

        int? months = null;
        if (!Unborn && !string.IsNullOrWhiteSpace(AgeMonths))
        {
            if (int.TryParse(AgeMonths, out var m)) months = m;
            else ModelState.AddModelError(nameof(AgeMonths), "Enter the months as a whole number from 0 to 11");
        }

        int? maracYear = null;
        if (HeardAtMarac == true && !string.IsNullOrWhiteSpace(MaracYear))
        {
            if (int.TryParse(MaracYear, out var y)) maracYear = y;
            else ModelState.AddModelError(nameof(MaracYear), "Enter the year of the MARAC as four digits, for example 2010");
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
        if (Household.Skip(HouseholdRoleNames.MaxHousehold).Any(h => h.Role is not null || !string.IsNullOrWhiteSpace(h.Initials) || !string.IsNullOrWhiteSpace(h.RoleName)))
            ModelState.AddModelError("Household[0].Role", $"A household holds up to {HouseholdRoleNames.MaxHousehold} people besides the child");
        for (var i = 0; i < Math.Min(Household.Count, HouseholdRoleNames.MaxHousehold); i++)
        {
            var row = Household[i];
            if (row.Role is null && string.IsNullOrWhiteSpace(row.Initials) && string.IsNullOrWhiteSpace(row.RoleName)) continue;
            if (row.Role is null)
            {
                ModelState.AddModelError($"Household[{i}].Role", $"Select the role of household member {i + 1}");
                continue;
            }

            if (HouseholdRoleNames.CleanRoleName(row.Role, row.RoleName, $"household member {i + 1}").Problem is { } problem)
                ModelState.AddModelError($"Household[{i}].RoleName", problem);
            else household.Add(new HouseholdInput(row.Role.Value, row.Initials ?? "", row.Id, row.RoleName));
        }

        if (ModelState.IsValid)
        {
            var risks = Risks.Aggregate(RiskFactors.None, (all, r) => all | r);
            var input = new CaseInput(
                Uin ?? "", Initials ?? "", age, Unborn, expected, Sex!.Value, Ethnicity!, Area, LevelOfNeed!.Value,
                ProtectionCategory, Section20, HeardAtMarac!.Value, risks, household,
                months, HeardAtMarac == true ? MaracDetail : MaracDetail.None, HeardAtMarac == true && MaracDetail == MaracDetail.Historic ? maracYear : null);
            if (CaseId is { } caseId) await register.UpdateAsync(User.SignedInPartnershipId(), Id, caseId, Expected ?? Guid.Empty, input);
            else await register.AddToSampleAsync(User.SignedInPartnershipId(), Id, input);
            return RedirectToPage("/Audits/Plan/Overview", new { id = Id });
        }

        ShowAgain();
        return Page();
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        if (refusal is EditConflictException && CaseId is { } caseId)
        {
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Clear();
            await FillAsync(caseId);
        }

        ShowAgain();
    }

    private void ShowAgain()
    {
        Pad();
        ViewData["FieldOrder"] = new[] { nameof(Uin), nameof(Initials), nameof(AgeYears), nameof(AgeMonths), $"{nameof(ExpectedBirthOn)}.Day", nameof(Sex), nameof(Ethnicity), nameof(LevelOfNeed), nameof(ProtectionCategory), nameof(HeardAtMarac), nameof(MaracYear) }
            .Concat(Enumerable.Range(0, HouseholdRows).SelectMany(i => new[] { $"Household[{i}].Role", $"Household[{i}].RoleName", $"Household[{i}].Initials" })).ToList();
    }

    public string? ErrorFor(string key) => ModelState.ErrorFor(key);

    /// <summary>
    /// Another empty row for a household larger than the form shows, keeping everything typed so far (the GOV.UK
    /// "add another" pattern, without JavaScript): nothing is checked or saved until the case is.
    /// </summary>
    public IActionResult OnPostAddMember()
    {
        Load();
        ModelState.Clear();
        Pad();
        if (Household.Count < HouseholdRoleNames.MaxHousehold) Household.Add(new HouseholdRow());
        return Page();
    }

    /// <summary>At least <see cref="HouseholdRows"/> rows, and one empty row after the last filled one, up to the most a household holds.</summary>
    private void Pad()
    {
        if (Household.Count > HouseholdRoleNames.MaxHousehold) Household = Household.Take(HouseholdRoleNames.MaxHousehold).ToList();
        var filled = Household.FindLastIndex(h => h.Role is not null || !string.IsNullOrWhiteSpace(h.Initials) || !string.IsNullOrWhiteSpace(h.RoleName)) + 1;
        while (Household.Count < Math.Min(HouseholdRoleNames.MaxHousehold, Math.Max(HouseholdRows, filled + 1))) Household.Add(new HouseholdRow());
    }

    private void Load() => AuditTitle = HttpContext.LoadedRecord<Audit>().Title;

    public sealed class HouseholdRow
    {
        /// <summary>The member being changed; empty for a new row.</summary>
        public Guid? Id { get; set; }

        public HouseholdRole? Role { get; set; }

        /// <summary>The role in the family's own words, where the fixed one is not enough.</summary>
        public string? RoleName { get; set; }

        public string? Initials { get; set; }
    }
}
