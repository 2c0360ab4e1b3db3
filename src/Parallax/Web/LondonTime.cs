namespace Parallax.Web;

/// <summary>Times on pages in London time (decision 0018): stored in UTC, shown as people in England read a clock.</summary>
public static class LondonTime
{
    public static string London(this DateTimeOffset at, string format) => PartnershipCalendar.InLondon(at).ToString(format, CultureInfo.GetCultureInfo("en-GB"));
}
