using System.Text.Encodings.Web;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Parallax.Core.Reports;

/// <summary>
/// The small Markdown subset people write narrative in (decision 0045), parsed by Markdig with raw HTML
/// switched off: sub-headings (## and ###), bulleted (- or *) and numbered (1.) lists, nested by indenting,
/// **bold**, *italic*, [links](https://...), &gt; block quotes, and a blank line between paragraphs. A single
/// line break is kept as a line break. Anything else (HTML tags, images, tables) is shown as the text typed.
/// Links go only to http, https and mailto addresses; any other link (javascript:, data:) keeps its words and loses the link.
/// </summary>
public static class NarrativeMarkup
{
    /// <summary>The rules in one sentence, for hints beside the text boxes.</summary>
    public const string Help = "Leave a blank line between paragraphs. Start a line with ## for a sub-heading, - for a bullet or 1. for a numbered list; " +
        "**bold**, *italic*, [words](https://address) for a link, > for a quote. Use initials and roles, never names.";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static MarkdownDocument Parse(string? text) => Markdown.Parse(ReportText.Clean(text), Pipeline);

    /// <summary>Only web and mail links are kept; anything else (javascript:, data:, vbscript:, file:) is dropped.</summary>
    public static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var trimmed = url.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto)
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>The text as HTML with GOV.UK classes: every character of the text is encoded, and only the elements listed here are made.</summary>
    public static string Html(string? text)
    {
        var html = new StringBuilder();
        Blocks(Parse(text), html);
        return html.ToString();
    }

    private static readonly HtmlEncoder E = HtmlEncoder.Default;

    private static void Blocks(ContainerBlock container, StringBuilder html)
    {
        foreach (var block in container) Block(block, html);
    }

    private static void Block(Block block, StringBuilder html)
    {
        switch (block)
        {
            case HeadingBlock h:
                var tag = h.Level <= 2 ? "h3" : "h4";
                html.Append($"<{tag} class=\"govuk-heading-{(h.Level <= 2 ? "m" : "s")}\">");
                Inlines(h.Inline, html);
                html.Append($"</{tag}>");
                break;
            case ParagraphBlock p:
                html.Append("<p class=\"govuk-body\">");
                Inlines(p.Inline, html);
                html.Append("</p>");
                break;
            case ListBlock list:
                if (list.IsOrdered)
                {
                    var start = int.TryParse(list.OrderedStart, out var n) && n != 1 ? $" start=\"{n}\"" : "";
                    html.Append($"<ol class=\"govuk-list govuk-list--number\"{start}>");
                }
                else
                {
                    html.Append("<ul class=\"govuk-list govuk-list--bullet\">");
                }

                foreach (var item in list.OfType<ListItemBlock>())
                {
                    html.Append("<li>");
                    // A tight item's one paragraph goes straight into the <li>, as GOV.UK lists expect.
                    if (item.Count == 1 && item[0] is ParagraphBlock only) Inlines(only.Inline, html);
                    else Blocks(item, html);
                    html.Append("</li>");
                }

                html.Append(list.IsOrdered ? "</ol>" : "</ul>");
                break;
            case QuoteBlock quote:
                html.Append("<blockquote class=\"govuk-inset-text\">");
                Blocks(quote, html);
                html.Append("</blockquote>");
                break;
            case ThematicBreakBlock:
                html.Append("<hr class=\"govuk-section-break govuk-section-break--m govuk-section-break--visible\">");
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case LeafBlock leaf:
                // Code blocks, and HTML typed as text: shown as the words typed.
                html.Append("<p class=\"govuk-body parallax-pre-line\">").Append(E.Encode(leaf.Lines.ToString())).Append("</p>");
                break;
            case ContainerBlock other:
                Blocks(other, html);
                break;
        }
    }

    private static void Inlines(ContainerInline? container, StringBuilder html)
    {
        if (container is null) return;
        foreach (var inline in container) Inline(inline, html);
    }

    private static void Inline(Inline inline, StringBuilder html)
    {
        switch (inline)
        {
            case LiteralInline literal:
                html.Append(E.Encode(literal.Content.ToString()));
                break;
            case LineBreakInline:
                html.Append("<br>");
                break;
            case CodeInline code:
                html.Append("<code>").Append(E.Encode(code.Content)).Append("</code>");
                break;
            case HtmlEntityInline entity:
                html.Append(E.Encode(entity.Transcoded.ToString()));
                break;
            case AutolinkInline auto:
                var autoUrl = SafeUrl(auto.IsEmail ? "mailto:" + auto.Url : auto.Url);
                if (autoUrl is null) html.Append(E.Encode(auto.Url));
                else html.Append($"<a class=\"govuk-link\" href=\"{E.Encode(autoUrl)}\" rel=\"noreferrer noopener\">{E.Encode(auto.Url)}</a>");
                break;
            case LinkInline { IsImage: true } image:
                // No pictures from elsewhere in a report: the alt words only.
                Inlines(image, html);
                break;
            case LinkInline link:
                var url = SafeUrl(link.Url);
                if (url is null)
                {
                    Inlines(link, html);
                }
                else
                {
                    html.Append($"<a class=\"govuk-link\" href=\"{E.Encode(url)}\" rel=\"noreferrer noopener\">");
                    Inlines(link, html);
                    html.Append("</a>");
                }

                break;
            case EmphasisInline emphasis:
                var strong = emphasis.DelimiterCount >= 2;
                html.Append(strong ? "<strong>" : "<em>");
                Inlines(emphasis, html);
                html.Append(strong ? "</strong>" : "</em>");
                break;
            case HtmlInline raw:
                html.Append(E.Encode(raw.Tag));
                break;
            case ContainerInline other:
                Inlines(other, html);
                break;
        }
    }
}
