namespace Parallax.Core.Returns;


/// <summary>
/// Queries on submitted returns before the panel: raised by a lead or panel member, answered by the agency,
/// closed by whoever raised them. Every message is kept with the return.
/// </summary>
public sealed class ReturnQueries(ParallaxDbContext db, TimeProvider clock)
{
    public const int MaxText = 4000;

    public async Task<ReturnQuery> RaiseAsync(Guid partnershipId, Guid auditId, Guid requestId, string? questionCode, string? text, Guid userId, string by, CancellationToken ct = default)
    {
        var message = Text(text, "Enter the query for the agency", "The query");
        var request = await db.ReturnRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == requestId && r.AuditId == auditId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct)
            ?? throw new DomainException("Select an agency's return on this case");
        if (request.Status != ReturnStatus.Submitted)
            throw new DomainException("Queries can only be raised on a submitted return: this agency has not submitted one");
        var code = string.IsNullOrWhiteSpace(questionCode) ? null : questionCode.Trim();
        if (code is not null)
        {
            var versionId = await db.Audits.Where(a => a.Id == auditId).Select(a => a.ToolVersionId).SingleAsync(ct);
            if (!await db.ToolVersions.Where(v => v.Id == versionId).SelectMany(v => v.Sections).SelectMany(s => s.Questions).AnyAsync(q => q.Code == code, ct))
                throw new DomainException($"There is no question {code} in this audit's tool");
        }

        var now = clock.GetUtcNow();
        var query = new ReturnQuery { RequestId = requestId, QuestionCode = code, Status = QueryStatus.Open, RaisedById = userId, RaisedBy = by, RaisedAt = now };
        query.Messages.Add(new ReturnQueryMessage { QueryId = query.Id, Text = message, By = by, At = now });
        db.ReturnQueries.Add(query);
        await db.SaveChangesAsync(ct);
        return query;
    }

    /// <summary>The agency replies; only on its own return (<paramref name="agencyId"/> is checked after loading).</summary>
    public async Task ReplyAsync(Guid partnershipId, Guid agencyId, Guid queryId, string? text, string by, CancellationToken ct = default)
    {
        var message = Text(text, "Enter your reply to the query", "Your reply");
        var query = await LoadAsync(partnershipId, queryId, ct);
        var request = await db.ReturnRequests.AsNoTracking().SingleAsync(r => r.Id == query.RequestId, ct);
        if (request.AgencyId != agencyId) throw new RecordNotFoundException();
        if (query.Status == QueryStatus.Closed) throw new DomainException("This query is closed: it can no longer be replied to");
        Add(query, message, by, fromAgency: true);
        query.Status = QueryStatus.Answered;
        await SaveAsync(ct);
    }

    /// <summary>Whoever raised the query asks again (it reopens) or closes it.</summary>
    public async Task FollowUpAsync(Users.Caller caller, Guid queryId, string? text, CancellationToken ct = default)
    {
        var message = Text(text, "Enter what you want to ask", "The follow-up");
        var query = await LoadAsync(caller.PartnershipId, queryId, ct);
        if (!query.IsOwnedBy(caller)) throw new DomainException("Only the person who raised this query can follow it up");
        if (query.Status == QueryStatus.Closed) throw new DomainException("This query is closed");
        Add(query, message, caller.Name, fromAgency: false);
        query.Status = QueryStatus.Open;
        await SaveAsync(ct);
    }

    public async Task CloseAsync(Users.Caller caller, Guid queryId, CancellationToken ct = default)
    {
        var query = await LoadAsync(caller.PartnershipId, queryId, ct);
        if (!query.IsOwnedBy(caller)) throw new DomainException("Only the person who raised this query can close it");
        if (query.Status == QueryStatus.Closed) return;
        query.Status = QueryStatus.Closed;
        query.ClosedAt = clock.GetUtcNow();
        await SaveAsync(ct);
    }

    /// <summary>The queries on some returns, oldest first, with their messages.</summary>
    public Task<List<ReturnQuery>> ForRequestsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default) =>
        db.ReturnQueries.AsNoTracking().Include(q => q.Messages.OrderBy(m => m.At)).Where(q => requestIds.Contains(q.RequestId)).OrderBy(q => q.RaisedAt).ToListAsync(ct);

    public Task<int> OpenCountAsync(Guid auditId, CancellationToken ct = default) =>
        db.ReturnQueries.CountAsync(q => q.Status != QueryStatus.Closed && db.ReturnRequests.Any(r => r.Id == q.RequestId && r.AuditId == auditId), ct);

    private async Task<ReturnQuery> LoadAsync(Guid partnershipId, Guid queryId, CancellationToken ct) =>
        await db.ReturnQueries.Include(q => q.Messages)
            .FirstOrDefaultAsync(q => q.Id == queryId && db.ReturnRequests.Any(r => r.Id == q.RequestId && db.Audits.Any(a => a.Id == r.AuditId && a.PartnershipId == partnershipId)), ct)
        ?? throw new RecordNotFoundException();

    private void Add(ReturnQuery query, string text, string by, bool fromAgency)
    {
        var message = new ReturnQueryMessage { QueryId = query.Id, Text = text, By = by, FromAgency = fromAgency, At = clock.GetUtcNow() };
        db.Add(message);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveOrRefuseAsync("Someone changed this query at the same time. Nothing was lost: look at it again.", ct);
    }

    /// <summary>A message of a query: given, within the limit, and (read by the other agency) not identifying anyone.</summary>
    private static string Text(string? text, string missing, string what)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException(missing);
        if (trimmed.Length > MaxText) throw new DomainException($"{what} must be {MaxText:N0} characters or fewer: it has {trimmed.Length:N0}");
        if (Privacy.IdentifiableDataDetector.Sentence(what, trimmed) is { } identifying) throw new DomainException(identifying);
        return trimmed;
    }
}

