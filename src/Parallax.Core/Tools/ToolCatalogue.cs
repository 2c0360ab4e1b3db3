namespace Parallax.Core.Tools;

public sealed record SectionInput(
    string Title, string? Guidance, bool HasJudgement, string? JudgementPrompt,
    SectionApplicability Applicability, IReadOnlyList<Agencies.AgencyType> AgencyTypes, SectionScope Scope);

public sealed record QuestionInput(
    string Code, string Text, string? HelpText, QuestionKind Kind, bool Required,
    bool CommentRequiredOnNo, bool CommentRequiredOnNa, IReadOnlyList<string> Options, string? ShortLabel = null, string? Area = null);

public sealed record ToolSettingsInput(
    string Name, string? Description, string? Guidance, bool AsksOverallAgencyJudgement,
    bool AsksPartnershipJudgement, bool AsksGoodPractice, bool AsksOtherComments);

/// <summary>Every write to audit tools: creating, importing, copying, versioning and the designer's edits.</summary>
public sealed class ToolCatalogue(ParallaxDbContext db, TimeProvider clock)
{
    public IQueryable<AuditTool> Tools(Guid partnershipId) => db.AuditTools.Where(t => t.PartnershipId == partnershipId);

    /// <summary>A version with its sections and questions, only if its tool belongs to the partnership.</summary>
    public async Task<(AuditTool Tool, ToolVersion Version)?> FindAsync(Guid partnershipId, Guid toolId, int number, bool tracked = false, CancellationToken ct = default)
    {
        var query = db.ToolVersions.Include(v => v.Tool).Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery()
            .Where(v => v.ToolId == toolId && v.Number == number && v.Tool!.PartnershipId == partnershipId);
        var version = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
        if (version is null) return null;
        version.Sections = version.Sections.OrderBy(s => s.Order).ToList();
        foreach (var section in version.Sections) section.Questions = section.Questions.OrderBy(q => q.Order).ToList();
        return (version.Tool!, version);
    }

    public async Task<AuditTool> CreateAsync(Guid partnershipId, string name, string? description, CancellationToken ct = default)
    {
        name = RequireName(name);
        await EnsureNameFreeAsync(partnershipId, name, ct);
        var tool = NewTool(partnershipId, name, description, null);
        tool.Versions.Add(new ToolVersion { ToolId = tool.Id, Number = 1, CreatedAt = clock.GetUtcNow(), AsksOverallAgencyJudgement = true, AsksGoodPractice = true });
        db.AuditTools.Add(tool);
        await db.SaveChangesAsync(ct);
        return tool;
    }

    /// <summary>Adds a tool from a validated document, under a free name (", copy 2" if needed).</summary>
    public async Task<AuditTool> ImportAsync(Guid partnershipId, ToolDocument document, string? templateKey = null, CancellationToken ct = default)
    {
        ToolInterchange.Validate(document);
        var name = await FreeNameAsync(partnershipId, document.Name.Trim(), ct);
        var tool = NewTool(partnershipId, name, document.Description, templateKey);
        var version = new ToolVersion { ToolId = tool.Id, Number = 1, CreatedAt = clock.GetUtcNow() };
        ToolMapping.Fill(version, document);
        tool.Versions.Add(version);
        db.AuditTools.Add(tool);
        await db.SaveChangesAsync(ct);
        return tool;
    }

    public async Task<AuditTool> CopyAsync(Guid partnershipId, Guid toolId, int number, CancellationToken ct = default)
    {
        var found = await FindAsync(partnershipId, toolId, number, ct: ct) ?? throw new RecordNotFoundException("That tool version does not exist.");
        var document = ToolMapping.ToDocument(found.Tool, found.Version) with { Name = $"Copy of {found.Tool.Name}" };
        return await ImportAsync(partnershipId, document, found.Tool.TemplateKey, ct);
    }

