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
static class RestHandlers
{
    internal delegate Reply Route(HttpContext ctx, Sim sim, Match m);

    static readonly (string Method, Regex Pattern, Route Handle, bool Write)[] Routes =
    [
        ("GET", Path(@"/v4/loyalty/loyalty-cards"), (c, s, m) => Json(w => w.Objects(s.Store.Loyalty.Cards(), card => Card(w, card))), false),
        ("POST", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/copy"), CopyCard, true),
        ("GET", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats"), (c, s, m) => WithCard(s, m, card => Json(w => w.Objects(s.Store.Loyalty.Users(card.Id), u => LoyaltyUser(w, u)))), false),
        ("GET", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)"), LoyaltyUserById, false),
        ("PUT", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)"), UpdateLoyaltyUser, false),
        ("POST", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)"), (c, s, m) => WithLoyaltyUser(s, m, u => UserReply(u with { Stamps = u.Stamps + 1 })), true),
        ("PUT", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)/rewards"), (c, s, m) => WithLoyaltyUser(s, m, UserReply), true),
        ("PUT", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)/void"), (c, s, m) => WithLoyaltyUser(s, m, u => UserReply(u with { Voided = true })), true),
        ("DELETE", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/(?<user>\d+)"), (c, s, m) => WithLoyaltyUser(s, m, _ => Message(200, "User deleted")), true),
        ("POST", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/push-notifications"), (c, s, m) => WithCard(s, m, _ => Message(200, "Push notification sent")), true),
        ("POST", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats"), (c, s, m) => WithCard(s, m, _ => Json(w => { w.WriteStartObject(); w.WriteNumber("id", 900001); w.WriteEndObject(); }, 201)), true),
        ("POST", Path(@"/v4/loyalty/loyalty-cards/(?<card>\d+)/stats/bulk"), (c, s, m) => WithCard(s, m, _ => Json(w => { w.WriteStartObject(); w.WriteNumber("created", 0); w.WriteEndObject(); })), true),
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

    /// <summary>
    /// PUT of a wallet user's data: stores the given fields and answers the user; 422 for an e-mail that is not one.
    /// Idempotent like the real PUT: a write is counted only when something changed, so a repeat counts nothing.
    /// </summary>
    static Reply UpdateLoyaltyUser(HttpContext ctx, Sim sim, Match m) =>
        WithLoyaltyUser(sim, m, u =>
        {
            if (Field(ctx, "email") is { } email && !ApiRequest.IsEmail(email)) return Message(422, "The email field must be a valid email address.");
            var next = sim.Store.Loyalty.Update(m.Groups["card"].Value, u.Id, current => current with
            {
                Email = Field(ctx, "email") ?? current.Email,
                FirstName = Field(ctx, "first_name") ?? current.FirstName,
                LastName = Field(ctx, "last_name") ?? current.LastName,
            });
            if (next != u) sim.Stats.Write(ctx.Request.Path.Value!.TrimEnd('/'));
            return UserReply(next);
        });

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

    static Reply WithCard(Sim sim, Match m, Func<LoyaltyCard, Reply> then) =>
        sim.Store.Loyalty.Card(m.Groups["card"].Value) is { } card ? then(card) : Message(404, "Loyalty card not found");

    static Reply WithLoyaltyUser(Sim sim, Match m, Func<LoyaltyUser, Reply> then) =>
        WithCard(sim, m, card => sim.Store.Loyalty.User(card.Id, m.Groups["user"].Value) is { } u ? then(u) : Message(404, "User not found"));

    static Reply UserReply(LoyaltyUser u) => Json(w => { w.WriteStartObject(); LoyaltyUser(w, u); w.WriteEndObject(); });

    static Reply LoyaltyUserById(HttpContext ctx, Sim sim, Match m) =>
        WithCard(sim, m, card => sim.Store.Loyalty.User(card.Id, m.Groups["user"].Value) is { } u
            ? Json(w => { w.WriteStartObject(); LoyaltyUser(w, u); w.WriteEndObject(); }) : Message(404, "User not found"));

    static Reply CopyCard(HttpContext ctx, Sim sim, Match m) =>
        WithCard(sim, m, card => Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", long.Parse(card.Id) + 100000);
            w.WriteString("code", "copy" + card.Id);
            w.WriteString("name", "Copy of " + card.Name);
            w.WriteString("domain", "digicpn.com");
            w.WriteString("type", card.Type);
            w.WriteEndObject();
        }, 201));

    static void Card(Utf8JsonWriter w, LoyaltyCard card)
    {
        w.WriteNumber("id", long.Parse(card.Id));
        w.WriteString("code", "lc" + card.Id);
        w.WriteString("name", card.Name);
        w.WriteString("domain", "digicpn.com");
        w.WriteString("type", card.Type);
    }

    static void LoyaltyUser(Utf8JsonWriter w, LoyaltyUser u)
    {
        w.WriteNumber("id", long.Parse(u.Id));
        w.WriteString("email", u.Email);
        w.WriteString("first_name", u.FirstName);
        w.WriteString("last_name", u.LastName);
        w.WriteNumber("points", u.Points);
        w.WriteNumber("stamps", u.Stamps);
    }
}
