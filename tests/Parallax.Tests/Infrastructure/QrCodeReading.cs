using System.Globalization;
using AngleSharp.Dom;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Parallax.Tests.Infrastructure;

/// <summary>Reads a page's inline-SVG QR code as a phone would: drawn to pixels, then decoded by ZXing.</summary>
public static partial class QrCodeReading
{
    [GeneratedRegex(@"M(\d+) (\d+)h1v1h-1z")]
    private static partial Regex Module();

    public static string Read(IElement svg)
    {
        var size = int.Parse(svg.GetAttribute("viewBox")!.Split(' ')[2], CultureInfo.InvariantCulture);
        const int scale = 4;
        var width = size * scale;
        var pixels = Enumerable.Repeat((byte)255, width * width).ToArray();
        foreach (Match m in Module().Matches(svg.QuerySelector("path")!.GetAttribute("d")!))
        {
            var (x, y) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++)
                    pixels[((y * scale) + dy) * width + (x * scale) + dx] = 0;
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8)));
        return new QRCodeReader().decode(bitmap)?.Text ?? throw new InvalidOperationException("The QR code could not be read.");
    }
}
