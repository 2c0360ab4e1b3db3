namespace Parallax.Tests.Infrastructure;

/// <summary>A small fictional partnership with one user per role (and one from each of two agencies).</summary>
public sealed record TestPartnership(Partnership Partnership, Agency Police, Agency School)
{
    public const string Password = "lantern-quarry-saffron-hollow";
    public const string Admin = "admin@testshire.example";
    public const string Lead = "lead@testshire.example";
    public const string PoliceAuditor = "police@testshire.example";
    public const string SchoolAuditor = "school@testshire.example";
    public const string Panel = "panel@testshire.example";
    public const string Viewer = "viewer@testshire.example";

    /// <summary>An audit lead of the neighbouring partnership: must never reach Testshire's records.</summary>
    public const string OtherLead = "lead@otherfield.example";

    /// <summary>
    /// A person in both partnerships (decision 0034): Otherfield's audit lead and Testshire's viewer, who chose Otherfield
    /// last. Added only by the tests about memberships (<see cref="AddPersonInBothAsync"/>), so no other test's lists change.
    /// </summary>
    public const string InBoth = "both@otherfield.example";

    public static async Task<ParallaxUser> AddPersonInBothAsync(IServiceProvider services, Guid testshire)
    {
        var db = services.GetRequiredService<ParallaxDbContext>();
        if (await db.Users.FirstOrDefaultAsync(u => u.Email == InBoth) is { } existing) return existing;
        var otherfield = await db.Partnerships.Where(p => p.Name.StartsWith("Otherfield")).Select(p => p.Id).SingleAsync();
        var users = services.GetRequiredService<UserAdministration>();
        await users.AddAsync(testshire, InBoth, [Roles.Viewer], null, Password);
        var user = await users.AddAsync(otherfield, InBoth, [Roles.AuditLead], null, Password);
        user.PartnershipId = otherfield;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnershipId, otherfield));
        return user;
    }

    public static async Task<Guid> OtherfieldIdAsync(IServiceProvider services) =>
        await services.GetRequiredService<ParallaxDbContext>().Partnerships.Where(p => p.Name.StartsWith("Otherfield")).Select(p => p.Id).SingleAsync();

    public static async Task<TestPartnership> CreateAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<ParallaxDbContext>();
        var partnership = await services.GetRequiredService<PartnershipDirectory>().AddAsync("Testshire Safeguarding Children Partnership");
        var police = new Agency { PartnershipId = partnership.Id, Code = "TPOL", Name = "Testshire Police", Type = AgencyType.Police, WorksWithAdults = true };
        var school = new Agency { PartnershipId = partnership.Id, Code = "TEDU", Name = "Testshire Schools", Type = AgencyType.Education };
        db.Agencies.AddRange(police, school);
        await db.SaveChangesAsync();

        // A neighbouring partnership in the same installation: nothing of it may show to Testshire's users.
        var other = await services.GetRequiredService<PartnershipDirectory>().AddAsync("Otherfield Safeguarding Children Partnership");
        db.Agencies.Add(new Agency { PartnershipId = other.Id, Code = "OPOL", Name = "Otherfield Police", Type = AgencyType.Police, WorksWithAdults = true });
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserAdministration>();
        await users.AddAsync(partnership.Id, Admin, [Roles.Administrator], null, Password);
        await users.AddAsync(partnership.Id, Lead, [Roles.AuditLead], null, Password);
        await users.AddAsync(partnership.Id, PoliceAuditor, [Roles.AgencyAuditor], "TPOL", Password);
        await users.AddAsync(partnership.Id, SchoolAuditor, [Roles.AgencyAuditor], "TEDU", Password);
        await users.AddAsync(partnership.Id, Panel, [Roles.PanelMember], null, Password);
        await users.AddAsync(partnership.Id, Viewer, [Roles.Viewer], null, Password);
        await users.AddAsync(other.Id, OtherLead, [Roles.AuditLead], null, Password);
        return new TestPartnership(partnership, police, school);
    }
}
