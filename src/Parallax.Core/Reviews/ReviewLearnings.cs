using static Parallax.Core.Reviews.ReviewText;

namespace Parallax.Core.Reviews;

/// <summary>A practice review's learning: its learning points, recommendations and questions, a recommendation taken to the action plan, and a case audit suggested from it.</summary>
public sealed class ReviewLearnings(ParallaxDbContext db, TimeProvider clock)
{
    public async Task<ReviewLearning> AddLearningAsync(PracticeReview review, LearningKind? kind, string? text, Guid? themeId, CancellationToken ct = default)
    {
        var chosen = kind ?? throw new DomainException("Select what you are adding", "Kind");
        var body = Required(text, "Enter the text", "Text", 4000);
        ChronologyImport.RefuseIdentifiable(body, "Text");
        if (themeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.PartnershipId == review.PartnershipId, ct))
            throw new DomainException("Select a theme from the partnership's list", "ThemeId");
        var number = (await db.ReviewLearnings.Where(l => l.ReviewId == review.Id && l.Kind == chosen).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;
        var learning = new ReviewLearning { ReviewId = review.Id, Kind = chosen, Number = number, Text = body, ThemeId = themeId, CreatedAt = clock.GetUtcNow() };
        db.ReviewLearnings.Add(learning);
        await db.SaveChangesAsync(ct);
        return learning;
    }

    public async Task RemoveLearningAsync(PracticeReview review, Guid learningId, CancellationToken ct = default)
    {
        var learning = await db.ReviewLearnings.FirstOrDefaultAsync(l => l.Id == learningId && l.ReviewId == review.Id, ct)
            ?? throw new DomainException("That learning is not part of this review");
        if (learning.RecommendationId is not null) throw new DomainException("The recommendation is in the action plan, so it stays");
        db.ReviewLearnings.Remove(learning);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A review recommendation becomes a recommendation of the partnership's action plan, where actions are added to it.</summary>
    public async Task<Actions.Recommendation> TakeToActionPlanAsync(PracticeReview review, Guid learningId, string by, CancellationToken ct = default)
    {
        var learning = await db.ReviewLearnings.FirstOrDefaultAsync(l => l.Id == learningId && l.ReviewId == review.Id && l.Kind == LearningKind.Recommendation, ct)
            ?? throw new DomainException("That recommendation is not part of this review");
        if (learning.RecommendationId is not null) throw new DomainException("That recommendation is already in the action plan");
        var recommendation = new Actions.Recommendation
        {
            PartnershipId = review.PartnershipId, ReviewId = review.Id, Number = learning.Number, Text = learning.Text,
            Addressee = Actions.Addressee.Partnership, CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Recommendations.Add(recommendation);
        learning.RecommendationId = recommendation.Id;
        await db.SaveChangesAsync(ct);
        return recommendation;
    }

    /// <summary>What a case audit on the review's themes starts from: the themes, where they came from and suggested questions.</summary>
    public async Task<(string Theme, string Source, string TermsOfReference)> AuditSuggestionAsync(PracticeReview review, CancellationToken ct = default)
    {
        var learning = await (from l in db.ReviewLearnings.AsNoTracking()
                              where l.ReviewId == review.Id
                              join t in db.Themes on l.ThemeId equals t.Id into themed
                              from t in themed.DefaultIfEmpty()
                              orderby l.Kind, l.Number
                              select new { l.Kind, l.Number, l.Text, Theme = t == null ? null : t.Name }).ToListAsync(ct);
        var themes = learning.Where(l => l.Theme is not null).Select(l => l.Theme!).Distinct().ToList();
        var theme = themes.Count > 0 ? string.Join("; ", themes) : review.TriggerIncident;
        var questions = learning.Where(l => l.Kind is LearningKind.QuestionForPartnership or LearningKind.LearningPoint)
            .Select(l => $"- {(l.Kind == LearningKind.QuestionForPartnership ? "Question" : "Learning point")} {l.Number}: {l.Text}");
        var terms = $"To test whether the learning from the {PracticeReview.Describe(review.Kind)} \"{review.Title}\" is reflected in current practice across agencies.\n\nSuggested questions, from the review:\n{string.Join("\n", questions)}";
        return (theme.Length > 300 ? theme[..300] : theme, $"{PracticeReview.Describe(review.Kind)}: {review.Title}", terms);
    }
}
