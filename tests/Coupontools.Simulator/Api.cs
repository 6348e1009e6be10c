using System.Buffers;
using System.Text;

namespace Coupontools.Simulator;

delegate Reply Handler(ApiRequest r);

/// <summary>The API pipeline: count, latency, rate limit, fault, parse, authenticate, handle, answer (streamed or faulted).</summary>
static class Api
{
    static readonly Dictionary<string, Handler> Routes = BuildRoutes();
    /// <summary>README §3: the single-push page shows errors beside status instead of inside it.</summary>
    static readonly HashSet<string> ErrorsBesideStatus = ["/v3/coupon/pushnotification/single"];

    static Dictionary<string, Handler> BuildRoutes()
    {
        var map = new Dictionary<string, Handler>(StringComparer.Ordinal);
        SubaccountHandlers.Register(map);
        CampaignHandlers.Register(map);
        SessionHandlers.Register(map);
        PushHandlers.Register(map);
        SingleUseHandlers.Register(map);
        LoyaltyHandlers.Register(map);
        DirectoryHandlers.Register(map);
        MiscHandlers.Register(map);
        MessagingHandlers.Register(map);
        return map;
    }

    /// <summary>What the rate-limit mode answers with its 429.</summary>
    const string RateLimitedBody = "{\"status\":\"error\",\"error\":{\"message\":\"Too many requests.\"}}";

    public static IEnumerable<string> Paths => Routes.Keys;

    public static async Task Handle(HttpContext ctx, Sim sim)
    {
        string path = (ctx.Request.Path.Value ?? "/").TrimEnd('/');
        if (path.Length == 0) path = "/";
        sim.Stats.Request(path);
        using var inFlight = sim.Stats.Enter();
        int latency = sim.NextLatencyMs();
        if (latency > 0) await Task.Delay(latency);
        if (sim.RateLimit.Take() is { } retryAfter)
        {
            sim.Stats.RateLimited();
            await SendFault(ctx, new Fault { Status = 429, RetryAfter = retryAfter, Body = RateLimitedBody });
            return;
        }

        var fault = sim.Faults.Next(path);
        if (fault != null)
        {
            sim.Stats.Fault();
            if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs);
            if (fault.Drop == "before") { ctx.Abort(); return; }
            if (!fault.Processes) { await SendFault(ctx, fault); return; }
        }

        var reply = await Process(ctx, sim, path);
        if (fault == null || (!fault.Replaces && !fault.Truncate && fault.Drop == null))
        {
            ctx.Response.StatusCode = reply.Status;
            ctx.Response.ContentType = reply.ContentType;
            using var o = new JsonOut(ctx.Response.BodyWriter, ctx.Response.BodyWriter);
            await reply.Body(o);
            await o.Complete();
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var o = new JsonOut(buffer, null))
        {
            await reply.Body(o);
            await o.Complete();
        }
        if (fault.Drop == "after") { ctx.Abort(); return; }
        if (fault.Replaces) { await SendFault(ctx, fault); return; }
        var half = buffer.WrittenMemory[..(buffer.WrittenCount / 2)];
        ctx.Response.StatusCode = reply.Status;
        ctx.Response.ContentType = reply.ContentType;
        ctx.Response.ContentLength = half.Length;
        await ctx.Response.Body.WriteAsync(half);
    }

    static async Task<Reply> Process(HttpContext ctx, Sim sim, string path)
    {
        bool beside = ErrorsBesideStatus.Contains(path);
        try
        {
            if (!Routes.TryGetValue(path, out var handler))
            {
                return await RestHandlers.TryHandle(ctx, sim, path) ?? Reply.Failed(new ApiError(0, "Unknown endpoint: " + path, 404));
            }

            var request = await ApiRequest.Read(ctx, sim, path);
            request.Authenticate(ctx);
            return handler(request);
        }
        catch (ApiError e)
        {
            return Reply.Failed(e, beside && e.Code != 1000);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            sim.Logger.LogWarning(e, "simulator failure on {Path}", path);
            return Reply.Failed(new ApiError(0, "Simulator error: " + e.Message, 500));
        }
    }

    static async Task SendFault(HttpContext ctx, Fault fault)
    {
        int status = fault.EffectiveStatus;
        ctx.Response.StatusCode = status;
        if (fault.RetryAfter != null) ctx.Response.Headers.RetryAfter = fault.RetryAfter;
        string body;
        if (fault.Body != null) body = fault.Body;
        else if (fault.Empty) body = "";
        else if (fault.Html) body = HtmlPage(status);
        else
        {
            var e = status == 401 ? ApiError.Auth() : new ApiError(0, "Simulated fault.", status);
            using var ms = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(ms, JsonOut.WriterOptions)) Envelope.WriteFailed(w, e, false);
            body = Encoding.UTF8.GetString(ms.ToArray());
        }
        string? type = fault.ContentType ?? (fault.Html ? "text/html; charset=utf-8" : fault.Empty ? null : "application/json");
        if (type != null) ctx.Response.ContentType = type;
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes);
    }

    static string HtmlPage(int status)
    {
        string text = $"{status} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}";
        return $"<html>\r\n<head><title>{text}</title></head>\r\n<body>\r\n<center><h1>{text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
