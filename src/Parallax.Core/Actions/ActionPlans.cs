namespace Parallax.Core.Actions;

/// <summary>Where an action stands today: its reported progress, or overdue when its due date has passed unfinished.</summary>
public enum ActionState
{
    NotStarted,
    OnTrack,
    AtRisk,
    Overdue,
    Complete,
    Closed,
}

/// <summary>Red, amber, green, as executive papers report action plans; closed actions are done.</summary>
public enum Rag
{
    Red,
    Amber,
    Green,
    Done,
}

public sealed record RecommendationInput(string? Text, Addressee Addressee, string? Group, Guid? AgencyId, Priority Priority, IReadOnlyList<Guid> FindingIds);

public sealed record ActionInput(Guid? OwnerAgencyId, Guid? OwnerUserId, string? What, string? Measure, DateOnly? DueOn);

public sealed record EvidenceUpload(string FileName, byte[] Content);

public sealed record ProgressInput(ActionProgress Progress, string? Note, IReadOnlyList<string> Links, IReadOnlyList<EvidenceUpload> Files, bool ConfirmedNotIdentifying = false);

/// <summary>An action as the plan views show it: with its recommendation, audit, agency, owner, state and RAG.</summary>
/// <summary>What the action plan is asked for: an owner agency, a state, a search, a column to sort by and a page.</summary>
public sealed record ActionQuery(Guid? AgencyId, ActionState? State, string? Search, string Sort, bool Descending, int Page, int Size);

/// <summary>One page of the action plan, how many actions match, and the RAG summary of the agency's (or partnership's) actions.</summary>
public sealed record ActionPage(IReadOnlyList<ActionRow> Rows, int Page, int Total, IReadOnlyDictionary<Rag, int> Summary);

public sealed record ActionRow(PlanAction Action, Recommendation Recommendation, string? AuditTitle, string Agency, string? Owner, ActionState State, Rag Rag);



/// <summary>
/// Recommendations, their actions and the progress reported on them. Agencies report progress only on
/// their own actions; only leads close an action, and only once it has evidence.
/// </summary>
public sealed class ActionPlans(ParallaxDbContext db, PartnershipCalendar calendar, IEvidenceScanner scanner, Audits.AuditPlanner planner, TimeProvider clock)
{
    public const int MaxText = 2000;
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;

