namespace Parallax.Tests.Tools;

public class ToolInterchangeTests
{
    private static DomainException Refused(string json) =>
        Assert.Throws<DomainException>(() => ToolInterchange.Parse(Encoding.UTF8.GetBytes(json)));

    private const string Valid = """
        {"schemaVersion":1,"name":"Short tool","sections":[{"title":"Outcomes","hasJudgement":true,"questions":[
          {"code":"Q1","text":"Is the child safer?","kind":"yesNoNa","commentRequiredOnNo":true,"commentRequiredOnNa":true},
          {"code":"Q2","text":"Pattern of use","kind":"singleChoice","options":["Occasional","Dependent"]}]}]}
        """;

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var tool = ToolInterchange.Parse(Encoding.UTF8.GetBytes(Valid));

        var section = Assert.Single(tool.Sections);
        Assert.True(section.HasJudgement);
        Assert.Equal(QuestionKind.SingleChoice, section.Questions[1].Kind);
        Assert.Equal(["Occasional", "Dependent"], section.Questions[1].Options);
        Assert.True(section.Questions[0].CommentRequiredOnNa);
    }

    [Fact]
    public void ADraftFilledFromItsFrozenVersion_HasItsOwnListsAndTrimmedText()
    {
        var frozen = new ToolVersion();
        ToolMapping.Fill(frozen, ToolInterchange.Parse(Encoding.UTF8.GetBytes(Valid.Replace("\"Q2\"", "\"  Q2 \""))));
        var draft = new ToolVersion();
        ToolMapping.Fill(draft, ToolMapping.ToDocument(new AuditTool { Name = "Short tool" }, frozen));

        var (was, now) = (frozen.Sections.Single().Questions[1], draft.Sections.Single().Questions[1]);
        Assert.Equal("Q2", was.Code);
        Assert.Equal(was.Options, now.Options);
        Assert.NotSame(was.Options, now.Options);
        Assert.NotSame(frozen.Sections.Single().AgencyTypes, draft.Sections.Single().AgencyTypes);
        Assert.Equal([1, 2], draft.Sections.Single().Questions.Select(q => q.Order));
    }

    [Fact]
    public void Parse_Malformed_SaysItIsNotJsonWithTheLine()
    {
        var error = Refused("{\"schemaVersion\": 1,\n \"name\": ");

        Assert.Contains("not valid JSON", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Parse_WrongShape_NamesTheMissingFields()
    {
        var error = Refused("""{"schemaVersion":1}""");

        Assert.StartsWith("$: missing required field(s)", error.Message);
        Assert.Contains("name", error.Message);
        Assert.Contains("sections", error.Message);
    }

    [Fact]
    public void Parse_UnknownField_NamesItAndItsPath()
    {
        var error = Refused(Valid.Replace("\"hasJudgement\":true", "\"hasJudgment\":true"));

        Assert.Equal("$.sections[0].hasJudgment: unknown field \"hasJudgment\"; the file may be from another program or a newer Parallax.", error.Message);
    }

    [Fact]
    public void Parse_DuplicateQuestionCodes_NamesBothPlaces()
    {
        var error = Refused(Valid.Replace("\"code\":\"Q2\"", "\"code\":\"q1\""));

        Assert.Equal("$.sections[0].questions[1].code: the code \"q1\" is used twice (first at $.sections[0].questions[0]); codes must be unique in a tool.", error.Message);
    }

    [Fact]
    public void Parse_UnknownQuestionKind_ListsTheKinds()
    {
        var error = Refused(Valid.Replace("\"kind\":\"singleChoice\"", "\"kind\":\"slider\""));

        Assert.StartsWith("$.sections[0].questions[1].kind: unknown question kind; use one of yesNoNa, freeText", error.Message);
    }

    [Fact]
    public void Parse_OversizedFile_IsRefusedBeforeParsing()
    {
        var huge = new MemoryStream(new byte[ToolInterchange.MaxFileBytes + 1]);

        var error = Assert.Throws<DomainException>(() => ToolInterchange.Parse(huge));

        Assert.Contains("larger than 1024 KB", error.Message);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("null", "holds no audit tool")]
    public void Parse_EmptyOrNull_SaysSo(string json, string expected)
    {
        Assert.Contains(expected, Refused(json).Message);
    }

    [Fact]
    public void Parse_InvalidUtf8_SaysItIsNotText()
    {
        var error = Assert.Throws<DomainException>(() => ToolInterchange.Parse([0x7B, 0xFF, 0xFE, 0x7D]));

        Assert.Contains("not UTF-8 text", error.Message);
    }

    [Fact]
    public void Parse_NewerSchema_AsksToUpdate()
    {
        Assert.Contains("newer than this Parallax reads", Refused(Valid.Replace("\"schemaVersion\":1", "\"schemaVersion\":2")).Message);
    }

    [Fact]
    public void Parse_ChoiceWithOneOption_IsRefused()
    {
        Assert.Contains("fewer than two options", Refused(Valid.Replace("[\"Occasional\",\"Dependent\"]", "[\"Occasional\"]")).Message);
    }

    [Theory]
    [InlineData("jtai-domestic-abuse")]
    [InlineData("substance-misuse")]
    [InlineData("trigger-trio")]
    public void ShippedTemplate_SurvivesExportAndImportUnchanged(string key)
    {
        var template = ToolTemplates.Find(key)!.Document;

        var json = ToolInterchange.Serialize(template);
        var again = ToolInterchange.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, ToolInterchange.Serialize(again));
    }
}
