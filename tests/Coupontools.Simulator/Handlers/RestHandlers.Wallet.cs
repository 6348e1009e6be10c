using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coupontools.Simulator;

/// <summary>
/// Wallet loyalty cards (v4 REST, vendor-2025/loyalty.txt): each reply has the keys its printed example has, in
/// that order. Failures are the family's: 404 for an unknown card or user, 422 for a field the API would refuse.
/// </summary>
static partial class RestHandlers
{
    const string Cards = "/v4/loyalty/loyalty-cards";
    const string DownloadHost = "https://loyalty.coupontools.com/";

    static (string Method, Regex Pattern, Route Handle, bool Write)[] WalletRoutes =>
    [
        ("GET", Path(Cards), (c, s, m) => Json(w => w.Objects(s.Store.Wallet.Cards(), card => WalletCardKeys(w, card))), false),
        ("POST", Path(Cards + @"/(?<card>\d+)/copy"), CopyWalletCard, true),
        ("GET", Path(Cards + @"/(?<card>\d+)/stats"), ListWalletUsers, false),
        ("POST", Path(Cards + @"/(?<card>\d+)/stats"), (c, s, m) => WithWalletCard(s, m, card => CreateWalletUsers(c, s, card, bulk: false)), true),
        ("POST", Path(Cards + @"/(?<card>\d+)/stats/bulk"), (c, s, m) => WithWalletCard(s, m, card => CreateWalletUsers(c, s, card, bulk: true)), true),
        ("GET", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)"), (c, s, m) => WithWalletUser(s, m, (card, u) => WalletUserReply(card, u, WalletShape.Full)), false),
        ("PUT", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)"), UpdateWalletUser, false),
        ("POST", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)"), AddWalletStamps, true),
        ("PUT", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)/rewards"), UseWalletRewards, false),
        ("PUT", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)/void"), VoidWalletUser, false),
        ("DELETE", Path(Cards + @"/(?<card>\d+)/stats/(?<user>\d+)"), (c, s, m) => WithWalletUser(s, m, (card, u) =>
        {
            s.Store.Wallet.Remove(card.Id, u.Id);
            return Message(200, "User deleted");
        }), true),
        ("POST", Path(Cards + @"/(?<card>\d+)/push-notifications"), PushWallet, true),
    ];

    /// <summary>The keys of a user reply: which ones each printed example shows.</summary>
    enum WalletShape { Created, Full, Stamped, Voided }

    static string Now() => J.DateText(J.NowSeconds());

    static JsonElement? Body(HttpContext ctx) => ctx.Items["body"] is JsonElement body ? body : null;

    static Reply WithWalletCard(Sim sim, Match m, Func<WalletCard, Reply> then) =>
        long.TryParse(m.Groups["card"].Value, out var id) && sim.Store.Wallet.Card(id) is { } card ? then(card) : Message(404, "Loyalty card not found");

    static Reply WithWalletUser(Sim sim, Match m, Func<WalletCard, WalletUser, Reply> then) =>
        WithWalletCard(sim, m, card => long.TryParse(m.Groups["user"].Value, out var id) && sim.Store.Wallet.User(card.Id, id) is { } u
            ? then(card, u) : Message(404, "User not found"));

    static Reply CopyWalletCard(HttpContext ctx, Sim sim, Match m) => WithWalletCard(sim, m, card =>
    {
        string? name = Field(ctx, "name");
        if (name is { Length: > 50 }) return Message(422, "The name may not be greater than 50 characters.");
        var copy = sim.Store.Wallet.Copy(card, string.IsNullOrWhiteSpace(name) ? null : name, sim.Store.RandomFrom("abcdefghijklmnopqrstuvwxyz0123456789", 6));
        return Json(w => { w.WriteStartObject(); WalletCardKeys(w, copy); w.WriteEndObject(); });
    });

