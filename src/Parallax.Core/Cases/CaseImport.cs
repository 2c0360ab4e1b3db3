namespace Parallax.Core.Cases;

/// <summary>One problem in an imported case list: the row as the spreadsheet numbers it, the column's heading, and what to fix.</summary>
public sealed record ImportProblem(int Row, string Column, string Message)
{
    public override string ToString() => Row == 0 ? Message : $"Row {Row}, {Column}: {Message}";
}

public sealed record ImportResult(int Added, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a case list (CSV or XLSX, one case per row, headings in the first row) into an audit's sample.
/// Every row is checked by the same rules as the form; if any row has a problem, nothing is added.
/// </summary>
public sealed class CaseImport(ParallaxDbContext db, CaseRegister register)
{
    public const int MaxRows = 200;

    /// <summary>The headings, in the template's order; <c>Required</c> ones must be present.</summary>
    public static readonly (string Heading, bool Required, string Help)[] Columns =
    [
        ("UIN", true, "The case's unique ID in your partnership, never a name or a case-management system number agencies could search."),
        ("Initials", true, "The child's initials: 2 to 4 letters."),
        ("Age", true, "Age in whole years (0 to 17), in months under one (\"4 months\"), or \"unborn\"."),
        ("Expected birth date", false, "For an unborn child: the expected date, as 2031-03-14 or 14/03/2031."),
        ("Sex", true, "Female, Male or Not known."),
        ("Ethnicity", false, "An ONS 2021 category, e.g. \"White: Irish\" or just \"Irish\"; empty for Not recorded."),
        ("Area", false, "The area or office that holds the case."),
        ("Level of need", true, "Early Help, CIN, CP, CLA, PLO or Pre-birth."),
        ("CP category", false, "For CP: Neglect, Physical, Emotional, Sexual or Multiple."),
        ("Section 20", false, "For CLA: Yes if accommodated under section 20."),
        ("MARAC", false, "No, Yes, \"Yes, repeat\" or \"Yes, historic 2010\" (the year it was heard)."),
        ("Risk factors", false, "Any of: DA; substance misuse; mental health; neglect; other (separate with ;)."),
        ("Household", false, "Roles and initials, separated with ;, e.g. \"mother KT; father DT; sibling AT\"."),
    ];

    public static string TemplateCsv() =>
        string.Join(",", Columns.Select(c => c.Heading)) + "\r\n" + "EX-001,AB,4,,Female,White: Irish,North,CIN,,,No,DA; mental health,mother KT; partner DS\r\n";

    public async Task<ImportResult> ImportAsync(Guid partnershipId, Guid auditId, Sheet sheet, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct))
            throw new RecordNotFoundException("That audit does not exist.");

        if (SheetRows.Read(sheet, Columns, 60, "cases", "import", MaxRows, out var refusal) is not { } table)
            return new ImportResult(0, [new ImportProblem(0, "", refusal!)]);

        var problems = new List<ImportProblem>();
        var cases = new List<Case>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            string Get(string heading) => table.Get(row, heading);
            var before = problems.Count;
            var input = Parse(row, Get, problems);
            if (input is null || problems.Count > before)
            {
                // The rules the register checks first are still worth saying now, so one upload shows every problem.
                if (!CaseRegister.LooksLikeInitials(Get("Initials")))
                    problems.Add(new ImportProblem(row, "Initials", "Enter initials only for the child, for example AB: 2 to 4 letters, never a name"));
                if (Get("UIN") is { Length: > 0 } uin && await db.Cases.AnyAsync(c => c.PartnershipId == partnershipId && c.Uin == uin, ct))
                    problems.Add(new ImportProblem(row, "UIN", $"A case with UIN {uin} is already registered in the partnership: check the UIN"));
                continue;
            }
            if (seen.TryGetValue(input.Uin.Trim(), out var first))
            {
                problems.Add(new ImportProblem(row, "UIN", $"UIN {input.Uin.Trim()} is also on row {first}: each case once"));
                continue;
            }

            seen[input.Uin.Trim()] = row;
            try
            {
                cases.Add(await register.PrepareAsync(partnershipId, input, ct));
            }
            catch (DomainException e)
            {
                problems.Add(new ImportProblem(row, ColumnFor(e.Field), e.Message));
            }
        }

        if (problems.Count > 0) return new ImportResult(0, problems);
        foreach (var @case in cases) register.Stage(auditId, @case);
        // One SaveChanges: one transaction, so the list lands whole or not at all.
        await db.SaveChangesAsync(ct);
        return new ImportResult(cases.Count, []);
    }

    private static CaseInput? Parse(int row, Func<string, string> get, List<ImportProblem> problems)
    {
        void Problem(string column, string message) => problems.Add(new ImportProblem(row, column, message));

        var ageText = get("Age");
        int? age = null;
        int? months = null;
        var unborn = ageText.Equals("unborn", StringComparison.OrdinalIgnoreCase);
        var inMonths = System.Text.RegularExpressions.Regex.Match(ageText, @"^(\d{1,3})\s*(months?|m)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (inMonths.Success)
        {
            var m = int.Parse(inMonths.Groups[1].Value, CultureInfo.InvariantCulture);
            if (m <= 11) (age, months) = (0, m);
            else Problem("Age", $"\"{ageText}\" is a year or more: enter the age in whole years from one year on, and in months (0 to 11) under one");
        }
        else if (!unborn)
        {
            if (int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)) age = a;
            else Problem("Age", ageText.Length == 0 ? "Enter the child's age in years, or \"unborn\"" : $"\"{ageText}\" is not an age: enter a whole number of years, or \"unborn\"");
        }

        DateOnly? expected = null;
        var expectedText = get("Expected birth date");
        if (expectedText.Length > 0)
        {
            if (TryDate(expectedText, out var d)) expected = d;
            else Problem("Expected birth date", $"\"{expectedText}\" is not a date: write it as 2031-03-14 or 14/03/2031");
        }

        var sexText = get("Sex").ToLowerInvariant();
        Sex? sex = sexText switch { "female" or "f" => Sex.Female, "male" or "m" => Sex.Male, "not known" or "unknown" => Sex.NotKnown, "" when unborn => Sex.NotKnown, _ => null };
        if (sex is null) Problem("Sex", sexText.Length == 0 ? "Enter Female, Male or Not known" : $"\"{get("Sex")}\" is not one of Female, Male or Not known");

        var ethnicity = Ethnicity(get("Ethnicity"));
        if (ethnicity is null) Problem("Ethnicity", $"\"{get("Ethnicity")}\" is not an ONS 2021 ethnic category: use one of the categories in the template, or leave it empty");

        var levelText = get("Level of need").ToLowerInvariant().Replace("-", " ");
        LevelOfNeed? level = levelText switch
        {
            "early help" or "eh" or "caf" or "early help/caf" => LevelOfNeed.EarlyHelp,
            "cin" or "child in need" => LevelOfNeed.ChildInNeed,
            "cp" or "child protection" or "cpp" => LevelOfNeed.ChildProtection,
            "cla" or "child looked after" or "looked after" or "cla s20" => LevelOfNeed.ChildLookedAfter,
            "plo" or "public law outline" => LevelOfNeed.PublicLawOutline,
            "pre birth" or "prebirth" => LevelOfNeed.PreBirth,
            _ => null,
        };
        if (level is null) Problem("Level of need", levelText.Length == 0 ? "Enter the level of need: Early Help, CIN, CP, CLA, PLO or Pre-birth" : $"\"{get("Level of need")}\" is not one of Early Help, CIN, CP, CLA, PLO or Pre-birth");

        var categoryText = get("CP category");
        ProtectionCategory? category = null;
        if (categoryText.Length > 0)
        {
            if (Enum.TryParse<ProtectionCategory>(categoryText, ignoreCase: true, out var cat) && Enum.IsDefined(cat)) category = cat;
            else Problem("CP category", $"\"{categoryText}\" is not one of Neglect, Physical, Emotional, Sexual or Multiple");
        }

        var section20 = YesNo(get("Section 20"), "Section 20", Problem);
        var (marac, maracDetail, maracYear) = Marac(get("MARAC"), Problem);

        var risks = RiskFactors.None;
        foreach (var part in get("Risk factors").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var risk = part.ToLowerInvariant() switch
            {
                "da" or "domestic abuse" => RiskFactors.DomesticAbuse,
                "substance misuse" or "substance" or "parental substance misuse" => RiskFactors.ParentalSubstanceMisuse,
                "mental health" or "parental mental health" => RiskFactors.ParentalMentalHealth,
                "neglect" => RiskFactors.Neglect,
                "other" => RiskFactors.Other,
                _ => (RiskFactors?)null,
            };
            if (risk is null) Problem("Risk factors", $"\"{part}\" is not one of DA, substance misuse, mental health, neglect or other");
            else risks |= risk.Value;
        }

        var household = new List<HouseholdInput>();
        foreach (var part in get("Household").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.LastIndexOf(' ');
            var role = space < 0 ? null : Role(part[..space].Trim());
            if (role is null) Problem("Household", $"\"{part}\" must be a role and initials, for example \"mother KT\" (roles: mother, father, partner, sibling, grandparent, other adult, other child)");
            else household.Add(new HouseholdInput(role.Value, part[(space + 1)..]));
        }

        if (sex is null || ethnicity is null || level is null || (age is null && !unborn)) return null;
        return new CaseInput(get("UIN"), get("Initials"), age, unborn, expected, sex.Value, ethnicity, get("Area"), level.Value, category,
            section20, marac, risks, household, months, maracDetail, maracYear);
    }

    /// <summary>"No", "Yes", "Yes, repeat" (or "repeat"), "Yes, historic 2010" (or "historic 2010").</summary>
    private static (bool Heard, MaracDetail Detail, int? Year) Marac(string text, Action<string, string> problem)
    {
        var words = text.ToLowerInvariant().Replace(",", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words is ["yes" or "y", ..]) words.RemoveAt(0);
        else if (words is not ["repeat"] and not ["historic", ..]) return (YesNo(text, "MARAC", problem), MaracDetail.None, null);
        switch (words)
        {
            case []: return (true, MaracDetail.None, null);
            case ["repeat"]: return (true, MaracDetail.Repeat, null);
            case ["historic", var year] when int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && year.Length == 4: return (true, MaracDetail.Historic, y);
            case ["historic"]:
                problem("MARAC", $"\"{text}\" needs the year of the MARAC, for example \"Yes, historic 2010\"");
                return (true, MaracDetail.None, null);
            default:
                problem("MARAC", $"\"{text}\" must be No, Yes, \"Yes, repeat\" or \"Yes, historic\" and the year, for example \"Yes, historic 2010\"");
                return (false, MaracDetail.None, null);
        }
    }

    private static bool YesNo(string text, string column, Action<string, string> problem)
    {
        switch (text.ToLowerInvariant())
        {
            case "yes" or "y" or "true": return true;
            case "no" or "n" or "false" or "": return false;
            default:
                problem(column, $"\"{text}\" must be Yes or No");
                return false;
        }
    }

    private static string? Ethnicity(string text)
    {
        if (text.Length == 0 || text.Equals(Ethnicities.NotRecorded, StringComparison.OrdinalIgnoreCase)) return Ethnicities.NotRecorded;
        var all = Ethnicities.All.ToList();
        var exact = all.FirstOrDefault(e => e.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var byCategory = all.Where(e => e.EndsWith(": " + text, StringComparison.OrdinalIgnoreCase)).ToList();
        return byCategory.Count == 1 ? byCategory[0] : null;
    }

    private static HouseholdRole? Role(string text) => text.ToLowerInvariant() switch
    {
        "mother" or "mum" => HouseholdRole.Mother,
        "father" or "dad" => HouseholdRole.Father,
        "partner" or "step-parent" or "stepparent" or "step parent" => HouseholdRole.StepParentOrPartner,
        "sibling" or "brother" or "sister" => HouseholdRole.Sibling,
        "grandparent" or "grandmother" or "grandfather" => HouseholdRole.Grandparent,
        "other adult" => HouseholdRole.OtherAdult,
        "other child" => HouseholdRole.OtherChild,
        _ => null,
    };

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000
            && (date = DateOnly.FromDateTime(DateTime.FromOADate(serial))) != default);

    private static string ColumnFor(string field) => field switch
    {
        nameof(CaseInput.Uin) => "UIN",
        nameof(CaseInput.Initials) => "Initials",
        nameof(CaseInput.AgeYears) or nameof(CaseInput.AgeMonths) => "Age",
        nameof(CaseInput.HeardAtMarac) or nameof(CaseInput.MaracYear) => "MARAC",
        nameof(CaseInput.Ethnicity) => "Ethnicity",
        nameof(CaseInput.ProtectionCategory) => "CP category",
        _ when field.StartsWith("Household", StringComparison.Ordinal) => "Household",
        _ => field,
    };
}
