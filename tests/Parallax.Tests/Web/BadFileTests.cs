namespace Parallax.Tests.Web;

/// <summary>
/// The bad-input sweep over the other uploads: tool files and audit packages (JSON) and evidence
/// files on an action. Each gets an empty file, a picture with the right extension, a file far over the limit,
/// invalid UTF-8, and its own kind of bomb (JSON nested past any sensible depth; a document that unpacks to
/// gigabytes). Each answer is a sentence, never a server error, and nothing is stored.
/// </summary>
public abstract class BadFileTests(ParallaxAppFactory app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in new[] { "tool", "package", "evidence" })
        {
            foreach (var file in new[] { "empty", "picture", "oversize", "latin1", "bomb" }) data.Add(target, file);
        }

        return data;
    }

    private static (string Name, byte[] Content) File(string target, string kind) => (target, kind) switch
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

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_GetsASentence_NeverAServerError_AndStoresNothing(string target, string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var partnership = app.Data.Partnership.Id;

        UploadTarget upload;
        switch (target)
        {
            case "tool":
                upload = new(await app.SignedInBrowserAsync(TestPartnership.Lead), "/tools/import", "Upload", "/tools/import",
                    () => db.AuditTools.CountAsync(t => t.PartnershipId == partnership));
                break;
            case "package":
                upload = new(await app.SignedInBrowserAsync(TestPartnership.Lead), "/audits/import", "Package", "/audits/import",
                    () => db.Audits.CountAsync(a => a.PartnershipId == partnership));
                break;
            default:
                var action = await TestAudits.PoliceActionAsync(scope.ServiceProvider, app.Data, $"Bad evidence {kind}", TestAudits.NewUin("BE"), new DateOnly(2030, 6, 14));
                upload = new(await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor), $"/my-actions/{action.Id}", "Files", $"/my-actions/{action.Id}",
                    () => db.ActionUpdates.CountAsync(u => u.ActionId == action.Id), new() { ["Progress"] = nameof(ActionProgress.OnTrack), ["Note"] = "Prompt drafted" });
                break;
        }

        var expected = (target, kind) switch
        {
            (_, "empty") => "empty",
            (_, "oversize") => "larger than",
            (_, "latin1") => "UTF-8",
            ("evidence", "picture") => "is not a PDF",
            ("evidence", "bomb") => "would unpack to",
            // A tool is an object: nested arrays are refused as the wrong shape before their depth matters.
            ("tool", "bomb") => "not valid JSON",
            (_, "bomb") => "nests values far more deeply",
            _ => "not UTF-8 text",
        };
        await BadUploads.AnsweredWithASentenceAsync(upload, File(target, kind), db, $"{target}/{kind}", kind == "oversize", expected);
    }
}

public sealed class SqliteBadFileTests(SqliteAppFactory app) : BadFileTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBadFileTests(PostgresAppFactory app) : BadFileTests(app), IClassFixture<PostgresAppFactory>;
