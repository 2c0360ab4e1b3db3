namespace Parallax.Core.Reviews;

/// <summary>An event as an agency gives it, from the form or one spreadsheet row, already checked.</summary>
public sealed record ChronologyEventInput(
    ChronologyDate Date, TimeOnly? Time, string Text, IReadOnlyList<Guid> PeopleIds, string? SourceReference, string? AgencyComment,
    Guid? EventTypeId, bool TypeConfirmed, IReadOnlyList<Guid>? MoreTypeIds = null, string? SuggestedBecause = null);

/// <summary>What is wrong with one cell of an upload: row as the spreadsheet numbers it, and the column's heading.</summary>
public sealed record ChronologyRowError(int Row, string Column, string Message)
{
    public override string ToString() => Row == 0 ? Message : $"Row {Row}, {Column}: {Message}";
}

/// <summary>
/// Reads an agency's chronology from a CSV or XLSX sheet. The first row names the columns (any order);
/// every row is checked and every problem reported with its row and column. The caller stores the rows
/// only when there are no errors: nothing partial is kept.
/// </summary>
public static class ChronologyImport
{
    public const int MaxRows = 2000;
    public const int MaxText = 4000;
    public const int MaxReference = 100;

    public static readonly string[] Columns = ["Date", "Date precision", "Time", "Event", "Household members", "Source reference", "Agency comment"];

