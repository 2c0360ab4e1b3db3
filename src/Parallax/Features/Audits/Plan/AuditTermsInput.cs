using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Parallax.Features.Audits.Plan;

/// <summary>The parts of an audit's terms that are typed as text but stored as numbers and dates, read the same way when the audit is set up and when its terms are corrected.</summary>
public static class AuditTermsInput
{
    /// <summary>The panel date and the sample size, each null when left empty; a problem with either goes on its field.</summary>
    public static (DateOnly? PanelOn, int? SampleSize) Read(ModelStateDictionary modelState, DateParts panelOn, string? sampleSizeTarget, string panelField, string sampleField)
    {
        var panel = panelOn.Parse("the panel date", required: false, out var panelProblem);
        if (panelProblem is not null) modelState.AddModelError($"{panelField}.Day", panelProblem);
        int? sample = null;
        if (!string.IsNullOrWhiteSpace(sampleSizeTarget))
        {
            if (int.TryParse(sampleSizeTarget, out var s)) sample = s;
            else modelState.AddModelError(sampleField, "The sample size must be a whole number, like 6");
        }

        return (panel, sample);
    }
}
