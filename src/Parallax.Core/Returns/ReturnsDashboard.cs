namespace Parallax.Core.Returns;

/// <summary>One agency's returns on an audit: what was asked, what came back, what is late.</summary>
public sealed record AgencyResponse(Agency Agency, int Sent, int Submitted, int NotKnown, int NoReturn, int Open, int Overdue)
{
    /// <summary>Returns expected: those sent, less those the agency showed it had no involvement in.</summary>
    public int Expected => Sent - NotKnown;

    /// <summary>Submitted as a whole percentage of expected, rounded half away from zero; null when nothing is expected.</summary>
    public int? Rate => ReturnsDashboard.Percent(Submitted, Expected);
}

/// <summary>The figures on the returns dashboard, computed from the requests as they stand today.</summary>
public sealed class ReturnsDashboard
{
    private ReturnsDashboard(IReadOnlyList<AgencyResponse> agencies, DateOnly today)
    {
        Agencies = agencies;
        Today = today;
    }

    public IReadOnlyList<AgencyResponse> Agencies { get; }

    public DateOnly Today { get; }

    public int Sent => Agencies.Sum(a => a.Sent);

    public int Expected => Agencies.Sum(a => a.Expected);

    public int Submitted => Agencies.Sum(a => a.Submitted);

    public int Overdue => Agencies.Sum(a => a.Overdue);

    public int? Rate => Percent(Submitted, Expected);

    public static bool IsOpen(ReturnStatus status) => ReturnChaser.Open.Contains(status);

    public static bool IsOverdue(ReturnRequest request, DateOnly today) => IsOpen(request.Status) && request.DueOn < today;

    public static ReturnsDashboard Of(IEnumerable<ReturnRequest> requests, IEnumerable<Agency> agencies, DateOnly today)
    {
        var byAgency = requests.Where(r => r.Status != ReturnStatus.Draft).ToLookup(r => r.AgencyId);
        var rows = agencies.Where(a => byAgency.Contains(a.Id)).OrderBy(a => a.Code).Select(a =>
        {
            var sent = byAgency[a.Id].ToList();
            return new AgencyResponse(a, sent.Count,
                sent.Count(r => r.Status == ReturnStatus.Submitted),
                sent.Count(r => r.Status == ReturnStatus.NotKnownToAgency),
                sent.Count(r => r.Status == ReturnStatus.NoReturn),
                sent.Count(r => IsOpen(r.Status)),
                sent.Count(r => IsOverdue(r, today)));
        }).ToList();
        return new ReturnsDashboard(rows, today);
    }

    /// <summary>A whole-number percentage rounded half away from zero, as spreadsheets round: 33 of 40 is 83.</summary>
    public static int? Percent(int part, int whole) =>
        whole == 0 ? null : (int)Math.Round(100m * part / whole, MidpointRounding.AwayFromZero);
}
