using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Parallax.Web.TagHelpers;

/// <summary>
/// The shared part of GOV.UK form groups: label, hint and error message wired to the control with ids and
/// aria-describedby, showing the model-state error for the field (the error summary links to the same id).
/// </summary>
public abstract class GovukFieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("asp-for")] public required ModelExpression For { get; set; }

    [HtmlAttributeNotBound, ViewContext] public required ViewContext ViewContext { get; set; }

    public required string Label { get; set; }

    public string? Hint { get; set; }

    public bool LabelIsPageHeading { get; set; }

    protected HtmlEncoder Encoder { get; } = encoder;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var state) ? state : null;
        var error = ViewContext.ViewData.ModelState.ErrorFor(name);
        var value = entry?.AttemptedValue ?? For.Model?.ToString();

        var describedBy = new List<string>();
        var html = new StringBuilder();
        html.Append($"<div class=\"govuk-form-group{(error is null ? "" : " govuk-form-group--error")}\">");
        var label = $"<label class=\"govuk-label{(LabelIsPageHeading ? " govuk-label--l" : "")}\" for=\"{id}\">{Encoder.Encode(Label)}</label>";
        html.Append(LabelIsPageHeading ? $"<h1 class=\"govuk-label-wrapper\">{label}</h1>" : label);
        if (Hint is not null)
        {
            html.Append($"<div id=\"{id}-hint\" class=\"govuk-hint\">{Encoder.Encode(Hint)}</div>");
            describedBy.Add($"{id}-hint");
        }

        if (error is not null)
        {
            html.Append($"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Encoder.Encode(error)}</p>");
            describedBy.Add($"{id}-error");
        }

        var aria = describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "";
        html.Append(Control(id, Encoder.Encode(name), value, error is not null, aria));
        html.Append("</div>");

        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(html.ToString());
    }

    protected abstract string Control(string id, string name, string? value, bool hasError, string ariaDescribedBy);
}

[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper(HtmlEncoder encoder) : GovukFieldTagHelper(encoder)
{
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? InputMode { get; set; }

    public bool Spellcheck { get; set; } = true;

    /// <summary>A GOV.UK width class suffix such as "20" or "one-half".</summary>
    public string? Width { get; set; }

    protected override string Control(string id, string name, string? value, bool hasError, string ariaDescribedBy)
    {
        var classes = "govuk-input" + (Width is null ? "" : $" govuk-input--width-{Width}") + (hasError ? " govuk-input--error" : "");
        var html = new StringBuilder($"<input class=\"{classes}\" id=\"{id}\" name=\"{name}\" type=\"{Type}\"");
        if (value is not null && Type != "password") html.Append($" value=\"{Encoder.Encode(value)}\"");
        if (Autocomplete is not null) html.Append($" autocomplete=\"{Autocomplete}\"");
        if (InputMode is not null) html.Append($" inputmode=\"{InputMode}\"");
        if (!Spellcheck) html.Append(" spellcheck=\"false\"");
        return html.Append(ariaDescribedBy).Append('>').ToString();
    }
}

[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTextareaTagHelper(HtmlEncoder encoder) : GovukFieldTagHelper(encoder)
{
    public int Rows { get; set; } = 5;

    protected override string Control(string id, string name, string? value, bool hasError, string ariaDescribedBy) =>
        $"<textarea class=\"govuk-textarea{(hasError ? " govuk-textarea--error" : "")}\" id=\"{id}\" name=\"{name}\" rows=\"{Rows}\"{ariaDescribedBy}>{Encoder.Encode(value ?? "")}</textarea>";
}
