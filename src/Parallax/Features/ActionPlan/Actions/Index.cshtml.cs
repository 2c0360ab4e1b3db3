namespace Parallax.Features.ActionPlan.Actions;

/// <summary>The partnership's action plan: every action, with a RAG summary, filtered by agency and status; downloadable as a workbook.</summary>
public class IndexModel(ActionPlans plans, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Agency { get; set; }

    [BindProperty(SupportsGet = true)] public ActionState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "status";

    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public IReadOnlyList<ActionRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Rag, int> Summary { get; private set; } = new Dictionary<Rag, int>();

    public Paged<ActionRow> Shown { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The list: searched, sorted and paged in the database; the downloads below take every action that matches.</summary>
    public async Task OnGetAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership).OrderBy(a => a.Name).ToListAsync();
        Sort = ActionPlans.SortKeys.FirstOrDefault(k => string.Equals(k, Sort, StringComparison.OrdinalIgnoreCase)) ?? "status";
        var page = await plans.PageAsync(partnership, new ActionQuery(Agency, State, Search, Sort, Desc, PageNumber ?? 1, Paging.DefaultSize));
        Summary = page.Summary;
        Rows = page.Rows;
        Shown = new Paged<ActionRow>(page.Rows, page.Page, Paging.DefaultSize, page.Total);
    }

    /// <summary>The filters, search and sort as a query string (for the pages and the sort links).</summary>
    public string Query(string? sort = null, bool? desc = null, int? page = null) => QueryString.Create(RouteValues(sort, desc, page)!).ToUriComponent();

    /// <summary>The filters, search and sort as route values, in the query's order (for the downloads' links).</summary>
    public Dictionary<string, string> RouteValues(string? sort = null, bool? desc = null, int? page = null, string? handler = null)
    {
        sort ??= Sort;
        var descending = desc ?? Desc;
        return new Dictionary<string, string?>
        {
            ["Agency"] = Agency?.ToString(), ["State"] = State?.ToString(), ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["Sort"] = sort == "status" ? null : sort, ["Desc"] = descending ? "true" : null,
            ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, ["handler"] = handler,
        }.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!);
    }

    public string Link(int page) => Url.Page("/ActionPlan/Actions/Index") + Query(page: page);

    public SortView Column(string label, string key) => new(label, key, Sort, Desc, (k, desc) => Url.Page("/ActionPlan/Actions/Index") + Query(k, desc));

    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        var sheet = new WorksheetDraft("Action plan");
        sheet.ColumnWidths.AddRange([14, 40, 24, 22, 40, 40, 12, 16, 8]);
        sheet.Add([.. new[] { "Audit", "Recommendation", "Owner agency", "Named owner", "Action", "Measure of success", "Due", "Status", "RAG" }.Select(h => new WorkbookCell(h, CellStyle.Heading))]);
        foreach (var r in Rows)
        {
            sheet.Add(new WorkbookCell(r.AuditTitle ?? ""), new WorkbookCell($"{r.Recommendation.Number}. {r.Recommendation.Text}", CellStyle.Wrapped), new WorkbookCell(r.Agency), new WorkbookCell(r.Owner ?? ""),
                new WorkbookCell(r.Action.What, CellStyle.Wrapped), new WorkbookCell(r.Action.Measure, CellStyle.Wrapped), new WorkbookCell(r.Action.DueOn.ToString("yyyy-MM-dd")),
                new WorkbookCell(ActionPlans.Describe(r.State)), new WorkbookCell(r.Rag.ToString()));
        }

        return File(WorkbookWriter.Write([sheet]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "action-plan.xlsx");
    }

    public async Task<IActionResult> OnGetPaperAsync()
    {
        await LoadAsync();
        var partnership = await db.Partnerships.Where(p => p.Id == User.SignedInPartnershipId()).Select(p => p.Name).SingleAsync();
        return File(ActionPlanPaper.Write(partnership, Rows, calendar.Today), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "action-plan.docx");
    }

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership).OrderBy(a => a.Name).ToListAsync();
        var all = await plans.RowsAsync(partnership, Agency);
        var search = Search?.Trim();
        Rows = [.. all.Where(r => State is not { } state || r.State == state)
            .Where(r => search is not { Length: > 0 } || r.Action.What.Contains(search, StringComparison.OrdinalIgnoreCase)
                || r.Agency.Contains(search, StringComparison.OrdinalIgnoreCase) || (r.AuditTitle?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false))];
    }
}
