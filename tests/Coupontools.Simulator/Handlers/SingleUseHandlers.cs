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

    /// <summary>Person fields of a new session, validated: email (305), customvalcode (301, 300), expiry_date (303).</summary>
    sealed record Person(string Email, string Phone, string CustomId, string First, string Last, string OwnCode, string Expiry);

    static Person ReadPerson(ApiRequest r)
    {
        string email = r.Opt("email") ?? "";
        if (email.Length > 0 && !ApiRequest.IsEmail(email)) throw new ApiError(305, "Invalid e-mail address.");
        string own = r.Opt("customvalcode") ?? "";
        if (!ApiRequest.IsCodeText(own)) throw ApiError.BadChars("customvalcode");
        if (own.Length > 50) throw ApiError.Bad("Parameter customvalcode is longer than 50 characters.");
        bool auto = r.Flag("autovalcode");
        if (auto && own.Length > 0) throw ApiError.Bad("Use either customvalcode or autovalcode, not both.");
        if (auto) own = r.Store.RandomFrom("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);
        string expiry = r.Date("expiry_date", ExpiryFormats) ?? "";
        return new Person(email, r.Opt("phone") ?? "", r.Opt("customid") ?? "", r.Opt("firstname") ?? "", r.Opt("lastname") ?? "", own, expiry);
    }

    public static SessionState NewSession(Store store, Campaign c, long n, long now) => new()
    {
        N = n,
        Campaign = c,
        Code = store.NewSessionCode(n),
        Created = now,
    };

    static Reply Create(ApiRequest r)
    {
        var c = r.Campaign();
        var p = ReadPerson(r);
        bool duplicateCheck = r.Flag("duplicate_check");
        SessionState session;
        lock (c.Gate)
        {
            var existing = duplicateCheck ? Duplicate(r.Store, c, p) : null;
            if (existing != null) session = existing;
            else
            {
                long now = J.NowSeconds();
                session = r.Store.CreateSessions(c, 1, n => NewSession(r.Store, c, n, now) with
                {
                    Email = p.Email, Phone = p.Phone, CustomId = p.CustomId, FirstName = p.First, LastName = p.Last,
                    OwnCode = p.OwnCode, Expiry = p.Expiry,
                })[0];
                r.Wrote();
            }
        }
        return Reply.Ok(w =>
        {
            w.WriteString("campaign", c.Id);
            w.WriteString("action", "single_use_created");
            w.WriteString("single_use_code", session.Code);
            w.WriteString("single_use_url", session.Url);
            w.WriteString("widget_validation_code", session.WidgetCode);
            w.WriteString("custom_validation_code", session.OwnCode);
            w.WriteString("customid", session.CustomId);
        });
    }

    /// <summary>An existing visible session of the campaign with the same e-mail, phone or customid.</summary>
    static SessionState? Duplicate(Store store, Campaign c, Person p) =>
        new[] { ("email", p.Email), ("phone", p.Phone), ("customid", p.CustomId) }
            .Where(f => f.Item2.Length > 0)
            .Select(f => store.Search(f.Item1, f.Item2, c).FirstOrDefault())
            .FirstOrDefault(s => s != null);

    static Reply CreateMultiple(ApiRequest r)
    {
        var c = r.Campaign();
        long amount = r.Count("amount") ?? 10;
        if (amount is < 1 or > MaxAmount) throw ApiError.Bad($"Parameter amount must be between 1 and {MaxAmount}.");
        string status = r.OneOf("status", "normal", "voided", "activated") ?? "normal";
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

    /// <summary>code_prefix + random characters up to code_length (10-25) of code_type numeric|alphanumeric, unique in the campaign.</summary>
    static string[] AutomatedCodes(ApiRequest r, Campaign c, int amount)
    {
        long length = r.Count("code_length") ?? throw ApiError.Missing("code_length");
        if (length is < 10 or > 25) throw ApiError.Bad("Parameter code_length must be between 10 and 25.");
        string type = r.OneOf("code_type", "numeric", "alphanumeric") ?? throw ApiError.Missing("code_type");
        string prefix = r.Opt("code_prefix") ?? "";
        if (!ApiRequest.IsCodeText(prefix)) throw ApiError.BadChars("code_prefix");
        if (prefix.Length >= length) throw ApiError.Bad("Parameter code_prefix must be shorter than code_length.");
        string alphabet = type == "numeric" ? "0123456789" : "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var used = new HashSet<string>(c.Created.Select(n => r.Store.Created(n)?.OwnCode ?? ""), StringComparer.OrdinalIgnoreCase);
        var codes = new string[amount];
        for (int i = 0; i < amount; i++)
        {
            int tries = 0;
            do
            {
                if (++tries > 50) throw ApiError.Bad("Not enough unique codes left for this code_prefix and code_length.");
                codes[i] = prefix + r.Store.RandomFrom(alphabet, (int)length - prefix.Length);
            }
            while (!used.Add(codes[i]));
        }
        return codes;
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
