namespace Parallax.Core.Tools;


/// <summary>Reads and writes <see cref="ToolDocument"/> JSON, checking everything before anything is stored.</summary>
public static class ToolInterchange
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxSections = 50;
    public const int MaxQuestions = 300;
    public const int MaxTextLength = 4000;

    /// <summary>A question's short label and area: a few words each, for one line of a table.</summary>
    public const int MaxLabelLength = 100;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ToolDocument document) => JsonSerializer.Serialize(document, Json);

    public static ToolDocument Parse(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
                throw new DomainException($"The file is larger than {MaxFileBytes / 1024} KB, the limit for an audit tool.");
        }

        return Parse(buffer.ToArray());
    }

    public static ToolDocument Parse(byte[] bytes)
    {
        if (bytes.Length == 0) throw new DomainException("The file is empty: choose an audit tool exported from Parallax (a .json file).");
        if (bytes.Length > MaxFileBytes) throw new DomainException($"The file is larger than {MaxFileBytes / 1024} KB, the limit for an audit tool.");

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DomainException("The file is not UTF-8 text: choose an audit tool exported from Parallax (a .json file).");
        }

        ToolDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ToolDocument>(text.TrimStart('\uFEFF'), Json);
        }
        catch (JsonException e)
        {
            throw new DomainException(Describe(e));
        }

        if (document is null) throw new DomainException("The file holds no audit tool (it is JSON null).");
        Validate(document);
        return document;
    }

    /// <summary>Every rule a tool must meet, whatever its source (file, template or designer).</summary>
    public static void Validate(ToolDocument document)
    {
        if (document.SchemaVersion > ToolDocument.CurrentSchemaVersion)
            throw new DomainException($"$.schemaVersion: the file is schema version {document.SchemaVersion}, newer than this Parallax reads ({ToolDocument.CurrentSchemaVersion}). Update Parallax first.");
        if (document.SchemaVersion < 1)
            throw new DomainException("$.schemaVersion: must be 1 or more.");
        if (string.IsNullOrWhiteSpace(document.Name))
            throw new DomainException("$.name: the tool needs a name.");
        CheckLength("$.name", document.Name, 200);
        CheckLength("$.description", document.Description);
        CheckLength("$.guidance", document.Guidance, 20000);
        if (document.Sections.Count == 0) throw new DomainException("$.sections: the tool has no sections.");
        if (document.Sections.Count > MaxSections) throw new DomainException($"$.sections: a tool may have at most {MaxSections} sections.");

        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var questionCount = 0;
        for (var s = 0; s < document.Sections.Count; s++)
        {
            var section = document.Sections[s];
            var path = $"$.sections[{s}]";
            if (section is null) throw new DomainException($"{path}: a section is missing (null).");
            if (string.IsNullOrWhiteSpace(section.Title)) throw new DomainException($"{path}.title: every section needs a title.");
            CheckLength($"{path}.title", section.Title, 300);
            CheckLength($"{path}.guidance", section.Guidance);
            CheckLength($"{path}.judgementPrompt", section.JudgementPrompt, 500);
            if (section.Applicability == SectionApplicability.ListedAgencyTypes && section.AgencyTypes.Count == 0)
                throw new DomainException($"{path}.agencyTypes: the section applies to listed agency types but lists none.");
            if (section.Questions.Count == 0 && !section.HasJudgement)
                throw new DomainException($"{path}.questions: the section has neither questions nor a judgement.");

            for (var q = 0; q < section.Questions.Count; q++)
            {
                var question = section.Questions[q];
                var qPath = $"{path}.questions[{q}]";
                if (question is null) throw new DomainException($"{qPath}: a question is missing (null).");
                if (string.IsNullOrWhiteSpace(question.Code)) throw new DomainException($"{qPath}.code: every question needs a code, such as \"A7\".");
                CheckLength($"{qPath}.code", question.Code, 20);
                if (!codes.TryAdd(question.Code.Trim(), qPath))
                    throw new DomainException($"{qPath}.code: the code \"{question.Code}\" is used twice (first at {codes[question.Code.Trim()]}); codes must be unique in a tool.");
                if (string.IsNullOrWhiteSpace(question.Text)) throw new DomainException($"{qPath}.text: question {question.Code} has no text.");
                CheckLength($"{qPath}.text", question.Text);
                CheckLength($"{qPath}.helpText", question.HelpText);
                CheckLength($"{qPath}.shortLabel", question.ShortLabel, MaxLabelLength);
                CheckLength($"{qPath}.area", question.Area, MaxLabelLength);
                var isChoice = question.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
                if (isChoice && question.Options.Count < 2)
                    throw new DomainException($"{qPath}.options: question {question.Code} is a choice but has fewer than two options.");
                if (!isChoice && question.Options.Count > 0)
                    throw new DomainException($"{qPath}.options: question {question.Code} is not a choice question, so it takes no options.");
                if (question.Options.Any(string.IsNullOrWhiteSpace))
                    throw new DomainException($"{qPath}.options: question {question.Code} has an empty option.");
                if (question.Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != question.Options.Count)
                    throw new DomainException($"{qPath}.options: question {question.Code} lists the same option twice.");
                if (++questionCount > MaxQuestions) throw new DomainException($"{qPath}: a tool may have at most {MaxQuestions} questions.");
            }
        }
    }

    private static void CheckLength(string path, string? value, int max = MaxTextLength)
    {
        if (value is not null && value.Length > max) throw new DomainException($"{path}: longer than {max} characters.");
    }

    private static string Describe(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'') + 1;
            var name = start > 0 ? message[start..message.IndexOf('\'', start)] : "?";
            return $"{path}: unknown field \"{name}\"; the file may be from another program or a newer Parallax.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = message[(message.IndexOf(':') + 1)..].Split('.')[0].Trim();
            return $"{path}: missing required field(s) {names}.";
        }

        if (message.Contains(nameof(QuestionKind), StringComparison.Ordinal))
            return $"{path}: unknown question kind; use one of {string.Join(", ", Enum.GetNames<QuestionKind>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.";
        if (message.Contains(nameof(SectionApplicability), StringComparison.Ordinal) || message.Contains(nameof(SectionScope), StringComparison.Ordinal)
            || message.Contains("AgencyType", StringComparison.Ordinal))
            return $"{path}: a value that is not one of the allowed words.";
        if (e.LineNumber is { } line)
            return $"{path}: the file is not valid JSON, or a value has the wrong type (line {line + 1}, position {e.BytePositionInLine + 1}).";
        return $"{path}: the file is not an audit tool in the expected shape.";
    }
}
