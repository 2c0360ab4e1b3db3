namespace Parallax.Core.Calendar;

/// <summary>A change a partnership makes to the built-in bank holidays: a day added (e.g. a new one-off) or a built-in day worked.</summary>
public class PartnershipHoliday : Entity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    /// <summary>True when the day is a built-in bank holiday that the partnership treats as a working day.</summary>
    public bool IsWorkingDay { get; set; }
}


/// <summary>The bank holidays a partnership counts working days with: England and Wales, with its own changes.</summary>
public sealed class PartnershipCalendar(ParallaxDbContext db, TimeProvider clock)
{
    public static readonly TimeZoneInfo London = FindLondon();

    /// <summary>A moment as people in England read it (BST in summer, GMT in winter): every time shown or defaulted goes through here.</summary>
    public static DateTimeOffset InLondon(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London);

    /// <summary>The day a moment falls on in England: what a date shown or defaulted from a moment means.</summary>
    public static DateOnly LondonDate(DateTimeOffset at) => DateOnly.FromDateTime(InLondon(at).DateTime);

    /// <summary>Now in England.</summary>
    public DateTimeOffset Now => InLondon(clock.GetUtcNow());

    /// <summary>Today in England, which is what "due on" dates mean.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    /// <summary>The time of day in England, for sending reminders in working hours.</summary>
    public TimeOnly TimeOfDay => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    public async Task<BankHolidays> HolidaysAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var changes = await Changes(partnershipId).ToListAsync(ct);
        return new BankHolidays(changes.Where(c => !c.IsWorkingDay).Select(c => c.Date), changes.Where(c => c.IsWorkingDay).Select(c => c.Date));
    }

    public IQueryable<PartnershipHoliday> Changes(Guid partnershipId) =>
        db.PartnershipHolidays.Where(h => h.PartnershipId == partnershipId).OrderBy(h => h.Date);

    /// <summary>Adds a bank holiday, or marks a built-in one as a working day.</summary>
    public async Task AddAsync(Guid partnershipId, DateOnly date, string? name, CancellationToken ct = default)
    {
        var builtIn = BankHolidays.For(date.Year).Contains(date);
        var trimmed = name?.Trim() ?? "";
        if (!builtIn && trimmed.Length == 0) throw new DomainException("Enter the name of the bank holiday", "Name");
        if (trimmed.Length > 100) throw new DomainException("The name must be 100 characters or fewer", "Name");
        if (!builtIn && date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            throw new DomainException("That day is a weekend, which is never a working day", "Date");
        if (await db.PartnershipHolidays.AnyAsync(h => h.PartnershipId == partnershipId && h.Date == date, ct))
            throw new DomainException($"{date:d MMMM yyyy} is already in your partnership's changes", "Date");
        db.PartnershipHolidays.Add(new PartnershipHoliday
        {
            PartnershipId = partnershipId, Date = date, IsWorkingDay = builtIn,
            Name = trimmed.Length > 0 ? trimmed : "Worked bank holiday",
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> RemoveAsync(Guid partnershipId, Guid id, CancellationToken ct = default) =>
        await db.RemoveFirstAsync<PartnershipHoliday>(h => h.Id == id && h.PartnershipId == partnershipId, ct);

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
