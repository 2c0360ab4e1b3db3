namespace Parallax.Core.Actions;

/// <summary>The action plan as a Word table for an executive paper: one row per action, with its RAG status, and a summary line.</summary>
public static class ActionPlanPaper
{
    public static byte[] Write(string partnership, IReadOnlyList<ActionRow> rows, DateOnly date, string marking = ReportSections.DefaultMarking)
    {
        var summary = $"{ReportText.Count(rows.Count, "action", "actions", capital: true)}: {rows.Count(r => r.Rag == Rag.Red)} red (overdue), {rows.Count(r => r.Rag == Rag.Amber)} amber (at risk or not started), " +
            $"{rows.Count(r => r.Rag == Rag.Green)} green (on track or complete), {rows.Count(r => r.Rag == Rag.Done)} closed with evidence.";
        var blocks = new List<ReportBlock> { new ReportParagraph(summary) };
        if (rows.Count == 0) blocks.Add(new ReportNotice("There are no actions."));
        else
        {
            blocks.Add(new ReportTable("Actions by status", ["RAG", "Recommendation", "Action", "Owner", "Due", "Status"],
                [.. rows.Select(r => (IReadOnlyList<string>)[r.Rag == Rag.Done ? "Closed" : r.Rag.ToString(), $"{r.AuditTitle}, {r.Recommendation.Number}: {r.Recommendation.Text}", r.Action.What,
                    r.Owner is null ? r.Agency : $"{r.Agency}: {r.Owner}", r.Action.DueOn.ToString("d MMM yyyy"), ActionPlans.Describe(r.State)])]));
        }

        var document = new ReportDocument(partnership, "Action plan", "Recommendations and actions from multi-agency audits", date, 0, marking,
            [new ReportSectionContent("action-plan", "Progress on actions", false, blocks)], []);
        return ReportDocx.WritePaper(document);
    }
}