    /// <summary>What a 10 MB document may unpack to: pictures are stored unpacked, text packs about tenfold.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>Documents, spreadsheets, pictures and mail: what evidence usually is. Programs and archives are refused.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".eml"] = "message/rfc822",
    };

    public static ActionState StateOf(PlanAction action, DateOnly today) => action.Progress switch
    {
        ActionProgress.Closed => ActionState.Closed,
        ActionProgress.Complete => ActionState.Complete,
        _ when action.DueOn < today => ActionState.Overdue,
        ActionProgress.AtRisk => ActionState.AtRisk,
        ActionProgress.OnTrack => ActionState.OnTrack,
        _ => ActionState.NotStarted,
    };

    public static Rag RagOf(ActionState state) => state switch
    {
        ActionState.Overdue => Rag.Red,
        ActionState.AtRisk or ActionState.NotStarted => Rag.Amber,
        ActionState.Closed => Rag.Done,
        _ => Rag.Green,
    };

    /// <summary>The sentence for an evidence file over the limit; null when it is within it.</summary>
    public static string? TooLarge(string fileName, long bytes) =>
        bytes > MaxFileBytes ? $"\"{Path.GetFileName(fileName)}\" is {bytes / 1024.0 / 1024.0:0.0} MB: evidence files must be 10 MB or smaller" : null;

    /// <summary>Progress as its owner reported it, in the same words as the states.</summary>
    public static string Describe(ActionProgress progress) => Describe(progress switch
    {
        ActionProgress.NotStarted => ActionState.NotStarted,
        ActionProgress.OnTrack => ActionState.OnTrack,
        ActionProgress.AtRisk => ActionState.AtRisk,
        ActionProgress.Complete => ActionState.Complete,
        _ => ActionState.Closed,
    });

    public static string Describe(ActionState state) => state switch
    {
        ActionState.NotStarted => "Not started",
        ActionState.OnTrack => "On track",
        ActionState.AtRisk => "At risk",
        ActionState.Overdue => "Overdue",
        ActionState.Complete => "Complete",
        _ => "Closed with evidence",
    };

    public async Task<Recommendation> AddRecommendationAsync(Guid partnershipId, Guid auditId, RecommendationInput input, string by, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)) throw new RecordNotFoundException();
        var (text, findings) = await CheckRecommendationAsync(partnershipId, auditId, input, ct);
        var number = (await db.Recommendations.Where(r => r.AuditId == auditId).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var recommendation = new Recommendation
        {
            PartnershipId = partnershipId, AuditId = auditId, Number = number, Text = text, Addressee = input.Addressee,
            AddresseeGroup = input.Addressee == Addressee.Group ? input.Group!.Trim() : null, AddresseeAgencyId = input.Addressee == Addressee.Agency ? input.AgencyId : null,
            Priority = input.Priority, FindingIds = [.. findings.Select(f => f.Id)], CaseIds = [.. findings.SelectMany(f => f.CaseIds).Distinct()],
            CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync(ct);
        return recommendation;
    }

    /// <summary>
    /// Rewords or readdresses a recommendation by the rules that made it; its number stays. <paramref name="expected"/>
    /// is its version when the form was read: a colleague's change in between is a conflict, never overwritten.
    /// </summary>
    public async Task UpdateRecommendationAsync(Guid partnershipId, Guid auditId, Guid recommendationId, Guid expected, RecommendationInput input, CancellationToken ct = default)
    {
        var recommendation = await db.Recommendations.FirstOrDefaultAsync(r => r.Id == recommendationId && r.AuditId == auditId && r.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException();
        var conflict = new EditConflictException("Someone changed this recommendation while you were editing it. Nothing was saved: the form now shows their changes.", nameof(input.Text));
        if (recommendation.Version != expected) throw conflict;
        db.Entry(recommendation).Property(r => r.Version).OriginalValue = expected;
        var (text, findings) = await CheckRecommendationAsync(partnershipId, auditId, input, ct);

        (recommendation.Text, recommendation.Addressee, recommendation.Priority) = (text, input.Addressee, input.Priority);
        recommendation.AddresseeGroup = input.Addressee == Addressee.Group ? input.Group!.Trim() : null;
        recommendation.AddresseeAgencyId = input.Addressee == Addressee.Agency ? input.AgencyId : null;
        // Findings and their cases are sets: the same ones in another order is no change.
        if (!recommendation.FindingIds.ToHashSet().SetEquals(findings.Select(f => f.Id)))
        {
            recommendation.FindingIds = [.. findings.Select(f => f.Id)];
            recommendation.CaseIds = [.. findings.SelectMany(f => f.CaseIds).Distinct()];
        }

        await db.SaveOrRefuseAsync(conflict, ct);
    }

    /// <summary>A recommendation's text, addressee and findings checked by the one set of rules for adding and changing it.</summary>
    private async Task<(string Text, List<Findings.Finding> Findings)> CheckRecommendationAsync(Guid partnershipId, Guid auditId, RecommendationInput input, CancellationToken ct)
    {
        var text = Required(input.Text, "Enter the recommendation, starting \"In order to ...\"", nameof(input.Text));
        if (input.Addressee == Addressee.Agency && (input.AgencyId is null || !await db.Agencies.AnyAsync(a => a.Id == input.AgencyId && a.PartnershipId == partnershipId, ct)))
            throw new DomainException("Select the agency the recommendation is addressed to", nameof(input.AgencyId));
        if (input.Addressee == Addressee.Group && string.IsNullOrWhiteSpace(input.Group))
            throw new DomainException("Enter the group the recommendation is addressed to", nameof(input.Group));
        var findings = await db.Findings.Where(f => f.AuditId == auditId && input.FindingIds.Contains(f.Id)).ToListAsync(ct);
        if (findings.Count != input.FindingIds.Distinct().Count()) throw new DomainException("Select findings of this audit only", nameof(input.FindingIds));
        return (text, findings);
    }

    public async Task<PlanAction> AddActionAsync(Guid partnershipId, Guid recommendationId, ActionInput input, CancellationToken ct = default)
    {
        var recommendation = await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommendationId && r.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException();
        if (input.OwnerAgencyId is not { } agencyId || !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartnershipId == partnershipId, ct))
            throw new DomainException("Select the agency that owns the action, from your partnership's agencies", nameof(input.OwnerAgencyId));
        if (input.OwnerUserId is { } owner && !await db.Members(partnershipId).AnyAsync(m => m.UserId == owner && m.AgencyId == agencyId, ct))
            throw new DomainException("Select a named owner who works for the owner agency", nameof(input.OwnerUserId));
        var what = Required(input.What, "Enter what will be done", nameof(input.What));
        var measure = Required(input.Measure, "Enter how success will be measured", nameof(input.Measure));
        if (input.DueOn is not { } due) throw new DomainException("Enter the date the action is due", nameof(input.DueOn));
        var made = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(recommendation.CreatedAt, PartnershipCalendar.London).DateTime);
        if (due < made) throw new DomainException($"The due date must be on or after {made:d MMMM yyyy}, when the recommendation was made", nameof(input.DueOn));
        var action = new PlanAction
        {
            PartnershipId = partnershipId, RecommendationId = recommendationId, OwnerAgencyId = agencyId, OwnerUserId = input.OwnerUserId,
            What = what, Measure = measure, DueOn = due, Progress = ActionProgress.NotStarted, CreatedAt = clock.GetUtcNow(),
        };
        db.PlanActions.Add(action);
        await db.SaveChangesAsync(ct);
        return action;
    }

    /// <summary>Reports progress. <paramref name="agencyId"/>: the reporting user's agency (checked against the owner after loading); null for a lead.</summary>
    public async Task<ActionUpdate> ReportAsync(Guid partnershipId, Guid actionId, Guid? agencyId, ProgressInput input, string by, CancellationToken ct = default)
    {
        var action = await LoadAsync(partnershipId, actionId, agencyId, ct);
        if (action.Progress == ActionProgress.Closed) throw new DomainException("This action is closed: progress can no longer be reported");
        if (input.Progress == ActionProgress.Closed) throw new DomainException("Only the audit lead closes an action, once it has evidence", nameof(input.Progress));
        var note = Required(input.Note, "Describe the progress made", nameof(input.Note));
        // Progress is read by the lead and the partnership's boards, outside the owner agency.
        if (!input.ConfirmedNotIdentifying && Privacy.IdentifiableDataDetector.Sentence("The progress update", note) is { } identifying)
            throw new DomainException(identifying, nameof(input.Note));
        var links = input.Links.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var link in links)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || link.Length > 500)
                throw new DomainException($"\"{(link.Length > 60 ? link[..60] + "..." : link)}\" is not a web address: give links that start with https://", "Links");
        }

        if (input.Files.Count > MaxFiles) throw new DomainException($"Attach at most {MaxFiles} files to one update", "Files");
        var update = new ActionUpdate { ActionId = action.Id, Progress = input.Progress, Note = note, Links = links, By = by, At = clock.GetUtcNow() };
        foreach (var file in input.Files)
        {
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            if (file.Content.Length == 0) throw new DomainException($"\"{name}\" is empty", "Files");
            if (TooLarge(name, file.Content.Length) is { } tooLarge) throw new DomainException(tooLarge, "Files");
            if (!AllowedTypes.TryGetValue(Path.GetExtension(name), out var type))
                throw new DomainException($"\"{name}\" is not a type of file Parallax keeps as evidence: use PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG, JPEG or an e-mail (.eml)", "Files");
            if (Files.FileContent.Problem(name, file.Content, MaxUnpackedBytes) is { } problem) throw new DomainException(problem, "Files");
            var scan = await scanner.ScanAsync(name, file.Content, ct);
            if (!scan.Clean) throw new DomainException($"\"{name}\" was refused by the virus scan ({scan.Result})", "Files");
            update.Files.Add(new EvidenceFile { UpdateId = update.Id, FileName = name, ContentType = type, Size = file.Content.Length, Content = file.Content, ScanResult = scan.Result });
        }

        db.ActionUpdates.Add(update);
        action.Progress = input.Progress;
        if (input.Progress == ActionProgress.Complete) action.CompletedAt ??= update.At;
        else action.CompletedAt = null;
        await db.SaveChangesAsync(ct);
        return update;
    }

    /// <summary>The lead closes an action that has evidence (a file or a link in its updates).</summary>
    /// <summary>Leads (and administrators) close actions: the owner reports progress, the partnership judges it done.</summary>
    public static bool MayClose(Caller caller) => caller.IsLead;

    public async Task CloseAsync(Caller caller, Guid actionId, CancellationToken ct = default)
    {
        if (!MayClose(caller)) throw new DomainException("Only an audit lead can close an action: ask the lead to look at its evidence");
        var by = caller.Name;
        var action = await LoadAsync(caller.PartnershipId, actionId, null, ct);
        if (action.Progress == ActionProgress.Closed) return;
        var evidence = await db.ActionUpdates.AnyAsync(u => u.ActionId == actionId && (u.Links.Count > 0 || db.EvidenceFiles.Any(f => f.UpdateId == u.Id)), ct);
        if (!evidence) throw new DomainException("An action can be closed only with evidence: the owner must first add a file or a link showing it was done");
        action.Progress = ActionProgress.Closed;
        action.ClosedBy = by;
        action.ClosedAt = clock.GetUtcNow();
        action.CompletedAt ??= action.ClosedAt;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A dip sample: a small follow-up audit (5 cases, returns in 10 working days from the next working day)
    /// on the same tool as the recommendation's audit, its theme taken from the recommendation's findings and
    /// its terms of reference from the actions' measures of success. The lead adjusts it in the usual planner.
    /// </summary>
    public async Task<Audits.Audit> StartDipSampleAsync(Guid partnershipId, Guid recommendationId, CancellationToken ct = default)
    {
        var recommendation = await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommendationId && r.PartnershipId == partnershipId, ct)
            ?? throw new RecordNotFoundException();
        var source = await db.Audits.AsNoTracking().Include(a => a.ToolVersion).FirstAsync(a => a.Id == recommendation.AuditId, ct);
        var themes = await db.Findings.Where(f => recommendation.FindingIds.Contains(f.Id)).Join(db.Themes, f => f.ThemeId, t => t.Id, (f, t) => t.Name).Distinct().ToListAsync(ct);
        var measures = await db.PlanActions.Where(a => a.RecommendationId == recommendationId).Select(a => a.Measure).ToListAsync(ct);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var start = WorkingDays.Add(calendar.Today, 1, holidays);
        var title = $"Dip sample: recommendation {recommendation.Number} of {source.Title}";
        var plan = new Audits.AuditPlan(
            title.Length > 200 ? title[..200] : title,
            themes.Count > 0 ? string.Join(", ", themes) : source.Theme,
            $"Follow-up of recommendation {recommendation.Number} of \"{source.Title}\"",
            $"To check whether practice has changed since recommendation {recommendation.Number}: {recommendation.Text}" + (measures.Count > 0 ? $"\n\nMeasures of success: {string.Join("; ", measures)}" : ""),
            source.ToolVersion!.ToolId, source.ToolVersion.Number, "Since the actions were completed", 5, start, 10, null);
        var audit = await planner.CreateAsync(partnershipId, plan, holidays, ct);
        // Through the change tracker, so the link is in the audit trail like every change.
        var tracked = await db.Audits.SingleAsync(a => a.Id == audit.Id, ct);
        tracked.DipSampleOfRecommendationId = recommendationId;
        await db.SaveChangesAsync(ct);
        return tracked;
    }

    /// <summary>The actions of the partnership, narrowed to an agency and/or an audit, as the plan views show them.</summary>
    public async Task<IReadOnlyList<ActionRow>> RowsAsync(Guid partnershipId, Guid? agencyId = null, Guid? auditId = null, CancellationToken ct = default) =>
        await RowsAsync(partnershipId, agencyId, auditId, null, ct);

    /// <summary>Sort keys of the action plan: status (most urgent first, the default), due date, action, audit and owner.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["status", "due", "action", "audit", "owner"];

    /// <summary>
    /// One page of the action plan, with its RAG summary, filtered, searched (action, audit or review, owner agency),
    /// sorted, counted and cut in the database, by the rules <see cref="StateOf"/> and <see cref="RagOf"/> apply.
    /// </summary>
    public async Task<ActionPage> PageAsync(Guid partnershipId, ActionQuery query, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var actions = db.PlanActions.AsNoTracking().Where(a => a.PartnershipId == partnershipId);
        if (query.AgencyId is { } agency) actions = actions.Where(a => a.OwnerAgencyId == agency);
        var summary = new Dictionary<Rag, int>
        {
            [Rag.Red] = await InState(actions, ActionState.Overdue, today).CountAsync(ct),
            [Rag.Amber] = await actions.CountAsync(a => a.DueOn >= today && (a.Progress == ActionProgress.AtRisk || a.Progress == ActionProgress.NotStarted), ct),
            [Rag.Green] = await actions.CountAsync(a => a.Progress == ActionProgress.Complete || (a.Progress == ActionProgress.OnTrack && a.DueOn >= today), ct),
            [Rag.Done] = await actions.CountAsync(a => a.Progress == ActionProgress.Closed, ct),
        };
        if (query.State is { } state) actions = InState(actions, state, today);
        var rows =
            from a in actions
            join r in db.Recommendations on a.RecommendationId equals r.Id
            join g in db.Agencies on a.OwnerAgencyId equals g.Id
            select new
            {
                Action = a, Recommendation = r, Agency = g.Name,
                AuditTitle = db.Audits.Where(x => x.Id == r.AuditId).Select(x => x.Title).FirstOrDefault() ?? db.PracticeReviews.Where(x => x.Id == r.ReviewId).Select(x => x.Title).FirstOrDefault(),
                Owner = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                // The RAG order: overdue, then at risk or not started, then on track or complete, then closed.
                Rank = a.Progress == ActionProgress.Closed ? 3 : a.Progress == ActionProgress.Complete ? 2 : a.DueOn < today ? 0 : a.Progress == ActionProgress.OnTrack ? 2 : 1,
            };
        if (query.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
            rows = rows.Where(x => x.Action.What.ToLower().Contains(search) || x.Agency.ToLower().Contains(search) || (x.AuditTitle != null && x.AuditTitle.ToLower().Contains(search)));
        var total = await rows.CountAsync(ct);
        var pages = Math.Max(1, (total + query.Size - 1) / query.Size);
        var page = Math.Clamp(query.Page, 1, pages);
        var ordered = (query.Sort, query.Descending) switch
        {
            ("due", false) => rows.OrderBy(x => x.Action.DueOn).ThenBy(x => x.Rank),
            ("due", true) => rows.OrderByDescending(x => x.Action.DueOn).ThenBy(x => x.Rank),
            ("action", false) => rows.OrderBy(x => x.Action.What).ThenBy(x => x.Action.DueOn),
            ("action", true) => rows.OrderByDescending(x => x.Action.What).ThenBy(x => x.Action.DueOn),
            ("audit", false) => rows.OrderBy(x => x.AuditTitle).ThenBy(x => x.Recommendation.Number).ThenBy(x => x.Action.DueOn),
            ("audit", true) => rows.OrderByDescending(x => x.AuditTitle).ThenBy(x => x.Recommendation.Number).ThenBy(x => x.Action.DueOn),
            ("owner", false) => rows.OrderBy(x => x.Agency).ThenBy(x => x.Action.DueOn),
            ("owner", true) => rows.OrderByDescending(x => x.Agency).ThenBy(x => x.Action.DueOn),
            (_, true) => rows.OrderByDescending(x => x.Rank).ThenBy(x => x.Action.DueOn),
            _ => rows.OrderBy(x => x.Rank).ThenBy(x => x.Action.DueOn),
        };
        var shown = await ordered.ThenBy(x => x.Action.Id).Skip((page - 1) * query.Size).Take(query.Size).ToListAsync(ct);
        return new ActionPage(
            [.. shown.Select(x =>
            {
                var state = StateOf(x.Action, today);
                return new ActionRow(x.Action, x.Recommendation, x.AuditTitle, x.Agency, x.Owner, state, RagOf(state));
            })],
            page, total, summary);
    }

    /// <summary>Actions in a state, by the rule of <see cref="StateOf"/>, as a query.</summary>
    private static IQueryable<PlanAction> InState(IQueryable<PlanAction> actions, ActionState state, DateOnly today) => state switch
    {
        ActionState.Closed => actions.Where(a => a.Progress == ActionProgress.Closed),
        ActionState.Complete => actions.Where(a => a.Progress == ActionProgress.Complete),
        ActionState.Overdue => actions.Where(a => a.Progress != ActionProgress.Closed && a.Progress != ActionProgress.Complete && a.DueOn < today),
        ActionState.AtRisk => actions.Where(a => a.Progress == ActionProgress.AtRisk && a.DueOn >= today),
        ActionState.OnTrack => actions.Where(a => a.Progress == ActionProgress.OnTrack && a.DueOn >= today),
        _ => actions.Where(a => a.Progress == ActionProgress.NotStarted && a.DueOn >= today),
    };

    /// <summary>One action as the views show it; null when it is not this partnership's (or, given <paramref name="agencyId"/>, not this agency's).</summary>
    public async Task<ActionRow?> RowAsync(Guid partnershipId, Guid actionId, Guid? agencyId = null, CancellationToken ct = default) =>
        (await RowsAsync(partnershipId, agencyId, null, actionId, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ActionRow>> RowsAsync(Guid partnershipId, Guid? agencyId, Guid? auditId, Guid? actionId, CancellationToken ct)
    {
        var actions = db.PlanActions.AsNoTracking().Where(a => a.PartnershipId == partnershipId);
        if (actionId is { } only) actions = actions.Where(a => a.Id == only);
        if (agencyId is { } agency) actions = actions.Where(a => a.OwnerAgencyId == agency);
        if (auditId is { } audit) actions = actions.Where(a => db.Recommendations.Any(r => r.Id == a.RecommendationId && r.AuditId == audit));
        var rows = await (
            from a in actions
            join r in db.Recommendations on a.RecommendationId equals r.Id
            join g in db.Agencies on a.OwnerAgencyId equals g.Id
            select new
            {
                Action = a, Recommendation = r, Agency = g.Name, AuditTitle = db.Audits.Where(x => x.Id == r.AuditId).Select(x => x.Title).FirstOrDefault() ?? db.PracticeReviews.Where(x => x.Id == r.ReviewId).Select(x => x.Title).FirstOrDefault(),
                Owner = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault()
            })
            .ToListAsync(ct);
        var today = calendar.Today;
        return [.. rows.Select(x =>
        {
            var state = StateOf(x.Action, today);
            return new ActionRow(x.Action, x.Recommendation, x.AuditTitle, x.Agency, x.Owner, state, RagOf(state));
        }).OrderBy(x => x.Rag).ThenBy(x => x.Action.DueOn)];
    }

    public async Task<IReadOnlyList<ActionUpdate>> UpdatesAsync(Guid actionId, CancellationToken ct = default) =>
        await db.ActionUpdates.AsNoTracking().Where(u => u.ActionId == actionId).OrderBy(u => u.At)
            .Select(u => new ActionUpdate
            {
                Id = u.Id, ActionId = u.ActionId, Progress = u.Progress, Note = u.Note, Links = u.Links, By = u.By, At = u.At,
                Files = db.EvidenceFiles.Where(f => f.UpdateId == u.Id).Select(f => new EvidenceFile { Id = f.Id, UpdateId = f.UpdateId, FileName = f.FileName, ContentType = f.ContentType, Size = f.Size, Content = Array.Empty<byte>(), ScanResult = f.ScanResult }).ToList(),
            }).ToListAsync(ct);

    /// <summary>An evidence file, if its action is this partnership's and (for an agency user) this agency's.</summary>
    public async Task<EvidenceFile?> FileAsync(Guid partnershipId, Guid actionId, Guid fileId, Guid? agencyId, CancellationToken ct = default)
    {
        await LoadAsync(partnershipId, actionId, agencyId, ct);
        return await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && db.ActionUpdates.Any(u => u.Id == f.UpdateId && u.ActionId == actionId), ct);
    }

    /// <summary>Loads an action for a change, then checks it is this partnership's and, for an agency user, this agency's.</summary>
    public async Task<PlanAction> LoadAsync(Guid partnershipId, Guid actionId, Guid? agencyId, CancellationToken ct = default)
    {
        var action = await db.PlanActions.FirstOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null || action.PartnershipId != partnershipId || (agencyId is { } agency && action.OwnerAgencyId != agency)) throw new RecordNotFoundException();
        return action;
    }

    private static string Required(string? text, string message, string field)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0) throw new DomainException(message, field);
        if (clean.Length > MaxText) throw new DomainException($"Must be {MaxText:N0} characters or fewer", field);
        return clean;
    }
}
