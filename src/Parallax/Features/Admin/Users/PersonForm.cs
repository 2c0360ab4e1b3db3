namespace Parallax.Features.Admin.Users;

/// <summary>The invite page and a user's page share the access fields: name, roles and agency.</summary>
public abstract class PersonFormPage(AgencyRegister agencies) : PageModel, IShowsRefusals
{
    [BindProperty] public string? DisplayName { get; set; }

    [BindProperty] public List<string> SelectedRoles { get; set; } = [];

    [BindProperty] public string? AgencyCode { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The agency the person belongs to now: listed even if it has since been retired.</summary>
    protected Guid? CurrentAgencyId { get; set; }

    public static readonly string[] FieldOrder = ["Email", "DisplayName", "SelectedRoles", "AgencyCode"];

    protected async Task LoadAgenciesAsync() =>
        Agencies = await agencies.Of(User.SignedInPartnershipId()).AsNoTracking()
            .Where(a => a.RetiredAt == null || a.Id == CurrentAgencyId).OrderBy(a => a.Name).ToListAsync();

    public virtual Task ReloadAfterRefusalAsync(DomainException refusal) => LoadAgenciesAsync();

    public string FieldFor(string coreField) => coreField == "Roles" ? nameof(SelectedRoles) : coreField;
}
