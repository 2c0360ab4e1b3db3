namespace Parallax.Core.Analysis;

/// <summary>
/// Who may read a case's compiled returns: leads (and administrators) always; panel members after the returns deadline,
/// or at any time where the lead opened the returns to the panel only; an agency that submitted a return on the case,
/// after the deadline, unless the lead kept the returns to leads and panel. One rule for the compiled returns themselves, the
/// panel member's list of cases and the agency's list of returns, so a link is shown exactly where the page opens.
/// </summary>
public static class CollationReading
{
    /// <summary>
    /// The panel member's part of <see cref="MayRead"/> as a query over audits, for lists that find in the database which
    /// audits' cases a panel member may read today (the home page). Kept beside <see cref="MayRead"/>: change both together.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Audit, bool>> PanelMayRead(DateOnly today) =>
        a => a.CollationAccess == CollationAccess.LeadsAndPanelOnly || a.ReturnsDueOn < today;

    public static bool MayRead(Caller caller, CollationAccess access, bool afterDeadline, bool agencySubmitted)
    {
        if (caller.IsLead) return true;
        if (caller.Roles.Contains(Roles.PanelMember)) return access == CollationAccess.LeadsAndPanelOnly || afterDeadline;
        return caller.Roles.Contains(Roles.AgencyAuditor) && caller.AgencyId is not null
            && access == CollationAccess.AfterDeadline && afterDeadline && agencySubmitted;
    }
}
