using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Coupontools.Simulator;

/// <summary>Coupon sessions as the 2025 documentation prints them: data, update (one, a sequence range), searches, barcode; and the legacy push notifications.</summary>
static class SessionHandlers
{
    static readonly string[] Operations = ["void", "unvoid", "lock", "unlock", "claim", "validate", "unvalidate", "activate"];
    static readonly string[] BarcodeTypes = ["code39", "code128b", "pdf417", "aztec", "qrcode"];
    static readonly (string Wire, string Field)[] SearchFields = [("code", "own_validation_code"), ("email", "email"), ("phone", "phone")];

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/couponsession/data"] = Data;
        map["/v3/couponsession/update"] = Update;
        map["/v3/batch/update"] = BatchUpdate;
        map["/v3/couponsession/search"] = r => Search(r, r.Has("campaign") ? r.Campaign() : null);
        map["/v3/campaignsession/search"] = r => Search(r, r.Has("campaign") ? r.Campaign() : throw new ApiError(200, "No parameter campaign"));
        map["/v3/couponsession/barcode"] = Barcode;
    }

    /// <summary>An operation and/or custom fields (and, for one session, customid and money_spent), checked as the API documents.</summary>
    sealed record Change(string? Operation, string?[] CustomFields, string? CustomId, string? MoneySpent);

    static Change ReadChange(ApiRequest r, bool single)
    {
        string? op = r.OneOf("operation", Operations);
        var fields = Enumerable.Range(1, 7).Select(i => r.Opt("customfield" + i)).ToArray();
        if (fields.Any(f => f is { Length: > 50 })) throw ApiError.Bad("Custom fields take at most 50 characters.");
        string? customId = single ? r.Opt("customid") : null;
        if (customId != null && (customId.Length > 50 || !customId.All(char.IsAsciiLetterOrDigit))) throw ApiError.Bad("Invalid character in parameter: customid");
        string? money = single ? r.Opt("money_spent") : null;
        if (money != null && !Regex.IsMatch(money, @"^[0-9]{1,12}(\.[0-9]{1,3})?$")) throw ApiError.BadChars("money_spent");
        var change = new Change(op, fields, customId, money);
        return op == null && fields.All(f => f == null) && customId == null && money == null
            ? throw new ApiError(200, "no operation or data provided")
            : change;
    }

    /// <summary>The session after the operation, or the documented error for its current state.</summary>
    static SessionState Next(SessionState s, Change u, long now)
    {
        bool voided = s.Voided != 0, claimed = s.Claimed != 0, validated = s.Validated != 0;
        var n = u.Operation switch
        {
            "void" => voided ? throw new ApiError(355, "Session was already voided") : s with { Voided = now },
            "unvoid" => !voided ? throw new ApiError(357, "Session wasn't voided") : s with { Voided = 0, Unvoided = now },
            "lock" => voided ? throw new ApiError(355, "Session could not be locked because it is voided")
                : s.Locked ? throw new ApiError(354, "Session already was locked before")
                : validated ? throw new ApiError(358, "Session could not be locked because it is already validated")
                : !claimed ? throw new ApiError(352, "Session could not be locked because it is not claimed")
                : s with { Locked = true },
            "unlock" => voided ? throw new ApiError(355, "Session could not be unlocked because it is voided")
                : !s.Locked ? throw new ApiError(356, "Session was already unlocked")
                : s with { Locked = false },
            "claim" => claimed ? throw new ApiError(352, "Session already was claimed before") : Usable(s) with
            {
                Claimed = now, ClaimType = s.ClaimType.Length > 0 ? s.ClaimType : "api",
            },
            "validate" => validated ? throw new ApiError(358, "This session was already validated") : Usable(s) with
            {
                Validated = now, Claimed = claimed ? s.Claimed : now,
            },
            "unvalidate" => !validated ? throw new ApiError(353, "Session was already unvalidated") : s with { Validated = 0 },
            "activate" => s with { Voided = 0, Unvoided = voided ? now : s.Unvoided, Opened = s.Opened != 0 ? s.Opened : now },
            _ => s,
        };
        var fields = s.CustomFields.Select((old, i) => u.CustomFields[i] ?? old).ToArray();
        return n with { CustomFields = fields, CustomId = u.CustomId ?? n.CustomId, MoneySpent = u.MoneySpent ?? n.MoneySpent };
    }

    /// <summary>A session that can be claimed or validated: not voided (355), not locked (354), not expired (351).</summary>
    static SessionState Usable(SessionState s)
    {
        if (s.Voided != 0) throw new ApiError(355, "This coupon is voided");
        if (s.Locked) throw new ApiError(354, "This coupon is locked");
        if (s.Expiry.Length > 0 && DateTime.TryParse(s.Expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until)
            && until < DateTime.UtcNow) throw new ApiError(351, "Session or coupon has expired");
        return s;
    }

    /// <summary>The webhook events a change issues (claims, validations, voids that took effect); a validation that also claims is one event.</summary>
    static IEnumerable<string> Events(SessionState before, SessionState after)
    {
        bool validated = before.Validated == 0 && after.Validated != 0;
        if (before.Claimed == 0 && after.Claimed != 0 && !validated) yield return "coupon_claimed";
        if (validated) yield return "coupon_validated";
        if (before.Voided == 0 && after.Voided != 0) yield return "coupon_voided";
    }

    static void Issue(ApiRequest r, SessionState before, SessionState after)
    {
        foreach (string type in Events(before, after)) r.Sim.Webhooks.Issue(r.Store, type, after.Campaign, after.Code);
    }

    static Reply Data(ApiRequest r)
    {
        var s = r.Session(notFound: 513, badChars: 300);
        return Reply.Ok(w => SessionJson.SessionData(w, s));
    }

    static Reply Update(ApiRequest r)
    {
        var s = r.Session(notFound: 512, badChars: 300);
        var change = ReadChange(r, single: true);
        long now = J.NowSeconds();
        SessionState before = s;
        var (next, changed) = r.Store.Change(s, cur => { before = cur; return Next(cur, change, now); });
        if (changed)
        {
            r.Wrote();
            Issue(r, before, next);
        }
        return Reply.Ok(w =>
        {
            w.WriteString("campaign", next.Campaign.Id);
            w.WriteString("action", "update_session");
            w.Date("action_date", now);
            w.WriteString("session", s.Code);
            w.WriteString("customid", next.CustomId);
            w.WriteString("operation", change.Operation == null ? "" : change.Operation + "_successful");
        });
    }

    /// <summary>
    /// A sequence range of one campaign: startsequence and/or endsequence. All or nothing: when a session of the range
    /// cannot take the operation, the call answers that session's error ("Some session(s) …") and changes none.
    /// </summary>
    static Reply BatchUpdate(ApiRequest r)
    {
        var c = r.Campaign();
        long? start = Sequence(r, "startsequence"), end = Sequence(r, "endsequence");
        if (start == null && end == null) throw new ApiError(200, "startsequence or endsequence not provided");
        var change = ReadChange(r, single: false);
        var sessions = InCampaign(r.Store, c).ToList();
        if (start != null && !sessions.Any(s => s.Sequence == start)) throw new ApiError(513, "Start ID not found or not part of the campaign");
        if (end != null && !sessions.Any(s => s.Sequence == end)) throw new ApiError(513, "End ID not found or not part of the campaign");
        if (start > end) throw new ApiError(513, "End ID comes before start ID");
        var range = sessions.Where(s => s.Sequence >= (start ?? long.MinValue) && s.Sequence <= (end ?? long.MaxValue)).ToList();
        long now = J.NowSeconds();
        foreach (var s in range)
        {
            try { Next(s, change, now); }
            catch (ApiError e) { throw new ApiError(e.Code, "Some session(s): " + e.Description); }
        }
        int count = 0;
        foreach (var s in range)
        {
            SessionState before = s;
            var (next, changed) = r.Store.Change(s, cur => { before = cur; return Next(cur, change, now); });
            if (!changed) continue;
            count++;
            Issue(r, before, next);
        }
        if (count > 0) r.Wrote();
        return Reply.Ok(w =>
        {
            w.Date("action_date", now);
            w.WriteNumber("action_quantity", count);
        });
    }

    static long? Sequence(ApiRequest r, string name)
    {
        string? v = r.Opt(name);
        if (v == null) return null;
        return v.Length <= 18 && v.All(char.IsAsciiDigit) ? long.Parse(v, CultureInfo.InvariantCulture) : throw new ApiError(301, "start/endsequence must be numeric");
    }

    /// <summary>The visible sessions of a campaign: generated ones, then those created through the API.</summary>
    static IEnumerable<SessionState> InCampaign(Store store, Campaign c)
    {
        for (int i = 0; i < c.GenCount; i++)
        {
            var s = c.Generated(i);
            if (!s.Removed) yield return s;
        }
        foreach (long n in c.Created)
            if (store.Created(n) is { Removed: false } s) yield return s;
    }

    /// <summary>code, email, phone: at least one (200), each at least 5 characters (300); all given must match. None found: 512.</summary>
    static Reply Search(ApiRequest r, Campaign? within)
    {
        var given = SearchFields.Where(f => r.Has(f.Wire)).ToList();
        if (given.Count == 0) throw new ApiError(200, "No filter defined");
        foreach (var (wire, _) in given)
            if (r.Req(wire).Length < 5) throw new ApiError(300, $"Search field '{wire}' must be at least 5 characters");
        var found = r.Store.Search(given[0].Field, r.Req(given[0].Wire), within);
        foreach (var (wire, field) in given.Skip(1))
        {
            var also = r.Store.Search(field, r.Req(wire), within).Select(s => s.N).ToHashSet();
            found = found.Where(s => also.Contains(s.N)).ToList();
        }
        if (found.Count == 0) throw new ApiError(512, "No results found");
        return Reply.Ok(w =>
        {
            w.Num("results_found", found.Count);
            w.WriteStartArray("searchresults");
            foreach (var s in found) SessionJson.SearchResult(w, s);
            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Not printed: the simulator answers an SVG image (api/ASSUMED.md). Errors are code 400 with HTTP status 400,
    /// since the printed error list uses 400 for every cause.
    /// </summary>
    static Reply Barcode(ApiRequest r)
    {
        string code = r.Opt("couponsession") ?? throw new ApiError(400, "Missing parameter: couponsession", 400);
        string type = r.Opt("type")?.ToLowerInvariant() ?? throw new ApiError(400, "Missing parameter: type", 400);
        if (!BarcodeTypes.Contains(type)) throw new ApiError(400, $"Unsupported type: {r.Opt("type")}", 400);
        var s = (code.All(char.IsAsciiLetterOrDigit) ? r.Store.FindSession(code) : null)
            ?? throw new ApiError(400, $"Couponsession {code} does not exist", 400);
        return Reply.Raw("image/svg+xml", Encoding.UTF8.GetBytes(Svg(s.Code, type)));
    }

    /// <summary>A stand-in picture: one bar per bit of the code's characters, with the code and type as text.</summary>
    static string Svg(string code, string type)
    {
        var bars = new StringBuilder();
        int x = 0;
        foreach (char ch in code)
            for (int bit = 0; bit < 7; bit++, x += 2)
                if (((ch >> bit) & 1) == 1) bars.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"0\" width=\"2\" height=\"40\"/>");
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{x}\" height=\"60\" data-type=\"{type}\">{bars}<text x=\"0\" y=\"55\" font-size=\"10\">{code}</text></svg>";
    }
}