    /// <summary>The draft to edit: the latest version if it is still a draft, otherwise a new draft copied from it.</summary>
    public async Task<ToolVersion> DraftAsync(Guid partnershipId, Guid toolId, CancellationToken ct = default)
    {
        var latest = await db.ToolVersions.Where(v => v.ToolId == toolId && v.Tool!.PartnershipId == partnershipId)
            .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.FrozenAt }).FirstOrDefaultAsync(ct)
            ?? throw new RecordNotFoundException("That tool does not exist.");
        var found = (await FindAsync(partnershipId, toolId, latest.Number, ct: ct))!.Value;
        if (latest.FrozenAt is null) return found.Version;

        var draft = new ToolVersion { ToolId = toolId, Number = latest.Number + 1, CreatedAt = clock.GetUtcNow() };
        ToolMapping.Fill(draft, ToolMapping.ToDocument(found.Tool, found.Version));
        db.ToolVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Called when an audit first uses the version: from now on it never changes.</summary>
    public async Task FreezeAsync(Guid versionId, CancellationToken ct = default)
    {
        var version = await db.ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions).FirstAsync(v => v.Id == versionId, ct);
        if (version.IsFrozen) return;
        if (version.Sections.Count == 0) throw new DomainException("A tool with no sections cannot be used in an audit.");
        version.FrozenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public Task UpdateSettingsAsync(Guid partnershipId, Guid toolId, int number, Guid expected, ToolSettingsInput input, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, async (tool, version) =>
        {
            var name = RequireName(input.Name);
            if (name != tool.Name) await EnsureNameFreeAsync(tool.PartnershipId, name, ct, tool.Id);
            tool.Name = name;
            tool.Description = Trim(input.Description);
            version.Guidance = Trim(input.Guidance);
            version.AsksOverallAgencyJudgement = input.AsksOverallAgencyJudgement;
            version.AsksPartnershipJudgement = input.AsksPartnershipJudgement;
            version.AsksGoodPractice = input.AsksGoodPractice;
            version.AsksOtherComments = input.AsksOtherComments;
        }, ct);

    public Task<Guid> AddSectionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, SectionInput input, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            var section = new ToolSection { ToolVersionId = version.Id, Title = "", Order = version.Sections.Count + 1 };
            Apply(section, input);
            return Added(version.Sections, section, section.Id);
        }, ct);

    public Task UpdateSectionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid sectionId, SectionInput input, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            Apply(Section(version, sectionId), input);
            return Task.CompletedTask;
        }, ct);

    public Task MoveSectionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid sectionId, int by, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            Move(version.Sections, Section(version, sectionId), by, s => s.Order, (s, o) => s.Order = o);
            return Task.CompletedTask;
        }, ct);

    public Task RemoveSectionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid sectionId, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            Removed(version.Sections, Section(version, sectionId), s => s.Order, (s, o) => s.Order = o);
            return Task.CompletedTask;
        }, ct);

    public Task<Guid> AddQuestionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid sectionId, QuestionInput input, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            var section = Section(version, sectionId);
            var question = new ToolQuestion { SectionId = section.Id, Code = "", Text = "", Order = section.Questions.Count + 1 };
            Apply(version, question, input);
            return Added(section.Questions, question, question.Id);
        }, ct);

    public Task UpdateQuestionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid questionId, QuestionInput input, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            Apply(version, Question(version, questionId).Question, input);
            return Task.CompletedTask;
        }, ct);

    public Task MoveQuestionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid questionId, int by, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            var (section, question) = Question(version, questionId);
            Move(section.Questions, question, by, q => q.Order, (q, o) => q.Order = o);
            return Task.CompletedTask;
        }, ct);

    public Task RemoveQuestionAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Guid questionId, CancellationToken ct = default) =>
        EditAsync(partnershipId, toolId, number, expected, (_, version) =>
        {
            var (section, question) = Question(version, questionId);
            Removed(section.Questions, question, q => q.Order, (q, o) => q.Order = o);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The draft was changed by someone else since the editor loaded it.</summary>
    private static EditConflictException DraftConflict() =>
        new("Someone else changed this draft while you were editing it. Your change was not saved: check the tool as it is now and make your change again.");

    private Task EditAsync(Guid partnershipId, Guid toolId, int number, Guid expected, Func<AuditTool, ToolVersion, Task> change, CancellationToken ct) =>
        EditAsync(partnershipId, toolId, number, expected, async (t, v) => { await change(t, v); return 0; }, ct);

    /// <summary>Loads the draft, refuses frozen versions and stale editors, applies the change and saves once.</summary>
    private async Task<T> EditAsync<T>(Guid partnershipId, Guid toolId, int number, Guid expected, Func<AuditTool, ToolVersion, Task<T>> change, CancellationToken ct)
    {
        var found = await FindAsync(partnershipId, toolId, number, tracked: true, ct) ?? throw new RecordNotFoundException("That tool version does not exist.");
        var (tool, version) = found;
        if (version.IsFrozen)
            throw new DomainException($"Version {version.Number} is in use by an audit and can no longer change. Create a new draft version to edit the tool.");
        if (version.Version != expected) throw DraftConflict();

        var result = await change(tool, version);
        // Any edit renews the draft's token, so a second editor working from the old page is refused.
        db.Entry(version).Property(v => v.Version).OriginalValue = expected;
        db.Entry(version).State = db.Entry(version).State == EntityState.Unchanged ? EntityState.Modified : db.Entry(version).State;
        await db.SaveOrRefuseAsync(DraftConflict(), ct);

        return result;
    }

    private static void Apply(ToolSection section, SectionInput input)
    {
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) throw new DomainException("Enter a title for the section", nameof(SectionInput.Title));
        if (title.Length > 300) throw new DomainException("The section title must be 300 characters or fewer", nameof(SectionInput.Title));
        if (input.Applicability == SectionApplicability.ListedAgencyTypes && input.AgencyTypes.Count == 0)
            throw new DomainException("Select the agency types the section applies to", nameof(SectionInput.AgencyTypes));
        section.Title = title;
        section.Guidance = Trim(input.Guidance);
        section.HasJudgement = input.HasJudgement;
        section.JudgementPrompt = input.HasJudgement ? Trim(input.JudgementPrompt) : null;
        section.Applicability = input.Applicability;
        section.AgencyTypes = input.Applicability == SectionApplicability.ListedAgencyTypes ? [.. input.AgencyTypes.Distinct()] : [];
        section.Scope = input.Scope;
    }

    private static void Apply(ToolVersion version, ToolQuestion question, QuestionInput input)
    {
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) throw new DomainException("Enter a code for the question, such as A7", nameof(QuestionInput.Code));
        if (code.Length > 20) throw new DomainException("The code must be 20 characters or fewer", nameof(QuestionInput.Code));
        if (version.Sections.SelectMany(s => s.Questions).Any(q => q.Id != question.Id && string.Equals(q.Code, code, StringComparison.OrdinalIgnoreCase)))
            throw new DomainException($"Another question already has the code {code}: codes must be unique in a tool", nameof(QuestionInput.Code));
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException("Enter the question", nameof(QuestionInput.Text));
        if (text.Length > ToolInterchange.MaxTextLength) throw new DomainException($"The question must be {ToolInterchange.MaxTextLength} characters or fewer", nameof(QuestionInput.Text));
        var label = Trim(input.ShortLabel);
        if (label?.Length > ToolInterchange.MaxLabelLength) throw new DomainException($"The short label must be {ToolInterchange.MaxLabelLength} characters or fewer", nameof(QuestionInput.ShortLabel));
        var area = Trim(input.Area);
        if (area?.Length > ToolInterchange.MaxLabelLength) throw new DomainException($"The area must be {ToolInterchange.MaxLabelLength} characters or fewer", nameof(QuestionInput.Area));
        var options = input.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        var isChoice = input.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        if (isChoice && options.Count < 2) throw new DomainException("Enter at least two options, one per line", nameof(QuestionInput.Options));
        if (isChoice && options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
            throw new DomainException("Each option must be different", nameof(QuestionInput.Options));

        question.Code = code;
        question.Text = text;
        question.HelpText = Trim(input.HelpText);
        question.ShortLabel = label;
        question.Area = area;
        question.Kind = input.Kind;
        question.Required = input.Required;
        question.CommentRequiredOnNo = input.Kind == QuestionKind.YesNoNa && input.CommentRequiredOnNo;
        question.CommentRequiredOnNa = input.Kind == QuestionKind.YesNoNa && input.CommentRequiredOnNa;
        question.Options = isChoice ? options : [];
    }

    private static ToolSection Section(ToolVersion version, Guid sectionId) =>
        version.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("That section is not in this version.");

    private static (ToolSection Section, ToolQuestion Question) Question(ToolVersion version, Guid questionId) =>
        version.Sections.SelectMany(s => s.Questions.Select(q => (s, q))).FirstOrDefault(p => p.q.Id == questionId) is ({ } s, { } q)
            ? (s, q)
            : throw new DomainException("That question is not in this version.");

    private static void Move<T>(List<T> items, T item, int by, Func<T, int> order, Action<T, int> setOrder)
    {
        var ordered = items.OrderBy(order).ToList();
        var from = ordered.IndexOf(item);
        var to = Math.Clamp(from + by, 0, ordered.Count - 1);
        ordered.RemoveAt(from);
        ordered.Insert(to, item);
        for (var i = 0; i < ordered.Count; i++) setOrder(ordered[i], i + 1);
    }

    /// <summary>A new section or question, added to its list and saved with the edit; the edit answers with its id.</summary>
    private Task<Guid> Added<T>(List<T> items, T item, Guid id)
        where T : class
    {
        items.Add(item);
        db.Add(item);
        return Task.FromResult(id);
    }

    /// <summary>Removes a section or question and numbers the rest from 1 again.</summary>
    private void Removed<T>(List<T> items, T item, Func<T, int> order, Action<T, int> setOrder)
        where T : class
    {
        items.Remove(item);
        db.Remove(item);
        var ordered = items.OrderBy(order).ToList();
        for (var i = 0; i < ordered.Count; i++) setOrder(ordered[i], i + 1);
    }

    private AuditTool NewTool(Guid partnershipId, string name, string? description, string? templateKey) =>
        new() { PartnershipId = partnershipId, Name = name, Description = Trim(description), TemplateKey = templateKey, CreatedAt = clock.GetUtcNow() };

    private static string RequireName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException("Enter a name for the tool", nameof(ToolSettingsInput.Name));
        if (name.Length > 200) throw new DomainException("The name must be 200 characters or fewer", nameof(ToolSettingsInput.Name));
        return name;
    }

    private async Task EnsureNameFreeAsync(Guid partnershipId, string name, CancellationToken ct, Guid? except = null)
    {
        if (await db.AuditTools.AnyAsync(t => t.PartnershipId == partnershipId && t.Name == name && t.Id != except, ct))
            throw new DomainException($"There is already a tool called {name}", nameof(ToolSettingsInput.Name));
    }

    private async Task<string> FreeNameAsync(Guid partnershipId, string name, CancellationToken ct)
    {
        var taken = await db.AuditTools.Where(t => t.PartnershipId == partnershipId && t.Name.StartsWith(name)).Select(t => t.Name).ToListAsync(ct);
        if (!taken.Contains(name)) return name;
        for (var n = 2; ; n++)
        {
            var candidate = $"{name} ({n})";
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
