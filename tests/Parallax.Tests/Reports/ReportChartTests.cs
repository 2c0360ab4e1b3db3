namespace Parallax.Tests.Reports;

/// <summary>Charts are drawn once and kept: a chart with anything different must be drawn again, never served from another's.</summary>
public class ReportChartTests
{
    private static ReportChart Chart(string title, params (string Label, double Value)[] bars) =>
        new(title, "Alt text", "Cases", [.. bars.Select(b => new ReportBar(b.Label, b.Value))]);

    [Fact]
    public void Png_TheSameChartTwice_IsDrawnOnce_AndAnyDifferenceIsDrawnAgain()
    {
        var first = ReportCharts.Png(Chart("Judgements (test)", ("Good", 4), ("Requires improvement", 2)));
        Assert.Same(first, ReportCharts.Png(Chart("Judgements (test)", ("Good", 4), ("Requires improvement", 2))));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], first[..4]);

        // One value, one label, the title, or where the labels end: each a different picture.
        var others = new[]
        {
            ReportCharts.Png(Chart("Judgements (test)", ("Good", 5), ("Requires improvement", 2))),
            ReportCharts.Png(Chart("Judgements (test)", ("Good", 4), ("Inadequate", 2))),
            ReportCharts.Png(Chart("Judgements (other test)", ("Good", 4), ("Requires improvement", 2))),
        };
        Assert.All(others, png => Assert.False(png.AsSpan().SequenceEqual(first)));
        Assert.NotEqual(ReportCharts.Key(Chart("T", ("a:1", 1))), ReportCharts.Key(Chart("T", ("a", 1), ("1", 1))));
        Assert.NotEqual(ReportCharts.Key(Chart("T", ("Good", 1))), ReportCharts.Key(Chart("T", ("Good", 1)) with { Maximum = 100 }));
    }
}
