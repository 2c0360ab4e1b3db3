namespace Parallax.Tests.Web;

/// <summary>
/// The bad-input sweep over the spreadsheet uploads: case lists, agencies' chronologies and
/// return workbooks. Each gets an empty file, a picture named .xlsx, a file ten times the size limit, a "zip
/// bomb" workbook, a CSV that is not UTF-8, and workbooks whose XML carries a document type definition (an external
/// entity; the "billion laughs"): each answer is a sentence, never a server error, and nothing is stored.
/// </summary>
public abstract class BadUploadTests(ParallaxAppFactory app)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in new[] { "cases", "chronology", "return" })
        {
            foreach (var file in new[] { "empty", "picture", "tenfold", "zipbomb", "latin1", "dtd", "laughs" })
            {
                // A return form is a workbook only: its CSV case does not apply.
                if (!(target == "return" && file == "latin1")) data.Add(target, file);
            }
        }

        return data;
    }

    // A workbook with the sheets a return form has, so the reader gets as far as the worksheets' XML.
    private static byte[] Workbook() => Parallax.Core.Spreadsheets.WorkbookWriter.Write(
        [new Parallax.Core.Spreadsheets.WorksheetDraft(Parallax.Core.Returns.ReturnWorkbook.MainSheet), new Parallax.Core.Spreadsheets.WorksheetDraft(Parallax.Core.Returns.ReturnWorkbook.KeySheet)]);

    private static (string Name, byte[] Content) File(string kind) => kind switch
    {
        "dtd" => ("entity.xlsx", HostileFiles.WithDoctype(Workbook(), laughs: false)),
        "laughs" => ("laughs.xlsx", HostileFiles.WithDoctype(Workbook(), laughs: true)),
        "empty" => ("empty.csv", []),
        "picture" => ("photo.xlsx", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
        "tenfold" => ("huge.csv", new byte[20 * 1024 * 1024]),
        "zipbomb" => ("bomb.xlsx", HostileFiles.ZipBomb("xl/worksheets/sheet1.xml", 200)),
        _ => ("latin1.csv", Encoding.Latin1.GetBytes("Date,Event\nJune 2017,Paid \u00a320 for \u00e9lectricit\u00e9\n")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_GetsASentence_NeverAServerError_AndStoresNothing(string target, string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var partnership = app.Data.Partnership.Id;
        var (audit, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, partnership, $"Bad upload {target} {kind}", TestAudits.NewUin("BU"), app.Data.Police.Id);

        UploadTarget upload;
        switch (target)
        {
            case "cases":
                upload = new(await app.SignedInBrowserAsync(TestPartnership.Lead), $"/audits/{audit.Id}/cases/import", "CaseList", $"/audits/{audit.Id}/cases/import",
                    () => db.AuditCases.CountAsync(c => c.AuditId == audit.Id));
                break;
            case "chronology":
                var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
                var review = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, $"Child {kind}", "an injury", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 3),
                    new DateOnly(2024, 1, 1), new DateOnly(2025, 3, 1), TestAudits.NewUin("BR"), "BB", 1, Parallax.Core.Cases.Sex.Male, Parallax.Core.Cases.LevelOfNeed.ChildInNeed, []), "test");
                await opening.AddAgencyAsync(review, app.Data.Police.Id);
                await app.SendRequestsOnAsync(review.Id, new DateOnly(2025, 3, 4), 10);
                var request = await db.ChronologyRequests.SingleAsync(r => r.ReviewId == review.Id);
                upload = new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/chronologies/{request.Id}?handler=Upload", "Upload", $"/chronologies/{request.Id}",
                    () => db.ChronologyEvents.CountAsync(e => e.RequestId == request.Id));
                break;
            default:
                var requestId = requests.Single().Id;
                upload = new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/returns/{requestId}?handler=Upload", "Workbook", $"/returns/{requestId}",
                    () => db.AuditReturns.CountAsync(r => r.Id == requestId), new() { ["UploadAction"] = "draft" });
                break;
        }

        var expected = (target, kind) switch
        {
            (_, "empty") => "empty",
            (_, "tenfold") => "smaller than 2 MB",
            (_, "latin1") => "not UTF-8",
            (_, "dtd" or "laughs") => "document type definition (DTD)",
            ("return", _) => "",
            (_, "zipbomb") => "would unpack to",
            _ => "is not an Excel workbook",
        };
        await BadUploads.AnsweredWithASentenceAsync(upload, File(kind), db, $"{target}/{kind}", kind == "tenfold", expected);
    }
}

public sealed class SqliteBadUploadTests(SqliteAppFactory app) : BadUploadTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBadUploadTests(PostgresAppFactory app) : BadUploadTests(app), IClassFixture<PostgresAppFactory>;
