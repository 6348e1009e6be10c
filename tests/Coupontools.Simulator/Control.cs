using System.Text;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>The /_sim/ control endpoints: no credentials, JSON in and out, never delayed or faulted.</summary>
static class Control
{
    public static async Task Handle(HttpContext ctx, Sim sim)
    {
        string path = (ctx.Request.Path.Value ?? "").TrimEnd('/');
        string method = ctx.Request.Method;
        try
        {
            using var doc = await ReadBody(ctx);
            var body = doc.RootElement;
            Action<Utf8JsonWriter>? reply = (method, path) switch
            {
                ("POST", "/_sim/faults") => AddFaults(sim, body),
                ("DELETE", "/_sim/faults") => Ok(sim.Faults.Clear),
                ("GET", "/_sim/faults") => w => Obj(w, () => w.WriteNumber("pending", sim.Faults.Pending())),
                ("GET", "/_sim/stats") => sim.Stats.WriteJson,
                ("POST", "/_sim/reset") => Ok(() => sim.Reset(Bool(body, "statsOnly"))),
                ("POST", "/_sim/campaign") => AddCampaign(sim, body),
                ("POST", "/_sim/latency") => SetLatency(sim, body),
                ("GET", "/_sim/latency") => w => Obj(w, () => { w.WriteNumber("ms", sim.LatencyMs); w.WriteNumber("jitterMs", sim.JitterMs); }),
                ("POST", "/_sim/ratelimit") => SetRateLimit(sim, body),
                ("GET", "/_sim/ratelimit") => w => RateLimitJson(w, sim),
                ("POST", "/_sim/webhook") => SetWebhook(sim, body),
                ("POST", "/_sim/webhook/fire") => Fire(sim, body),
                ("POST", "/_sim/webhook/redeliver") => Redeliver(sim, body),
                ("GET", "/_sim/deliveries") => Deliveries(sim),
                ("GET", "/_sim/config") => Config(sim),
                ("POST", "/_sim/integration") => SetIntegration(sim, body),
                ("GET", _) when path.StartsWith("/_sim/campaign/", StringComparison.Ordinal) => CampaignInfo(sim, path["/_sim/campaign/".Length..]),
                ("GET", _) when path.StartsWith("/_sim/session/", StringComparison.Ordinal) => StoredSession(sim, path["/_sim/session/".Length..]),
                _ => null,
            };
            if (reply == null) await Send(ctx, 404, w => Obj(w, () => w.WriteString("error", $"not found: {method} {path}")));
            else await Send(ctx, 200, reply);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            await Send(ctx, 400, w => Obj(w, () => w.WriteString("error", e.Message)));
        }
    }

    static async Task<JsonDocument> ReadBody(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        string text = await reader.ReadToEndAsync();
        return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
    }

