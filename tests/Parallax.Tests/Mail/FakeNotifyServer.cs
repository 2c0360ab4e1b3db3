namespace Parallax.Tests.Mail;

/// <summary>
/// A stand-in for the GOV.UK Notify API on loopback, at the transport boundary only: it answers
/// POST /v2/notifications/email as Notify does (201 with the notification, or 400 with Notify's error list) and keeps
/// each request with its bearer token, so tests never call the real service.
/// </summary>
public sealed class FakeNotifyServer : IDisposable
{
    private readonly HttpListener listener = new();

    public FakeNotifyServer()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<(string Path, string Authorization, JsonNode Body)> Received { get; } = new();

    /// <summary>An address Notify refuses, as it does for a team-only key and someone outside the team.</summary>
    public string? Refuse { get; set; }

    private async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync()) ?? new JsonObject();
            var path = context.Request.Url!.AbsolutePath;
            Received.Enqueue((path, context.Request.Headers["Authorization"] ?? "", body));
            string answer;
            if (path != "/v2/notifications/email")
            {
                context.Response.StatusCode = 404;
                answer = """{"status_code":404,"errors":[{"error":"NotFound","message":"Not Found"}]}""";
            }
            else if (string.Equals((string?)body["email_address"], Refuse, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = 400;
                answer = """{"status_code":400,"errors":[{"error":"BadRequestError","message":"Can't send to this recipient using a team-only API key"}]}""";
            }
            else
            {
                context.Response.StatusCode = 201;
                var id = Guid.NewGuid();
                answer = new JsonObject
                {
                    ["id"] = id.ToString(), ["reference"] = (string?)body["reference"],
                    ["content"] = new JsonObject { ["body"] = (string?)body["personalisation"]?["body"], ["from_email"] = "parallax@notifications.service.gov.uk", ["subject"] = (string?)body["personalisation"]?["subject"] },
                    ["uri"] = $"{BaseUrl}/v2/notifications/{id}",
                    ["template"] = new JsonObject { ["id"] = (string?)body["template_id"], ["version"] = 1, ["uri"] = $"{BaseUrl}/v2/template/{(string?)body["template_id"]}" },
                }.ToJsonString();
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose() => listener.Close();
}
