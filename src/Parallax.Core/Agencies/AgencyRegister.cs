using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Parallax.Core.Agencies;


/// <summary>What a person types for an agency: the form, one CSV row, or the command line.</summary>
public sealed record AgencyInput(string? Code, string? Name, string? Type, bool WorksWithAdults, string? ReturnsContactEmail);

/// <summary>
/// The partnership's agencies: added, corrected, retired and reinstated. An agency is never deleted: its requests,
/// returns, findings and actions keep pointing at it, so leaving the partnership is retirement.
/// </summary>
public sealed partial class AgencyRegister(ParallaxDbContext db, TimeProvider clock)
{
    public const int MaxRows = 200;

    public static readonly (string Heading, bool Required, string Help)[] Columns =
    [
        ("Code", true, "A short code, unique in the partnership: 2 to 16 letters, digits or hyphens, e.g. POL or HV-NORTH."),
        ("Name", true, "The agency's name as the partnership writes it, e.g. Testshire Police."),
        ("Type", true, "One of the agency types listed on this page, e.g. Police, Health visiting, GP, Education."),
        ("Works with adults", false, "Yes if the agency provides services to adults (sections for such agencies then apply to it)."),
        ("Returns contact e-mail", false, "A shared mailbox that gets request notices while the agency has no active auditor."),
    ];

    public IQueryable<Agency> Of(Guid partnershipId) => db.Agencies.Where(a => a.PartnershipId == partnershipId);

    public async Task<Agency> AddAsync(Guid partnershipId, AgencyInput input, CancellationToken ct = default)
    {
        var agency = new Agency { PartnershipId = partnershipId, Code = "", Name = "" };
        await ApplyAsync(partnershipId, agency, input, ct);
        db.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency;
    }

    public async Task<Agency> UpdateAsync(Guid partnershipId, Guid agencyId, AgencyInput input, CancellationToken ct = default)
    {
        var agency = await FindAsync(partnershipId, agencyId, ct);
        await ApplyAsync(partnershipId, agency, input, ct);
        await db.SaveChangesAsync(ct);
        return agency;
    }

    /// <summary>The agency leaves the partnership: it keeps its history and gets no new requests.</summary>
    public async Task<Agency> RetireAsync(Guid partnershipId, Guid agencyId, CancellationToken ct = default)
    {
        var agency = await FindAsync(partnershipId, agencyId, ct);
        if (agency.IsRetired) throw new DomainException($"{agency.Name} is already retired.", "Agency");
        agency.RetiredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return agency;
    }

    public async Task<Agency> ReinstateAsync(Guid partnershipId, Guid agencyId, CancellationToken ct = default)
    {
        var agency = await FindAsync(partnershipId, agencyId, ct);
        if (!agency.IsRetired) throw new DomainException($"{agency.Name} is not retired.", "Agency");
        agency.RetiredAt = null;
        await db.SaveChangesAsync(ct);
        return agency;
    }

