using System.Text.RegularExpressions;

namespace Parallax.Core.Privacy;

public enum IdentifierKind
{
    FullName,
    NhsNumber,
    Postcode,
    PhoneNumber,
    EmailAddress,
    NationalInsuranceNumber,
    DateOfBirth,
    HomeAddress,
}

/// <summary>Something in free text that looks like it identifies a person, with where it is and what to do instead.</summary>
public sealed record IdentifierFinding(IdentifierKind Kind, string Text, int Start, int Length)
{
    public string Advice => Kind switch
    {
        IdentifierKind.FullName => "This looks like a person's name: use initials and a role instead, such as \"mum (AB)\" or \"Health Visitor\".",
        IdentifierKind.NhsNumber => "This looks like an NHS number: remove it; the case's UIN identifies the child.",
        IdentifierKind.Postcode => "This looks like a postcode: remove it or give only the area.",
        IdentifierKind.PhoneNumber => "This looks like a phone number: remove it.",
        IdentifierKind.EmailAddress => "This looks like an e-mail address: remove it or give the role.",
        IdentifierKind.NationalInsuranceNumber => "This looks like a National Insurance number: remove it.",
        IdentifierKind.DateOfBirth => "This looks like a full date of birth: give an age instead.",
        IdentifierKind.HomeAddress => "This looks like a home address: remove it or give only the area, such as \"in the north of the borough\".",
        _ => "Remove identifying details.",
    };
}

/// <summary>
/// Finds text that looks like identifiable data in audit answers before they are submitted, so the auditor
/// can replace it with initials and roles (GLOSSARY "Data protection"). It errs towards asking: the auditor
/// may confirm a false positive. Patterns are UK-specific, as the data is.
/// </summary>
public static partial class IdentifiableDataDetector
{
    public static IReadOnlyList<IdentifierFinding> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var findings = new List<IdentifierFinding>();

        foreach (Match m in Email().Matches(text)) findings.Add(new(IdentifierKind.EmailAddress, m.Value, m.Index, m.Length));
        foreach (Match m in TenDigits().Matches(text))
        {
            var digits = Digits(m.Value);
            if (digits[0] != '0' && IsValidNhsNumber(digits)) findings.Add(new(IdentifierKind.NhsNumber, m.Value, m.Index, m.Length));
        }

        foreach (Match m in Phone().Matches(text))
        {
            var digits = Digits(m.Value);
            var national = digits.StartsWith("44", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
            if (national.Length is 10 or 11 && national[0] == '0' && national[1] is '1' or '2' or '3' or '7' or '8')
                findings.Add(new(IdentifierKind.PhoneNumber, m.Value.Trim(), m.Index, m.Value.Trim().Length));
        }

        foreach (Match m in NationalInsurance().Matches(text))
        {
            var prefix = m.Groups["prefix"].Value.ToUpperInvariant();
            if (prefix is not ("BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ"))
                findings.Add(new(IdentifierKind.NationalInsuranceNumber, m.Value, m.Index, m.Length));
        }

        foreach (Match m in Postcode().Matches(text)) findings.Add(new(IdentifierKind.Postcode, m.Value, m.Index, m.Length));
        foreach (Match m in DateOfBirth().Matches(text))
        {
            var date = m.Groups["date"];
            findings.Add(new(IdentifierKind.DateOfBirth, date.Value, date.Index, date.Length));
        }

        foreach (Match m in StreetAddress().Matches(text))
        {
            if (!Courts.Contains(m.Groups["first"].Value)) findings.Add(new(IdentifierKind.HomeAddress, m.Value, m.Index, m.Length));
        }

        foreach (Match m in TitledName().Matches(text)) findings.Add(new(IdentifierKind.FullName, m.Value, m.Index, m.Length));
        foreach (Match m in CapitalisedWords().Matches(text))
        {
            // In a run of capitalised words, a first name and up to two words after it, less the role and place words
            // that end the run: "Jessica Anne Brown" whole, "Mum Jessica Brown" from Jessica, "Grace Health Visitor" not at all.
            var words = Word().Matches(m.Value).ToList();
            for (var i = 0; i < words.Count - 1; i++)
            {
                if (!CommonFirstNames.Contains(words[i].Value)) continue;
                var end = Math.Min(words.Count, i + 3);
                while (end > i + 1 && NotSurnames.Contains(words[end - 1].Value)) end--;
                if (end == i + 1 || words.Skip(i + 1).Take(end - i - 1).Any(w => NotSurnames.Contains(w.Value))) continue;
                var from = words[i].Index;
                var length = words[end - 1].Index + words[end - 1].Length - from;
                findings.Add(new(IdentifierKind.FullName, m.Value.Substring(from, length), m.Index + from, length));
                i = end - 1;
            }
        }

        // One finding per place: the first kind found wins where patterns overlap (an NHS number is not also a phone number).
        var kept = new List<IdentifierFinding>();
        foreach (var finding in findings)
        {
            if (!kept.Any(k => finding.Start < k.Start + k.Length && k.Start < finding.Start + finding.Length)) kept.Add(finding);
        }

        return kept.OrderBy(f => f.Start).ToList();
    }

    /// <summary>
    /// One sentence naming the first thing in <paramref name="text"/> that looks identifying, for a text that
    /// leaves its author's agency (<paramref name="what"/> names it, such as "The pen picture"); null when none.
    /// </summary>
    public static string? Sentence(string what, string? text) =>
        Find(text).FirstOrDefault() is { } f ? $"{what} looks like it identifies someone: \"{f.Text}\". {f.Advice}" : null;

