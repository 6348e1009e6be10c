using System.Globalization;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>Single-use URLs: create one (with duplicate_check), create many (streamed), remove.</summary>
static class SingleUseHandlers
{
    public const int MaxAmount = 100_000;
    static readonly string[] ExpiryFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-dd:HH:mm:ss", "yyyy-MM-dd HH:mm"];

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/singleuse/create"] = Create;
        map["/v3/multiplesingleuse/create"] = CreateMultiple;
        map["/v3/singleuse/remove"] = Remove;
    }

    /// <summary>
    /// Person fields of a new session, validated: email (305), customvalcode (301; over 100 characters 300), autovalcode
    /// (302; with customvalcode 300), customid and customfield1-7 (over 50 characters 300), expiry_date (303).
    /// </summary>
    sealed record Person(string Email, string Phone, string CustomId, string First, string Last, string OwnCode, string Expiry,
        string[] CustomFields, string[] Utm);

    static Person ReadPerson(ApiRequest r, Campaign c)
    {
        string email = r.Opt("email") ?? "";
        if (email.Length > 0 && !ApiRequest.IsEmail(email)) throw new ApiError(305, "Invalid e-mail address.");
        string own = r.Opt("customvalcode") ?? "";
        if (!ApiRequest.IsCodeText(own)) throw ApiError.BadChars("customvalcode");
        if (own.Length > 100) throw ApiError.Bad("Parameter customvalcode is longer than 100 characters.");
        string? auto = r.OneOf("autovalcode", "6digits", "8digits", "10digits");
        if (auto != null && own.Length > 0) throw ApiError.Bad("Use either customvalcode or autovalcode, not both.");
        if (auto != null) own = UniqueCode(r.Store, c, "", "0123456789", int.Parse(auto[..^6], CultureInfo.InvariantCulture));
        string customId = Limited(r, "customid");
        var fields = Enumerable.Range(1, 7).Select(i => Limited(r, "customfield" + i)).ToArray();
        var utm = SessionState.UtmNames.Select(n => r.Opt(n) ?? "").ToArray();
        string expiry = r.Date("expiry_date", ExpiryFormats) ?? "";
        return new Person(email, r.Opt("phone") ?? "", customId, r.Opt("firstname") ?? "", r.Opt("lastname") ?? "", own, expiry, fields, utm);
    }

    static string Limited(ApiRequest r, string name)
    {
        string value = r.Opt(name) ?? "";
        return value.Length <= 50 ? value : throw ApiError.Bad($"Parameter {name} is longer than 50 characters.");
    }

    public static SessionState NewSession(Store store, Campaign c, long n, long now) => new()
    {
        N = n,
        Campaign = c,
        Code = store.NewSessionCode(n),
        Created = now,
    };

    /// <summary>
    /// duplicate_check names the field (email | phone | customid) to look for in the campaign's earlier sessions; a hit is
    /// returned with duplicate_found true instead of a new session. duplicate_found is in the reply only when a check was asked.
    /// </summary>
    static Reply Create(ApiRequest r)
    {
        var c = r.Campaign();
        string? check = r.Opt("duplicate_check")?.ToLowerInvariant() switch
        {
            null or "false" or "0" => null,
            "email" or "phone" or "customid" => r.Opt("duplicate_check")!.ToLowerInvariant(),
            _ => throw new ApiError(302, "Parameter \"duplicate_check\" has invalid value. Possible values are \"email\", \"phone\" and \"customid\""),
        };
        var p = ReadPerson(r, c);
        SessionState session;
        bool found = false;
        lock (c.Gate)
        {
            var existing = check == null ? null : Duplicate(r.Store, c, check, p);
            if (existing != null)
            {
                session = existing;
                found = true;
            }
            else
            {
                long now = J.NowSeconds();
                session = r.Store.CreateSessions(c, 1, n => NewSession(r.Store, c, n, now) with
                {
                    Email = p.Email, Phone = p.Phone, CustomId = p.CustomId, FirstName = p.First, LastName = p.Last,
                    OwnCode = p.OwnCode, Expiry = p.Expiry, CustomFields = p.CustomFields, Utm = p.Utm,
                })[0];
                r.Wrote();
            }
        }
        return Reply.Ok(w =>
        {
            WriteCreated(w, session);
            if (check != null) w.WriteBoolean("duplicate_found", found);
        });
    }

    /// <summary>The printed single-create reply keys, in the printed order (campaign .. custom_validation_code).</summary>
    static void WriteCreated(Utf8JsonWriter w, SessionState session)
    {
        w.WriteString("campaign", session.Campaign.Id);
        w.WriteString("action", "single_use_code_created");
        w.WriteString("single_use_code", session.Code);
        w.WriteString("single_use_url", session.Url);
        w.WriteString("widget_validation_code", session.WidgetCode);
        w.WriteString("custom_validation_code", session.OwnCode);
    }

    /// <summary>An existing visible session of the campaign with the same value in the checked field (none when the value is empty).</summary>
    static SessionState? Duplicate(Store store, Campaign c, string field, Person p)
    {
        string value = field switch { "email" => p.Email, "phone" => p.Phone, _ => p.CustomId };
        return value.Length == 0 ? null : store.Search(field, value, c).FirstOrDefault();
    }

    /// <summary>
    /// Many sessions at once. The reply for one (amount 1) is the shape the 2025 print shows (the single-create keys,
    /// duplicate_found false: there is no duplicate check here); for more, the legacy list data[] with sequence ids,
    /// the only printed shape that can carry them (api/ASSUMED.md).
    /// </summary>
    static Reply CreateMultiple(ApiRequest r)
    {
        var c = r.Campaign();
        long amount = r.Count("amount") ?? 10;
        if (amount is < 1 or > MaxAmount) throw ApiError.Bad($"Parameter amount must be between 1 and {MaxAmount}.");
        string? status = r.Opt("status")?.ToLowerInvariant() switch
        {
            null => "normal",
            "normal" or "voided" => r.Opt("status")!.ToLowerInvariant(),
            "activated" or "active" => "activated",
            _ => throw new ApiError(302, "Parameter \"status\" has invalid value. Possible values are \"normal\", \"voided\" and \"active\""),
        };
        var codes = r.Flag("automated_codes") ? AutomatedCodes(r, c, (int)amount) : null;
        long now = J.NowSeconds();
        int k = 0;
        var created = r.Store.CreateSessions(c, (int)amount, n => NewSession(r.Store, c, n, now) with
        {
            Voided = status == "voided" ? now : 0,
            Opened = status == "activated" ? now : 0,
            OwnCode = codes?[k++] ?? "",
        });
        r.Wrote();
        if (amount == 1)
        {
            return Reply.Ok(w =>
            {
                WriteCreated(w, created[0]);
                w.WriteBoolean("duplicate_found", false);
            });
        }

        return Reply.OkStream(w =>
        {
            w.WriteString("campaign", c.Id);
            w.WriteString("action", "multiple_single_use_codes_created");
        }, async o =>
        {
            o.W.WriteStartArray("data");
            foreach (var s in created)
            {
                o.W.WriteStartObject();
                o.W.WriteString("single_use_code", s.Code);
                o.W.WriteNumber("sequence_id", s.Sequence);
                o.W.WriteString("single_use_url", s.Url);
                o.W.WriteString("widget_validation_code", s.WidgetCode);
                o.W.WriteString("custom_validation_code", s.OwnCode);
                o.W.WriteEndObject();
                await o.FlushIfBig();
            }
            o.W.WriteEndArray();
        });
    }

    /// <summary>
    /// code_prefix + random characters up to code_length of code_type numeric|alphanumeric, unique in the campaign.
    /// The length check is the one the printed error text states (3 to 30; the table says 10 to 25, which the module keeps).
    /// </summary>
    static string[] AutomatedCodes(ApiRequest r, Campaign c, int amount)
    {
        long length = r.Count("code_length") ?? throw ApiError.Missing("code_length");
        if (length is < 3 or > 30) throw new ApiError(301, "code length must be between 3 and 30 inclusive");
        string type = r.Opt("code_type")?.ToLowerInvariant() ?? "";
        if (type is not ("numeric" or "alphanumeric")) throw new ApiError(302, "code_type must be \"numeric\" or \"alphanumeric\"");
        string prefix = r.Opt("code_prefix") ?? "";
        if (!ApiRequest.IsCodeText(prefix)) throw ApiError.BadChars("code_prefix");
        if (prefix.Length >= length) throw ApiError.Bad("Parameter code_prefix must be shorter than code_length.");
        string alphabet = type == "numeric" ? "0123456789" : "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var used = UsedCodes(r.Store, c);
        var codes = new string[amount];
        for (int i = 0; i < amount; i++) codes[i] = NextUnique(r.Store, used, prefix, alphabet, (int)length - prefix.Length);
        return codes;
    }

    /// <summary>One code of digits unique in the campaign (autovalcode).</summary>
    static string UniqueCode(Store store, Campaign c, string prefix, string alphabet, int length) =>
        NextUnique(store, UsedCodes(store, c), prefix, alphabet, length);

    static HashSet<string> UsedCodes(Store store, Campaign c) =>
        new(c.Created.Select(n => store.Created(n)?.OwnCode ?? ""), StringComparer.OrdinalIgnoreCase);

    /// <summary>A fresh code; 601 when 50 tries find none free.</summary>
    static string NextUnique(Store store, HashSet<string> used, string prefix, string alphabet, int free)
    {
        for (int tries = 0; tries < 50; tries++)
        {
            string code = prefix + store.RandomFrom(alphabet, free);
            if (used.Add(code)) return code;
        }
        throw new ApiError(601, "low on unique generated validation codes");
    }

    /// <summary>2025: {campaign, action:"single_use_code_removed", single_use_code}; 513 when the session is not in the campaign.</summary>
    static Reply Remove(ApiRequest r)
    {
        var c = r.Campaign();
        var s = r.Session(within: c, notFound: 513);
        var (_, changed) = r.Store.Change(s, cur => cur with { Removed = true });
        if (changed) r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("campaign", c.Id);
            w.WriteString("action", "single_use_code_removed");
            w.WriteString("single_use_code", s.Code);
        });
    }
}
