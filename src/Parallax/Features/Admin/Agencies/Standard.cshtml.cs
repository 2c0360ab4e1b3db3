namespace Parallax.Features.Admin.Agencies;

/// <summary>
/// "Start from the standard list": the glossary's agency types, each with a usual code and a name to change, ticked to
/// add. All ticked rows are added or none, through the same rules as the import (decision 0031).
/// </summary>
public class StandardModel(AgencyRegister register) : PageModel
{
    [BindProperty] public List<Row> Rows { get; set; } = [];

    /// <summary>Types the partnership already has an agency of, not ticked at first.</summary>
    public HashSet<AgencyType> Present { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Present = [.. await register.Of(User.SignedInPartnershipId()).Where(a => a.RetiredAt == null).Select(a => a.Type).Distinct().ToListAsync()];
        var codes = await register.Of(User.SignedInPartnershipId()).Select(a => a.Code).ToListAsync();
        Rows = [.. StandardAgencies.List.Select(e => new Row
        {
            Type = e.Type, Add = !Present.Contains(e.Type) && !codes.Contains(e.Code), Code = e.Code, Name = e.Type.DisplayName(), WorksWithAdults = e.WorksWithAdults,
        })];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var known = StandardAgencies.List.ToDictionary(e => e.Type);
        Rows = [.. Rows.Where(r => known.ContainsKey(r.Type)).DistinctBy(r => r.Type)];
        var ticked = Rows.Select((r, i) => (Row: r, Index: i)).Where(x => x.Row.Add).ToList();
        if (ticked.Count == 0)
        {
            ModelState.AddModelError($"{nameof(Rows)}[0].{nameof(Row.Add)}", "Select at least one agency to add");
            return Page();
        }

        // Through the import's rules: all rows or none, each problem by row and column.
        var cells = new Dictionary<(int Row, int Column), string>();
        for (var c = 0; c < AgencyRegister.Columns.Length; c++) cells[(1, c + 1)] = AgencyRegister.Columns[c].Heading;
        for (var i = 0; i < ticked.Count; i++)
        {
            var r = ticked[i].Row;
            cells[(i + 2, 1)] = r.Code ?? "";
            cells[(i + 2, 2)] = r.Name ?? "";
            cells[(i + 2, 3)] = r.Type.ToString();
            cells[(i + 2, 4)] = r.WorksWithAdults ? "Yes" : "No";
        }

        var result = await register.ImportAsync(User.SignedInPartnershipId(), new Sheet("Standard list", cells));
        if (result.Succeeded)
        {
            TempData["Notification"] = result.Added == 1 ? "1 agency was added." : $"{result.Added} agencies were added. Give each a returns contact on its page if it has no auditor yet.";
            return RedirectToPage("Index");
        }

        foreach (var p in result.Problems)
        {
            var index = p.Row >= 2 ? ticked[p.Row - 2].Index : 0;
            var field = p.Column == "Name" ? nameof(Row.Name) : nameof(Row.Code);
            var name = p.Row >= 2 ? Rows[index].Type.DisplayName() : "";
            // "also on row 3" means another ticked type here.
            var message = System.Text.RegularExpressions.Regex.Replace(p.Message, @"on row (\d+)", m =>
                int.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var other) && other >= 2 && other - 2 < ticked.Count
                    ? $"given for {ticked[other - 2].Row.Type.DisplayName()}" : m.Value);
            ModelState.AddModelError($"{nameof(Rows)}[{index}].{field}", p.Row >= 2 ? $"{name}: {message}" : message);
        }

        return Page();
    }

    public sealed class Row
    {
        public AgencyType Type { get; set; }

        public bool Add { get; set; }

        public string? Code { get; set; }

        public string? Name { get; set; }

        public bool WorksWithAdults { get; set; }
    }
}
