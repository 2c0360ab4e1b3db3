namespace Parallax.Features;

/// <summary>
/// The four parts of an agency's summary for a Rapid Review as a form: written by the agency on its own page, or by the
/// review's lead on the agency's behalf. One place for the boxes, so both pages save and show the same parts.
/// </summary>
public abstract class AgencySummaryForm : PageModel
{
    [BindProperty] public string? Involvement { get; set; }

    [BindProperty] public string? Analysis { get; set; }

    [BindProperty] public string? ImmediateLearning { get; set; }

    [BindProperty] public string? ActionsTaken { get; set; }

    /// <summary>The version of the summary the form was filled from; null for a summary not yet saved.</summary>
    [BindProperty] public Guid? Version { get; set; }

    /// <summary>The summary as last saved, if it has been.</summary>
    public AgencySummary? Saved { get; protected set; }

    /// <summary>What the box for one part holds.</summary>
    public string? Value(string field) => field switch
    {
        nameof(Involvement) => Involvement,
        nameof(Analysis) => Analysis,
        nameof(ImmediateLearning) => ImmediateLearning,
        _ => ActionsTaken,
    };

    protected AgencySummaryInput Input => new(Involvement, Analysis, ImmediateLearning, ActionsTaken);

    /// <summary>Fills the boxes from the saved summary, for a form opened afresh.</summary>
    protected void FillFromSaved() =>
        (Involvement, Analysis, ImmediateLearning, ActionsTaken, Version) = (Saved?.Involvement, Saved?.Analysis, Saved?.ImmediateLearning, Saved?.ActionsTaken, Saved?.Version);
}
