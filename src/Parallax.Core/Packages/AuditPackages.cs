namespace Parallax.Core.Packages;


/// <summary>Where an imported package came from (its file name) and who imported it: kept on every imported request (decision 0035).</summary>
public sealed record PackageSource(string FileName, string ImportedBy);
/// <summary>The package names agencies the partnership does not have: an administrator may choose to create them.</summary>
public sealed class MissingAgenciesException(IReadOnlyList<PackagedAgency> missing, bool mayCreate)
    : DomainException($"The package names agencies your partnership does not have: {string.Join(", ", missing.Select(a => $"{a.Name} ({a.Code})"))}. Add them (same codes), or {(mayCreate ? "choose to create them" : "ask your administrator to")}, then import again.")
{
    public IReadOnlyList<PackagedAgency> Missing { get; } = missing;

    /// <summary>Whether the importer may create them (<see cref="AuditPackages.MayCreateAgencies"/>).</summary>
    public bool MayCreate { get; } = mayCreate;
}

/// <summary>Exports a whole audit as an <see cref="AuditPackage"/> and imports one, re-keyed, all or nothing.</summary>
public sealed class AuditPackages(ParallaxDbContext db, ToolCatalogue tools, AuditFindings findings, TimeProvider clock, Agencies.AgencyRegister agencyRegister)
{
    public const int MaxBytes = PackageJson.MaxBytes;

