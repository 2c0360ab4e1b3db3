using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Parallax.Web.TagHelpers;

/// <summary>
/// A GOV.UK text input form group: label, hint, error message and input, wired together with ids
/// and aria-describedby, showing the model-state error for the field (as the error summary links to it).
/// </summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("asp-for")] public required ModelExpression For { get; set; }

    [HtmlAttributeNotBound, ViewContext] public required ViewContext ViewContext { get; set; }

    public required string Label { get; set; }

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? InputMode { get; set; }

    public bool Spellcheck { get; set; } = true;

    /// <summary>A GOV.UK width class suffix such as "20" or "one-half".</summary>
    public string? Width { get; set; }

    public bool LabelIsPageHeading { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var state) ? state : null;
        var error = entry?.Errors.FirstOrDefault()?.ErrorMessage;
        var value = Type == "password" ? null : entry?.AttemptedValue ?? For.Model?.ToString();

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<div class=\"govuk-form-group{(error is null ? "" : " govuk-form-group--error")}\">");
        var label = $"<label class=\"govuk-label{(LabelIsPageHeading ? " govuk-label--l" : "")}\" for=\"{id}\">{encoder.Encode(Label)}</label>";
        html.Append(LabelIsPageHeading ? $"<h1 class=\"govuk-label-wrapper\">{label}</h1>" : label);
        if (Hint is not null)
        {
            html.Append($"<div id=\"{id}-hint\" class=\"govuk-hint\">{encoder.Encode(Hint)}</div>");
            describedBy.Add($"{id}-hint");
        }

        if (error is not null)
        {
            html.Append($"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {encoder.Encode(error)}</p>");
            describedBy.Add($"{id}-error");
        }

        var classes = "govuk-input" + (Width is null ? "" : $" govuk-input--width-{Width}") + (error is null ? "" : " govuk-input--error");
        html.Append($"<input class=\"{classes}\" id=\"{id}\" name=\"{encoder.Encode(name)}\" type=\"{Type}\"");
        if (value is not null) html.Append($" value=\"{encoder.Encode(value)}\"");
        if (Autocomplete is not null) html.Append($" autocomplete=\"{Autocomplete}\"");
        if (InputMode is not null) html.Append($" inputmode=\"{InputMode}\"");
        if (!Spellcheck) html.Append(" spellcheck=\"false\"");
        if (describedBy.Count > 0) html.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        html.Append("></div>");

        output.TagName = null;
        output.Content.SetHtmlContent(html.ToString());
    }
}