    public async Task<Agency> FindByCodeAsync(Guid partnershipId, string code, CancellationToken ct = default)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return await Of(partnershipId).FirstOrDefaultAsync(a => a.Code == normalised, ct)
            ?? throw new DomainException($"There is no agency with code \"{code.Trim()}\": `agency list` shows the codes.", "Code");
    }

    public async Task<Agency> FindAsync(Guid partnershipId, Guid agencyId, CancellationToken ct = default) =>
        await Of(partnershipId).FirstOrDefaultAsync(a => a.Id == agencyId, ct)
        ?? throw new RecordNotFoundException();

    /// <summary>Adds every agency of a CSV or XLSX sheet, or none: each problem is reported by row and column.</summary>
    public async Task<ImportResult> ImportAsync(Guid partnershipId, Sheet sheet, CancellationToken ct = default)
    {
        if (SheetRows.Read(sheet, Columns, 40, "agencies", "import", MaxRows, out var refusal) is not { } table)
            return new ImportResult(0, [new ImportProblem(0, "", refusal!)]);

        var existing = await Of(partnershipId).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        var codes = existing.ToDictionary(a => a.Code, _ => 0, StringComparer.OrdinalIgnoreCase);
        var names = existing.ToDictionary(a => a.Name, _ => 0, StringComparer.OrdinalIgnoreCase);
        var problems = new List<ImportProblem>();
        var agencies = new List<Agency>();
        foreach (var row in table.Rows)
        {
            string Get(string heading) => table.Get(row, heading);
            var adultsText = Get("Works with adults");
            bool? adults = adultsText.ToLowerInvariant() switch { "" or "no" or "n" or "false" => false, "yes" or "y" or "true" => true, _ => null };
            if (adults is null) problems.Add(new ImportProblem(row, "Works with adults", $"\"{adultsText}\" is not Yes or No"));

            var input = new AgencyInput(Get("Code"), Get("Name"), Get("Type"), adults ?? false, Get("Returns contact e-mail"));
            var before = problems.Count;
            foreach (var (field, message) in Check(input))
                problems.Add(new ImportProblem(row, Columns[FieldColumn(field)].Heading, message));
            if (problems.Count > before) continue;

            var code = NormaliseCode(input.Code!);
            var name = input.Name!.Trim();
            if (codes.TryGetValue(code, out var codeRow))
            {
                problems.Add(new ImportProblem(row, "Code", codeRow == 0 ? $"The partnership already has an agency with code {code}" : $"Code {code} is also on row {codeRow}: each agency once"));
                continue;
            }

            if (names.TryGetValue(name, out var nameRow))
            {
                problems.Add(new ImportProblem(row, "Name", nameRow == 0 ? $"The partnership already has an agency called {name}" : $"{name} is also on row {nameRow}: each agency once"));
                continue;
            }

            codes[code] = row;
            names[name] = row;
            agencies.Add(new Agency
            {
                PartnershipId = partnershipId, Code = code, Name = name, Type = ParseType(input.Type)!.Value,
                WorksWithAdults = input.WorksWithAdults, ReturnsContactEmail = Email(input.ReturnsContactEmail),
            });
        }

        if (problems.Count > 0) return new ImportResult(0, problems);
        foreach (var agency in agencies) db.Add(agency);
        // One SaveChanges is one transaction: the list lands whole or not at all.
        await db.SaveChangesAsync(ct);
        return new ImportResult(agencies.Count, []);
    }

    public static string TemplateCsv() =>
        string.Join(",", Columns.Select(c => c.Heading)) + "\r\n"
        + "POL,Northshire Police,Police,Yes,safeguarding@police.example\r\n"
        + "HV,Northshire 0-19 Service,Health visiting,No,\r\n";

    public static byte[] TemplateXlsx()
    {
        var sheet = new WorksheetDraft("Agencies");
        sheet.Add([.. Columns.Select(c => new WorkbookCell(c.Heading, CellStyle.Heading))]);
        sheet.Add(new WorkbookCell("POL"), new WorkbookCell("Northshire Police"), new WorkbookCell("Police", Choices: [.. Enum.GetValues<AgencyType>().Select(t => t.DisplayName())]), new WorkbookCell("Yes", Choices: ["Yes", "No"]), new WorkbookCell("safeguarding@police.example"));
        sheet.Add(new WorkbookCell("HV"), new WorkbookCell("Northshire 0-19 Service"), new WorkbookCell("Health visiting and school nursing (0-19)", Choices: [.. Enum.GetValues<AgencyType>().Select(t => t.DisplayName())]), new WorkbookCell("No", Choices: ["Yes", "No"]), new WorkbookCell(""));
        sheet.ColumnWidths.AddRange([12, 36, 40, 18, 36]);
        return WorkbookWriter.Write([sheet]);
    }

    /// <summary>
    /// An agency type from what a person writes: the type's name in the list, its code name, or a common short form
    /// (CSC, GP, HV, CAMHS, ...). Null when it is none of them.
    /// </summary>
    public static AgencyType? ParseType(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) return null;
        foreach (var type in Enum.GetValues<AgencyType>())
        {
            if (t.Equals(type.ToString(), StringComparison.OrdinalIgnoreCase) || t.Equals(type.DisplayName(), StringComparison.OrdinalIgnoreCase)) return type;
        }

        return t.ToLowerInvariant() switch
        {
            "csc" or "children's social care" or "childrens social care" or "social care" => AgencyType.ChildrensSocialCare,
            "early help" or "family service" => AgencyType.EarlyHelp,
            "health visiting" or "hv" or "0-19" or "school nursing" => AgencyType.HealthVisiting,
            "midwifery" or "maternity" => AgencyType.Midwifery,
            "gp" or "primary care" => AgencyType.GeneralPractice,
            "hospital" or "acute trust" or "acute hospital" => AgencyType.AcuteHospital,
            "adult mental health" or "amh" or "mental health" => AgencyType.AdultMentalHealth,
            "substance misuse" or "drug and alcohol" => AgencyType.SubstanceMisuse,
            "school" or "schools" => AgencyType.Education,
            "yot" or "youth offending" or "yjs" => AgencyType.YouthJustice,
            "asc" => AgencyType.AdultSocialCare,
            "domestic abuse" or "da service" => AgencyType.DomesticAbuseService,
            "fire" => AgencyType.FireAndRescue,
            "voluntary" or "vcs" => AgencyType.Voluntary,
            _ => null,
        };
    }

    private async Task ApplyAsync(Guid partnershipId, Agency agency, AgencyInput input, CancellationToken ct)
    {
        if (Check(input).FirstOrDefault() is { Field: not null } problem) throw new DomainException(problem.Message, problem.Field);
        var code = NormaliseCode(input.Code!);
        var name = input.Name!.Trim();
        if (await Of(partnershipId).AnyAsync(a => a.Id != agency.Id && a.Code == code, ct))
            throw new DomainException($"The partnership already has an agency with code {code}: choose another code", nameof(AgencyInput.Code));
        var lowered = name.ToLower();
        if (await Of(partnershipId).AnyAsync(a => a.Id != agency.Id && a.Name.ToLower() == lowered, ct))
            throw new DomainException($"The partnership already has an agency called {name}", nameof(AgencyInput.Name));
        agency.Code = code;
        agency.Name = name;
        agency.Type = ParseType(input.Type)!.Value;
        agency.WorksWithAdults = input.WorksWithAdults;
        agency.ReturnsContactEmail = Email(input.ReturnsContactEmail);
    }

    /// <summary>The rules every way in shares, in the order of the form.</summary>
    private static IEnumerable<(string Field, string Message)> Check(AgencyInput input)
    {
        var code = (input.Code ?? "").Trim();
        if (code.Length == 0) yield return (nameof(AgencyInput.Code), "Enter a code for the agency, for example POL");
        else if (!CodePattern().IsMatch(code)) yield return (nameof(AgencyInput.Code), "The code must be 2 to 16 letters, digits or hyphens, for example POL or HV-NORTH");

        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) yield return (nameof(AgencyInput.Name), "Enter the agency's name");
        else if (name.Length > 200) yield return (nameof(AgencyInput.Name), "The name must be 200 characters or fewer");

        if (string.IsNullOrWhiteSpace(input.Type)) yield return (nameof(AgencyInput.Type), "Select the type of agency");
        else if (ParseType(input.Type) is null) yield return (nameof(AgencyInput.Type), $"\"{input.Type.Trim()}\" is not an agency type: use one of the types listed, for example Police or Education");

        var email = (input.ReturnsContactEmail ?? "").Trim();
        if (email.Length > 0 && (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            yield return (nameof(AgencyInput.ReturnsContactEmail), "Enter the returns contact's e-mail address in the correct format, like safeguarding@agency.example");
    }

    private static int FieldColumn(string field) => field switch
    {
        nameof(AgencyInput.Code) => 0,
        nameof(AgencyInput.Name) => 1,
        nameof(AgencyInput.Type) => 2,
        _ => 4,
    };

    private static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    private static string? Email(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,15}$")]
    private static partial Regex CodePattern();
}

