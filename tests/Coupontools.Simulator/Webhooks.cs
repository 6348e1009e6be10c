using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Coupontools.Simulator;

sealed record Delivery(string Url, string Webhook, string Type, int Status, string Error, string At, int Attempt);

/// <summary>How deliveries are signed and re-sent; POST /_sim/webhook changes it, a reset restores it.</summary>
sealed record DeliveryPolicy(TimeSpan RetryInterval, TimeSpan RetryFor, bool Base64)
{
    /// <summary>The vendor's: again every hour for 24 hours until a 2xx arrives (within 30 s; here within 5 s).</summary>
    public static readonly DeliveryPolicy Vendor = new(TimeSpan.FromHours(1), TimeSpan.FromHours(24), false);
}

/// <summary>
/// Issues webhook events and POSTs them one at a time, in issue order, in the background, to loopback URLs
/// only: the body shaped like the vendor's printed payload of its type (WebhookPayloads), signed with the
/// client secret (HMAC-SHA256 of the body bytes, lowercase hex or base64, header x-hmac). A delivery not
/// answered 2xx is sent again every RetryInterval until RetryFor has passed.
/// </summary>
sealed class Webhooks
{
    readonly System.Threading.Channels.Channel<Outgoing> outbox =
        System.Threading.Channels.Channel.CreateUnbounded<Outgoing>(new() { SingleReader = true });
    readonly byte[] key;

    sealed record Outgoing(ConcurrentQueue<Delivery> Log, int Generation, string Url, WebhookEvent Event, DateTime FirstAt, int Attempt);

    public Webhooks(string secret)
    {
        key = Encoding.UTF8.GetBytes(secret);
        _ = Task.Run(DeliverLoop);
    }

    async Task DeliverLoop()
    {
        await foreach (var item in outbox.Reader.ReadAllAsync()) await Send(item);
    }

    const int Keep = 200;
    static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    volatile ConcurrentQueue<Delivery> deliveries = new();
    volatile DeliveryPolicy policy = DeliveryPolicy.Vendor;
    int generation;

    public Delivery[] Deliveries => deliveries.ToArray();

    public DeliveryPolicy Policy { get => policy; set => policy = value; }

    /// <summary>Forgets deliveries, pending re-sends and policy changes.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        deliveries = new ConcurrentQueue<Delivery>();
        policy = DeliveryPolicy.Vendor;
    }

    /// <summary>Records a coupon event of a session (so /v4/webhook/verification knows it) and, if asked, delivers it.</summary>
    public WebhookEvent Issue(Store store, string type, Campaign campaign, string session, bool deliver = true) =>
        Issue(store, new WebhookSubject(type, campaign, session, null), store.WebhookUrlFor(campaign), deliver);

    /// <summary>Records any event (the payload shaped for its type) and, if asked, delivers it to <paramref name="url"/>.</summary>
    public WebhookEvent Issue(Store store, WebhookSubject subject, string url, bool deliver)
    {
        string id = subject.Type == "directory_registration"
            ? Interlocked.Increment(ref store.LastRegistrationEvent).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "evt_" + store.Random62(20);
        string date = J.DateText(J.NowSeconds());
        var ev = new WebhookEvent(id, subject.Type, date, subject.Campaign?.Id ?? "", subject.Session ?? "")
        {
            Body = WebhookPayloads.Write(store, subject, id, date),
        };
        store.Events[ev.Id] = ev;
        if (deliver && url.Length > 0) Enqueue(url, ev, DateTime.UtcNow, 1);
        return ev;
    }

    /// <summary>Sends an issued event again, as the vendor does when a 2xx came too late; false when unknown.</summary>
    public bool Redeliver(Store store, string id, string url)
    {
        if (!store.Events.TryGetValue(id, out var ev) || url.Length == 0) return false;
        Enqueue(url, ev, DateTime.UtcNow, 1);
        return true;
    }

    void Enqueue(string url, WebhookEvent ev, DateTime firstAt, int attempt) =>
        outbox.Writer.TryWrite(new Outgoing(deliveries, Volatile.Read(ref generation), url, ev, firstAt, attempt));

    public string Sign(byte[] body) => policy.Base64 ? Convert.ToBase64String(HMACSHA256.HashData(key, body)) : Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    async Task Send(Outgoing item)
    {
        if (item.Generation != Volatile.Read(ref generation)) return;   // reset since it was queued
        int status = 0;
        string error = "";
        if (!IsLoopback(item.Url)) error = "refused: not a loopback http URL";
        else
        {
            try
            {
                byte[] body = Encoding.UTF8.GetBytes(Payload(item.Event));
                using var request = new HttpRequestMessage(HttpMethod.Post, item.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("x-hmac", Sign(body));
                request.Headers.ConnectionClose = true;
                using var response = await Http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                error = e.Message;
            }
        }
        var queue = item.Log;
        queue.Enqueue(new Delivery(item.Url, item.Event.Id, item.Event.Type, status, error, J.DateText(J.NowSeconds()), item.Attempt));
        while (queue.Count > Keep) queue.TryDequeue(out _);
        if (status is >= 200 and < 300 || error.StartsWith("refused", StringComparison.Ordinal)) return;
        var current = policy;
        if (DateTime.UtcNow + current.RetryInterval - item.FirstAt > current.RetryFor) return;
        _ = Task.Delay(current.RetryInterval).ContinueWith(_ =>
        {
            if (item.Generation == Volatile.Read(ref generation)) outbox.Writer.TryWrite(item with { Attempt = item.Attempt + 1 });
        }, TaskScheduler.Default);
    }

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http"
        && (uri.IsLoopback && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)));

    /// <summary>The delivered body.</summary>
    public static string Payload(WebhookEvent ev) => ev.Body;
}
