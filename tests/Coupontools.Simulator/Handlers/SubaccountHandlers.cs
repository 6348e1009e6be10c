using System.Globalization;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>
/// /v4/subaccount[/list|/create|/update], /v3/subaccount/reset/url (and /reset, the path of its printed sample),
/// /v3/subaccount/sso and /v3/teammate/sso, as api/CONTRACT-2025.md prints them; subaccounts are main account only (102).
/// </summary>
static class SubaccountHandlers
{
    static readonly string[] SsoPages = ["campaigns", "add_campaign", "update_campaign", "statistics", "distribution"];
    /// <summary>The permission packages the simulator knows (516 for any other): the generated data's and the vendor example's.</summary>
    static readonly long[] Packages = [1, 2, 3, 4, 5, 123456];

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v4/subaccount/list"] = MainOnly(List);
        map["/v4/subaccount"] = MainOnly(Info);
        map["/v4/subaccount/create"] = MainOnly(Create);
        map["/v4/subaccount/update"] = MainOnly(Update);
        map["/v3/subaccount/reset/url"] = MainOnly(ResetUrl);
        map["/v3/subaccount/reset"] = MainOnly(ResetUrl);
        map["/v3/subaccount/sso"] = MainOnly(Sso);
        map["/v3/teammate/sso"] = TeammateSso;
    }

    static Handler MainOnly(Handler h) => r =>
    {
        r.RequireMainAccount();
        return h(r);
    };

    static Subaccount Find(ApiRequest r) => r.Store.Subaccounts.Find(r.Id("subaccount", "sub_")) ?? throw ApiError.Subaccount();

    /// <summary>subaccount{...} as in info.</summary>
    static void WriteSubaccount(Utf8JsonWriter w, Store store, Subaccount s)
    {
        w.WriteStartObject("subaccount");
        Members(w, store, s, inList: false);
        w.WriteEndObject();
    }

    /// <summary>
    /// The members in the printed order, counts as JSON numbers. The print ends after campaigns; the legacy keys that
    /// followed there (webhook_endpoint, available_campaigns, access_*) stay for the generated data, where 2025 is silent.
    /// </summary>
    static void Members(Utf8JsonWriter w, Store store, Subaccount s, bool inList)
    {
        var campaigns = s.Printed?.Where(c => !inList || c.InList).ToList()
            ?? store.Campaigns.Where(c => c.Owner == s.Number).Select(c => new PrintedCampaign(c.Id, c.Code, c.Url, c.Status)).ToList();
        w.WriteString("ID", s.Id);
        w.WriteString("username", s.Username);
        w.WriteString("company_name", s.CompanyName);
        w.WriteString("first_name", s.FirstName);
        w.WriteString("last_name", s.LastName);
        w.WriteString("email", s.Email);
        w.WriteString("package", s.Package);
        w.WriteString("language", s.Language);
        w.WriteString("lastlogin", s.LastLogin);
        w.WriteNumber("amountlogin", s.AmountLogin);
        w.WriteString("currency", s.Currency);
        w.WriteNumber("max_campaigns", s.MaxCampaigns);
        w.WriteString("expiry_date", s.ExpiryDate);
        w.WriteString("api_key", s.ApiKey);
        w.WriteString("api_secret", s.ApiSecret);
        w.WriteNumber("has_campaigns", s.Printed?.Count ?? campaigns.Count);
        w.Objects("campaigns", campaigns, c =>
        {
            w.WriteString("ID", c.Id);
            w.WriteString("code", c.Code);
            if (c.Url != null) w.WriteString("url", c.Url);
            if (c.Status != null) w.WriteString("status", c.Status);
        });
        if (s.Printed != null) return;
        w.WriteString("webhook_endpoint", s.WebhookEndpoint);
        w.WriteNumber("available_campaigns", Math.Max(0, s.MaxCampaigns - campaigns.Count));
        w.WriteBoolean("access_dashboard", s.AccessDashboard);
        w.WriteBoolean("access_directory", s.AccessDirectory);
        w.WriteBoolean("access_loyalty", s.AccessLoyalty);
        w.WriteBoolean("access_statistics", s.AccessStatistics);
    }

    static Reply List(ApiRequest r)
    {
        var all = r.Store.Subaccounts.All();
        return Reply.Ok(w =>
        {
            w.WriteNumber("amount_of_results", all.Length);
            w.Objects("subaccount", all, s => Members(w, r.Store, s, inList: true));
        });
    }

    static Reply Info(ApiRequest r)
    {
        var s = Find(r);
        return Reply.Ok(w => WriteSubaccount(w, r.Store, s));
    }

    /// <summary>The create reply and the update reply: only the id and what happened.</summary>
    static void Outcome(Utf8JsonWriter w, Subaccount s, string status)
    {
        w.WriteStartObject("subaccount");
        w.WriteString("ID", s.Id);
        w.WriteString("status", status);
        w.WriteEndObject();
    }

    /// <summary>Validated create/update fields; null members were not sent.</summary>
    sealed record Fields(string? Email, string? Password, string? Package, string? Status, string? First, string? Last,
        string? Country, string? Company, string? Expiry, string? Webhook);

    static Fields ReadFields(ApiRequest r)
    {
        string? email = r.Opt("email");
        if (email != null && !ApiRequest.IsEmail(email)) throw new ApiError(305, "Invalid e-mail address.");
        string? expiry = r.Date("expiry_date", "yyyy-MM-dd");
        string? country = r.Opt("country")?.ToUpperInvariant();
        if (country != null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))) throw ApiError.NotAllowed("country");
        string? package = Package(r, required: false);
        string? webhook = r.Opt("webhook_endpoint");
        return new Fields(email, r.Opt("password"), package, r.OneOf("status", "trial", "customer"), r.Opt("first_name"),
            r.Opt("last_name"), country, r.Opt("company_name"), expiry, webhook);
    }

    static Subaccount Apply(Subaccount s, Fields f) => s with
    {
        Email = f.Email ?? s.Email,
        Password = f.Password ?? s.Password,
        Package = f.Package ?? s.Package,
        Status = f.Status ?? s.Status,
        FirstName = f.First ?? s.FirstName,
        LastName = f.Last ?? s.LastName,
        Country = f.Country ?? s.Country,
        CompanyName = f.Company ?? s.CompanyName,
        ExpiryDate = f.Expiry ?? s.ExpiryDate,
        WebhookEndpoint = f.Webhook ?? s.WebhookEndpoint,
    };

    /// <summary>A known package id (pac_…), or 516.</summary>
    static string? Package(ApiRequest r, bool required)
    {
        string? package = required ? r.Req("package") : r.Opt("package");
        if (package == null) return null;
        long number = ApiRequest.ParseId(package, "pac_") ?? throw ApiError.BadChars("package");
        return Packages.Contains(number) ? "pac_" + number : throw new ApiError(516, $"Package {package} not found");
    }

    static Reply Create(ApiRequest r)
    {
        string email = r.Req("email");
        var f = ReadFields(r);
        var s = r.Store.Subaccounts.Create(email, s => Apply(s, f) with
        {
            Username = email.Split('@')[0],
            LastLogin = "",
            AmountLogin = 0,
        }) ?? throw new ApiError(304, "Email already exists");
        r.Wrote();
        return Reply.Ok(w => Outcome(w, s, "created"));
    }

    /// <summary>Only the package changes (2025); the reply is printed without the status envelope, and so it is sent.</summary>
    static Reply Update(ApiRequest r)
    {
        if (!r.Has("subaccount") || !r.Has("package")) throw ApiError.Missing("subaccount | package");
        var current = Find(r);
        string package = Package(r, required: true)!;
        var s = r.Store.Subaccounts.Update(current.Number, s => s with { Package = package })!;
        if (s != current) r.Wrote();
        return new Reply
        {
            Body = o =>
            {
                o.W.WriteStartObject();
                Outcome(o.W, s, "updated");
                o.W.WriteEndObject();
                return default;
            },
        };
    }

    /// <summary>The reset link is a top-level url.</summary>
    static Reply ResetUrl(ApiRequest r)
    {
        Find(r);
        string selector = r.Store.RandomFrom("0123456789", 4);
        return Reply.Ok(w => w.WriteString("url", "https://login.coupontools.com/reset.php?selector=" + selector));
    }

    /// <summary>2025 lists only subaccount; the older page and campaign fields are still read when sent.</summary>
    static Reply Sso(ApiRequest r)
    {
        var s = Find(r);
        string? page = r.OneOf("page", SsoPages);
        if (page == "update_campaign") r.Campaign();
        return Reply.Ok(w => SsoMembers(w, "subaccount", s.Id, s.SsoToken ?? r.Store.Random62(49)));
    }

    /// <summary>teammate is numeric only; 503 for a teammate the account does not have.</summary>
    static Reply TeammateSso(ApiRequest r)
    {
        string raw = r.Req("teammate");
        if (!long.TryParse(raw, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out long number)) throw ApiError.BadChars("teammate");
        var teammate = r.Store.Subaccounts.Teammates.Find(t => t.Number == number) ?? throw new ApiError(503, "Teammate ID not found");
        return Reply.Ok(w => SsoMembers(w, "teammate", teammate.ReplyId, teammate.SsoToken ?? r.Store.Random62(49)));
    }

    /// <summary>The login links carry the token; the white-label link uses the account's own login domain.</summary>
    static void SsoMembers(Utf8JsonWriter w, string name, string id, string token)
    {
        w.WriteStartObject(name);
        w.WriteString("ID", id);
        w.WriteString("token", token);
        w.WriteString("url", "https://login.coupontools.com/index.php?action=login&token=" + token);
        w.WriteString("url_whitelabel", "https://login.yourdomain.com/index.php?action=login&token=" + token);
        w.WriteEndObject();
    }
}
