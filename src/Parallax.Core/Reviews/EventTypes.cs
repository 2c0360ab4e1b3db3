using System.Text.RegularExpressions;

namespace Parallax.Core.Reviews;

/// <summary>The starting list of chronology event types and the suggestion of a type from an event's words.</summary>
public static class EventTypes
{
    /// <summary>The types a partnership starts with; it may rename them, change their words and add its own.</summary>
    public static readonly IReadOnlyList<(string Name, EventSignal Signal, string Keywords)> Defaults =
    [
        ("Plan closed or stepped down", EventSignal.PlanClosed, "CiN closed; CIN plan closed; CP plan ended; child protection plan ended; plan closed; plan ended; stepped down; step down; case closed"),
        ("Contact closed with no further action", EventSignal.ClosedNoFurtherAction, "no further action; NFA; closed after enquiries; closed following enquiries; contact closed"),
        ("Domestic abuse incident", EventSignal.DomesticAbuseIncident, "domestic abuse; domestic violence; domestic incident; DASH; arguing; assault; restraining order; MARAC"),
        ("Was not brought or missed health appointment", EventSignal.WasNotBrought, "was not brought; were not brought; not brought; WNB; did not attend; DNA; missed appointment; missed health appointment; unsuccessful in attempts to arrange"),
        ("School attendance letter", EventSignal.SchoolAttendanceLetter, "attendance letter; poor attendance; letter regarding attendance; punctuality; absence letter; attendance warning"),
        ("Anonymous concern from the public", EventSignal.AnonymousConcern, "anonymous; anonymously; member of the public; third party report"),
        ("Referral or contact to children's social care", EventSignal.ReferralToChildrensSocialCare, "referral to CSC; referral to children's social care; referred to CSC; referral from; referral received; re-referral; made a referral; contact to CSC; MASH; front door; shared with CSC; logged a concern"),
        ("Assessment or plan", EventSignal.None, "assessment; strategy discussion; section 47; child in need plan; CiN plan; conference; core group"),
        ("Other", EventSignal.None, ""),
    ];

    /// <summary>
    /// The type whose words the event's text contains, trying types in their order (more specific first, so
    /// "referral closed with no further action" is a closure, not a referral); null when none match.
    /// Returns the words that matched so the agency sees why.
    /// </summary>
    public static (ChronologyEventType Type, string Words)? Suggest(string? text, IEnumerable<ChronologyEventType> types)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var type in types.OrderBy(t => t.Order))
        {
            foreach (var keyword in KeywordsOf(type))
            {
                if (Regex.IsMatch(text, $@"(?<![\w]){Regex.Escape(keyword)}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                    return (type, keyword);
            }
        }

        return null;
    }

    public static IEnumerable<string> KeywordsOf(ChronologyEventType type) =>
        type.Keywords.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
