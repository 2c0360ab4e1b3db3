namespace Parallax.Core.Reviews;

/// <summary>
/// The people a chronology event can involve: the subject child (by the case's id) and the household members.
/// Reads a spreadsheet cell such as "Child; mother" or "AB, CD" and labels people as "Child (TK)", "Mother (AB)".
/// </summary>
public sealed class ReviewHousehold(Case subject, IReadOnlyList<HouseholdMember> members)
{
    /// <summary>The subject child's case.</summary>
    public Case Subject => subject;

    public Guid ChildId => subject.Id;

    public IReadOnlyList<(Guid Id, string Label)> People { get; } =
        [(subject.Id, $"Child ({subject.Initials})"), .. members.OrderBy(m => m.Order).Select(m => (m.Id, $"{Capital(m.Describe())} ({m.Initials})"))];

    public string Label(Guid id) => People.FirstOrDefault(p => p.Id == id).Label ?? "Someone no longer in the household";

    public string Labels(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(Label));

    /// <summary>The people a cell names, or the sentence that says which name it could not place.</summary>
    public (IReadOnlyList<Guid> Ids, string? Error) Resolve(string? cell)
    {
        var ids = new List<Guid>();
        foreach (var raw in (cell ?? "").Split([';', ',', '/', '&', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .SelectMany(t => t.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var token = raw.Trim('.', ' ').ToLowerInvariant();
            if (token.Length == 0) continue;
            Guid? id = null;
            if (token is "child" or "the child" or "subject" or "subject child" || token == subject.Initials.ToLowerInvariant()) id = subject.Id;
            else if (members.Where(m => m.Initials.Equals(token, StringComparison.OrdinalIgnoreCase)).ToList() is [var byInitials]) id = byInitials.Id;
            else if (members.Where(m => m.RoleName is { } name && name.Equals(token, StringComparison.OrdinalIgnoreCase)).ToList() is [var byWords]) id = byWords.Id;
            else
            {
                var role = Synonym(token);
                var matches = members.Where(m => m.Role != HouseholdRole.Other && (m.Role.Describe() == role || m.Role.ToString().Equals(role, StringComparison.OrdinalIgnoreCase))).ToList();
                if (matches.Count > 1)
                    return ([], $"There is more than one {role} in the household: give their initials ({string.Join(" or ", matches.Select(m => m.Initials))})");
                if (matches.Count == 1) id = matches[0].Id;
            }

            if (id is null)
                return ([], $"\"{raw}\" is not someone in the household: use \"child\", a role or initials ({string.Join(", ", People.Select(p => p.Label))})");
            if (!ids.Contains(id.Value)) ids.Add(id.Value);
        }

        return (ids, null);
    }

    private static string Synonym(string token) => token switch
    {
        "mum" or "mom" => "mother",
        "dad" => "father",
        "stepfather" or "step-father" or "stepmother" or "step-mother" or "step-parent" or "stepparent" or "boyfriend" or "girlfriend" => "partner",
        "brother" or "sister" => "sibling",
        "grandmother" or "grandfather" or "nan" or "grandma" or "grandad" => "grandparent",
        _ => token,
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
