using System.Text.RegularExpressions;

namespace Parallax.Core.Reviews;

/// <summary>A type suggested from an event's words, with the words that matched (shown to the agency as the reason).</summary>
public sealed record TypeSuggestion(ChronologyEventType Type, string Words);

/// <summary>The starting list of chronology event types and the suggestion of types from an event's words.</summary>
public static class EventTypes
{
    /// <summary>
    /// The types a partnership starts with (decision 0063); it may rename them, change their words and add its own.
    /// Order matters only for the one "main" suggestion: closures come before referrals and plans, so
    /// "case closed following enquiries" is a closure with no further action, never a plan closure.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, EventSignal Signal, string Keywords)> Defaults =
    [
        ("Case closed or no further action", EventSignal.ClosedNoFurtherAction, "no further action; NFA; closed after enquiries; closed following enquiries; case closed; contact closed; referral closed; closed to CSC; closed to children's social care; closed the case; closure to; no role for"),
        ("Plan closed or stepped down", EventSignal.PlanClosed, "CiN closed; CIN plan closed; CiN plan ended; CP plan ended; child protection plan ended; plan closed; plan ended; stepped down; step down; removed from plan; ceased to be subject"),
        ("Domestic abuse incident", EventSignal.DomesticAbuseIncident, "domestic abuse incident; domestic abuse; domestic violence; domestic incident; DASH; arguing; assaulted; assault; restraining order; MARAC; non-molestation"),
        ("Substance misuse", EventSignal.SubstanceMisuse, "substance misuse; drug use; drugs; cannabis; cocaine; heroin; alcohol; drunk; intoxicated; under the influence; overdose"),
        ("Parental mental health", EventSignal.ParentalMentalHealth, "mental health; depression; depressed; anxiety; psychosis; self-harm; self harm; suicidal; overdose; mental health team; crisis team"),
        ("Was not brought", EventSignal.WasNotBrought, "was not brought; were not brought; not been brought; not brought; WNB; did not attend; DNA; missed appointment; missed health appointment; unsuccessful in attempts to arrange"),
        ("Missing or absent from education", EventSignal.MissingFromEducation, "missing from education; absent from school; not in school; children missing education; CME; persistent absence; poor attendance; attendance letter; absence letter; attendance warning; unauthorised absence"),
        ("Injury", EventSignal.Injury, "injury; injuries; injured; bruise; bruising; burn; fracture; head injury; near miss; fell from; fall from; mark on"),
        ("Police attendance", EventSignal.PoliceAttendance, "police attended; officers attended; police called; police were called; attended the home; welfare check"),
        ("Anonymous concern", EventSignal.AnonymousConcern, "anonymous; anonymously; member of the public; third party report"),
        ("Strategy discussion or section 47 enquiry", EventSignal.StrategyDiscussion, "strategy discussion; strategy meeting; section 47; s47; S.47; child protection enquiry"),
        ("Assessment", EventSignal.Assessment, "assessment; single assessment; child and family assessment; early help assessment"),
        ("Plan started", EventSignal.PlanStarted, "child in need plan; CiN plan; child protection plan; CP plan; initial child protection conference; ICPC; made subject to; became subject to"),
        ("Referral to children's social care", EventSignal.ReferralToChildrensSocialCare, "referral to CSC; referral to children's social care; referred to CSC; referred to children's social care; referral from; referral received; re-referral; made a referral; MASH referral"),
        ("Contact or concern", EventSignal.ContactOrConcern, "contact to CSC; MASH; front door; shared with CSC; logged a concern; raised a concern; concern raised; concerns raised; safeguarding concern"),
        ("School attendance letter", EventSignal.SchoolAttendanceLetter, "letter regarding attendance; punctuality letter; attendance letter"),
        ("Other", EventSignal.Other, ""),
    ];

    /// <summary>The first type whose words the text contains, in the types' order; null when none match.</summary>
    public static (ChronologyEventType Type, string Words)? Suggest(string? text, IEnumerable<ChronologyEventType> types) =>
        SuggestAll(text, types) is [var first, ..] ? (first.Type, first.Words) : null;

    /// <summary>
    /// Every type whose words the text contains, in the types' order, each with the first of its words that
    /// matched. An event can be several things at once ("police attended a domestic incident; father drunk").
    /// Words inside "risk of ..." or "no ..." do not count on their own: "a written agreement due to the risk of
    /// domestic abuse" is not an incident.
    /// </summary>
    public static IReadOnlyList<TypeSuggestion> SuggestAll(string? text, IEnumerable<ChronologyEventType> types)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<TypeSuggestion>();
        foreach (var type in types.OrderBy(t => t.Order))
        {
            foreach (var keyword in KeywordsOf(type))
            {
                if (!Mentions(text, keyword)) continue;
                found.Add(new TypeSuggestion(type, keyword));
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Whether the text says the keyword as a whole word or phrase, not inside "risk of ..." or "no ...". Only the
    /// few words before the match are read for the hedge, so a long text costs no more than a short one.
    /// </summary>
    public static bool Mentions(string text, string keyword)
    {
        // Most texts hold few of the keywords: a plain search rules the rest out before any pattern runs.
        if (!text.Contains(keyword, StringComparison.OrdinalIgnoreCase)) return false;
        for (var match = Pattern(keyword).Match(text); match.Success; match = match.NextMatch())
        {
            if (!Hedged().IsMatch(WordsBefore(text, match.Index))) return true;
        }

        return false;
    }

    /// <summary>The last few words before a position, starting at a word's beginning: all a hedge can be.</summary>
    private static ReadOnlySpan<char> WordsBefore(string text, int index)
    {
        const int Reach = 48;
        if (index <= Reach) return text.AsSpan(0, index);
        var start = text.LastIndexOf(' ', index - Reach);
        return start < 0 ? text.AsSpan(0, index) : text.AsSpan(start, index - start);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>The keyword as a whole word or phrase, made once (a partnership's keywords are few; the cache is bounded all the same).</summary>
    private static Regex Pattern(string keyword)
    {
        if (Patterns.Count > 2000) Patterns.Clear();
        return Patterns.GetOrAdd(keyword, k => new Regex($@"(?<![\w]){Regex.Escape(k)}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
    }

    public static IEnumerable<string> KeywordsOf(ChronologyEventType type) =>
        type.Keywords.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // "risk of", "risks of", "no evidence of", "no", "not" immediately before the words: a worry or a denial, not the thing itself.
    private static Regex Hedged() => HedgedPattern;

    private static readonly Regex HedgedPattern = new(@"(?:\brisks?\s+of|\bno\s+evidence\s+of|\bno\s+concerns?\s+(?:about|regarding)|\bdenied|\bno)\s+(?:\w+\s+){0,1}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
