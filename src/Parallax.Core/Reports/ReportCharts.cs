using Microsoft.Extensions.Caching.Memory;
using ScottPlot;

namespace Parallax.Core.Reports;

/// <summary>
/// Draws a report's bar charts as PNG with ScottPlot (SkiaSharp). Text uses a font file from the machine
/// (Liberation Sans or DejaVu Sans, which LibreOffice's packages install), so charts look the same on every server.
/// </summary>
public static class ReportCharts
{
    public const int Width = 1200;
    public const int Height = 560;

    private static readonly Lazy<string?> FontName = new(LoadFont);

    /// <summary>
    /// Charts already drawn, by everything drawn on them: the same report previewed or downloaded again draws
    /// nothing (drawing was most of the time of a report's preview). Bounded at 64 MB of PNG.
    /// </summary>
    private static readonly MemoryCache Drawn = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <summary>The chart as a PNG, drawn once for each different chart and kept (the bytes are shared: do not change them).</summary>
    public static byte[] Png(ReportChart chart)
    {
        var key = Key(chart);
        if (Drawn.TryGetValue(key, out byte[]? png)) return png!;
        png = Draw(chart);
        Drawn.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return png;
    }

    /// <summary>Everything <see cref="Draw"/> reads from a chart, each part length-prefixed so that no two charts share a key.</summary>
    internal static string Key(ReportChart chart)
    {
        var key = new System.Text.StringBuilder();
        void Part(string text) => key.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
        Part(chart.Title);
        Part(chart.ValueLabel);
        Part(chart.Maximum?.ToString("R", CultureInfo.InvariantCulture) ?? "");
        foreach (var bar in chart.Bars)
        {
            Part(bar.Label);
            Part(bar.Value.ToString("R", CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    private static byte[] Draw(ReportChart chart)
    {
        var plot = new Plot();
        if (FontName.Value is { } font) plot.Font.Set(font);
        var bars = chart.Bars.Select((b, i) => new Bar { Position = i, Value = b.Value, FillColor = Color.FromHex("#1d70b8"), Label = FormatValue(b.Value, chart.Maximum) }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 18;
        plot.Axes.Bottom.SetTicks([.. chart.Bars.Select((_, i) => (double)i)], [.. chart.Bars.Select(b => b.Label)]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = chart.Bars.Count > 12 ? 14 : 18;
        plot.Axes.Left.TickLabelStyle.FontSize = 16;
        plot.Axes.Left.Label.Text = chart.ValueLabel;
        plot.Axes.Left.Label.FontSize = 18;
        plot.Axes.Margins(bottom: 0);
        var top = chart.Maximum ?? Math.Max(1, chart.Bars.Count == 0 ? 1 : chart.Bars.Max(b => b.Value) * 1.15);
        // Room above the scale's top for the value label of a bar that reaches it ("100%"); the ticks stop at the top.
        plot.Axes.SetLimitsY(0, top * 1.12);
        if (chart.Maximum is { } maximum)
        {
            var step = maximum / 5;
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, 6).Select(i => i * step)], [.. Enumerable.Range(0, 6).Select(i => $"{i * step:0}")]);
        }

        // Counts (cases, returns) are whole numbers: ticks at whole steps, never 0.5.
        if (chart.Maximum is null) plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(top / 8)));
        plot.Title(chart.Title, size: 22);
        plot.HideGrid();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string FormatValue(double value, double? maximum) =>
        maximum == 100 ? $"{value:0}%" : $"{value:0}";

    private static string? LoadFont()
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        ];
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null) return null;
        Fonts.AddFontFile("Parallax Sans", file);
        return "Parallax Sans";
    }
}
