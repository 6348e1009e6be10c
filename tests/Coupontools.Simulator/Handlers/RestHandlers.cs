using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coupontools.Simulator;

/// <summary>
/// The v4 REST family (api/CONTRACT-2025.md): GET/POST/PUT/DELETE with ids in the path, x-api-key and
/// x-api-secret headers, bare JSON objects and arrays with no status envelope. 2025 prints no error reply for it:
/// the simulator answers failures with the HTTP status and {"message": "..."} (api/ASSUMED.md) — 401 for bad
/// credentials, 404 for an unknown resource or path, 405 for a method the path does not take, 400 for a body that
/// is not JSON, 422 for a field the API would refuse.
/// </summary>
static partial class RestHandlers
{
    internal delegate Reply Route(HttpContext ctx, Sim sim, Match m);

    static readonly (string Method, Regex Pattern, Route Handle, bool Write)[] Routes =
    [
        .. WalletRoutes,
        .. DirectoryRestHandlers.Routes,
    ];

    /// <summary>The reply when <paramref name="path"/> belongs to the REST family (any /v4 path the envelope family does not answer); else null.</summary>
    public static async Task<Reply?> TryHandle(HttpContext ctx, Sim sim, string path)
    {
        var matches = Routes.Where(r => r.Pattern.IsMatch(path)).ToList();
        if (matches.Count == 0) return path.StartsWith("/v4/", StringComparison.Ordinal) ? Message(404, "Not found") : null;
        var route = matches.FirstOrDefault(r => r.Method == ctx.Request.Method);
        if (!Authenticated(ctx, sim)) return Message(401, "Unauthenticated.");
        if (route.Handle == null) return Message(405, "Method not allowed");
        if (!await ReadBody(ctx)) return Message(400, "The body is not valid JSON.");
        var reply = route.Handle(ctx, sim, route.Pattern.Match(path));
        if (route.Write && reply.Status < 300) sim.Stats.Write(path);
        return reply;
    }

    /// <summary>Parks the JSON body (if any) in HttpContext.Items for the routes; false when it is not JSON.</summary>
    static async Task<bool> ReadBody(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        if (buffer.Length == 0) return true;
        try
        {
            ctx.Items["body"] = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string? Field(HttpContext ctx, string name) =>
        ctx.Items["body"] is JsonElement { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    static bool Authenticated(HttpContext ctx, Sim sim)
    {
        // Only the REST family's header names: a client that sent X-Client-Id here would be answered 401.
        string? key = ctx.Request.Headers["x-api-key"].FirstOrDefault();
        string? secret = ctx.Request.Headers["x-api-secret"].FirstOrDefault();
        return key != null && secret != null
            && ((key == sim.Options.ClientId && secret == sim.Options.ClientSecret) || sim.Store.Subaccounts.ByCredentials(key, secret) != null);
    }

    internal static Regex Path(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant);

    internal static Reply Json(Action<Utf8JsonWriter> write, int status = 200) => new() { Status = status, Body = o => { write(o.W); return default; } };

    internal static Reply Message(int status, string text) => Json(w => { w.WriteStartObject(); w.WriteString("message", text); w.WriteEndObject(); }, status);
}
