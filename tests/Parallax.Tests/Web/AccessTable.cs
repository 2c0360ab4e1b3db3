namespace Parallax.Tests.Web;

/// <summary>
/// The access table: every page of the product as each kind of user, and the status each must get. Read by
/// <see cref="AccessMatrixTests"/> (which asks every route to be in it) and by the size benchmark's crawl
/// (bench/Parallax.Bench/SizeCrawl.cs, which compiles this file in), so the two never drift apart.
/// </summary>
public static class AccessTable
{
    public const int Ok = 200, No = 403, Nf = 404;

    // Columns in the order of Users: admin, lead, police, school (other agency), panel, viewer, other partnership's lead.
    private static readonly int[] Everyone = [Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static readonly int[] AdminOnly = [Ok, No, No, No, No, No, No];
    private static readonly int[] LeadsList = [Ok, Ok, No, No, No, No, Ok];
    private static readonly int[] LeadsRecord = [Ok, Ok, No, No, No, No, Nf];
    private static readonly int[] AgencyList = [No, No, Ok, Ok, No, No, No];
    private static readonly int[] PoliceRecord = [No, No, Ok, Nf, No, No, No];
    private static readonly int[] PlanList = [Ok, Ok, No, No, No, Ok, Ok];
    private static readonly int[] PlanRecord = [Ok, Ok, No, No, No, Ok, Nf];
    private static readonly int[] ReadersList = [Ok, Ok, No, No, Ok, Ok, Ok];
    // A review its lead has not opened to panel members and viewers (the default; decision 0071): not found by them.
    private static readonly int[] ClosedReview = [Ok, Ok, No, No, Nf, Nf, Nf];
    private static readonly int[] OpenedReview = [Ok, Ok, No, No, Ok, Ok, Nf];

    public static readonly (string Route, int[] Expected)[] Matrix =
    [
        ("/", Everyone),
        ("/account/two-factor/set-up", Everyone),
        ("/account", Everyone),
        ("/account/password", Everyone),
        ("/account/recovery-codes", Everyone),
        ("/account/partnership", Everyone),
        // Signing out is a form (POST); the address itself sends the user home.
        ("/sign-out", [302, 302, 302, 302, 302, 302, 302]),
        ("/agencies", Everyone),

        ("/admin/users", AdminOnly),
        ("/admin/users/invite", AdminOnly),
        ("/admin/users/import", AdminOnly),
        ("/admin/users/import?handler=Template", AdminOnly),
        ("/admin/users/{user}", AdminOnly),
        ("/admin/audit-trail", AdminOnly),
        ("/admin/settings", AdminOnly),
        ("/admin/mail", AdminOnly),
        ("/admin/bank-holidays", AdminOnly),
        ("/admin/agencies", AdminOnly),
        ("/admin/agencies/new", AdminOnly),
        ("/admin/agencies/import", AdminOnly),
        ("/admin/agencies/standard", AdminOnly),
        ("/admin/agencies/import?handler=Template", AdminOnly),
        ("/admin/agencies/import?handler=Workbook", AdminOnly),
        ("/admin/agencies/{agency}", AdminOnly),

        ("/tools", LeadsList),
        ("/tools/new", LeadsList),
        ("/tools/import", LeadsList),
        ("/tools/{tool}/v/1", LeadsRecord),
        ("/tools/{tool}/v/1?handler=Export", LeadsRecord),
        ("/tools/{tool}/v/1?handler=Word", LeadsRecord),
        ("/tools/{tool}/v/1/preview", LeadsRecord),
        ("/tools/{tool}/v/1/print", LeadsRecord),
        ("/tools/{tool}/v/1/sections/{section}", LeadsRecord),
        ("/tools/{tool}/v/1/sections/{section}/questions/{question}", LeadsRecord),

        ("/audits", LeadsList),
        ("/audits/new", LeadsList),
        ("/audits/import", LeadsList),
        ("/audits/themes", LeadsList),
        ("/audits/{audit}", LeadsRecord),
        ("/audits/{audit}?handler=Package", LeadsRecord),
        ("/audits/{audit}/team", LeadsRecord),
        ("/audits/{audit}/terms", LeadsRecord),
        ("/audits/{audit}/cases/new", LeadsRecord),
        ("/audits/{audit}/cases/import", LeadsRecord),
        ("/audits/{audit}/cases/import?handler=Template", LeadsRecord),
        ("/audits/{audit}/cases/{case}/agencies", LeadsRecord),
        ("/audits/{audit}/cases/{case}/edit", LeadsRecord),
        ("/audits/{audit}/returns", LeadsRecord),
        ("/audits/{audit}/returns/send", LeadsRecord),
        ("/audits/{audit}/returns/sent", LeadsRecord),
        ("/audits/{audit}/returns/{request}", LeadsRecord),
        ("/audits/{audit}/returns/{request}?handler=Workbook", LeadsRecord),
        ("/audits/{audit}/analysis", LeadsRecord),
        ("/audits/{audit}/cases/{case}/panel", LeadsRecord),
        // Before the returns deadline only leads read the compiled returns (CollationReadingTests covers after it).
        ("/audits/{audit}/cases/{case}/compiled", [Ok, Ok, Nf, Nf, Nf, Nf, Nf]),
        ("/panel", [Ok, Ok, No, No, Ok, No, Ok]),
        ("/audits/{audit}/findings", LeadsRecord),
        ("/audits/{audit}/panel", LeadsRecord),
        ("/audits/{audit}/recommendations", LeadsRecord),
        ("/audits/{audit}/recommendations/{recommendation}/actions/new", LeadsRecord),
        ("/audits/{audit}/report", LeadsRecord),
        ("/audits/{audit}/report/preview", LeadsRecord),
        ("/audits/{audit}/report/preview?version=1", LeadsRecord),
        ("/audits/{audit}/report/sections/executive-summary", LeadsRecord),
        ("/audits/{audit}/report/versions/1/final", LeadsRecord),
        ("/audits/{audit}/report?handler=Download&number=1&format=Docx", LeadsRecord),
        ("/audits/{audit}/report?handler=Download&number=1&format=Xlsx", LeadsRecord),

        ("/returns", AgencyList),
        ("/returns/{request}", PoliceRecord),
        ("/returns/{request}?handler=Workbook", PoliceRecord),
        ("/returns/{request}?all=true", PoliceRecord),
        ("/returns/{request}/sections/1", PoliceRecord),
        ("/returns/{request}/check", PoliceRecord),
        ("/returns/{request}/submitted", PoliceRecord),

        ("/actions", PlanList),
        ("/actions?handler=Workbook", PlanList),
        ("/actions?handler=Paper", PlanList),
        ("/actions/{action}", PlanRecord),
        // No such file: those who may open the action are told so; the others are refused as for the action.
        ("/actions/{action}?handler=File&fileId={nothing}", [Nf, Nf, No, No, No, Nf, Nf]),
        ("/my-actions", AgencyList),
        ("/my-actions/{action}", PoliceRecord),
        ("/my-actions/{action}?handler=File&fileId={nothing}", [No, No, Nf, Nf, No, No, No]),
        ("/dashboard", PlanList),
        ("/learning", PlanList),
        ("/reports", PlanList),
        // No version is final yet, so there is no report to read (HomePageTests reads one as the viewer).
        ("/reports/{audit}", [Nf, Nf, No, No, No, Nf, Nf]),

        ("/reviews", LeadsList),
        ("/reviews/new", LeadsList),
        ("/reviews/event-types", LeadsList),
        ("/reviews/{review}", LeadsRecord),
        ("/reviews/{review}?handler=Report", LeadsRecord),
        ("/reviews/{review}?handler=ReportPdf", LeadsRecord),
        ("/reviews/{review}/details", LeadsRecord),
        ("/reviews/{review}/chronology", LeadsRecord),
        ("/reviews/{review}/chronology?handler=Word", LeadsRecord),
        ("/reviews/{review}/chronology?handler=Workbook", LeadsRecord),
        ("/reviews/{review}/indicators", LeadsRecord),
        ("/reviews/{review}/chronology/retype?event={event}", LeadsRecord),
        ("/reviews/{review}/learning", LeadsRecord),
        ("/reviews/{review}/recommendations/{reviewRecommendation}/actions/new", LeadsRecord),
        // The Rapid Review process (decisions 0072, 0073): the lead's pages, on the shared review, which is a Rapid Review.
        ("/reviews/{sharedReview}/rapid", LeadsRecord),
        ("/reviews/{sharedReview}/rapid?handler=Pack", LeadsRecord),
        ("/reviews/{sharedReview}/rapid?handler=PackPdf", LeadsRecord),
        ("/reviews/{sharedReview}/rapid/summaries", LeadsRecord),
        ("/reviews/{sharedReview}/rapid/summaries/{rapidChronology}", LeadsRecord),
        ("/reviews/{sharedReview}/rapid/sign-off", LeadsRecord),
        ("/reviews/{sharedReview}/milestones", LeadsRecord),
        // A practice review has no Rapid Review process: not found, even by its leads.
        ("/reviews/{review}/rapid", [Nf, Nf, No, No, No, No, Nf]),
        ("/reviews/shared", ReadersList),
        ("/reviews/{review}/read", ClosedReview),
        ("/reviews/{review}/read/chronology", ClosedReview),
        ("/reviews/{review}/read/chronology?handler=Word", ClosedReview),
        ("/reviews/{review}/read/chronology?handler=Workbook", ClosedReview),
        ("/reviews/{sharedReview}/read", OpenedReview),
        ("/reviews/{sharedReview}/read/chronology", OpenedReview),
        ("/reviews/{sharedReview}/read/chronology?handler=Word", OpenedReview),
        ("/reviews/{sharedReview}/read/chronology?handler=Workbook", OpenedReview),

        ("/chronologies", AgencyList),
        ("/chronologies/{chronology}", PoliceRecord),
        ("/chronologies/{chronology}?handler=Template", PoliceRecord),
        ("/chronologies/{chronology}/events/new", PoliceRecord),
        ("/chronologies/{chronology}/events/{event}", PoliceRecord),
        ("/chronologies/{rapidChronology}/summary", PoliceRecord),
        // A practice review's chronology has no agency summary.
        ("/chronologies/{chronology}/summary", [No, No, Nf, Nf, No, No, No]),
        // The lead has not shared the merged chronology, so no agency reads it yet (ReviewPageTests shares it).
        ("/chronologies/{chronology}/merged", [No, No, Nf, Nf, No, No, No]),
        ("/chronologies/{chronology}/merged?handler=Word", [No, No, Nf, Nf, No, No, No]),
        ("/chronologies/{chronology}/merged?handler=Workbook", [No, No, Nf, Nf, No, No, No]),
    ];
}
