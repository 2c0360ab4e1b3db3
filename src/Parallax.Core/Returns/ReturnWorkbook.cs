namespace Parallax.Core.Returns;

/// <summary>A problem in an uploaded workbook, at a cell ("C14") or for the whole file (null).</summary>
public sealed record WorkbookProblem(string? Cell, string Message)
{
    public override string ToString() => Cell is null ? Message : $"Cell {Cell}: {Message}";
}

/// <summary>
/// A return as a workbook for completing offline: the sheet "Return" lays the form out as rows (reference,
/// question, answer, comment, guidance) with drop-down lists; the hidden sheet "Parallax" records which
/// request, tool version and saved version it was made from and which field each row holds, so an upload
/// is checked row by row and refused whole if its structure was edited.
/// </summary>
public static class ReturnWorkbook
{
    public const string MainSheet = "Return";
    public const string KeySheet = "Parallax";
    private const int FirstRow = 6;
    private static readonly string[] YesNoNa = ["Yes", "No", "N/A"];
    private static readonly string[] Grades = [.. Enum.GetValues<Grade>().Select(g => g.DisplayName())];

    private sealed record Line(string Ref, string Question, string AnswerField, string? CommentField, string Guidance, string? Answer, string? Comment, IReadOnlyList<string>? Choices);

    public static byte[] Build(ReturnContext context)
    {
        var answers = ReturnCompletion.ToAnswers(context);
        var main = new WorksheetDraft(MainSheet) { Protect = true, PrintLandscapeFitToWidth = true };
        main.ColumnWidths.AddRange([14, 60, 24, 60, 36]);
        main.Add(new WorkbookCell($"Return for case {context.Uin}", CellStyle.Title));
        main.Add(new WorkbookCell($"{context.AuditTitle}: {context.Agency.Name}. Due {context.Request.DueOn:dddd d MMMM yyyy}.", CellStyle.Text));
        main.Add(new WorkbookCell("Type only in the shaded cells; choose answers from the lists. Do not add, remove or move rows. Use initials and roles, never names. Then upload this workbook on the return's page in Parallax."));
        main.Add();
        main.Add(new("Ref", CellStyle.Heading), new("Question", CellStyle.Heading), new("Answer", CellStyle.Heading), new("Comment or reason", CellStyle.Heading), new("Guidance", CellStyle.Heading));

        var key = new WorksheetDraft(KeySheet) { Protect = true, Hidden = true };
        key.Add(new("request"), new(context.Request.Id.ToString()));
        key.Add(new("tool-version"), new(context.ToolVersion.Id.ToString()));
        key.Add(new("saved-version"), new(context.Saved?.Version.ToString() ?? ""));

        foreach (var line in Lines(context, answers))
        {
            if (line.AnswerField.Length == 0)
            {
                // The section's title overflows across the empty cells beside it.
                main.Add(new WorkbookCell(line.Ref, CellStyle.Heading));
                continue;
            }

            var row = main.Rows.Count + 1;
            main.Add(new(line.Ref), new(line.Question, CellStyle.Wrapped), new(line.Answer ?? "", CellStyle.Input, line.Choices),
                line.CommentField is null ? new("") : new(line.Comment ?? "", CellStyle.Input), new(line.Guidance, CellStyle.Wrapped));
            key.Add(new(row.ToString(CultureInfo.InvariantCulture)), new(line.AnswerField), new(line.CommentField ?? ""), new(line.Ref));
        }

        return WorkbookWriter.Write([main, key]);
    }

