namespace Parallax.Core.Tools;

/// <summary>Between the stored tool version and its interchange document.</summary>
public static class ToolMapping
{
    public static ToolDocument ToDocument(AuditTool tool, ToolVersion version) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        Guidance = version.Guidance,
        AsksOverallAgencyJudgement = version.AsksOverallAgencyJudgement,
        AsksPartnershipJudgement = version.AsksPartnershipJudgement,
        AsksGoodPractice = version.AsksGoodPractice,
        AsksOtherComments = version.AsksOtherComments,
        Sections = version.Sections.OrderBy(s => s.Order).Select(s => new SectionDocument
        {
            Title = s.Title,
            Guidance = s.Guidance,
            HasJudgement = s.HasJudgement,
            JudgementPrompt = s.JudgementPrompt,
            Applicability = s.Applicability,
            AgencyTypes = [.. s.AgencyTypes],
            Scope = s.Scope,
            Questions = s.Questions.OrderBy(q => q.Order).Select(q => new QuestionDocument
            {
                Code = q.Code,
                Text = q.Text,
                HelpText = q.HelpText,
                ShortLabel = q.ShortLabel,
                Area = q.Area,
                Kind = q.Kind,
                Required = q.Required,
                CommentRequiredOnNo = q.CommentRequiredOnNo,
                CommentRequiredOnNa = q.CommentRequiredOnNa,
                Options = [.. q.Options],
            }).ToList(),
        }).ToList(),
    };

    /// <summary>Fills a (new, empty) version with the document's content.</summary>
    public static void Fill(ToolVersion version, ToolDocument document)
    {
        version.Guidance = document.Guidance;
        version.AsksOverallAgencyJudgement = document.AsksOverallAgencyJudgement;
        version.AsksPartnershipJudgement = document.AsksPartnershipJudgement;
        version.AsksGoodPractice = document.AsksGoodPractice;
        version.AsksOtherComments = document.AsksOtherComments;
        version.Sections = document.Sections.Select((s, i) => new ToolSection
        {
            ToolVersionId = version.Id,
            Order = i + 1,
            Title = s.Title.Trim(),
            Guidance = s.Guidance,
            HasJudgement = s.HasJudgement,
            JudgementPrompt = s.JudgementPrompt,
            Applicability = s.Applicability,
            AgencyTypes = [.. s.AgencyTypes],
            Scope = s.Scope,
            Questions = s.Questions.Select((q, j) => new ToolQuestion
            {
                Order = j + 1,
                Code = q.Code.Trim(),
                Text = q.Text.Trim(),
                HelpText = q.HelpText,
                ShortLabel = string.IsNullOrWhiteSpace(q.ShortLabel) ? null : q.ShortLabel.Trim(),
                Area = string.IsNullOrWhiteSpace(q.Area) ? null : q.Area.Trim(),
                Kind = q.Kind,
                Required = q.Required,
                CommentRequiredOnNo = q.CommentRequiredOnNo,
                CommentRequiredOnNa = q.CommentRequiredOnNa,
                Options = [.. q.Options],
            }).ToList(),
        }).ToList();
    }
}

/// <summary>How long a tool is: leads keep tools short (both seed reports found theirs too long).</summary>
public sealed record ToolLength(int Questions, int Judgements, int MinutesPerCase)
{
    public static ToolLength Of(ToolVersion version)
    {
        var questions = version.Sections.SelectMany(s => s.Questions).ToList();
        var judgements = version.Sections.Count(s => s.HasJudgement)
            + (version.AsksOverallAgencyJudgement ? 1 : 0) + (version.AsksPartnershipJudgement ? 1 : 0);
        // The same weights as a return's sections (decision 0056), over every section: agencies see fewer.
        var minutes = questions.Sum(q => Returns.ReturnSections.MinutesFor(q.Kind)) + judgements * Returns.ReturnSections.JudgementMinutes
            + (version.AsksGoodPractice ? Returns.ReturnSections.GoodPracticeMinutes : 0) + (version.AsksOtherComments ? Returns.ReturnSections.OtherCommentsMinutes : 0);
        return new ToolLength(questions.Count, judgements, (int)Math.Ceiling(minutes / 5) * 5);
    }
}
