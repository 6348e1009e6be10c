namespace Coupontools.Simulator;

/// <summary>Coupon sessions: data, update (one, many), search (all, in a campaign), push notifications.</summary>
static class SessionHandlers
{
    public const int MaxMultiple = 1000;
    static readonly string[] SearchFields = ["own_validation_code", "email", "phone"];

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/couponsession/data"] = Data;
        map["/v3/couponsession/update"] = Update;
        map["/v3/couponsession/update/multiple"] = UpdateMultiple;
        map["/v3/couponsession/search"] = r => Search(r, null);
        map["/v3/campaign/search"] = r => Search(r, r.Campaign());
    }

    sealed record Change(string? Status, bool? Void, string? Value, string? ValidationValue);

    /// <summary>status claimed|validated, void true/false, value, validation_value; at least one.</summary>
    static Change ParseChange(ApiRequest r)
    {
        var change = new Change(r.OneOf("status", "claimed", "validated"), r.Bool("void"), r.Opt("value"), r.Opt("validation_value"));
        return change == new Change(null, null, null, null) ? throw ApiError.Missing("status") : change;
    }

    /// <summary>Applies a change; a real change counts as a write and claim/validate/void issue webhook events.</summary>
    static SessionState Apply(ApiRequest r, SessionState s, Change u)
    {
        long now = J.NowSeconds();
        var events = new List<string>();
        var (next, changed) = r.Store.Change(s, cur =>
        {
            events.Clear();
            var n = cur;
            if (u.Status == "claimed" && n.Claimed == 0)
            {
                n = n with { Claimed = now, ClaimType = n.ClaimType.Length > 0 ? n.ClaimType : "api" };
                events.Add("coupon_claimed");
            }
            if (u.Status == "validated" && n.Validated == 0)
            {
                n = n with { Validated = now, Locked = true, Claimed = n.Claimed != 0 ? n.Claimed : now };
                events.Add("coupon_validated");
            }
            if (u.Void == true && n.Voided == 0)
            {
                n = n with { Voided = now };
                events.Add("coupon_voided");
            }
            if (u.Void == false) n = n with { Voided = 0 };
            if (u.Value != null) n = n with { Value = u.Value };
            if (u.ValidationValue != null) n = n with { ValidationValue = u.ValidationValue };
            return n;
        });
        if (changed)
        {
            r.Wrote();
            foreach (string type in events) r.Sim.Webhooks.Issue(r.Store, type, next.Campaign, next.Code);
        }
        return next;
    }

    static Reply Data(ApiRequest r)
    {
        var s = r.Session();
        return Reply.Ok(w => SessionJson.SessionData(w, s));
    }

    static Reply Update(ApiRequest r)
    {
        var s = r.Session();
        var next = Apply(r, s, ParseChange(r));
        return Reply.Ok(w => SessionJson.SessionData(w, next));
    }

    static Reply UpdateMultiple(ApiRequest r)
    {
        string[] codes = r.Req("couponsessions").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0) throw ApiError.Missing("couponsessions");
        if (codes.Length > MaxMultiple) throw ApiError.Bad($"Too many coupon sessions: at most {MaxMultiple} per call.");
        var change = ParseChange(r);
        var failed = new List<string>();
        int updated = 0;
        foreach (string code in codes)
        {
            var s = code.All(char.IsAsciiLetterOrDigit) ? r.Store.FindSession(code) : null;
            if (s == null) { failed.Add(code); continue; }
            Apply(r, s, change);
            updated++;
        }
        return Reply.Ok(w =>
        {
            w.WriteNumber("updated", updated);
            w.WriteStartArray("failed");
            foreach (string code in failed)
            {
                w.WriteStartObject();
                w.WriteString("session", code);
                w.WriteNumber("error_code", 505);
                w.WriteString("error_message", "Couponsession not found.");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    /// <summary>Exactly one of own_validation_code, email, phone.</summary>
    static Reply Search(ApiRequest r, Campaign? within)
    {
        var given = SearchFields.Where(r.Has).ToList();
        if (given.Count == 0) throw ApiError.Missing(SearchFields[0]);
        if (given.Count > 1) throw ApiError.Bad("Search by exactly one of own_validation_code, email, phone.");
        var found = r.Store.Search(given[0], r.Req(given[0]), within);
        return Reply.Ok(w =>
        {
            w.Num("amount_of_results", found.Count);
            w.WriteStartArray("data");
            foreach (var s in found) SessionJson.DataItem(w, s, withCampaign: true);
            w.WriteEndArray();
        });
    }
}
