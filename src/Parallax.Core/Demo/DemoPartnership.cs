namespace Parallax.Core.Demo;

public sealed record DemoAccount(string Email, string Role, string? AgencyCode, string Password);

/// <summary>
/// The fictional partnership used for demonstrations and trials. Every name in it is invented;
/// nothing comes from a real partnership, agency, place or case. Loading is idempotent: what exists is kept.
/// </summary>
public sealed class DemoPartnership(ParallaxDbContext db, UserAdministration users, ToolCatalogue tools, DemoAudits audits, DemoActions actions, DemoReview review, TimeProvider clock)
{
    public const string Name = "Northmoor Safeguarding Children Partnership";
    public const string EmailDomain = "northmoor-scp.example";

    public static readonly IReadOnlyList<(string Code, string Name, AgencyType Type, bool WorksWithAdults)> Agencies =
    [
        ("CSC", "Northmoor Children's Social Care", AgencyType.ChildrensSocialCare, false),
        ("EH", "Northmoor Early Help and Family Service", AgencyType.EarlyHelp, false),
        ("POL", "Northmoor and Fellside Police", AgencyType.Police, true),
        ("HV", "Northmoor 0-19 Health Visiting and School Nursing", AgencyType.HealthVisiting, false),
        ("MAT", "Northmoor Maternity Service", AgencyType.Midwifery, true),
        ("GP", "Northmoor Primary Care Network", AgencyType.GeneralPractice, true),
        ("HOSP", "Northmoor General Hospital Trust", AgencyType.AcuteHospital, true),
        ("CAMHS", "Northmoor CAMHS", AgencyType.Camhs, false),
        ("AMH", "Northmoor Adult Mental Health Service", AgencyType.AdultMentalHealth, true),
        ("SMS", "Northmoor Recovery Service (adult substance misuse)", AgencyType.SubstanceMisuse, true),
        ("EDU", "Northmoor Education Safeguarding Team", AgencyType.Education, false),
        ("PROB", "Northmoor Probation Delivery Unit", AgencyType.Probation, true),
        ("HOU", "Northmoor Housing Options", AgencyType.Housing, true),
        ("DAS", "Fellside Domestic Abuse Support", AgencyType.DomesticAbuseService, true),
        ("YJS", "Northmoor Youth Justice Service", AgencyType.YouthJustice, false),
        ("ASC", "Northmoor Adult Social Care", AgencyType.AdultSocialCare, true),
        ("AMB", "Fellside Ambulance Service", AgencyType.Ambulance, true),
        ("FRS", "Northmoor Fire and Rescue", AgencyType.FireAndRescue, true),
        ("VCS", "Northmoor Family Support Network (voluntary sector)", AgencyType.Voluntary, true),
    ];

    public static readonly IReadOnlyList<(string LocalPart, string Role, string? AgencyCode, string DisplayName)> Accounts =
    [
        ("admin", Roles.Administrator, null, "Demo administrator"),
        ("lead", Roles.AuditLead, null, "Demo audit lead (business manager)"),
        ("auditor.police", Roles.AgencyAuditor, "POL", "Demo police auditor"),
        ("auditor.health", Roles.AgencyAuditor, "HV", "Demo health visiting auditor"),
        ("panel", Roles.PanelMember, null, "Demo panel member"),
        ("viewer", Roles.Viewer, null, "Demo executive viewer"),
        ("actions.csc", Roles.ActionOwner, "CSC", "Demo children's social care action owner"),
    ];

    /// <returns>The accounts created by this call, with their passwords (shown once, never stored in clear).</returns>
    public async Task<IReadOnlyList<DemoAccount>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var partnership = await db.Partnerships.FirstOrDefaultAsync(p => p.Name == Name, cancellationToken);
        if (partnership is null)
        {
            partnership = new Partnership { Name = Name, CreatedAt = clock.GetUtcNow() };
            db.Partnerships.Add(partnership);
        }

        var existingCodes = await db.Agencies.Where(a => a.PartnershipId == partnership.Id).Select(a => a.Code).ToListAsync(cancellationToken);
        foreach (var agency in Agencies.Where(a => !existingCodes.Contains(a.Code)))
        {
            db.Agencies.Add(new Agency
            {
                PartnershipId = partnership.Id,
                Code = agency.Code,
                Name = agency.Name,
                Type = agency.Type,
                WorksWithAdults = agency.WorksWithAdults,
                // Most demo agencies have no auditor account: their shared mailbox hears of requests instead.
                ReturnsContactEmail = $"returns.{agency.Code.ToLowerInvariant()}@{EmailDomain}",
            });
        }

        await db.SaveChangesAsync(cancellationToken);

        var loadedTemplates = await db.AuditTools.Where(t => t.PartnershipId == partnership.Id && t.TemplateKey != null)
            .Select(t => t.TemplateKey!).ToListAsync(cancellationToken);
        foreach (var template in ToolTemplates.All().Where(t => !loadedTemplates.Contains(t.Key)))
            await tools.ImportAsync(partnership.Id, template.Document, template.Key, cancellationToken);

        var created = new List<DemoAccount>();
        foreach (var account in Accounts)
        {
            var email = $"{account.LocalPart}@{EmailDomain}";
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken)) continue;
            var password = Passphrase();
            await users.AddAsync(partnership.Id, email, [account.Role], account.AgencyCode, password, account.DisplayName, cancellationToken);
            created.Add(new DemoAccount(email, account.Role, account.AgencyCode, password));
        }

        await audits.LoadAsync(partnership.Id, cancellationToken);
        await actions.LoadAsync(partnership.Id, cancellationToken);
        await review.LoadAsync(partnership.Id, cancellationToken);

        return created;
    }

    private static readonly string[] Words =
    [
        "amber", "anchor", "apple", "arch", "badger", "basket", "beacon", "birch", "bramble", "bridge", "brook", "button",
        "candle", "canal", "castle", "cedar", "chalk", "cherry", "cliff", "clover", "cobble", "copper", "cotton", "crane",
        "daisy", "delta", "dune", "ember", "falcon", "fern", "fiddle", "flint", "forest", "fossil", "garnet", "ginger",
        "glacier", "granite", "harbour", "hazel", "heather", "heron", "hollow", "honey", "island", "ivory", "jasper", "juniper",
        "kestrel", "kettle", "lantern", "larch", "lemon", "lichen", "linen", "maple", "marble", "meadow", "meteor", "mint",
        "nettle", "oak", "orchard", "otter", "paddle", "pebble", "pepper", "pine", "plum", "quarry", "quill", "raven",
        "reed", "ripple", "river", "robin", "saddle", "saffron", "shingle", "silver", "slate", "sorrel", "spruce", "stream",
        "thistle", "timber", "tulip", "umber", "valley", "velvet", "walnut", "willow", "wren", "yarrow", "zephyr", "zinnia",
    ];

    /// <summary>Four random words: long, memorable, and far from the common-password list (NCSC "three random words").</summary>
    internal static string Passphrase() =>
        string.Join("-", Enumerable.Range(0, 4).Select(_ => Words[RandomNumberGenerator.GetInt32(Words.Length)]));
}
