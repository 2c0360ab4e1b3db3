using System.Text.Encodings.Web;

namespace Parallax.Core.Reports;

/// <summary>
/// The report as HTML with GOV.UK Frontend classes: the preview page shows it inside the service, and
/// <c>audit report --format html</c> writes it as a page of its own. Charts are PNG data URIs with their alt text.
/// </summary>
public static class ReportHtml
{
    public static string Fragment(ReportDocument report, Func<ReportChart, byte[]>? drawChart = null)
    {
        drawChart ??= ReportCharts.Png;
        var html = new StringBuilder();
        var e = HtmlEncoder.Default;
        html.Append($"<p class=\"govuk-body govuk-!-font-weight-bold\">{e.Encode(report.ProtectiveMarking)}</p>");
        html.Append($"<p class=\"govuk-caption-l\">{e.Encode(report.Partnership)}</p><h1 class=\"govuk-heading-xl\">{e.Encode(report.Title)}</h1>");
        html.Append($"<p class=\"govuk-body-l\">{e.Encode(report.Subtitle)}. {e.Encode(ReportDrafts.Date(report.Date))}, {e.Encode(report.Status is { } status ? status.ToLowerInvariant() : report.Version > 0 ? $"version {report.Version}" : "draft")}.</p>");
        html.Append("<h2 class=\"govuk-heading-m\">Contents</h2><ol class=\"govuk-list govuk-list--number\">");
        foreach (var section in report.Sections) html.Append($"<li><a class=\"govuk-link\" href=\"#{section.Key}\">{e.Encode(section.Title)}</a></li>");
        html.Append("</ol>");
        int table = 0, figure = 0;
        foreach (var section in report.Sections)
        {
            html.Append($"<section aria-labelledby=\"{section.Key}\"><h2 class=\"govuk-heading-l\" id=\"{section.Key}\">{e.Encode(section.Title)}");
            if (section.UnreviewedDraft) html.Append(" <strong class=\"govuk-tag govuk-tag--yellow\">Generated draft</strong>");
            html.Append("</h2>");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        html.Append($"<p class=\"govuk-body parallax-pre-line\">{e.Encode(ReportText.Clean(p.Text))}</p>");
                        break;
                    case ReportSubheading { Level: >= 3 } h:
                        html.Append($"<h4 class=\"govuk-heading-s\">{e.Encode(h.Text)}</h4>");
                        break;
                    case ReportSubheading h:
                        html.Append($"<h3 class=\"govuk-heading-m\">{e.Encode(h.Text)}</h3>");
                        break;
                    case ReportRichText r:
                        html.Append(NarrativeMarkup.Html(r.Text));
                        break;
                    case ReportNotice n:
                        html.Append($"<div class=\"govuk-inset-text\">{e.Encode(n.Text)}</div>");
                        break;
                    case ReportList l:
                        html.Append(l.Numbered ? "<ol class=\"govuk-list govuk-list--number\">" : "<ul class=\"govuk-list govuk-list--bullet\">");
                        foreach (var item in l.Items) html.Append($"<li>{e.Encode(ReportText.Clean(item))}</li>");
                        html.Append(l.Numbered ? "</ol>" : "</ul>");
                        break;
                    case ReportTable t:
                        // A wide table scrolls inside its own focusable, labelled region on a small screen, never the whole page.
                        html.Append($"<div class=\"parallax-table-scroll parallax-table-scroll--sticky\" tabindex=\"0\" role=\"region\" aria-label=\"Table {++table}, scrolls sideways\">");
                        html.Append($"<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Table {table}: {e.Encode(t.Caption)}</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
                        foreach (var h in t.Header) html.Append($"<th scope=\"col\" class=\"govuk-table__header\">{e.Encode(h)}</th>");
                        html.Append("</tr></thead><tbody class=\"govuk-table__body\">");
                        foreach (var row in t.Rows)
                        {
                            html.Append("<tr class=\"govuk-table__row\">");
                            for (var c = 0; c < row.Count; c++)
                                html.Append(c == 0 ? $"<th scope=\"row\" class=\"govuk-table__header\">{e.Encode(row[c])}</th>" : $"<td class=\"govuk-table__cell\">{e.Encode(row[c])}</td>");
                            html.Append("</tr>");
                        }

                        html.Append("</tbody></table></div>");
                        if (t.Key is { } key) html.Append($"<p class=\"govuk-body-s\">{e.Encode(key)}</p>");
                        break;
                    case ReportChart c:
                        html.Append($"<figure class=\"parallax-figure\"><img class=\"parallax-chart\" src=\"data:image/png;base64,{Convert.ToBase64String(drawChart(c))}\" alt=\"{e.Encode(c.AltText)}\">" +
                            $"<figcaption class=\"govuk-body-s\">Figure {++figure}: {e.Encode(c.Title)}</figcaption></figure>");
                        break;
                }
            }

            html.Append("</section>");
        }

        return html.ToString();
    }

    /// <summary>A page of its own, for the command line: the same content, with just enough style to read and print.</summary>
    public static string Page(ReportDocument report) =>
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + HtmlEncoder.Default.Encode(report.Title) + "</title><style>" +
        "body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#0b0c0c;line-height:1.4}table{border-collapse:collapse;width:100%;margin-bottom:1em}" +
        "th,td{border:1px solid #b1b4b6;padding:4px 6px;text-align:left;vertical-align:top}caption{font-weight:bold;text-align:left;padding:4px 0}" +
        ".govuk-inset-text{border-left:5px solid #b1b4b6;padding-left:1em;font-style:italic}.parallax-pre-line{white-space:pre-line}img{max-width:100%}" +
        ".govuk-tag{background:#fff7bf;padding:2px 6px;font-size:0.8em}</style></head><body>" + Fragment(report) + "</body></html>";
}
