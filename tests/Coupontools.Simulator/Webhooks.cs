using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Coupontools.Simulator;

sealed record Delivery(string Url, string Webhook, string Type, int Status, string Error, string At);

/// <summary>Issues webhook events and POSTs them one at a time, in issue order, in the background, to loopback URLs only.</summary>
sealed class Webhooks
{
    readonly System.Threading.Channels.Channel<(ConcurrentQueue<Delivery> Log, string Url, WebhookEvent Event)> outbox =
        System.Threading.Channels.Channel.CreateUnbounded<(ConcurrentQueue<Delivery>, string, WebhookEvent)>(new() { SingleReader = true });

    public Webhooks() => _ = Task.Run(DeliverLoop);

    async Task DeliverLoop()
    {
        await foreach (var (log, url, ev) in outbox.Reader.ReadAllAsync()) await Send(log, url, ev);
    }

    const int Keep = 200;
    static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    volatile ConcurrentQueue<Delivery> deliveries = new();

    public Delivery[] Deliveries => deliveries.ToArray();

    public void Clear() => deliveries = new ConcurrentQueue<Delivery>();

    /// <summary>Records an event id (so /v3/webhook/verification knows it) and, if asked, delivers it.</summary>
    public WebhookEvent Issue(Store store, string type, Campaign campaign, string session, bool deliver = true)
    {
        var ev = new WebhookEvent("evt_" + store.Random62(20), type, J.DateText(J.NowSeconds()), campaign.Id, session);
        store.Events[ev.Id] = ev;
        string url = store.WebhookUrlFor(campaign);
        if (deliver && url.Length > 0) outbox.Writer.TryWrite((deliveries, url, ev));
        return ev;
    }

    static async Task Send(ConcurrentQueue<Delivery> queue, string url, WebhookEvent ev)
    {
        int status = 0;
        string error = "";
        if (!IsLoopback(url)) error = "refused: not a loopback http URL";
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Payload(ev))) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.ConnectionClose = true;
                using var response = await Http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                error = e.Message;
            }
        }
        queue.Enqueue(new Delivery(url, ev.Id, ev.Type, status, error, J.DateText(J.NowSeconds())));
        while (queue.Count > Keep) queue.TryDequeue(out _);
    }

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http"
        && (uri.IsLoopback && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)));

    /// <summary>The delivered body: shaped like the verification reply (api/ASSUMED.md).</summary>
    public static string Payload(WebhookEvent ev)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, JsonOut.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("webhook", ev.Id);
            w.WriteString("type", ev.Type);
            w.WriteString("date", ev.Date);
            w.WriteString("campaign", ev.Campaign);
            w.WriteString("session", ev.Session);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
