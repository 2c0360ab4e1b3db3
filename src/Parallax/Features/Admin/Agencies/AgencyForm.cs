namespace Parallax.Features.Admin.Agencies;

/// <summary>The fields of the add and change pages, bound as "Form.*".</summary>
public sealed class AgencyForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Type { get; set; }

    public bool WorksWithAdults { get; set; }

    public string? ReturnsContactEmail { get; set; }

    public AgencyInput ToInput() => new(Code, Name, Type, WorksWithAdults, ReturnsContactEmail);

    public static AgencyForm From(Agency a) => new()
    {
        Code = a.Code, Name = a.Name, Type = a.Type.ToString(), WorksWithAdults = a.WorksWithAdults, ReturnsContactEmail = a.ReturnsContactEmail,
    };

    public static readonly string[] FieldOrder = ["Form.Code", "Form.Name", "Form.Type", "Form.ReturnsContactEmail"];
}

/// <summary>A page with the agency form: the add page and the change page share the fields partial.</summary>
public abstract class AgencyFormPage : Microsoft.AspNetCore.Mvc.RazorPages.PageModel, IShowsRefusals
{
    [Microsoft.AspNetCore.Mvc.BindProperty] public AgencyForm Form { get; set; } = new();

    public virtual Task ReloadAfterRefusalAsync(DomainException refusal) => Task.CompletedTask;

    public virtual string FieldFor(string coreField) => coreField.Length == 0 ? "" : "Form." + coreField;
}