    /// <summary>
    /// The body a GET carries (as the vendor's sample does): filter {strict, keyword} on name, e-mail, phone and code
    /// (strict: the whole value, else a part, case ignored), include_voided (voided users are left out by default).
    /// </summary>
    static Reply ListWalletUsers(HttpContext ctx, Sim sim, Match m) => WithWalletCard(sim, m, card =>
    {
        var body = Body(ctx);
        bool includeVoided = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("include_voided", out var iv) && iv.ValueKind == JsonValueKind.True;
        string? keyword = null;
        bool strict = false;
        if (body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("filter", out var filter))
        {
            if (filter.ValueKind != JsonValueKind.Object) return Message(422, "The filter must be an object.");
            keyword = filter.TryGetProperty("keyword", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            strict = filter.TryGetProperty("strict", out var st) && st.ValueKind == JsonValueKind.True;
        }

        bool Matches(WalletUser u) => string.IsNullOrEmpty(keyword) || new[] { u["first_name"], u["last_name"], u["email"], u["phone"], u.Code }
            .Any(f => strict ? f.Equals(keyword, StringComparison.OrdinalIgnoreCase) : f.Contains(keyword, StringComparison.OrdinalIgnoreCase));
        var users = sim.Store.Wallet.Users(card.Id).Where(u => (includeVoided || u.VoidedAt == null) && Matches(u)).ToList();
        return Json(w => w.Objects(users, u => WalletUserKeys(w, card, u, WalletShape.Full)));
    });

    /// <summary>One user from an object body, or (bulk) one per element of an array body; 422 for a bad e-mail.</summary>
    static Reply CreateWalletUsers(HttpContext ctx, Sim sim, WalletCard card, bool bulk)
    {
        var body = Body(ctx);
        var items = bulk
            ? body is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array.EnumerateArray().ToList() : null
            : body is { ValueKind: JsonValueKind.Object } one ? [one] : body == null ? [default(JsonElement)] : null;
        if (items == null) return Message(422, bulk ? "The body must be a non-empty array of users." : "The body must be a user object.");
        var rows = new List<Dictionary<string, string>>();
        foreach (var item in items)
        {
            if (item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined)) return Message(422, "Each user must be an object.");
            var data = Data(item, new Dictionary<string, string>());
            if (data.TryGetValue("email", out var email) && email.Length > 0 && !ApiRequest.IsEmail(email)) return Message(422, "The email field must be a valid email address.");
            rows.Add(data);
        }

        var created = rows.Select(d => sim.Store.Wallet.Create(card.Id, d, sim.Store.RandomFrom("abcdefghijklmnopqrstuvwxyz0123456789", 21), Now(), bulk)).ToList();
        return bulk
            ? Json(w => w.Objects(created, u => WalletUserKeys(w, card, u, WalletShape.Created)))
            : WalletUserReply(card, created[0], WalletShape.Created);
    }

