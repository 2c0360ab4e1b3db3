namespace Parallax.Tests.Web;

/// <summary>
/// The bad-input sweep over every upload. The spreadsheets (case lists, agencies' chronologies, return workbooks) get
/// an empty file, a picture named .xlsx, a file ten times the size limit, a "zip bomb" workbook, a CSV that is not
/// UTF-8, and workbooks whose XML carries a document type definition (an external entity; the "billion laughs"). The
/// other files (tools and audit packages in JSON, evidence on an action) get an empty file, a picture with the right
/// extension, a file far over the limit, invalid UTF-8, and their own kind of bomb (JSON nested past any sensible
/// depth; a document that unpacks to gigabytes). Each answer is a sentence, never a server error, and nothing is stored.
/// </summary>
public abstract class BadUploadTests(ParallaxAppFactory app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static readonly string[] Spreadsheets = ["cases", "chronology", "return"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Spreadsheets)
        {
            foreach (var file in new[] { "empty", "picture", "tenfold", "zipbomb", "latin1", "dtd", "laughs" })
            {
                // A return form is a workbook only: its CSV case does not apply.
                if (!(target == "return" && file == "latin1")) data.Add(target, file);
            }
        }

        foreach (var target in new[] { "tool", "package", "evidence" })
        {
            foreach (var file in new[] { "empty", "picture", "oversize", "latin1", "bomb" }) data.Add(target, file);
        }

        return data;
    }

    // A workbook with the sheets a return form has, so the reader gets as far as the worksheets' XML.
    private static byte[] Workbook() => Parallax.Core.Spreadsheets.WorkbookWriter.Write(
        [new Parallax.Core.Spreadsheets.WorksheetDraft(Parallax.Core.Returns.ReturnWorkbook.MainSheet), new Parallax.Core.Spreadsheets.WorksheetDraft(Parallax.Core.Returns.ReturnWorkbook.KeySheet)]);

    private static (string Name, byte[] Content) SpreadsheetFile(string kind) => kind switch
    {
        "dtd" => ("entity.xlsx", HostileFiles.WithDoctype(Workbook(), laughs: false)),
        "laughs" => ("laughs.xlsx", HostileFiles.WithDoctype(Workbook(), laughs: true)),
        "empty" => ("empty.csv", []),
        "picture" => ("photo.xlsx", Png),
        "tenfold" => ("huge.csv", new byte[20 * 1024 * 1024]),
        "zipbomb" => ("bomb.xlsx", HostileFiles.ZipBomb("xl/worksheets/sheet1.xml", 200)),
        _ => ("latin1.csv", Encoding.Latin1.GetBytes("Date,Event\nJune 2017,Paid \u00a320 for \u00e9lectricit\u00e9\n")),
    };

    private static (string Name, byte[] Content) OtherFile(string target, string kind) => (target, kind) switch
    {
        ("evidence", "empty") => ("minutes.pdf", []),
        (_, "empty") => ("empty.json", []),
        ("evidence", "picture") => ("minutes.pdf", Png),
        (_, "picture") => ("tool.json", Png),
        // Ten times the limit for tools (1 MB) and evidence (10 MB); a package's limit is 50 MB, so just over it.
        ("tool", "oversize") => ("tool.json", new byte[10 * 1024 * 1024]),
        ("package", "oversize") => ("package.json", new byte[51 * 1024 * 1024]),
        ("evidence", "oversize") => ("minutes.pdf", new byte[100 * 1024 * 1024]),
        ("evidence", "latin1") => ("note.txt", Encoding.Latin1.GetBytes("Paid \u00a320 for \u00e9lectricit\u00e9\n")),
        (_, "latin1") => ("latin1.json", Encoding.Latin1.GetBytes("{\"name\": \"Caf\u00e9 audit\"}")),
        ("evidence", _) => ("minutes.docx", HostileFiles.ZipBomb("word/document.xml", 300)),
        _ => ("deep.json", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
    };

    private static string Expected(string target, string kind) => (target, kind) switch
    {
        (_, "empty") => "empty",
        (_, "tenfold") => "smaller than 2 MB",
        (_, "oversize") => "larger than",
        (_, "dtd" or "laughs") => "document type definition (DTD)",
        ("return", _) => "",
        (_, "zipbomb") => "would unpack to",
        ("cases" or "chronology", "latin1") => "not UTF-8",
        ("cases" or "chronology", _) => "is not an Excel workbook",
        (_, "latin1") => "UTF-8",
        ("evidence", "picture") => "is not a PDF",
        ("evidence", "bomb") => "would unpack to",
        // A tool is an object: nested arrays are refused as the wrong shape before their depth matters.
        ("tool", "bomb") => "not valid JSON",
        (_, "bomb") => "nests values far more deeply",
        _ => "not UTF-8 text",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_GetsASentence_NeverAServerError_AndStoresNothing(string target, string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var partnership = app.Data.Partnership.Id;
        var upload = await TargetAsync(scope.ServiceProvider, db, partnership, target, kind);
        var file = Spreadsheets.Contains(target) ? SpreadsheetFile(kind) : OtherFile(target, kind);
        await BadUploads.AnsweredWithASentenceAsync(upload, file, db, $"{target}/{kind}", kind is "tenfold" or "oversize", Expected(target, kind));
    }

    private async Task<UploadTarget> TargetAsync(IServiceProvider services, ParallaxDbContext db, Guid partnership, string target, string kind)
    {
        switch (target)
        {
            case "cases":
                var (audit, _, _) = await TestAudits.SentAsync(services, partnership, $"Bad upload {target} {kind}", TestAudits.NewUin("BU"), app.Data.Police.Id);
                return new(await app.SignedInBrowserAsync(TestPartnership.Lead), $"/audits/{audit.Id}/cases/import", "CaseList", $"/audits/{audit.Id}/cases/import",
                    () => db.AuditCases.CountAsync(c => c.AuditId == audit.Id));

            case "chronology":
                var opening = services.GetRequiredService<ReviewOpening>();
                var review = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, $"Child {kind}", "an injury", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 3),
                    new DateOnly(2024, 1, 1), new DateOnly(2025, 3, 1), TestAudits.NewUin("BR"), "BB", 1, Parallax.Core.Cases.Sex.Male, Parallax.Core.Cases.LevelOfNeed.ChildInNeed, []), "test");
                await opening.AddAgencyAsync(review, app.Data.Police.Id);
                await app.SendRequestsOnAsync(review.Id, new DateOnly(2025, 3, 4), 10);
                var request = await db.ChronologyRequests.SingleAsync(r => r.ReviewId == review.Id);
                return new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/chronologies/{request.Id}?handler=Upload", "Upload", $"/chronologies/{request.Id}",
                    () => db.ChronologyEvents.CountAsync(e => e.RequestId == request.Id));

            case "return":
                var (_, _, requests) = await TestAudits.SentAsync(services, partnership, $"Bad upload {target} {kind}", TestAudits.NewUin("BU"), app.Data.Police.Id);
                var requestId = requests.Single().Id;
                return new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/returns/{requestId}?handler=Upload", "Workbook", $"/returns/{requestId}",
                    () => db.AuditReturns.CountAsync(r => r.Id == requestId), new() { ["UploadAction"] = "draft" });

            case "tool":
                return new(await app.SignedInBrowserAsync(TestPartnership.Lead), "/tools/import", "Upload", "/tools/import",
                    () => db.AuditTools.CountAsync(t => t.PartnershipId == partnership));
            case "package":
                return new(await app.SignedInBrowserAsync(TestPartnership.Lead), "/audits/import", "Package", "/audits/import",
                    () => db.Audits.CountAsync(a => a.PartnershipId == partnership));
            default:
                var action = await TestAudits.PoliceActionAsync(services, app.Data, $"Bad evidence {kind}", TestAudits.NewUin("BE"), new DateOnly(2030, 6, 14));
                return new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/my-actions/{action.Id}", "Files", $"/my-actions/{action.Id}",
                    () => db.ActionUpdates.CountAsync(u => u.ActionId == action.Id), new() { ["Progress"] = nameof(ActionProgress.OnTrack), ["Note"] = "Prompt drafted" });
        }
    }
}

public sealed class SqliteBadUploadTests(SqliteAppFactory app) : BadUploadTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBadUploadTests(PostgresAppFactory app) : BadUploadTests(app), IClassFixture<PostgresAppFactory>;
