namespace Parallax.Core.Cases;

/// <param name="Id">The member being changed, when a case is edited; null for someone new.</param>
public sealed record HouseholdInput(HouseholdRole Role, string Initials, Guid? Id = null, string? RoleName = null);

public sealed record CaseInput(
    string Uin, string Initials, int? AgeYears, bool Unborn, DateOnly? ExpectedBirthOn, Sex Sex, string Ethnicity, string? Area,
    LevelOfNeed LevelOfNeed, ProtectionCategory? ProtectionCategory, bool Section20, bool HeardAtMarac, RiskFactors RiskFactors,
    IReadOnlyList<HouseholdInput> Household, int? AgeMonths = null, MaracDetail MaracDetail = MaracDetail.None, int? MaracYear = null);


/// <summary>Registers cases and adds them to an audit's sample, refusing anything that identifies a person beyond initials.</summary>
public sealed class CaseRegister(ParallaxDbContext db, TimeProvider clock)
{
    public async Task<Case> AddToSampleAsync(Guid partnershipId, Guid auditId, CaseInput input, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct))
            throw new RecordNotFoundException("That audit does not exist.");
        var @case = await PrepareAsync(partnershipId, input, ct);
        Stage(auditId, @case);
        await db.SaveChangesAsync(ct);
        return @case;
    }

    /// <summary>
    /// Corrects a case of the audit's sample by the same rules as adding it. Household members keep their ids
    /// (agencies' involvement and chronologies point at them); one that an agency is recorded as knowing cannot
    /// be removed until that involvement is. <paramref name="expected"/> is the version the form was read at.
    /// </summary>
    public async Task<Case> UpdateAsync(Guid partnershipId, Guid auditId, Guid caseId, Guid expected, CaseInput input, CancellationToken ct = default)
    {
        var @case = await db.Cases.Include(c => c.Household)
            .FirstOrDefaultAsync(c => c.Id == caseId && c.PartnershipId == partnershipId && db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == c.Id), ct)
            ?? throw new DomainException("That case is not in this audit's sample.", nameof(CaseInput.Uin));
        var conflict = new EditConflictException("Someone changed this case while you were editing it. Nothing was saved: the page now shows their changes.", nameof(CaseInput.Uin));
        if (@case.Version != expected) throw conflict;
        db.Entry(@case).Property(c => c.Version).OriginalValue = expected;
        var corrected = await PrepareAsync(partnershipId, input, ct, except: caseId);

        (@case.Uin, @case.Initials, @case.AgeYears, @case.Unborn, @case.ExpectedBirthOn, @case.Sex, @case.Ethnicity, @case.Area) =
            (corrected.Uin, corrected.Initials, corrected.AgeYears, corrected.Unborn, corrected.ExpectedBirthOn, corrected.Sex, corrected.Ethnicity, corrected.Area);
        (@case.LevelOfNeed, @case.ProtectionCategory, @case.Section20, @case.HeardAtMarac, @case.RiskFactors) =
            (corrected.LevelOfNeed, corrected.ProtectionCategory, corrected.Section20, corrected.HeardAtMarac, corrected.RiskFactors);
        (@case.AgeMonths, @case.MaracDetail, @case.MaracYear) = (corrected.AgeMonths, corrected.MaracDetail, corrected.MaracYear);

        var kept = input.Household.Where(h => h.Id is not null).Select(h => h.Id!.Value).ToHashSet();
        if (kept.Any(id => @case.Household.All(m => m.Id != id)))
            throw new DomainException("The household names someone who is not part of this case.", "Household[0].Role");
        foreach (var gone in @case.Household.Where(m => !kept.Contains(m.Id)).ToList())
        {
            if (await db.AgencyInvolvements.AnyAsync(i => i.HouseholdMemberId == gone.Id, ct))
                throw new DomainException($"{gone.Initials} is recorded as known to an agency: untick them on the agencies page before removing them from the household", "Household[0].Role");
            @case.Household.Remove(gone);
            db.Remove(gone);
        }

        for (var i = 0; i < input.Household.Count; i++)
        {
            var row = corrected.Household[i];
            if (input.Household[i].Id is { } id && @case.Household.Single(m => m.Id == id) is var member)
                (member.Order, member.Role, member.RoleName, member.Initials) = (row.Order, row.Role, row.RoleName, row.Initials);
            else
                @case.Household.Add(new HouseholdMember { CaseId = @case.Id, Order = row.Order, Role = row.Role, RoleName = row.RoleName, Initials = row.Initials });
        }

        await db.SaveOrRefuseAsync(conflict, ct);

        return @case;
    }

    /// <summary>Adds checked cases to the change set and the sample; the caller saves them all at once.</summary>
    internal void Stage(Guid auditId, Case @case)
    {
        db.Cases.Add(@case);
        db.AuditCases.Add(new AuditCase { AuditId = auditId, CaseId = @case.Id, AddedAt = clock.GetUtcNow() });
    }

    /// <summary>Checks a case against every rule, including a UIN already registered, and builds it without saving.</summary>
    internal async Task<Case> PrepareAsync(Guid partnershipId, CaseInput input, CancellationToken ct, Guid? except = null)
    {
        var uin = input.Uin?.Trim() ?? "";
        if (uin.Length is 0) throw new DomainException("Enter the case's UIN", nameof(CaseInput.Uin));
        if (uin.Length > 20) throw new DomainException("The UIN must be 20 characters or fewer", nameof(CaseInput.Uin));
        var initials = CheckInitials(input.Initials, nameof(CaseInput.Initials), "the child");
        if (input.Unborn)
        {
            if (input.AgeYears is not null) throw new DomainException("An unborn child has no age: leave age empty", nameof(CaseInput.AgeYears));
        }
        else if (input.AgeYears is null or < 0 or > 17)
        {
            throw new DomainException("Enter the child's age in years, from 0 to 17, or say the child is unborn", nameof(CaseInput.AgeYears));
        }

        if (AgeMonthsProblem(input) is { } months) throw new DomainException(months, nameof(CaseInput.AgeMonths));
        if (input.Ethnicity != Ethnicities.NotRecorded && !Ethnicities.All.Contains(input.Ethnicity))
            throw new DomainException("Select the child's ethnicity, or Not recorded", nameof(CaseInput.Ethnicity));
        if (MaracProblem(input, Calendar.PartnershipCalendar.LondonDate(clock.GetUtcNow()).Year) is { } marac) throw new DomainException(marac, input.MaracDetail == MaracDetail.Historic ? nameof(CaseInput.MaracYear) : nameof(CaseInput.HeardAtMarac));
        if (input.LevelOfNeed == LevelOfNeed.ChildProtection && input.ProtectionCategory is null)
            throw new DomainException("Select the category of the child protection plan", nameof(CaseInput.ProtectionCategory));
        if (await db.Cases.AnyAsync(c => c.PartnershipId == partnershipId && c.Uin == uin && c.Id != except, ct))
            throw new DomainException($"A case with UIN {uin} is already registered in the partnership: check the UIN", nameof(CaseInput.Uin));

        var household = input.Household.Select((h, i) => new HouseholdMember
        {
            Order = i + 1,
            Role = h.Role,
            RoleName = HouseholdRoleNames.CleanRoleName(h.Role, h.RoleName, $"household member {i + 1}") is var (name, problem) && problem is not null
                ? throw new DomainException(problem, $"Household[{i}].Role") : name,
            Initials = CheckInitials(h.Initials, $"Household[{i}].Initials", "each household member"),
        }).ToList();

        var @case = new Case
        {
            PartnershipId = partnershipId,
            Uin = uin,
            Initials = initials,
            AgeYears = input.Unborn ? null : input.AgeYears,
            Unborn = input.Unborn,
            ExpectedBirthOn = input.Unborn ? input.ExpectedBirthOn : null,
            Sex = input.Sex,
            Ethnicity = input.Ethnicity,
            Area = string.IsNullOrWhiteSpace(input.Area) ? null : input.Area.Trim(),
            LevelOfNeed = input.LevelOfNeed,
            ProtectionCategory = input.LevelOfNeed == LevelOfNeed.ChildProtection ? input.ProtectionCategory : null,
            Section20 = input.LevelOfNeed == LevelOfNeed.ChildLookedAfter && input.Section20,
            HeardAtMarac = input.HeardAtMarac,
            MaracDetail = input.HeardAtMarac ? input.MaracDetail : MaracDetail.None,
            MaracYear = input.HeardAtMarac && input.MaracDetail == MaracDetail.Historic ? input.MaracYear : null,
            AgeMonths = !input.Unborn && input.AgeYears == 0 ? input.AgeMonths : null,
            RiskFactors = input.RiskFactors,
            Household = household,
            CreatedAt = clock.GetUtcNow(),
        };
        return @case;
    }

    /// <summary>
    /// Every rule of the case form a stored case must meet, as (field, message) pairs, for data that did not come
    /// through the form (an imported package). The form itself stops at the first, in <see cref="PrepareAsync"/>.
    /// </summary>
    internal static IEnumerable<(string Field, string Message)> Check(CaseInput input, int thisYear)
    {
        var problems = new List<(string, string)>();
        void Try(Action check)
        {
            try
            {
                check();
            }
            catch (DomainException e)
            {
                problems.Add((e.Field, e.Message));
            }
        }

        var uin = input.Uin?.Trim() ?? "";
        if (uin.Length is 0 or > 20) problems.Add((nameof(CaseInput.Uin), "The UIN must be 1 to 20 characters"));
        Try(() => CheckInitials(input.Initials, nameof(CaseInput.Initials), "the child"));
        if (input.Unborn ? input.AgeYears is not null : input.AgeYears is null or < 0 or > 17)
            problems.Add((nameof(CaseInput.AgeYears), "The child's age must be in years, from 0 to 17, or empty for an unborn child"));
        if (AgeMonthsProblem(input) is { } months) problems.Add((nameof(CaseInput.AgeMonths), months));
        if (MaracProblem(input, thisYear) is { } marac) problems.Add((nameof(CaseInput.MaracYear), marac));
        if (input.Ethnicity != Ethnicities.NotRecorded && !Ethnicities.All.Contains(input.Ethnicity))
            problems.Add((nameof(CaseInput.Ethnicity), $"\"{input.Ethnicity}\" is not an ethnicity on the case form's list"));
        if (input.LevelOfNeed == LevelOfNeed.ChildProtection && input.ProtectionCategory is null)
            problems.Add((nameof(CaseInput.ProtectionCategory), "A child protection case needs the category of the plan"));
        if (input.Area?.Length > 100) problems.Add((nameof(CaseInput.Area), "The area must be 100 characters or fewer"));
        for (var i = 0; i < input.Household.Count; i++)
        {
            var index = i;
            Try(() => CheckInitials(input.Household[index].Initials, $"Household[{index}].Initials", "each household member"));
            if (HouseholdRoleNames.CleanRoleName(input.Household[index].Role, input.Household[index].RoleName, $"household member {index + 1}").Problem is { } role)
                problems.Add(($"Household[{index}].RoleName", role));
        }

        return problems;
    }

    internal static bool LooksLikeInitials(string? value)
    {
        var initials = new string((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());
        return initials.Length is > 0 and <= 4 && initials.All(char.IsLetter);
    }

    /// <summary>Initials only: two to four letters. Anything longer may be a name.</summary>
    private static string CheckInitials(string? value, string field, string whose)
    {
        var initials = new string((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray()).ToUpperInvariant();
        if (initials.Length == 0) throw new DomainException($"Enter the initials of {whose}", field);
        if (initials.Length > 4 || !initials.All(char.IsLetter))
            throw new DomainException($"Enter initials only for {whose}, for example AB: 2 to 4 letters, never a name", field);
        return initials;
    }

    /// <summary>Months are for a child under one only, and are 0 to 11.</summary>
    public static string? AgeMonthsProblem(CaseInput input) => input.AgeMonths switch
    {
        null => null,
        < 0 or > 11 => "Enter the months as a whole number from 0 to 11",
        _ when input.Unborn || input.AgeYears != 0 => "Months are for a child under one: enter 0 years, or leave months empty",
        _ => null,
    };

    /// <summary>A repeat or historic MARAC is a MARAC; a historic one needs its year, from 1990 to this year.</summary>
    public static string? MaracProblem(CaseInput input, int thisYear)
    {
        if (!input.HeardAtMarac) return input.MaracDetail != MaracDetail.None || input.MaracYear is not null ? "A case not heard at MARAC has no repeat or historic MARAC" : null;
        if (input.MaracDetail == MaracDetail.Historic)
            return input.MaracYear is null ? "Enter the year the case was heard at MARAC, for example 2010"
                : input.MaracYear < 1990 || input.MaracYear > thisYear ? $"Enter the year of the MARAC as four digits, from 1990 to {thisYear}" : null;
        return input.MaracYear is not null ? "A year is for a historic MARAC only" : null;
    }
}