    static async Task Send(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, JsonOut.WriterOptions)) write(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = ms.Length;
        await ctx.Response.Body.WriteAsync(ms.GetBuffer().AsMemory(0, (int)ms.Length));
    }

    static void Obj(Utf8JsonWriter w, Action fields)
    {
        w.WriteStartObject();
        fields();
        w.WriteEndObject();
    }

    static Action<Utf8JsonWriter> Ok(Action act)
    {
        act();
        return w => Obj(w, () => w.WriteBoolean("ok", true));
    }

    static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static bool Bool(JsonElement e, string name, bool fallback = false) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean() : fallback;

    static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    static Action<Utf8JsonWriter> AddFaults(Sim sim, JsonElement body)
    {
        string path = Str(body, "path") ?? throw new ArgumentException("path is required (an API path or \"*\")");
        if (body.TryGetProperty("rate", out var rate))
        {
            if (!body.TryGetProperty("fault", out var fault)) throw new ArgumentException("rate needs a fault object");
            sim.Faults.SetRate(path, rate.GetDouble(), Fault.Parse(fault));
        }
        else if (body.TryGetProperty("faults", out var list) && list.ValueKind == JsonValueKind.Array)
            sim.Faults.Add(path, list.EnumerateArray().Select(Fault.Parse).ToList());
        else if (body.TryGetProperty("fault", out var one))
            sim.Faults.Add(path, [Fault.Parse(one)]);
        else throw new ArgumentException("give faults:[...] or rate with fault:{...}");
        return w => Obj(w, () => { w.WriteBoolean("ok", true); w.WriteNumber("pending", sim.Faults.Pending()); });
    }

    static Action<Utf8JsonWriter> AddCampaign(Sim sim, JsonElement body)
    {
        long sessions = Long(body, "sessions") ?? sim.Options.Sessions;
        if (sessions is < 0 or > 500_000_000) throw new ArgumentException("sessions must be 0..500000000");
        var c = sim.Store.AddCampaign(Str(body, "name") ?? "Simulated campaign", (int)sessions, Bool(body, "active", true));
        c.TimeZone = Str(body, "timezone") ?? c.TimeZone;
        return w => Obj(w, () => { w.WriteString("id", c.Id); w.WriteString("code", c.Code); });
    }

    static Action<Utf8JsonWriter>? CampaignInfo(Sim sim, string id)
    {
        var number = ApiRequest.ParseId(id, "cam_");
        var c = number == null ? null : sim.Store.FindCampaign(number.Value);
        if (c == null) return null;
        long created = c.Created.Count(n => sim.Store.Created(n) is { Removed: false });
        return w => Obj(w, () =>
        {
            w.WriteString("id", c.Id);
            w.WriteString("code", c.Code);
            w.WriteNumber("sessions", c.VisibleCount(sim.Store));
            w.WriteNumber("created", created);
        });
    }

    /// <summary>What a session holds that the API prints nowhere: the single-use fields as stored (expiry in the campaign's zone).</summary>
    static Action<Utf8JsonWriter>? StoredSession(Sim sim, string code)
    {
        var s = sim.Store.FindSession(code);
        if (s == null) return null;
        return w => Obj(w, () =>
        {
            w.WriteString("campaign", s.Campaign.Id);
            w.WriteString("timezone", s.Campaign.TimeZone);
            w.WriteString("expiry_date", s.Expiry);
            w.WriteString("own_validation_code", s.OwnCode);
            for (int i = 0; i < s.CustomFields.Length; i++) w.WriteString("customfield" + (i + 1), s.CustomFields[i]);
            for (int i = 0; i < s.Utm.Length; i++) w.WriteString(SessionState.UtmNames[i], s.Utm[i]);
        });
    }

    /// <summary>Turns the account's SMS or e-mail integration off or on (a reset turns both on): {"sms": false, "email": true}.</summary>
    static Action<Utf8JsonWriter> SetIntegration(Sim sim, JsonElement body)
    {
        var m = sim.Store.Messaging;
        m.Sms.Enabled = Bool(body, "sms", m.Sms.Enabled);
        m.Email.Enabled = Bool(body, "email", m.Email.Enabled);
        return w => Obj(w, () => { w.WriteBoolean("sms", m.Sms.Enabled); w.WriteBoolean("email", m.Email.Enabled); });
    }

    static Action<Utf8JsonWriter> SetLatency(Sim sim, JsonElement body)
    {
        long ms = Long(body, "ms") ?? throw new ArgumentException("ms is required");
        long jitter = Long(body, "jitterMs") ?? 0;
        if (ms is < 0 or > 600_000 || jitter is < 0 or > 600_000) throw new ArgumentException("ms and jitterMs must be 0..600000");
        sim.LatencyMs = (int)ms;
        sim.JitterMs = (int)jitter;
        return w => Obj(w, () => { w.WriteNumber("ms", sim.LatencyMs); w.WriteNumber("jitterMs", sim.JitterMs); });
    }

    /// <summary>{"perSecond": N, "burst": B}: N requests a second past which API requests get 429; perSecond 0 turns it off.</summary>
    static Action<Utf8JsonWriter> SetRateLimit(Sim sim, JsonElement body)
    {
        double perSecond = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("perSecond", out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble() : throw new ArgumentException("perSecond is required");
        double? burst = body.TryGetProperty("burst", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : null;
        sim.RateLimit.Set(perSecond, burst);
        return w => RateLimitJson(w, sim);
    }

    static void RateLimitJson(Utf8JsonWriter w, Sim sim) =>
        Obj(w, () => { w.WriteNumber("perSecond", sim.RateLimit.PerSecond); w.WriteNumber("burst", sim.RateLimit.Burst); });

    static Action<Utf8JsonWriter> SetWebhook(Sim sim, JsonElement body)
    {
        string url = Str(body, "url") ?? "";
        if (url.Length > 0 && !Webhooks.IsLoopback(url)) throw new ArgumentException("url must be an http loopback URL");
        string? sub = Str(body, "subaccount");
        if (sub == null) sim.Store.MainWebhookUrl = url;
        else
        {
            long number = ApiRequest.ParseId(sub, "sub_") ?? throw new ArgumentException("bad subaccount id");
            if (sim.Store.Subaccounts.Find(number) == null) throw new ArgumentException("unknown subaccount");
            sim.Store.Subaccounts.Update(number, s => s with { WebhookEndpoint = url });
        }
        var vendor = DeliveryPolicy.Vendor;
        long? retryMs = Long(body, "retryMs"), retryForMs = Long(body, "retryForMs");
        string encoding = Str(body, "encoding") ?? "hex";
        if (encoding is not ("hex" or "base64")) throw new ArgumentException("encoding must be hex or base64");
        sim.Webhooks.Policy = new DeliveryPolicy(retryMs is > 0 ? TimeSpan.FromMilliseconds(retryMs.Value) : vendor.RetryInterval,
            retryForMs is > 0 ? TimeSpan.FromMilliseconds(retryForMs.Value) : vendor.RetryFor, encoding == "base64");
        return w => Obj(w, () => w.WriteString("url", url));
    }

    /// <summary>
    /// Issues an event of any type (default coupon_validated): campaign (cam_) for the types about one (else the
    /// first campaign), session (else the campaign's first), subaccount; deliver=false only records it.
    /// </summary>
    static Action<Utf8JsonWriter> Fire(Sim sim, JsonElement body)
    {
        string type = Str(body, "type") ?? "coupon_validated";
        string? campaignId = Str(body, "campaign");
        Campaign? c = campaignId == null ? null
            : sim.Store.FindCampaign(ApiRequest.ParseId(campaignId, "cam_") ?? throw new ArgumentException("bad campaign id")) ?? throw new ArgumentException("unknown campaign");
        if (c == null && WebhookPayloads.NeedsCampaign(type))
            c = sim.Store.Campaigns.FirstOrDefault(x => x.Owner == 0) ?? sim.Store.Campaigns.FirstOrDefault() ?? throw new ArgumentException("campaign is required");
        string? session = Str(body, "session") ?? (c != null && WebhookPayloads.NeedsCampaign(type) ? c.Generated(0).Code : null);
        string? sub = Str(body, "subaccount");
        string url = c != null ? sim.Store.WebhookUrlFor(c)
            : sub != null ? sim.Store.Subaccounts.Find(ApiRequest.ParseId(sub, "sub_") ?? throw new ArgumentException("bad subaccount id"))?.WebhookEndpoint ?? ""
            : sim.Store.MainWebhookUrl;
        var ev = sim.Webhooks.Issue(sim.Store, new WebhookSubject(type, c, session, sub), url, Bool(body, "deliver", true));
        return w => Obj(w, () =>
        {
            w.WriteString("webhook", ev.Id);
            w.WriteString("body", ev.Body);
            w.WriteString("signature", sim.Webhooks.Sign(Encoding.UTF8.GetBytes(ev.Body)));
        });
    }

    /// <summary>Sends an issued event again to the main webhook URL (or url), as the vendor does when the 2xx came late.</summary>
    static Action<Utf8JsonWriter> Redeliver(Sim sim, JsonElement body)
    {
        string id = Str(body, "webhook") ?? throw new ArgumentException("webhook is required");
        if (!sim.Webhooks.Redeliver(sim.Store, id, Str(body, "url") ?? sim.Store.MainWebhookUrl)) throw new ArgumentException("unknown webhook or no URL");
        return w => Obj(w, () => w.WriteString("webhook", id));
    }

    static Action<Utf8JsonWriter> Deliveries(Sim sim)
    {
        var list = sim.Webhooks.Deliveries;
        return w => Obj(w, () =>
        {
            w.Objects("deliveries", list, d =>
            {
                w.WriteString("url", d.Url);
                w.WriteString("webhook", d.Webhook);
                w.WriteString("type", d.Type);
                w.WriteNumber("status", d.Status);
                w.WriteString("error", d.Error);
                w.WriteString("at", d.At);
                w.WriteNumber("attempt", d.Attempt);
            });
        });
    }

    static Action<Utf8JsonWriter> Config(Sim sim)
    {
        var subs = sim.Store.Subaccounts.All();
        return w => Obj(w, () =>
        {
            w.WriteString("clientId", sim.Options.ClientId);
            w.WriteString("clientSecret", sim.Options.ClientSecret);
            w.WriteNumber("seed", sim.Options.Seed);
            w.WriteNumber("sessions", sim.Options.Sessions);
            w.WriteNumber("latencyMs", sim.LatencyMs);
            w.Objects("subaccounts", subs, s =>
            {
                w.WriteString("id", s.Id);
                w.WriteString("api_key", s.ApiKey);
                w.WriteString("api_secret", s.ApiSecret);
            });
            w.WriteStartArray("paths");
            foreach (var p in Api.Paths.Order(StringComparer.Ordinal)) w.WriteStringValue(p);
            w.WriteEndArray();
        });
    }
}
