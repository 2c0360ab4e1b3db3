namespace Parallax.Tests.Cases;

public class SampleSpreadTests
{
    private static Case Child(string uin, int? age, Sex sex = Sex.Female, LevelOfNeed level = LevelOfNeed.ChildInNeed,
        string ethnicity = "White: Irish", string? area = "North", bool marac = false) => new()
        {
            Uin = uin, Initials = "AB", AgeYears = age, Unborn = age is null, Sex = sex, LevelOfNeed = level, Ethnicity = ethnicity, Area = area, HeardAtMarac = marac,
        };

    [Fact]
    public void NarrowSample_WarnsOfEachGapAndOfTheShortfall()
    {
        var spread = SampleSpread.Of([Child("1", 7), Child("2", 9), Child("3", 12)], target: 6);

        Assert.Equal(
            [
                "The sample has 3 of the 6 cases planned.",
                "Every case is female: consider a mix of sexes.",
                "Every case is at the same level of need (Child in Need): consider other levels.",
                "Every case has the same ethnic group (White): consider children from other groups.",
                "Every case is from North: consider other areas or offices.",
                "No child in the sample is under 5 or unborn.",
            ],
            spread.Warnings);
    }

    [Fact]
    public void MixedSample_HasNoWarningsAndCountsEachBand()
    {
        var spread = SampleSpread.Of(
        [
            Child("1", null, Sex.NotKnown, LevelOfNeed.PreBirth, "Black, Black British, Black Welsh, Caribbean or African: African", "South", marac: true),
            Child("2", 0, Sex.Male, LevelOfNeed.ChildProtection),
            Child("3", 14, Sex.Female, LevelOfNeed.EarlyHelp, "Asian, Asian British or Asian Welsh: Pakistani", null, marac: true),
        ], target: 3);

        Assert.Empty(spread.Warnings);
        Assert.Equal([("Unborn", 1), ("Under 1", 1), ("1 to 4", 0), ("5 to 10", 0), ("11 to 15", 1), ("16 and 17", 0)], spread.Ages);
        Assert.Equal(2, spread.HeardAtMarac);
        Assert.Contains(("Not recorded", 1), spread.Areas);
    }

    [Fact]
    public void SmallSample_DoesNotWarnAboutSpreadYet()
    {
        Assert.Empty(SampleSpread.Of([Child("1", 7), Child("2", 9)], target: null).Warnings);
    }
}
