namespace Parallax.Features.Audits;

public static class AuditDisplay
{
    public static string Describe(AuditStatus status) => status switch
    {
        AuditStatus.Planning => "Planning",
        AuditStatus.ReturnsOpen => "Returns open",
        AuditStatus.Panel => "Panel",
        AuditStatus.Reporting => "Reporting",
        AuditStatus.Actions => "Actions",
        AuditStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    /// <summary>A change of a request's status as what happened ("Sent to the agency"), not two states side by side.</summary>
    public static string DescribeChange(Parallax.Core.Returns.ReturnStatus from, Parallax.Core.Returns.ReturnStatus to) => (from, to) switch
    {
        (Parallax.Core.Returns.ReturnStatus.Draft, Parallax.Core.Returns.ReturnStatus.Requested) => "Sent to the agency",
        (_, Parallax.Core.Returns.ReturnStatus.InProgress) when from is Parallax.Core.Returns.ReturnStatus.Submitted => "Reopened for the agency to change",
        (_, Parallax.Core.Returns.ReturnStatus.InProgress) => "Started by the agency",
        (_, Parallax.Core.Returns.ReturnStatus.Submitted) => "Submitted",
        (_, Parallax.Core.Returns.ReturnStatus.ExtensionGranted) => "Extension granted",
        (_, Parallax.Core.Returns.ReturnStatus.NotKnownToAgency) => "Marked not known to the agency",
        (_, Parallax.Core.Returns.ReturnStatus.NoReturn) => "Marked no return",
        _ => $"{Describe(from)} to {Describe(to).ToLowerInvariant()}",
    };

    public static string Describe(Parallax.Core.Returns.ReturnStatus status) => status switch
    {
        Parallax.Core.Returns.ReturnStatus.Draft => "Not sent",
        Parallax.Core.Returns.ReturnStatus.Requested => "Requested",
        Parallax.Core.Returns.ReturnStatus.InProgress => "In progress",
        Parallax.Core.Returns.ReturnStatus.Submitted => "Submitted",
        Parallax.Core.Returns.ReturnStatus.NotKnownToAgency => "Not known",
        Parallax.Core.Returns.ReturnStatus.NoReturn => "No return",
        Parallax.Core.Returns.ReturnStatus.ExtensionGranted => "Extended",
        _ => status.ToString(),
    };

    /// <summary>The label and GOV.UK tag colour of a request in the returns matrix, with lateness and extensions shown.</summary>
    public static (string Label, string Colour) Tag(Parallax.Core.Returns.ReturnRequest request, DateOnly auditDue, DateOnly today)
    {
        var overdue = Parallax.Core.Returns.ReturnsDashboard.IsOverdue(request, today);
        return request.Status switch
        {
            Parallax.Core.Returns.ReturnStatus.Submitted => ("Submitted", "green"),
            Parallax.Core.Returns.ReturnStatus.NotKnownToAgency => ("Not known", "purple"),
            Parallax.Core.Returns.ReturnStatus.NoReturn => ("No return", "red"),
            Parallax.Core.Returns.ReturnStatus.Draft => ("Not sent", "grey"),
            _ when overdue => ("Overdue", "red"),
            _ when request.DueOn > auditDue => ($"Extended to {request.DueOn:d MMM}", "yellow"),
            Parallax.Core.Returns.ReturnStatus.InProgress => ("In progress", "light-blue"),
            _ => ("Requested", "blue"),
        };
    }

    public static readonly (string Label, string Meaning)[] Key =
    [
        ("Not sent", "The request is created but not yet sent to the agency."),
        ("Requested", "Sent; the agency has not started its return."),
        ("In progress", "The agency has saved a draft."),
        ("Extended to (date)", "The lead gave the agency until that date."),
        ("Overdue", "Not submitted and past its due date."),
        ("Submitted", "The agency submitted its return."),
        ("Not known", "The agency had no involvement with the child or the linked adults, and gave a reason."),
        ("No return", "The due date passed and the lead recorded that no return came."),
    ];
}