    /// <summary>NHS numbers: ten digits whose last is a modulus 11 check digit (weights 10 down to 2).</summary>
    public static bool IsValidNhsNumber(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - (sum % 11);
        if (check == 11) check = 0;
        return check != 10 && check == digits[9] - '0';
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")]
    private static partial Regex Email();

    // 3-3-4 with spaces or hyphens, or ten digits together, not part of a longer number.
    [GeneratedRegex(@"(?<![\d])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])")]
    private static partial Regex TenDigits();

    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", RegexOptions.IgnoreCase)]
    private static partial Regex NationalInsurance();

    // A full UK postcode: outward code, optional space, inward code (e.g. "NE1 4XF", "sw1a1aa").
    [GeneratedRegex(@"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    // A full date after words that mark a date of birth; event dates in a return are expected and not flagged.
    [GeneratedRegex(@"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday)\W{0,3}(?<date>\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirth();

    // Mr Smith, Mrs A Jones, Dr Jane Brown: a title followed by a capitalised word.
    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?")]
    private static partial Regex TitledName();

    // Capitalised words in a row on one line, where a first name, perhaps a middle name, and a surname would be.
    [GeneratedRegex(@"\b[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)+")]
    private static partial Regex CapitalisedWords();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    // A house number and a street: "12 Acacia Road", "3a Mill Lane", "Flat 2, 14 Oak Tree Close".
    [GeneratedRegex(@"\b\d{1,4}[a-zA-Z]?,?[ \t]+(?<first>[A-Z][a-z'’-]+)(?:[ \t]+[A-Z][a-z'’-]+){0,2}[ \t]+(?i:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace|Grove|Walk|Row|Mews|Square|Hill|Park|Rise|Green|Parade|Vale)\b")]
    private static partial Regex StreetAddress();

    // Courts a safeguarding text names with a number before them ("3 Family Court hearings"), which are not addresses.
    private static readonly HashSet<string> Courts = new(StringComparer.Ordinal) { "Family", "Crown", "County", "Magistrates", "Youth", "High" };

    // Words that follow a first name in ordinary audit text without making it a full name.
    private static readonly HashSet<string> NotSurnames = new(StringComparer.Ordinal)
    {
        "Health", "Visitor", "Social", "Care", "Service", "Services", "Team", "School", "Police", "Hospital", "Road", "Street",
        "Worker", "Nurse", "Officer", "Practitioner", "Academy", "College", "Nursery", "Centre", "Court", "Ward", "Unit", "Trust",
        "Board", "Partnership", "Panel", "Hub", "Group", "Meeting", "Conference", "Plan", "Primary", "Secondary", "Infant", "Junior",
        "Children", "Children's", "Family", "Families", "Early", "Help", "Support", "Practice", "Surgery", "Clinic", "Lane", "Avenue",
    };

    // Common first names in England and Wales (registrations of recent decades); enough to catch "Firstname Surname".
    private static readonly HashSet<string> CommonFirstNames = new(StringComparer.Ordinal)
    {
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Mohammed", "Oscar", "Charlie", "Jacob", "Thomas",
        "Henry", "William", "Alfie", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander", "Joseph", "Edward", "Samuel",
        "Max", "Daniel", "Logan", "Lucas", "Mason", "Theo", "James", "Dylan", "Adam", "Benjamin", "Jake", "Luke", "Ryan", "Callum",
        "Kyle", "Liam", "Connor", "Lewis", "Matthew", "Michael", "David", "John", "Paul", "Mark", "Andrew", "Richard", "Robert",
        "Peter", "Stephen", "Steven", "Christopher", "Chris", "Anthony", "Kevin", "Jason", "Darren", "Lee", "Craig", "Dean", "Wayne",
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow", "Florence",
        "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Evelyn", "Sienna", "Sofia", "Daisy", "Phoebe", "Sophie", "Jessica",
        "Chloe", "Ruby", "Lucy", "Megan", "Hannah", "Lauren", "Amy", "Emma", "Rebecca", "Laura", "Sarah", "Rachel", "Gemma", "Kelly",
        "Claire", "Nicola", "Lisa", "Michelle", "Karen", "Julie", "Susan", "Helen", "Joanne", "Louise", "Natalie", "Stacey", "Jade",
        "Leanne", "Kayleigh", "Zoe", "Holly", "Katie", "Abigail", "Ellie", "Millie", "Amelie", "Aisha", "Fatima", "Maryam", "Zara",
        "Mary", "Margaret", "Patricia", "Linda", "Elizabeth", "Jennifer", "Maria", "Jane", "Anne", "Ann", "Christine", "Carol",
        "Angela", "Tracey", "Tracy", "Donna", "Dawn", "Samantha", "Victoria", "Amanda", "Kerry", "Danielle", "Charlene", "Shannon",
        "Chelsea", "Courtney", "Paige", "Tyler", "Kieran", "Jordan", "Reece", "Bradley", "Jamie", "Scott", "Gary", "Ian", "Neil",
        "Martin", "Simon", "Jonathan", "Carl", "Tony", "Shaun", "Nathan", "Ben", "Tom", "Sam", "Joe", "Alex", "Sean", "Aaron",
        "Harrison", "Riley", "Tommy", "Bobby", "Frankie", "Ronnie", "Teddy", "Reggie", "Albie", "Elijah", "Ali", "Ahmed", "Omar",
        "Yusuf", "Ibrahim", "Hassan", "Zain", "Amir", "Mariam", "Khadija", "Layla", "Amira", "Priya", "Aaliyah", "Maisie",
    };
}
