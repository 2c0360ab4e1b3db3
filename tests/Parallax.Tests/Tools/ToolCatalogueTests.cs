namespace Parallax.Tests.Tools;

public abstract class ToolCatalogueTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private Guid partnershipId;

    public async Task InitializeAsync()
    {
        database = TestDatabase.Create(provider);
        services = database.CommandServices(AuditActor.System);
        await using var scope = services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
        partnershipId = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync("Toolshire SCP")).Id;
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<T> WithCatalogue<T>(Func<ToolCatalogue, ParallaxDbContext, Task<T>> act)
    {
        await using var scope = services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<ToolCatalogue>(), scope.ServiceProvider.GetRequiredService<ParallaxDbContext>());
    }

    private Task<AuditTool> ImportTemplate(string key) =>
        WithCatalogue((c, _) => c.ImportAsync(partnershipId, ToolTemplates.Find(key)!.Document, key));

    [Theory]
    [InlineData("jtai-domestic-abuse")]
    [InlineData("substance-misuse")]
    [InlineData("trigger-trio")]
    public async Task StoredTemplate_ExportsExactlyAsShipped(string key)
    {
        var tool = await ImportTemplate(key);

        var exported = await WithCatalogue(async (c, _) =>
        {
            var found = (await c.FindAsync(partnershipId, tool.Id, 1))!.Value;
            return ToolInterchange.Serialize(ToolMapping.ToDocument(found.Tool, found.Version));
        });

        Assert.Equal(ToolInterchange.Serialize(ToolTemplates.Find(key)!.Document), exported);
    }

    /// <summary>Full question text made the report's collated data run over five pages: the shipped JTAI tool carries a short label for each question.</summary>
    [Fact]
    public async Task TheJtaiTemplate_GivesEveryQuestionAShortLabel_SoTheCollatedDataIsOneShortTable()
    {
        var tool = await ImportTemplate("jtai-domestic-abuse");
        var questions = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version.Sections.SelectMany(s => s.Questions).ToList());

        Assert.Equal(51, questions.Count);
        Assert.All(questions, q => Assert.False(string.IsNullOrWhiteSpace(q.ShortLabel), q.Code));
        Assert.All(questions, q => Assert.True(q.ShortLabel!.Length <= 50, $"{q.Code}: {q.ShortLabel}"));
        Assert.Equal(questions.Count, questions.Select(q => q.ShortLabel).Distinct().Count());
    }

    [Fact]
    public async Task FrozenVersion_RefusesEditsAndEditingMakesANewDraft()
    {
        var tool = await ImportTemplate("trigger-trio");
        var v1 = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version);
        await WithCatalogue(async (c, _) => { await c.FreezeAsync(v1.Id); return 0; });

        var refused = await Assert.ThrowsAsync<DomainException>(() => WithCatalogue(async (c, _) =>
        {
            await c.RemoveQuestionAsync(partnershipId, tool.Id, 1, v1.Version, v1.Sections[0].Questions[0].Id);
            return 0;
        }));
        Assert.Contains("in use by an audit", refused.Message);

        var draft = await WithCatalogue((c, _) => c.DraftAsync(partnershipId, tool.Id));
        Assert.Equal(2, draft.Number);
        Assert.Null(draft.FrozenAt);
        await WithCatalogue(async (c, _) =>
        {
            var question = draft.Sections.Single().Questions.First();
            await c.RemoveQuestionAsync(partnershipId, tool.Id, 2, draft.Version, question.Id);
            return 0;
        });

        var (frozen, edited) = await WithCatalogue(async (c, _) =>
            ((await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version, (await c.FindAsync(partnershipId, tool.Id, 2))!.Value.Version));
        Assert.Equal(6, frozen.Sections.Single().Questions.Count);
        Assert.Equal(5, edited.Sections.Single().Questions.Count);
        Assert.Equal(Enumerable.Range(1, 5), edited.Sections.Single().Questions.Select(q => q.Order));
    }

    [Fact]
    public async Task TwoEditorsOfOneDraft_TheSecondIsRefusedAndNothingIsLost()
    {
        var tool = await WithCatalogue((c, _) => c.CreateAsync(partnershipId, "Dip sample", null));
        var loaded = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version);
        var section = new SectionInput("Strategy meetings", null, false, null, SectionApplicability.AllAgencies, [], SectionScope.EachCase);

        await WithCatalogue((c, _) => c.AddSectionAsync(partnershipId, tool.Id, 1, loaded.Version, section));
        await Assert.ThrowsAsync<EditConflictException>(() =>
            WithCatalogue((c, _) => c.AddSectionAsync(partnershipId, tool.Id, 1, loaded.Version, section with { Title = "Attendance" })));

        var titles = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version.Sections.Select(s => s.Title).ToList());
        Assert.Equal(["Strategy meetings"], titles);
    }

    [Fact]
    public async Task KeptInMemory_OnlyOnceFrozen_SoEveryEditOfADraftShows()
    {
        var tool = await WithCatalogue((c, _) => c.CreateAsync(partnershipId, "Kept in memory", null));
        var draft = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version);
        var kept = services.GetRequiredService<FrozenToolVersions>();
        Assert.Empty((await WithCatalogue((_, db) => kept.LoadAsync(db, draft.Id))).Sections);

        // A draft is read afresh each time, so the designer's edit shows on the next read.
        await WithCatalogue((c, _) => c.AddSectionAsync(partnershipId, tool.Id, 1, draft.Version,
            new SectionInput("Strategy meetings", null, false, null, SectionApplicability.AllAgencies, [], SectionScope.EachCase)));
        Assert.Equal(["Strategy meetings"], (await WithCatalogue((_, db) => kept.LoadAsync(db, draft.Id))).Sections.Select(s => s.Title));

        // Frozen (an audit uses it), it never changes again: read once, then handed out from memory.
        await WithCatalogue(async (c, _) => { await c.FreezeAsync(draft.Id); return 0; });
        var first = await WithCatalogue((_, db) => kept.LoadAsync(db, draft.Id));
        Assert.Same(first, await WithCatalogue((_, db) => kept.LoadAsync(db, draft.Id)));
        Assert.Equal(["Strategy meetings"], first.Sections.Select(s => s.Title));
    }

    [Fact]
    public async Task AddQuestion_WithACodeAlreadyUsed_IsRefusedForTheCodeField()
    {
        var tool = await ImportTemplate("trigger-trio");
        var version = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version);

        var error = await Assert.ThrowsAsync<DomainException>(() => WithCatalogue((c, _) => c.AddQuestionAsync(partnershipId, tool.Id, 1, version.Version, version.Sections[0].Id,
            new QuestionInput("tt3", "Again?", null, QuestionKind.FreeText, true, false, false, []))));

        Assert.Equal(nameof(QuestionInput.Code), error.Field);
        Assert.Contains("already has the code tt3", error.Message);
    }

    [Fact]
    public async Task MoveQuestion_Up_SwapsItWithTheOneBefore()
    {
        var tool = await ImportTemplate("trigger-trio");
        var version = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version);
        var tt3 = version.Sections[0].Questions.Single(q => q.Code == "TT3");

        await WithCatalogue(async (c, _) => { await c.MoveQuestionAsync(partnershipId, tool.Id, 1, version.Version, tt3.Id, -1); return 0; });

        var codes = await WithCatalogue(async (c, _) => (await c.FindAsync(partnershipId, tool.Id, 1))!.Value.Version.Sections[0].Questions.Select(q => q.Code).ToList());
        Assert.Equal(["TT1", "TT3", "TT2", "TT4", "TT5", "TT6"], codes);
    }

    [Fact]
    public async Task ImportingTheSameToolTwice_KeepsBothUnderDistinctNames()
    {
        await ImportTemplate("trigger-trio");
        await ImportTemplate("trigger-trio");

        var names = await WithCatalogue((c, db) => db.AuditTools.Where(t => t.PartnershipId == partnershipId).Select(t => t.Name).OrderBy(n => n).ToListAsync());

        Assert.Equal(["Trigger trio: outcomes for the child", "Trigger trio: outcomes for the child (2)"], names);
    }
}

public sealed class ToolCatalogueTestsSqlite() : ToolCatalogueTests(DatabaseProvider.Sqlite);

public sealed class ToolCatalogueTestsPostgres() : ToolCatalogueTests(DatabaseProvider.Postgres);