    /// <summary>Reads an uploaded workbook into answers; any problem of structure or value is returned and no answers are.</summary>
    public static (ToolAnswers? Answers, IReadOnlyList<WorkbookProblem> Problems) Read(ReturnContext context, Stream workbook)
    {
        Sheet main, key;
        try
        {
            using var copy = new MemoryStream();
            workbook.CopyTo(copy);
            copy.Position = 0;
            key = SheetReader.ReadXlsx(copy, KeySheet);
            copy.Position = 0;
            main = SheetReader.ReadXlsx(copy, MainSheet);
        }
        catch (DomainException e)
        {
            return (null, [new WorkbookProblem(null, e.Message)]);
        }

        if (key.Cell(1, 2) != context.Request.Id.ToString())
            return (null, [new(null, $"This workbook is for a different return. Download the workbook for case {context.Uin} from this page and use that one.")]);
        if (key.Cell(2, 2) != context.ToolVersion.Id.ToString())
            return (null, [new(null, "This workbook was made for a different version of the audit tool. Download a fresh workbook.")]);
        if (key.Cell(3, 2) != (context.Saved?.Version.ToString() ?? ""))
            return (null, [new(null, "This return was changed in Parallax after the workbook was downloaded, so nothing was overwritten. Download a fresh workbook, copy your answers into it, and upload that.")]);

        var expected = Lines(context, new ToolAnswers()).Where(l => l.AnswerField.Length > 0).ToList();
        var problems = new List<WorkbookProblem>();
        var fields = new Dictionary<string, (string Value, string Cell)>();
        for (var i = 0; i < expected.Count; i++)
        {
            var line = expected[i];
            if (!int.TryParse(key.Cell(4 + i, 1), out var row) || key.Cell(4 + i, 2) != line.AnswerField || main.Cell(row, 1).Trim() != line.Ref)
                return (null, [new(null, $"The workbook's rows were changed (\"{line.Ref}\" is not where it was). Nothing was stored: download a fresh workbook, copy your answers into it, and upload that.")]);
            fields[line.AnswerField] = (main.Cell(row, 3).Trim(), $"C{row}");
            if (line.CommentField is not null) fields[line.CommentField] = (main.Cell(row, 4).Trim(), $"D{row}");
        }

        var answers = ToAnswers(context, fields, problems);
        return problems.Count > 0 ? (null, problems) : (answers, []);
    }

    /// <summary>Maps a problem found by the form's validator (a form field id) to the cell that holds that field.</summary>
    public static string? CellOf(ReturnContext context, string field)
    {
        var row = FirstRow;
        foreach (var line in Lines(context, new ToolAnswers()))
        {
            if (line.AnswerField == field) return $"C{row}";
            if (line.CommentField == field) return $"D{row}";
            row++;
        }

        return null;
    }

