using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Parallax.Web;

/// <summary>
/// A QR code drawn on the server as inline SVG (one path, no script, no style attribute, no request to anyone else), so it
/// shows without JavaScript and under the Content-Security-Policy. Its text alternative is given beside it on the page.
/// </summary>
public static class QrCodeSvg
{
    public static IHtmlContent Render(string text, string label, int pixels = 200)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // with the 4-module quiet zone around it
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
            }
        }

        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"parallax-qr-code\" viewBox=\"0 0 {size} {size}\" width=\"{pixels}\" height=\"{pixels}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
            .Append(System.Net.WebUtility.HtmlEncode(label))
            .Append(CultureInfo.InvariantCulture, $"\"><rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#0b0c0c\" d=\"")
            .Append(path)
            .Append("\"/></svg>");
        return new HtmlString(svg.ToString());
    }
}