    public async Task<AuditPackage?> ExportAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        var audit = await db.Audits.AsNoTracking().Include(a => a.ToolVersion).ThenInclude(v => v!.Tool).FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct);
        if (audit is null) return null;
        var version = await db.ToolVersions.AsNoTracking().Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery().SingleAsync(v => v.Id == audit.ToolVersionId, ct);
        var sections = version.Sections.OrderBy(s => s.Order).Select((s, i) => (s.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);

        var cases = await db.Cases.AsNoTracking().Include(c => c.Household)
            .Where(c => db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync(ct);
        var caseKeys = cases.Select((c, i) => (c.Id, Key: $"c{i + 1}")).ToDictionary(x => x.Id, x => x.Key);
        var memberKeys = cases.SelectMany(c => c.Household.OrderBy(h => h.Order).Select((h, i) => (h.Id, Key: $"{caseKeys[c.Id]}m{i + 1}"))).ToDictionary(x => x.Id, x => x.Key);
        var requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == auditId).ToListAsync(ct);
        var involvement = await db.AgencyInvolvements.AsNoTracking().Where(i => caseKeys.Keys.Contains(i.CaseId)).ToListAsync(ct);
        var agencyIds = requests.Select(r => r.AgencyId).Concat(involvement.Select(i => i.AgencyId)).ToHashSet();
        var auditFindings = await db.Findings.AsNoTracking().Where(f => f.AuditId == auditId).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(ct);
        agencyIds.UnionWith(auditFindings.Where(f => f.AgencyId is not null).Select(f => f.AgencyId!.Value));
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Code).ToListAsync(ct);
        var code = agencies.ToDictionary(a => a.Id, a => a.Code);
        var requestIds = requests.Select(r => r.Id).ToList();
        var returns = await db.AuditReturns.AsNoTracking().Include(r => r.Answers).Include(r => r.Judgements).AsSplitQuery().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var history = (await db.ReturnStatusChanges.AsNoTracking().Where(h => requestIds.Contains(h.RequestId)).ToListAsync(ct)).ToLookup(h => h.RequestId);
        var queries = (await db.ReturnQueries.AsNoTracking().Include(q => q.Messages).Where(q => requestIds.Contains(q.RequestId)).ToListAsync(ct)).ToLookup(q => q.RequestId);
        var panel = await db.PanelCaseRecords.AsNoTracking().Where(p => p.AuditId == auditId).ToListAsync(ct);
        var meeting = await db.PanelMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.AuditId == auditId, ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        return new AuditPackage
        {
            ExportedAt = clock.GetUtcNow(),
            Audit = new PackagedAudit(audit.Title, audit.Theme, audit.ThemeSource, audit.TermsOfReference, audit.LookbackRule, audit.SampleSizeTarget,
                audit.RequestsSentOn, audit.ReturnWorkingDays, audit.ReturnsDueOn, audit.PanelOn, audit.Status, audit.ReminderWorkingDays, audit.CollationAccess, audit.SampleSource),
            Tool = ToolMapping.ToDocument(audit.ToolVersion!.Tool!, version),
            Agencies = [.. agencies.Select(a => new PackagedAgency(a.Code, a.Name, a.Type))],
            Cases = [.. cases.Select(c => new PackagedCase(caseKeys[c.Id], c.Uin, c.Initials, c.AgeYears, c.Unborn, c.ExpectedBirthOn, c.Sex, c.Ethnicity, c.Area,
                c.LevelOfNeed, c.ProtectionCategory, c.Section20, c.HeardAtMarac, c.RiskFactors,
                [.. c.Household.OrderBy(h => h.Order).Select(h => new PackagedMember(memberKeys[h.Id], h.Role, h.Initials, h.RoleName))], c.AgeMonths, c.MaracDetail, c.MaracYear))],
            Involvement = [.. involvement.Select(i => new PackagedInvolvement(caseKeys[i.CaseId], code[i.AgencyId], i.HouseholdMemberId is { } m ? memberKeys[m] : null))
                .OrderBy(i => i.Case, StringComparer.Ordinal).ThenBy(i => i.Agency, StringComparer.Ordinal).ThenBy(i => i.Member, StringComparer.Ordinal)],
            Requests = [.. requests.Select(r => new PackagedRequest(caseKeys[r.CaseId], code[r.AgencyId], r.Status, r.DueOn, r.SentAt, r.NotKnownReason,
                    returns.TryGetValue(r.Id, out var saved) && saved.SubmittedAt is not null ? new PackagedReturn(saved.LastSavedAt, saved.SubmittedAt, saved.SubmittedBy, saved.GoodPractice, saved.OtherComments, saved.IdentifiersConfirmedFalsePositive,
                        [.. saved.Answers.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new PackagedAnswer(a.Code, a.Value, a.Values.Count == 0 ? null : a.Values, a.Comment))],
                        [.. saved.Judgements.Select(j => new PackagedJudgement(j.Scope, j.SectionId is { } s ? sections[s] : null, j.Grade, j.Qualifier, j.Reason)).OrderBy(j => j.Scope).ThenBy(j => j.Section)])
                    : null,
                    [.. history[r.Id].OrderBy(h => h.ChangedAt).Select(h => new PackagedStatusChange(h.From, h.To, h.Reason, h.DueOn, h.ChangedBy, h.ChangedAt))],
                    [.. queries[r.Id].OrderBy(q => q.RaisedAt).Select(q => new PackagedQuery(q.QuestionCode, q.Status, q.RaisedBy, q.RaisedAt, q.ClosedAt,
                        [.. q.Messages.OrderBy(m => m.At).Select(m => new PackagedMessage(m.Text, m.By, m.FromAgency, m.At))]))]))
                .OrderBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Agency, StringComparer.Ordinal)],
            PanelMeeting = meeting is null ? null : new PackagedPanelMeeting(meeting.HeldOn, meeting.Attendees),
            Panel = [.. panel.Select(p => new PackagedPanelCase(caseKeys[p.CaseId], p.Slot, p.PenPicture, p.WorkedWell, p.AreasForImprovement, p.Learning, p.AgreedGrade, p.AgreedQualifier, p.Rationale, p.RecordedBy, p.RecordedAt))
                .OrderBy(p => p.Case, StringComparer.Ordinal)],
            Findings = [.. auditFindings.Select(f => new PackagedFinding(f.Kind, f.Scope, f.AgencyId is { } a ? code[a] : null, themes[f.ThemeId], f.Text,
                [.. f.CaseIds.Where(caseKeys.ContainsKey).Select(c => caseKeys[c]).Order(StringComparer.Ordinal)]))],
        };
    }

    public static string Serialize(AuditPackage package) => JsonSerializer.Serialize(package, PackageJson.Options);

    /// <summary>Reads a package, refusing a newer schema or malformed JSON with one sentence.</summary>
    public static AuditPackage Parse(Stream stream)
    {
        const string what = "an audit package";
        using var copy = PackageJson.ReadAll(stream, what);
        if (!System.Text.Unicode.Utf8.IsValid(copy.GetBuffer().AsSpan(0, (int)copy.Length)))
            throw new DomainException($"The file is not UTF-8 text: choose {what} exported from Parallax (a .json file).");
        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            return PackageJson.Read<AuditPackage>(document, what, AuditPackage.CurrentSchemaVersion);
        }
        catch (JsonException e)
        {
            if (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
                throw new DomainException("The file nests values far more deeply than an audit package does: it was not read.");
            if (e.LineNumber == 0 && e.BytePositionInLine == 0)
                throw new DomainException($"The file is not JSON: choose {what} exported from Parallax (a .json file).");
            throw PackageJson.Invalid(e);
        }
    }

    /// <summary>Each value of the package the forms would refuse, as "JSON path: sentence".</summary>
    private static List<string> Problems(AuditPackage package, ToolVersion version, int thisYear)
    {
        var problems = new List<string>();
        if (package.Audit.SampleSource?.Trim().Length > Audits.AuditPlanner.SampleSourceLength)
            problems.Add($"$.audit.sampleSource: {TextLimits.TooLong("Where the sample came from", Audits.AuditPlanner.SampleSourceLength, package.Audit.SampleSource.Trim().Length)}");
        static string Camel(string field) => string.Join(".", field.Split('.').Select(part => char.ToLowerInvariant(part[0]) + part[1..]));
        foreach (var (c, i) in package.Cases.Select((c, i) => (c, i)))
        {
            var input = new CaseInput(c.Uin, c.Initials, c.AgeYears, c.Unborn, c.ExpectedBirthOn, c.Sex, c.Ethnicity, c.Area, c.LevelOfNeed, c.ProtectionCategory,
                c.Section20, c.HeardAtMarac, c.RiskFactors, [.. c.Household.Select(h => new HouseholdInput(h.Role, h.Initials, RoleName: h.RoleName))], c.AgeMonths, c.MaracDetail, c.MaracYear);
            problems.AddRange(CaseRegister.Check(input, thisYear).Select(p => $"$.cases[{i}].{Camel(p.Field)}: {p.Message}"));
        }

        var questions = version.Sections.SelectMany(s => s.Questions).ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var (r, i) in package.Requests.Select((r, i) => (r, i)))
        {
            if (r.Return is not { } saved) continue;
            var at = $"$.requests[{i}].return";
            void Text(string? text, int limit, string path, string what)
            {
                if (text is null) return;
                if (text.Length > limit) problems.Add($"{path}: {TextLimits.TooLong(what, limit, text.Length)}");
                if (!saved.IdentifiersConfirmedFalsePositive)
                    problems.AddRange(Privacy.IdentifiableDataDetector.Find(text).Select(f => $"{path}: \"{f.Text}\": {f.Advice}"));
            }

            foreach (var (a, j) in saved.Answers.Select((a, j) => (a, j)))
            {
                if (!questions.TryGetValue(a.Code, out var question)) continue;
                problems.AddRange(ToolAnswerValidator.CheckAnswer(question, new QuestionAnswer(a.Value, a.Values, a.Comment), saved.SubmittedAt is not null)
                    .Select(p => $"{at}.answers[{j}].value: {p.Message}"));
                if (question.Kind == QuestionKind.FreeText) Text(a.Value, TextLimits.Narrative, $"{at}.answers[{j}].value", $"The answer to {a.Code}");
                Text(a.Comment, TextLimits.Narrative, $"{at}.answers[{j}].comment", $"The comment on {a.Code}");
            }

            foreach (var (g, j) in saved.Judgements.Select((g, j) => (g, j)))
            {
                if (g.Qualifier?.Length > TextLimits.Line) problems.Add($"{at}.judgements[{j}].qualifier: {TextLimits.TooLong("The qualifier", TextLimits.Line, g.Qualifier.Length)}");
                Text(g.Reason, TextLimits.Narrative, $"{at}.judgements[{j}].reason", "The reason");
            }

            Text(saved.GoodPractice, TextLimits.Narrative, $"{at}.goodPractice", "Good practice");
            Text(saved.OtherComments, TextLimits.Narrative, $"{at}.otherComments", "Other comments");
        }

        return problems;
    }

    /// <summary>Only an administrator adds agencies to a partnership, here as on the agencies page.</summary>
    public static bool MayCreateAgencies(Caller caller) => caller.IsAdministrator;

    /// <summary>Imports into the caller's partnership: new ids everywhere, a copy of the tool, nothing stored if anything is wrong.</summary>
    /// <param name="createMissingAgencies">
    /// Agencies the package names that the partnership lacks are created (code, name and type from the package), in the
    /// same transaction as the audit, when the caller <see cref="MayCreateAgencies"/>; otherwise they are refused with
    /// <see cref="MissingAgenciesException"/>.
    /// </param>
    public async Task<Audit> ImportAsync(Caller caller, AuditPackage package, string fileName, CancellationToken ct = default, bool createMissingAgencies = false)
    {
        var partnershipId = caller.PartnershipId;
        var source = new PackageSource(fileName, caller.Name);
        var from = $"{Path.GetFileName(source.FileName)} (made {Calendar.PartnershipCalendar.InLondon(package.ExportedAt).ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))})";
        if (from.Length > 300) from = from[^300..];
        var importedAt = clock.GetUtcNow();
        ToolInterchange.Validate(package.Tool);
        var existing = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToListAsync(ct);
        var agencies = existing.ToDictionary(a => a.Code, a => a.Id);
        var missing = package.Agencies.Where(a => !agencies.ContainsKey(a.Code)).DistinctBy(a => a.Code).ToList();
        var mayCreate = MayCreateAgencies(caller);
        if (missing.Count > 0 && !(createMissingAgencies && mayCreate)) throw new MissingAgenciesException(missing, mayCreate);
        foreach (var m in missing)
        {
            if (existing.FirstOrDefault(a => string.Equals(a.Name, m.Name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } same)
                throw new DomainException($"The package's agency {m.Name} ({m.Code}) has the name of your agency {same.Code}: give your agency the package's code {m.Code}, or rename it, then import again.");
            agencies[m.Code] = Guid.Empty; // Known to the checks below; its id comes when it is created, in the transaction.
        }
        var caseKeys = package.Cases.Select(c => c.Key).ToList();
        if (caseKeys.Count != caseKeys.Distinct().Count()) throw new DomainException("Two cases in the package share a key.");
        var uins = package.Cases.Select(c => c.Uin.Trim()).ToList();
        var clashing = await db.Cases.Where(c => c.PartnershipId == partnershipId && uins.Contains(c.Uin)).Select(c => c.Uin).ToListAsync(ct);
        if (clashing.Count > 0) throw new DomainException($"Cases with these UINs are already registered in your partnership: {string.Join(", ", clashing.Order())}. Nothing was imported.");
        var codes = package.Tool.Sections.SelectMany(s => s.Questions).Select(q => q.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var request in package.Requests)
        {
            Require(caseKeys.Contains(request.Case), $"A request names case \"{request.Case}\", which is not in the package.");
            Require(agencies.ContainsKey(request.Agency), $"A request names agency \"{request.Agency}\", which is not in the package.");
            foreach (var answer in request.Return?.Answers ?? [])
                Require(codes.Contains(answer.Code), $"A return for case {request.Case} answers question \"{answer.Code}\", which is not in the package's tool.");
            foreach (var judgement in request.Return?.Judgements ?? [])
            {
                Require(judgement.Grade is null || Enum.IsDefined(judgement.Grade.Value), $"A judgement for case {request.Case} is outside the scale.");
                Require(judgement.Scope != JudgementScope.Section || judgement.Section is { } s && s >= 1 && s <= package.Tool.Sections.Count,
                    $"A section judgement for case {request.Case} names a section the tool does not have.");
            }
        }

        foreach (var p in package.Panel) Require(caseKeys.Contains(p.Case), $"The panel record names case \"{p.Case}\", which is not in the package.");
        foreach (var f in package.Findings) Require(f.Cases.All(caseKeys.Contains), "A finding names a case that is not in the package.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var m in missing)
        {
            // Through the agency register's rules, so a package cannot bring a code or name the forms would refuse.
            try
            {
                var created = await agencyRegister.AddAsync(partnershipId, new Agencies.AgencyInput(m.Code, m.Name, m.Type.ToString(), false, null), ct);
                agencies[created.Code] = created.Id;
            }
            catch (DomainException e)
            {
                throw new DomainException($"The package's agency {m.Name} ({m.Code}) cannot be created: {e.Message}. Nothing was imported.");
            }
        }

        var tool = await tools.ImportAsync(partnershipId, package.Tool, ct: ct);
        var version = await db.ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions).SingleAsync(v => v.ToolId == tool.Id, ct);
        await tools.FreezeAsync(version.Id, ct);
        var sectionIds = version.Sections.OrderBy(s => s.Order).Select(s => s.Id).ToList();
        // Every value by the same rules as the forms, refused whole with where each problem is (decision 0021).
        if (Problems(package, version, Calendar.PartnershipCalendar.LondonDate(clock.GetUtcNow()).Year) is { Count: > 0 } problems)
            throw new DomainException($"The package was not imported: {problems.Count} value(s) break the rules the forms apply. " +
                string.Join(" ", problems.Take(20).Select(p => $"{p}.")) + (problems.Count > 20 ? $" And {problems.Count - 20} more." : ""));
        var questionIds = version.Sections.SelectMany(s => s.Questions).ToDictionary(q => q.Code, q => q.Id, StringComparer.OrdinalIgnoreCase);
        var a = package.Audit;
        var audit = new Audit
        {
            PartnershipId = partnershipId, Title = a.Title, Theme = a.Theme, ThemeSource = a.ThemeSource, TermsOfReference = a.TermsOfReference, ToolVersionId = version.Id,
            LookbackRule = a.LookbackRule, SampleSource = a.SampleSource, SampleSizeTarget = a.SampleSizeTarget, RequestsSentOn = a.RequestsSentOn, ReturnWorkingDays = a.ReturnWorkingDays,
            ReturnsDueOn = a.ReturnsDueOn, PanelOn = a.PanelOn, Status = a.Status, ReminderWorkingDays = a.ReminderWorkingDays, CollationAccess = a.CollationAccess,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Audits.Add(audit);

        var caseIds = new Dictionary<string, Guid>();
        var memberIds = new Dictionary<string, Guid>();
        foreach (var c in package.Cases)
        {
            var entity = new Case
            {
                PartnershipId = partnershipId, Uin = c.Uin.Trim(), Initials = c.Initials, AgeYears = c.AgeYears, Unborn = c.Unborn, ExpectedBirthOn = c.ExpectedBirthOn,
                Sex = c.Sex, Ethnicity = c.Ethnicity, Area = c.Area, LevelOfNeed = c.LevelOfNeed, ProtectionCategory = c.ProtectionCategory, Section20 = c.Section20,
                HeardAtMarac = c.HeardAtMarac, MaracDetail = c.MaracDetail, MaracYear = c.MaracYear, AgeMonths = c.AgeMonths, RiskFactors = c.RiskFactors, CreatedAt = clock.GetUtcNow(),
                Household = [.. c.Household.Select((h, i) => new HouseholdMember { Order = i + 1, Role = h.Role, RoleName = HouseholdRoleNames.CleanRoleName(h.Role, h.RoleName, "").Name, Initials = h.Initials })],
            };
            caseIds[c.Key] = entity.Id;
            for (var i = 0; i < c.Household.Count; i++) memberIds[c.Household[i].Key] = entity.Household[i].Id;
            db.Cases.Add(entity);
            db.AuditCases.Add(new AuditCase { AuditId = audit.Id, CaseId = entity.Id, AddedAt = clock.GetUtcNow() });
        }

        foreach (var i in package.Involvement)
        {
            Require(caseIds.ContainsKey(i.Case) && (i.Member is null || memberIds.ContainsKey(i.Member)), $"Involvement names case \"{i.Case}\" or member \"{i.Member}\", which is not in the package.");
            db.AgencyInvolvements.Add(new AgencyInvolvement { CaseId = caseIds[i.Case], AgencyId = agencies[i.Agency], HouseholdMemberId = i.Member is null ? null : memberIds[i.Member] });
        }

        foreach (var r in package.Requests)
        {
            var request = new ReturnRequest
            {
                AuditId = audit.Id, CaseId = caseIds[r.Case], AgencyId = agencies[r.Agency], Status = r.Status, DueOn = r.DueOn, SentAt = r.SentAt, NotKnownReason = r.NotKnownReason, CreatedAt = clock.GetUtcNow(),
                ImportedFrom = from, ImportedBy = source.ImportedBy, ImportedAt = importedAt,
            };
            db.ReturnRequests.Add(request);
            if (r.Return is { } saved)
            {
                var entity = new AuditReturn
                {
                    Id = request.Id, LastSavedAt = saved.LastSavedAt, SubmittedAt = saved.SubmittedAt, SubmittedBy = saved.SubmittedBy, GoodPractice = saved.GoodPractice,
                    OtherComments = saved.OtherComments, IdentifiersConfirmedFalsePositive = saved.IdentifiersConfirmedFalsePositive,
                };
                entity.Answers.AddRange(saved.Answers.Select(x => new ReturnAnswer { ReturnId = request.Id, QuestionId = questionIds[x.Code], Code = x.Code, Value = x.Value, Values = x.Values ?? [], Comment = x.Comment }));
                entity.Judgements.AddRange(saved.Judgements.Select(j => new ReturnJudgement
                {
                    ReturnId = request.Id, Scope = j.Scope, SectionId = j.Scope == JudgementScope.Section ? sectionIds[j.Section!.Value - 1] : null, Grade = j.Grade, Qualifier = j.Qualifier, Reason = j.Reason,
                }));
                if (saved.SubmittedAt is { } submittedAt) entity.MarkSubmitted(submittedAt, saved.SubmittedBy, entity.Answers);
                db.AuditReturns.Add(entity);
            }

            db.ReturnStatusChanges.AddRange(r.History.Select(h => new ReturnStatusChange { RequestId = request.Id, From = h.From, To = h.To, Reason = h.Reason, DueOn = h.DueOn, ChangedBy = h.ChangedBy, ChangedAt = h.ChangedAt }));
            foreach (var q in r.Queries)
            {
                // The people who raised queries are not users here: their names are kept, and the lead closes what is left open.
                var query = new ReturnQuery { RequestId = request.Id, QuestionCode = q.QuestionCode, Status = q.Status, RaisedById = Guid.Empty, RaisedBy = q.RaisedBy, RaisedAt = q.RaisedAt, ClosedAt = q.ClosedAt };
                query.Messages.AddRange(q.Messages.Select(m => new ReturnQueryMessage { QueryId = query.Id, Text = m.Text, By = m.By, FromAgency = m.FromAgency, At = m.At }));
                db.ReturnQueries.Add(query);
            }
        }

        if (package.PanelMeeting is { } held) db.PanelMeetings.Add(new PanelMeeting { AuditId = audit.Id, HeldOn = held.HeldOn, Attendees = held.Attendees });
        foreach (var p in package.Panel)
        {
            db.PanelCaseRecords.Add(new PanelCaseRecord
            {
                AuditId = audit.Id, CaseId = caseIds[p.Case], Slot = p.Slot, PenPicture = p.PenPicture, WorkedWell = p.WorkedWell, AreasForImprovement = p.AreasForImprovement,
                Learning = p.Learning, AgreedGrade = p.AgreedGrade, AgreedQualifier = p.AgreedQualifier, Rationale = p.Rationale, RecordedBy = p.RecordedBy, RecordedAt = p.RecordedAt,
            });
        }

        if (package.Findings.Count > 0)
        {
            var themes = await findings.ThemesAsync(partnershipId, ct);
            foreach (var name in package.Findings.Select(f => f.Theme).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => themes.All(t => !string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase))))
                db.Themes.Add(new Theme { PartnershipId = partnershipId, Name = name });
            await db.SaveChangesAsync(ct);
            var themeIds = (await db.Themes.Where(t => t.PartnershipId == partnershipId).ToListAsync(ct)).ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
            var created = clock.GetUtcNow();
            foreach (var (f, i) in package.Findings.Select((f, i) => (f, i)))
            {
                Require(f.Agency is null || agencies.ContainsKey(f.Agency), $"A finding names agency \"{f.Agency}\", which your partnership does not have.");
                db.Findings.Add(new Finding
                {
                    AuditId = audit.Id, Kind = f.Kind, Scope = f.Scope, AgencyId = f.Agency is null ? null : agencies[f.Agency], ThemeId = themeIds[f.Theme], Text = f.Text,
                    CaseIds = [.. f.Cases.Select(c => caseIds[c])], CreatedAt = created.AddMilliseconds(i), // A millisecond apart: both databases keep a finer time (the SQLite converter 0.1 ms, PostgreSQL 1 µs), so the order survives.
                });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return audit;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new DomainException(message);
    }
}