    private static ToolAnswers ToAnswers(ReturnContext context, Dictionary<string, (string Value, string Cell)> fields, List<WorkbookProblem> problems)
    {
        string? Text(string field) => fields.TryGetValue(field, out var v) && v.Value.Length > 0 ? v.Value : null;
        JudgementAnswer? Judgement(string field, string reasonField, string qualifierField)
        {
            var text = Text(field);
            Grade? grade = null;
            if (text is not null)
            {
                var match = Enum.GetValues<Grade>().Where(g => g.DisplayName().Equals(text, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 1) grade = match[0];
                else problems.Add(new(fields[field].Cell, $"\"{text}\" is not a judgement: choose {string.Join(", ", Grades)}"));
            }

            var reason = Text(reasonField);
            var qualifier = Text(qualifierField);
            return grade is null && reason is null && qualifier is null ? null : new JudgementAnswer(grade, qualifier, reason);
        }

        var answers = new ToolAnswers
        {
            AgencyJudgement = Judgement(AnswerFields.AgencyJudgement, AnswerFields.AgencyJudgement + "-reason", AnswerFields.AgencyJudgement + "-qualifier"),
            PartnershipJudgement = Judgement(AnswerFields.PartnershipJudgement, AnswerFields.PartnershipJudgement + "-reason", AnswerFields.PartnershipJudgement + "-qualifier"),
            GoodPractice = Text(AnswerFields.GoodPractice),
            OtherComments = Text(AnswerFields.OtherComments),
        };
        foreach (var section in context.ToolVersion.Sections.Where(context.Applies))
        {
            foreach (var question in section.Questions.OrderBy(q => q.Order))
            {
                var field = AnswerFields.Value(question.Code);
                var value = Text(field);
                var comment = Text(AnswerFields.Comment(question.Code));
                answers.Questions[question.Code] = question.Kind switch
                {
                    QuestionKind.YesNoNa => new QuestionAnswer(value?.ToLowerInvariant() switch
                    {
                        "yes" or "y" => AnswerFields.Yes,
                        "no" or "n" => AnswerFields.No,
                        "n/a" or "na" or "not applicable" => AnswerFields.NotApplicable,
                        _ => value,
                    }, null, comment),
                    QuestionKind.MultipleChoice => new QuestionAnswer(null, value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [], comment),
                    QuestionKind.Date => new QuestionAnswer(Date(value), null, comment),
                    _ => new QuestionAnswer(value, null, comment),
                };
            }

            if (section.HasJudgement && Judgement(AnswerFields.Judgement(section.Id), AnswerFields.JudgementReason(section.Id), AnswerFields.JudgementQualifier(section.Id)) is { } judgement)
                answers.SectionJudgements[section.Id] = judgement;
        }

        return answers;
    }

    /// <summary>A date typed as 2024-03-27 or 27/03/2024, or stored by a spreadsheet as a serial number.</summary>
    private static string? Date(string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return value;
    }

    /// <summary>The rows of the form in order; a line with an empty answer field is a section heading.</summary>
    private static IEnumerable<Line> Lines(ReturnContext context, ToolAnswers answers)
    {
        foreach (var section in context.ToolVersion.Sections.OrderBy(s => s.Order).Where(context.Applies))
        {
            yield return new Line(section.Title, section.Guidance ?? "", "", null, "", null, null, null);
            foreach (var question in section.Questions.OrderBy(q => q.Order))
            {
                answers.Questions.TryGetValue(question.Code, out var a);
                var (answer, choices, guidance) = question.Kind switch
                {
                    QuestionKind.YesNoNa => (a?.Value switch { AnswerFields.Yes => "Yes", AnswerFields.No => "No", AnswerFields.NotApplicable => "N/A", _ => a?.Value }, (IReadOnlyList<string>?)YesNoNa,
                        (question.CommentRequiredOnNo ? "Explain a No in the comment. " : "") + (question.CommentRequiredOnNa ? "Explain an N/A in the comment." : "")),
                    QuestionKind.SingleChoice => (a?.Value, question.Options, "Choose one from the list."),
                    QuestionKind.MultipleChoice => (a?.Values is { Count: > 0 } vs ? string.Join("; ", vs) : null, null, "Any of: " + string.Join("; ", question.Options) + " (separate with ;)."),
                    QuestionKind.Date => (a?.Value, null, "A date, like 2024-03-27."),
                    QuestionKind.Number => (a?.Value, null, "A number."),
                    _ => (a?.Value, null, ""),
                };
                yield return new Line(question.Code, question.Text + (question.HelpText is null ? "" : $" ({question.HelpText})"), AnswerFields.Value(question.Code), AnswerFields.Comment(question.Code),
                    ((question.Required ? "Required. " : "Optional. ") + guidance).Trim(), answer, a?.Comment, choices);
            }

            if (section.HasJudgement)
            {
                answers.SectionJudgements.TryGetValue(section.Id, out var j);
                yield return new Line("Judgement", section.JudgementPrompt ?? $"Your judgement for {section.Title}", AnswerFields.Judgement(section.Id), AnswerFields.JudgementReason(section.Id),
                    "Choose a judgement; give the reason in the comment.", j?.Grade?.DisplayName(), j?.Reason, Grades);
                yield return new Line("Qualifier", "Optional qualifier, for example \"with elements of RI\"", AnswerFields.JudgementQualifier(section.Id), null, "Optional.", j?.Qualifier, null, null);
            }
        }

        if (context.ToolVersion.AsksOverallAgencyJudgement || context.ToolVersion.AsksPartnershipJudgement || context.ToolVersion.AsksGoodPractice || context.ToolVersion.AsksOtherComments)
            yield return new Line("Overall", "", "", null, "", null, null, null);
        foreach (var (asks, field, label, current) in new[]
        {
            (context.ToolVersion.AsksOverallAgencyJudgement, AnswerFields.AgencyJudgement, "Your judgement on your agency's work overall", answers.AgencyJudgement),
            (context.ToolVersion.AsksPartnershipJudgement, AnswerFields.PartnershipJudgement, "Your judgement on the work of the partnership overall", answers.PartnershipJudgement),
        })
        {
            if (!asks) continue;
            yield return new Line(field == AnswerFields.AgencyJudgement ? "Agency" : "Partnership", label, field, field + "-reason", "Choose a judgement; give the reason in the comment.", current?.Grade?.DisplayName(), current?.Reason, Grades);
            yield return new Line("Qualifier", "Optional qualifier", field + "-qualifier", null, "Optional.", current?.Qualifier, null, null);
        }

        if (context.ToolVersion.AsksGoodPractice)
            yield return new Line("Good practice", "Good practice you want the panel to know about", AnswerFields.GoodPractice, null, "Optional.", answers.GoodPractice, null, null);
        if (context.ToolVersion.AsksOtherComments)
            yield return new Line("Other comments", "Anything else the panel should know", AnswerFields.OtherComments, null, "Optional.", answers.OtherComments, null, null);
    }
}
