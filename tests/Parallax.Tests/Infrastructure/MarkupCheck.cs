using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// What a screen reader, voice control and a click on a label depend on, checked on a page's markup: every id
/// once; every label's <c>for</c> names a control that exists and can be labelled; every control a person
/// fills in has a name a screen reader reads (a label, or aria-label or aria-labelledby that resolve);
/// aria-describedby and aria-labelledby name elements that exist.
/// </summary>
public static class MarkupCheck
{
    private static readonly HashSet<string> Labelable = ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "METER", "OUTPUT", "PROGRESS"];

    public static IReadOnlyList<string> Problems(IHtmlDocument page)
    {
        var problems = new List<string>();
        var ids = page.QuerySelectorAll("[id]").GroupBy(e => e.Id!).ToList();
        problems.AddRange(ids.Where(g => g.Count() > 1).Select(g => $"id \"{g.Key}\" is used {g.Count()} times"));
        var byId = ids.ToDictionary(g => g.Key, g => g.First());

        foreach (var label in page.QuerySelectorAll("label[for]"))
        {
            var target = label.GetAttribute("for")!;
            if (!byId.TryGetValue(target, out var control)) problems.Add($"label \"{Text(label)}\" is for \"{target}\", which is not on the page");
            else if (!Labelable.Contains(control.TagName) || control.GetAttribute("type") == "hidden")
                problems.Add($"label \"{Text(label)}\" is for a <{control.TagName.ToLowerInvariant()}>, which a label cannot name");
        }

        // A hidden control (the username a password manager reads beside a new password) is not read out.
        foreach (var control in page.QuerySelectorAll("input, select, textarea").Where(c => c.Closest("[hidden]") is null))
        {
            var type = control.GetAttribute("type")?.ToLowerInvariant();
            if (type is "hidden" or "submit" or "button" or "reset" or "image") continue;
            if (!HasName(control, byId)) problems.Add($"<{control.TagName.ToLowerInvariant()} name=\"{control.GetAttribute("name")}\" id=\"{control.Id}\"> has no accessible name");
        }

        // A hidden button (the autosave status, shown by script when it has something to say) is not read out.
        foreach (var button in page.QuerySelectorAll("button, input[type=submit], input[type=button]").Where(b => b.Closest("[hidden]") is null))
        {
            if (string.IsNullOrWhiteSpace(button.TextContent) && string.IsNullOrWhiteSpace(button.GetAttribute("value")) && !HasAria(button, byId))
                problems.Add($"a button ({button.OuterHtml[..Math.Min(80, button.OuterHtml.Length)]}) has no accessible name");
        }

        foreach (var element in page.QuerySelectorAll("[aria-describedby], [aria-labelledby], [aria-controls]"))
        {
            foreach (var attribute in new[] { "aria-describedby", "aria-labelledby", "aria-controls" })
            {
                var missing = (element.GetAttribute(attribute) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(id => !byId.ContainsKey(id)).ToList();
                // GOV.UK Frontend's character count adds its message element with script; without script there is none.
                missing.RemoveAll(id => id.EndsWith("-info", StringComparison.Ordinal) && element.Closest(".govuk-character-count") is not null);
                problems.AddRange(missing.Select(id => $"{attribute} of \"{element.Id ?? element.TagName}\" names \"{id}\", which is not on the page"));
            }
        }

        // A link made from a page name that names no page (a mistyped asp-page) renders with no href at all.
        foreach (var link in page.QuerySelectorAll("a").Where(a => string.IsNullOrWhiteSpace(a.GetAttribute("href"))))
            problems.Add($"the link \"{Text(link)}\" has no address (a page name or route value that names no page?)");

        problems.AddRange(Codes(page).Select(code => $"the page shows the code name \"{code}\" where people need words"));
        return problems;
    }

    /// <summary>Brand names written in two humps that are words people use, not the code's.</summary>
    private static readonly HashSet<string> Brands = ["JavaScript", "PowerPoint", "OpenDocument", "LibreOffice", "PostgreSQL", "McDonald"];

    private static readonly System.Text.RegularExpressions.Regex PascalCase = new(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>
    /// Enum and type names (PascalCase, "ReturnsOpen", "NotKnownToAgency") in what the page shows: text outside
    /// scripts, styles and code. Values people typed are theirs and are not checked (inputs and textareas), nor values
    /// shown as stored (<c>data-stored-value</c>: the audit trail's before and after, a file format's codes to type).
    /// </summary>
    public static IReadOnlyList<string> Codes(IHtmlDocument page)
    {
        if (page.Body is null) return [];
        var walker = page.Body.Descendants<IText>()
            .Where(t => t.ParentElement is { } p && p.Closest("script, style, code, pre, textarea, [data-stored-value]") is null)
            .Select(t => t.Data);
        return [.. walker.SelectMany(text => PascalCase.Matches(text).Select(m => m.Value)).Where(w => !Brands.Contains(w)).Distinct()];
    }

    private static bool HasName(IElement control, Dictionary<string, IElement> byId)
    {
        if (HasAria(control, byId) || !string.IsNullOrWhiteSpace(control.GetAttribute("title"))) return true;
        if (control.Closest("label") is { } wrapping && !string.IsNullOrWhiteSpace(wrapping.TextContent)) return true;
        if (string.IsNullOrEmpty(control.Id)) return false;
        // The first element with the id is the one a label names: a duplicate id leaves the second control unnamed.
        if (byId[control.Id] != control) return false;
        return control.Owner!.QuerySelectorAll("label[for]").Any(l => l.GetAttribute("for") == control.Id && !string.IsNullOrWhiteSpace(l.TextContent));
    }

    private static bool HasAria(IElement element, Dictionary<string, IElement> byId) =>
        !string.IsNullOrWhiteSpace(element.GetAttribute("aria-label"))
        || (element.GetAttribute("aria-labelledby") is { } labelledBy
            && labelledBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(id => byId.TryGetValue(id, out var l) && !string.IsNullOrWhiteSpace(l.TextContent)));

    private static string Text(IElement element)
    {
        var text = string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
