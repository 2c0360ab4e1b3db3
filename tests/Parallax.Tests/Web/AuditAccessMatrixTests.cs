using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Data;
using Parallax.Core.Reports;
using Parallax.Core.Returns;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Web;

/// <summary>
/// Who may open each page of audits and returns: one table, every role, plus the school's auditor (another
/// agency) and another partnership's lead. 403 where the role may never come; 404 where the role may, but
/// the record is not theirs.
/// </summary>
public abstract class AuditAccessMatrixTests(ParallaxAppFactory app)
{
    private static readonly string[] Users =
    [
        TestPartnership.Admin, TestPartnership.Lead, TestPartnership.PoliceAuditor, TestPartnership.SchoolAuditor,
        TestPartnership.Panel, TestPartnership.Viewer, TestPartnership.OtherLead,
    ];

    // Columns in the order of Users: admin, lead, police, school (other agency), panel, viewer, other partnership's lead.
    private static readonly (string Route, int[] Expected)[] Matrix =
    [
        ("/audits", [200, 200, 403, 403, 403, 403, 200]),
        ("/audits/{audit}", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/team", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/cases/new", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/cases/import", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/cases/import?handler=Template", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/cases/{case}/agencies", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/returns", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/returns/{request}", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/returns/{request}?handler=Workbook", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/analysis", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/cases/{case}/panel", [200, 200, 403, 403, 403, 403, 404]),
        // Before the returns deadline only leads read the compiled view (CompiledViewTests covers after it).
        ("/audits/{audit}/cases/{case}/compiled", [200, 200, 404, 404, 404, 404, 404]),
        ("/panel", [200, 200, 403, 403, 200, 403, 200]),
        ("/audits/{audit}/findings", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/panel", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}?handler=Package", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/import", [200, 200, 403, 403, 403, 403, 200]),
        ("/audits/themes", [200, 200, 403, 403, 403, 403, 200]),
        ("/audits/{audit}/report", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report/preview", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report/preview?version=1", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report/sections/executive-summary", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report/versions/1/final", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report?handler=Download&number=1&format=Docx", [200, 200, 403, 403, 403, 403, 404]),
        ("/audits/{audit}/report?handler=Download&number=1&format=Xlsx", [200, 200, 403, 403, 403, 403, 404]),
        ("/returns", [403, 403, 200, 200, 403, 403, 403]),
        ("/returns/{request}", [403, 403, 200, 404, 403, 403, 403]),
        ("/returns/{request}?handler=Workbook", [403, 403, 200, 404, 403, 403, 403]),
        ("/admin/mail", [200, 403, 403, 403, 403, 403, 403]),
        ("/admin/bank-holidays", [200, 403, 403, 403, 403, 403, 403]),
    ];

    [Fact]
    public async Task EveryRole_GetsWhatTheTableSays()
    {
        Guid audit, @case, request;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sent = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Access audit", "AX-1", app.Data.Police.Id);
            (audit, @case, request) = (sent.Audit.Id, sent.Case.Id, sent.Requests.Single().Id);
            await scope.ServiceProvider.GetRequiredService<AuditReports>().GenerateAsync(app.Data.Partnership.Id, audit, "lead");
        }

        var failures = new List<string>();
        for (var u = 0; u < Users.Length; u++)
        {
            var browser = await app.SignedInBrowserAsync(Users[u]);
            foreach (var (route, expected) in Matrix)
            {
                var url = route.Replace("{audit}", audit.ToString()).Replace("{case}", @case.ToString()).Replace("{request}", request.ToString());
                var status = (int)(await browser.GetAsync(url)).StatusCode;
                if (status != expected[u]) failures.Add($"{Users[u]} GET {route}: expected {expected[u]}, got {status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

public sealed class SqliteAuditAccessMatrixTests(SqliteAppFactory app) : AuditAccessMatrixTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuditAccessMatrixTests(PostgresAppFactory app) : AuditAccessMatrixTests(app), IClassFixture<PostgresAppFactory>;