    /// <summary>Another name a column may have in an agency's own template.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["precision"] = "Date precision",
        ["event description"] = "Event",
        ["description"] = "Event",
        ["household member(s) involved"] = "Household members",
        ["household member(s)"] = "Household members",
        ["household members involved"] = "Household members",
        ["people involved"] = "Household members",
        ["source record reference"] = "Source reference",
        ["record reference"] = "Source reference",
        ["agency analysis"] = "Agency comment",
        ["agency's own analysis/comment"] = "Agency comment",
        ["analysis"] = "Agency comment",
        ["comment"] = "Agency comment",
        ["type"] = "Event type",
    };

    /// <summary>The events, every problem, and a warning to answer before anything is stored.</summary>
    public sealed record Result(IReadOnlyList<ChronologyEventInput> Events, IReadOnlyList<ChronologyRowError> Errors, string? Warning = null);

    public static Result Read(Sheet sheet, ReviewHousehold household, IReadOnlyList<ChronologyEventType> types, DateOnly today)
    {
        var headings = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 1; c <= 50; c++)
        {
            var heading = sheet.Cell(1, c).Trim();
            if (heading.Length == 0) continue;
            var name = Aliases.GetValueOrDefault(heading) ?? heading;
            headings.TryAdd(name, c);
        }

        var missing = Columns.Where(c => !headings.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Select(m => $"\"{m}\""));
            return new([], [new ChronologyRowError(0, "", $"The file has no {list} column{(missing.Count == 1 ? "" : "s")}. The first row must name the columns: {string.Join(", ", Columns)} (and optionally Event type). Download the template to start from.")]);
        }

        if (sheet.RowCount - 1 > MaxRows)
            return new([], [new ChronologyRowError(0, "", $"The file has {sheet.RowCount - 1:N0} rows: a chronology upload can have at most {MaxRows:N0}. Split it into parts.")]);

        string Cell(int row, string column) => headings.TryGetValue(column, out var c) ? sheet.Cell(row, c).Trim() : "";

        var events = new List<ChronologyEventInput>();
        var errors = new List<ChronologyRowError>();
        for (var row = 2; row <= sheet.RowCount; row++)
        {
            if (Columns.Append("Event type").All(c => Cell(row, c).Length == 0)) continue;
            var before = errors.Count;
            void Fail(string column, string message) => errors.Add(new ChronologyRowError(row, column, message));

            // An Excel date cell keeps the precision its number format shows: a cell formatted "mmm-yy" is a month, not the 1st.
            var stated = Cell(row, "Date precision");
            if (stated.Length == 0 && headings.TryGetValue("Date", out var dateColumn) && ChronologyDates.PrecisionOfFormat(sheet.Format(row, dateColumn)) is { } shown)
                stated = shown.ToString().ToLowerInvariant();
            var date = ChronologyDates.Parse(Cell(row, "Date"), stated, today);
            if (date.Error is not null) Fail("Date", date.Error);
            var (time, timeError) = ChronologyDates.ParseTime(Cell(row, "Time"));
            if (timeError is not null) Fail("Time", timeError);
            var text = Cell(row, "Event");
            if (text.Length == 0) Fail("Event", "Enter what happened");
            if (text.Length > MaxText) Fail("Event", $"The event must be {MaxText:N0} characters or fewer");
            foreach (var problem in Identifiable(text)) Fail("Event", problem);
            var comment = Cell(row, "Agency comment");
            if (comment.Length > MaxText) Fail("Agency comment", $"The comment must be {MaxText:N0} characters or fewer");
            foreach (var problem in Identifiable(comment)) Fail("Agency comment", problem);
            var reference = Cell(row, "Source reference");
            if (reference.Length > MaxReference) Fail("Source reference", $"The reference must be {MaxReference} characters or fewer");
            var (people, peopleError) = household.Resolve(Cell(row, "Household members"));
            if (peopleError is not null) Fail("Household members", peopleError);

            Guid? typeId = null;
            List<Guid> more = [];
            string? because = null;
            var confirmed = false;
            var typeName = Cell(row, "Event type");
            if (typeName.Length > 0)
            {
                // Several types are separated by semicolons: "Police attendance; Domestic abuse incident".
                foreach (var name in typeName.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var type = types.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                    if (type is null) Fail("Event type", $"\"{name}\" is not an event type: use one or more of {string.Join("; ", types.Select(t => t.Name))}, separated by semicolons, or leave it blank for Parallax to suggest them");
                    else if (typeId is null) (typeId, confirmed) = (type.Id, true);
                    else more.Add(type.Id);
                }
            }
            else
            {
                var suggested = EventTypes.SuggestAll(text, types);
                typeId = suggested.FirstOrDefault()?.Type.Id;
                more = [.. suggested.Skip(1).Select(s => s.Type.Id)];
                because = Because(suggested);
            }

            if (errors.Count == before)
                events.Add(new ChronologyEventInput(date.Date!.Value, time, text, people, Optional(reference), Optional(comment), typeId, confirmed, more, because));
        }

        if (events.Count == 0 && errors.Count == 0)
            errors.Add(new ChronologyRowError(0, "", "The file has column headings but no events below them."));
        // Every day-precision date on the 1st is how months look after a spreadsheet has turned them into days.
        var days = events.Where(e => e.Date.Precision == DatePrecision.Day && e.Date.End is null).ToList();
        string? warning = null;
        if (errors.Count == 0 && days.Count >= 3 && days.All(e => e.Date.Start.Day == 1))
            warning = $"Every one of the {days.Count} dates given as a day falls on the 1st of a month. If they are months, put \"month\" in the Date precision column (or format the cells as months, such as Jun-17) and upload again. If they really are the 1st, tick \"The dates on the 1st are real days\" and upload again.";
        return new(errors.Count == 0 ? events : [], errors, warning);
    }

    /// <summary>One sentence per thing in the text that looks like it identifies someone (the returns' detector).</summary>
    public static IEnumerable<string> Identifiable(string? text) =>
        IdentifiableDataDetector.Find(text).Select(f => $"\"{f.Text}\": {f.Advice}");

    /// <summary>Refuses text that looks like it identifies someone, with the first thing found, against the field it came in.</summary>
    public static void RefuseIdentifiable(string text, string field)
    {
        if (Identifiable(text).FirstOrDefault() is { } problem) throw new DomainException(problem, field);
    }

    /// <summary>The template agencies fill in: the headings and one example row.</summary>
    public static string TemplateCsv() =>
        string.Join(",", Columns.Append("Event type")) + "\r\n"
        + "June 2017,month,,\"Police attended the home after a neighbour reported arguing; referral made to CSC\",\"Child; mother\",INC-0001,\"First incident known to us at this address\",\r\n";

    /// <summary>The reason shown beside suggested types: each type with the words that matched.</summary>
    public static string? Because(IReadOnlyList<TypeSuggestion> suggested) =>
        suggested.Count == 0 ? null : string.Join("; ", suggested.Select(s => $"{s.Type.Name}: \"{s.Words}\""));

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