    /// <summary>The user fields of a body laid over <paramref name="current"/>: a string sets, "" or null clears.</summary>
    static Dictionary<string, string> Data(JsonElement body, IReadOnlyDictionary<string, string> current)
    {
        var data = new Dictionary<string, string>(current);
        if (body.ValueKind != JsonValueKind.Object) return data;
        foreach (var field in WalletUser.Fields)
        {
            if (!body.TryGetProperty(field, out var value)) continue;
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) data[field] = text;
            else if (value.ValueKind is JsonValueKind.Null or JsonValueKind.String) data.Remove(field);
            else if (value.ValueKind == JsonValueKind.Number) data[field] = value.GetRawText();
        }
        return data;
    }

    /// <summary>PUT of a user's data; idempotent like the real PUT: a write is counted only when something changed.</summary>
    static Reply UpdateWalletUser(HttpContext ctx, Sim sim, Match m) => WithWalletUser(sim, m, (card, u) =>
    {
        if (Field(ctx, "email") is { Length: > 0 } email && !ApiRequest.IsEmail(email)) return Message(422, "The email field must be a valid email address.");
        var data = Data(Body(ctx) ?? default, u.Data);
        bool changed = data.Count != u.Data.Count || data.Any(kv => u[kv.Key] != kv.Value);
        var next = changed ? sim.Store.Wallet.Update(card.Id, u.Id, current => current with { Data = data }) : u;
        if (changed) sim.Stats.Write(ctx.Request.Path.Value!.TrimEnd('/'));
        return WalletUserReply(card, next, WalletShape.Full);
    });

    /// <summary>amount: a whole number of at least 1 (the docs mark it required).</summary>
    static Reply AddWalletStamps(HttpContext ctx, Sim sim, Match m) => WithWalletUser(sim, m, (card, u) =>
    {
        var body = Body(ctx);
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("amount", out var amount)
            || !amount.TryGetInt64(out var n) || n < 1 || n > 100000)
            return Message(422, "The amount field is required and must be a whole number of at least 1.");
        var next = sim.Store.Wallet.Update(card.Id, u.Id, current => current with { Stamps = current.Stamps + n });
        return WalletUserReply(card, next, WalletShape.Stamped);
    });

    /// <summary>reward_ids: the user's rewards to mark used; an unknown or expired one is 422 and nothing changes.</summary>
    static Reply UseWalletRewards(HttpContext ctx, Sim sim, Match m) => WithWalletUser(sim, m, (card, u) =>
    {
        var body = Body(ctx);
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("reward_ids", out var idsJson)
            || idsJson.ValueKind != JsonValueKind.Array || idsJson.GetArrayLength() == 0 || idsJson.EnumerateArray().Any(e => !e.TryGetInt64(out _)))
            return Message(422, "The reward_ids field is required and must be a list of reward ids.");
        var ids = idsJson.EnumerateArray().Select(e => e.GetInt64()).ToHashSet();
        if (ids.FirstOrDefault(id => !u.AllRewards.Any(r => r.Id == id)) is var unknown and not 0)
            return Message(422, $"Reward {unknown} does not belong to this user.");
        if (u.AllRewards.FirstOrDefault(r => ids.Contains(r.Id) && r.ExpiredAt != null && r.UsedAt == null) is { } expired)
            return Message(422, $"Reward {expired.Id} has expired.");
        // Idempotent like the PUT it is: a reward already used stays as it was, and a repeat counts no write.
        if (!u.AllRewards.Any(r => ids.Contains(r.Id) && r.UsedAt == null)) return WalletUserReply(card, u, WalletShape.Stamped);
        string now = Now();
        var next = sim.Store.Wallet.Update(card.Id, u.Id, current => current with
        {
            Rewards = current.AllRewards.Select(r => ids.Contains(r.Id) && r.UsedAt == null ? r with { UsedAt = now } : r).ToList(),
        });
        sim.Stats.Write(ctx.Request.Path.Value!.TrimEnd('/'));
        return WalletUserReply(card, next, WalletShape.Stamped);
    });

    /// <summary>Voids the user; a user already voided is answered as is, and the repeat counts no write.</summary>
    static Reply VoidWalletUser(HttpContext ctx, Sim sim, Match m) => WithWalletUser(sim, m, (card, u) =>
    {
        if (u.VoidedAt != null) return WalletUserReply(card, u, WalletShape.Voided);
        sim.Stats.Write(ctx.Request.Path.Value!.TrimEnd('/'));
        return WalletUserReply(card, sim.Store.Wallet.Update(card.Id, u.Id, current => current with { VoidedAt = Now() }), WalletShape.Voided);
    });

    /// <summary>message (required); recipient_stat_ids, or every user who is not voided. Counts the users it reached.</summary>
    static Reply PushWallet(HttpContext ctx, Sim sim, Match m) => WithWalletCard(sim, m, card =>
    {
        if (Field(ctx, "message") is not { Length: > 0 } message) return Message(422, "The message field is required.");
        var body = Body(ctx)!.Value;
        var reachable = sim.Store.Wallet.Users(card.Id).Where(u => u.VoidedAt == null).ToList();
        int total;
        if (body.TryGetProperty("recipient_stat_ids", out var ids) && ids.ValueKind != JsonValueKind.Null)
        {
            if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(e => !e.TryGetInt64(out _)))
                return Message(422, "The recipient_stat_ids field must be a list of user ids.");
            var wanted = ids.EnumerateArray().Select(e => e.GetInt64()).ToHashSet();
            total = reachable.Count(u => wanted.Contains(u.Id));
        }
        else
        {
            total = reachable.Count;
        }

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", ids.ValueKind == JsonValueKind.Array ? "Targeted push notification" : "Push notification sent to all users");
            w.WriteNumber("total_recipients", total);
            w.WriteEndObject();
        });
    });

    static Reply WalletUserReply(WalletCard card, WalletUser u, WalletShape shape) =>
        Json(w => { w.WriteStartObject(); WalletUserKeys(w, card, u, shape); w.WriteEndObject(); });

    static void WalletCardKeys(Utf8JsonWriter w, WalletCard card)
    {
        w.WriteNumber("id", card.Id);
        w.WriteString("code", card.Code);
        w.WriteString("name", card.Name);
        w.WriteString("domain", card.Domain);
        w.WriteString("type", card.Type);
    }

    static void WalletUserKeys(Utf8JsonWriter w, WalletCard card, WalletUser u, WalletShape shape)
    {
        w.WriteNumber("id", u.Id);
        w.WriteString("code", u.Code);
        foreach (var field in WalletUser.Fields)
        {
            // Unset custom fields are left out (the printed Get user reply), unset others are null.
            var value = u[field];
            if (value.Length > 0) w.WriteString(field, value);
            else if (!field.StartsWith("custom_", StringComparison.Ordinal)) w.WriteNull(field);
        }

        if (shape == WalletShape.Stamped) w.WriteNumber("stamps", u.Stamps);
        w.WriteString("download_url", DownloadHost + card.UrlCode + "/" + u.Code);
        if (shape == WalletShape.Created) return;
        w.WriteString("created_at", u.CreatedAt);
        if (u.VoidedAt == null) w.WriteNull("voided_at"); else w.WriteString("voided_at", u.VoidedAt);
        if (shape == WalletShape.Full && u.ExpiredAt != null) w.WriteString("expired_at", u.ExpiredAt);
        if (shape != WalletShape.Stamped) return;
        w.WriteStartArray("rewards");
        foreach (var r in u.AllRewards)
        {
            w.WriteStartObject();
            w.WriteNumber("id", r.Id);
            w.WriteString("name", r.Name);
            w.WriteString("added_at", r.AddedAt);
            if (r.ExpiredAt != null) w.WriteString("expired_at", r.ExpiredAt);
            if (r.UsedAt != null) w.WriteString("used_at", r.UsedAt);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
