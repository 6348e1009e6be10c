using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>Loyalty cards and their users. Not-found codes chosen here: 506 card, 508 user.</summary>
static class LoyaltyHandlers
{
    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/loyalty/list"] = List;
        map["/v3/loyalty/info"] = Info;
        map["/v3/loyaltyusers/list"] = Users;
        map["/v3/loyaltyusers/search"] = Search;
        map["/v3/loyaltyusers/update"] = Update;
        map["/v3/loyaltyusers/create"] = Create;
        map["/v3/loyaltyusers/link"] = Link;
        map["/v3/loyalty/pushnotification/single"] = PushSingle;
        map["/v3/loyalty/pushnotification/all"] = PushAll;
    }

    /// <summary>Web loyalty card ids carry loy_, their users lus_ (2025 overview); anything else is 301.</summary>
    static LoyaltyCard Card(ApiRequest r) => r.Store.Loyalty.Card(WebId(r, "loyaltycard", "loy_")) ?? throw ApiError.LoyaltyCard();

    static LoyaltyUser User(ApiRequest r, LoyaltyCard card) => r.Store.Loyalty.User(card.Id, WebId(r, "user", "lus_")) ?? throw ApiError.User();

    static string WebId(ApiRequest r, string name, string prefix)
    {
        string id = r.Req(name);
        return id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && id.Length > prefix.Length && id[prefix.Length..].All(char.IsAsciiLetterOrDigit)
            ? prefix + id[prefix.Length..] : throw ApiError.BadChars(name);
    }

    static void CardMembers(Utf8JsonWriter w, LoyaltyCard c)
    {
        w.WriteString("ID", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("type", c.Type);
        w.WriteString("status", c.Active ? "active" : "inactive");
        w.Date("created_date_utc", c.Created);
    }

    static void UserObject(Utf8JsonWriter w, LoyaltyUser u, string? name = null)
    {
        if (name == null) w.WriteStartObject(); else w.WriteStartObject(name);
        w.WriteString("ID", u.Id);
        w.WriteString("email", u.Email);
        w.WriteString("first_name", u.FirstName);
        w.WriteString("last_name", u.LastName);
        w.Num("points", u.Points);
        w.Num("stamps", u.Stamps);
        w.Flag("voided", u.Voided);
        w.WriteEndObject();
    }

    static void UserArray(Utf8JsonWriter w, IEnumerable<LoyaltyUser> users)
    {
        w.WriteStartArray("users");
        foreach (var u in users) UserObject(w, u);
        w.WriteEndArray();
    }

    static Reply List(ApiRequest r)
    {
        bool onlyActive = r.Flag("only_active");
        bool desc = r.OneOf("sorting", "asc", "desc") == "desc";
        var cards = r.Store.Loyalty.Cards().Where(c => !onlyActive || c.Active).OrderBy(c => c.Created).ToList();
        if (desc) cards.Reverse();
        return Reply.Ok(w =>
        {
            w.Objects("loyaltycards", cards, c => CardMembers(w, c));
        });
    }

    static Reply Info(ApiRequest r)
    {
        var c = Card(r);
        int users = r.Store.Loyalty.Users(c.Id).Length;
        return Reply.Ok(w =>
        {
            w.WriteStartObject("loyaltycard");
            CardMembers(w, c);
            w.Num("amount_of_users", users);
            w.WriteEndObject();
        });
    }

    static Reply Users(ApiRequest r)
    {
        var users = r.Store.Loyalty.Users(Card(r).Id);
        return Reply.Ok(w =>
        {
            w.Num("amount_of_results", users.Length);
            UserArray(w, users);
        });
    }

    /// <summary>The term travels as "search" (the vendor's field name was cut off; "term" and "query" also work).</summary>
    static Reply Search(ApiRequest r)
    {
        var card = Card(r);
        string term = r.Opt("search") ?? r.Opt("term") ?? r.Opt("query") ?? throw ApiError.Missing("search");
        if (term.Length < 3 || !term.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '@' or '.'))
            throw ApiError.Bad("Search term needs at least 3 characters of A-Z a-z 0-9 - _ @ .");
        var found = r.Store.Loyalty.Users(card.Id).Where(u => new[] { u.Id, u.Email, u.FirstName, u.LastName, u.Phone }
            .Any(f => f.Contains(term, StringComparison.OrdinalIgnoreCase))).ToList();
        return Reply.Ok(w =>
        {
            w.Num("amount_of_results", found.Count);
            UserArray(w, found);
        });
    }

    /// <summary>points and stamps are amounts added (negative subtracts); voided true/false.</summary>
    static Reply Update(ApiRequest r)
    {
        var card = Card(r);
        var user = User(r, card);
        long? points = r.Signed("points"), stamps = r.Signed("stamps");
        bool? voided = r.Bool("voided");
        if (points == null && stamps == null && voided == null) throw ApiError.Missing("points");
        var next = r.Store.Loyalty.Update(card.Id, user.Id, u => u with
        {
            Points = u.Points + (points ?? 0),
            Stamps = u.Stamps + (stamps ?? 0),
            Voided = voided ?? u.Voided,
        });
        if (next != user) r.Wrote();
        return Reply.Ok(w => UserObject(w, next, "user"));
    }

    static Reply Create(ApiRequest r)
    {
        string email = r.Req("email");
        if (!ApiRequest.IsEmail(email)) throw new ApiError(305, "Invalid e-mail address.");
        r.Req("password");
        r.Date("birthday", "yyyy-MM-dd");
        var user = r.Store.Loyalty.Create(email, r.Opt("first_name") ?? "", r.Opt("last_name") ?? "", r.Opt("phone") ?? "")
            ?? throw new ApiError(304, "E-mail address already exists.");
        r.Wrote();
        return Reply.Ok(w => UserObject(w, user, "user"));
    }

    static Reply Link(ApiRequest r)
    {
        var card = Card(r);
        string user = WebId(r, "user", "lus_");
        if (!r.Store.Loyalty.ProfileExists(user)) throw ApiError.User();
        if (r.Store.Loyalty.Link(card.Id, user)) r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("loyaltycard", card.Id);
            w.WriteString("user", user);
            w.WriteString("action", "user_linked");
        });
    }

    static Reply PushSingle(ApiRequest r)
    {
        User(r, Card(r));
        r.Req("message");
        r.Wrote();
        return Reply.Ok();
    }

    static Reply PushAll(ApiRequest r)
    {
        var card = Card(r);
        r.Req("message");
        int recipients = r.Store.Loyalty.Users(card.Id).Count(u => !u.Voided);
        r.Wrote();
        return Reply.Ok(w => w.WriteNumber("recipients", recipients));
    }
}
