using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// A form as a browser submits it: every successful control of the form with the value the page gave it (ticked
/// boxes and chosen radios only, the selected options, textareas, hidden fields) and the one button pressed.
/// A test reads a page, changes what a person would change (or nothing), and posts exactly what the browser
/// would have posted, so the round trip covers the page's own markup as well as its handler.
/// </summary>
public sealed class BrowserForm
{
    private readonly List<KeyValuePair<string, string>> fields;
    private readonly HashSet<string> controls;

    private BrowserForm(string action, List<KeyValuePair<string, string>> fields, HashSet<string> controls)
    {
        Action = action;
        this.fields = fields;
        this.controls = controls;
    }

    /// <summary>Where the form posts, as the browser resolves its action (the page's own address when it has none).</summary>
    public string Action { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    /// <summary>
    /// The form in the page's main content that holds <paramref name="button"/> (a CSS selector of the submit
    /// button pressed, within main), read as the browser would submit it on that press.
    /// </summary>
    public static BrowserForm Read(IHtmlDocument page, string pageUrl, string button)
    {
        var submitter = page.QuerySelector($"main {button}") as IHtmlElement
            ?? throw new InvalidOperationException($"No button {button} in the main content of {pageUrl}.");
        var form = submitter.Closest("form") as IHtmlFormElement
            ?? throw new InvalidOperationException($"The button {button} on {pageUrl} is not in a form.");
        var action = submitter.GetAttribute("formaction") ?? form.GetAttribute("action");
        if (string.IsNullOrEmpty(action)) action = pageUrl;
        else if (action.StartsWith('?')) action = pageUrl.Split('?')[0] + action;

        var values = new List<KeyValuePair<string, string>>();
        var controls = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            controls.Add(name);
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "checkbox" or "radio")
                    {
                        if (input.HasAttribute("checked")) values.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }
                    else if (type is "submit" or "image")
                    {
                        if (input == submitter) values.Add(new(name, input.GetAttribute("value") ?? ""));
                    }
                    else if (type is not ("file" or "button" or "reset"))
                    {
                        values.Add(new(name, input.GetAttribute("value") ?? ""));
                    }

                    break;
                case IHtmlButtonElement buttonElement:
                    if (buttonElement == submitter) values.Add(new(name, buttonElement.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Cast<IHtmlOptionElement>().ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !select.HasAttribute("multiple") && options.Count > 0) selected = [options[0]];
                    values.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? o.TextContent)));
                    break;
                case IHtmlTextAreaElement area:
                    // The parser drops one newline straight after <textarea>, as browsers do.
                    values.Add(new(name, area.TextContent.Replace("\r\n", "\n").Replace("\n", "\r\n")));
                    break;
            }
        }

        return new BrowserForm(action, values, controls);
    }

    /// <summary>The value of a single field, as the form stands.</summary>
    public string? this[string name] => fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    /// <summary>What a person types into a field, or chooses from radios or a select.</summary>
    public BrowserForm Set(string name, string value)
    {
        if (!controls.Contains(name))
            throw new InvalidOperationException($"The form has no field {name}: a person could not fill it in.");
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return this;
    }

    /// <summary>Ticks a box (adds its value to the field's values).</summary>
    public BrowserForm Tick(string name, string value)
    {
        if (!controls.Contains(name)) throw new InvalidOperationException($"The form has no box {name}.");
        if (!fields.Contains(new(name, value))) fields.Add(new(name, value));
        return this;
    }

    /// <summary>Unticks a box.</summary>
    public BrowserForm Untick(string name, string value)
    {
        fields.Remove(new(name, value));
        return this;
    }

    public Task<HttpResponseMessage> PostAsync(HttpClient browser) => browser.PostAsync(Action, new FormUrlEncodedContent(fields));
}

public static class BrowserFormExtensions
{
    /// <summary>Opens the page and reads the form holding <paramref name="button"/>, as the browser would submit it.</summary>
    public static async Task<BrowserForm> OpenFormAsync(this HttpClient browser, string url, string button)
    {
        var response = await browser.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        return BrowserForm.Read(await response.ReadDocumentAsync(), url, button);
    }
}
