namespace Parallax.Core.Cases;

public enum Sex
{
    Female,
    Male,
    NotKnown,
}

/// <summary>The case's level of need when sampled (GLOSSARY "Levels of need").</summary>
public enum LevelOfNeed
{
    EarlyHelp,
    ChildInNeed,
    ChildProtection,
    ChildLookedAfter,
    PublicLawOutline,
    PreBirth,
}

public enum ProtectionCategory
{
    Neglect,
    Physical,
    Emotional,
    Sexual,
    Multiple,
}

[Flags]
public enum RiskFactors
{
    None = 0,
    DomesticAbuse = 1,
    ParentalSubstanceMisuse = 2,
    ParentalMentalHealth = 4,
    Neglect = 8,
    Other = 16,
}

/// <summary>How a case heard at MARAC was heard: as audit reports record it ("Yes", "Yes, repeat", "Yes, historic 2010").</summary>
public enum MaracDetail
{
    None,
    Repeat,
    Historic,
}

public enum HouseholdRole
{
    Mother,
    Father,
    StepParentOrPartner,
    Sibling,
    Grandparent,
    OtherAdult,
    OtherChild,

    /// <summary>A role the fixed list does not have: <see cref="HouseholdMember.RoleName"/> says it in words.</summary>
    Other,
}

/// <summary>A child in the partnership's case register, pseudonymised: the UIN and initials only.</summary>
public class Case : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    /// <summary>The case's unique ID within the partnership, given to agencies instead of a name.</summary>
    public required string Uin { get; set; }

    public required string Initials { get; set; }

    /// <summary>Age in whole years when sampled; null for an unborn child.</summary>
    public int? AgeYears { get; set; }

    public bool Unborn { get; set; }

    public DateOnly? ExpectedBirthOn { get; set; }

    public Sex Sex { get; set; }

    /// <summary>One of <see cref="Ethnicities.Ons2021"/>.</summary>
    public required string Ethnicity { get; set; }

    /// <summary>The area or office that holds the case.</summary>
    public string? Area { get; set; }

    public LevelOfNeed LevelOfNeed { get; set; }

    public ProtectionCategory? ProtectionCategory { get; set; }

    /// <summary>For a child looked after: accommodated under section 20.</summary>
    public bool Section20 { get; set; }

    public bool HeardAtMarac { get; set; }

    /// <summary>When heard at MARAC: once (None), more than once, or only in the past (with <see cref="MaracYear"/>).</summary>
    public MaracDetail MaracDetail { get; set; }

    /// <summary>For a historic MARAC: the year it was heard.</summary>
    public int? MaracYear { get; set; }

    /// <summary>For a child under one (<see cref="AgeYears"/> 0): whole months, 0 to 11; null if not recorded.</summary>
    public int? AgeMonths { get; set; }

    public RiskFactors RiskFactors { get; set; }

    public List<HouseholdMember> Household { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

public class HouseholdMember : Entity
{
    public Guid CaseId { get; set; }

    /// <summary>The order the lead entered the household in.</summary>
    public int Order { get; set; }

    public HouseholdRole Role { get; set; }

    /// <summary>The role in the family's own words when the fixed one is not enough: "sibling 2", "partner of mother", "maternal grandmother".</summary>
    public string? RoleName { get; set; }

    public required string Initials { get; set; }

    /// <summary>The role as a list or report says it: the words if given, otherwise the fixed role ("partner of mother", "mother").</summary>
    public string Describe() => string.IsNullOrWhiteSpace(RoleName) ? Role.Describe() : RoleName;
}

/// <summary>A case in an audit's sample.</summary>
public class AuditCase
{
    public Guid AuditId { get; set; }

    public Guid CaseId { get; set; }

    public Case? Case { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>The ethnic groups of the 2021 Census for England and Wales (ONS), as case records use them.</summary>
public static class Ethnicities
{
    public const string NotRecorded = "Not recorded";

    public static readonly IReadOnlyList<(string Group, IReadOnlyList<string> Categories)> Ons2021 =
    [
        ("Asian, Asian British or Asian Welsh", ["Bangladeshi", "Chinese", "Indian", "Pakistani", "Any other Asian background"]),
        ("Black, Black British, Black Welsh, Caribbean or African", ["African", "Caribbean", "Any other Black, Black British, or Caribbean background"]),
        ("Mixed or multiple ethnic groups", ["White and Asian", "White and Black African", "White and Black Caribbean", "Any other Mixed or multiple ethnic background"]),
        ("White", ["English, Welsh, Scottish, Northern Irish or British", "Irish", "Gypsy or Irish Traveller", "Roma", "Any other White background"]),
        ("Other ethnic group", ["Arab", "Any other ethnic group"]),
    ];

    public static IEnumerable<string> All => Ons2021.SelectMany(g => g.Categories.Select(c => $"{g.Group}: {c}")).Append(NotRecorded);

    /// <summary>The broad group of a category ("White: Irish" → "White").</summary>
    public static string GroupOf(string ethnicity) => ethnicity.Split(':')[0];
}

public static class HouseholdRoleNames
{
    /// <summary>The longest role in words ("partner of mother's brother").</summary>
    public const int MaxRoleName = 40;

    /// <summary>The most people a household holds besides the child.</summary>
    public const int MaxHousehold = 12;

    /// <summary>The role in words as stored: trimmed, lower case, null when blank; or the sentence saying what is wrong with it.</summary>
    public static (string? Name, string? Problem) CleanRoleName(HouseholdRole? role, string? words, string whose)
    {
        var name = string.IsNullOrWhiteSpace(words) ? null : string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
        if (name is null)
            return (null, role == HouseholdRole.Other ? $"Enter the role of {whose} in words, such as grandmother or partner of mother" : null);
        if (name.Length > MaxRoleName) return (null, $"The role of {whose} must be {MaxRoleName} characters or fewer");
        if (!name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '\'' or '’'))
            return (null, $"The role of {whose} must be words only, such as sibling 2 or partner of mother");
        return (name, null);
    }

    /// <summary>The role as a report or list says it, in lower case: "mother", "partner", "other adult".</summary>
    public static string Describe(this HouseholdRole role) => role switch
    {
        HouseholdRole.StepParentOrPartner => "partner",
        HouseholdRole.OtherAdult => "other adult",
        HouseholdRole.OtherChild => "other child",
        HouseholdRole.Other => "someone else",
        _ => role.ToString().ToLowerInvariant(),
    };
}
