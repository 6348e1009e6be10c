using System.Globalization;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>/v4/subaccount[/list|/create|/update], /v3/subaccount/reset/url, /v3/subaccount/sso; main account only (102).</summary>
static class SubaccountHandlers
{
    static readonly string[] SsoPages = ["campaigns", "add_campaign", "update_campaign", "statistics", "distribution"];

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v4/subaccount/list"] = MainOnly(List);
        map["/v4/subaccount"] = MainOnly(Info);
        map["/v4/subaccount/create"] = MainOnly(Create);
        map["/v4/subaccount/update"] = MainOnly(Update);
        map["/v3/subaccount/reset/url"] = MainOnly(ResetUrl);
        map["/v3/subaccount/sso"] = MainOnly(Sso);
    }

    static Handler MainOnly(Handler h) => r =>
    {
        r.RequireMainAccount();
        return h(r);
    };

    static Subaccount Find(ApiRequest r) => r.Store.Subaccounts.Find(r.Id("subaccount", "sub_")) ?? throw ApiError.Subaccount();

    /// <summary>subaccount{...} as in info.</summary>
    static void WriteSubaccount(Utf8JsonWriter w, Store store, Subaccount s, bool documentedQuirk = false)
    {
        w.WriteStartObject("subaccount");
        Members(w, store, s, documentedQuirk);
        w.WriteEndObject();
    }

    /// <summary>The info members; the first seeded subaccount repeats language and currency as the documented example does.</summary>
    static void Members(Utf8JsonWriter w, Store store, Subaccount s, bool documentedQuirk)
    {
        var campaigns = store.Campaigns.Where(c => c.Owner == s.Number).ToList();
        w.WriteString("ID", s.Id);
        w.WriteString("email", s.Email);
        w.WriteString("language", s.Language);
        w.WriteString("lastlogin", s.LastLogin);
        w.WriteString("amountlogin", s.AmountLogin);
        w.WriteString("currency", documentedQuirk ? "USD" : s.Currency);
        w.WriteString("max_campaigns", s.MaxCampaigns);
        w.WriteString("expiry_date", s.ExpiryDate);
        w.WriteString("api_key", s.ApiKey);
        w.WriteString("api_secret", s.ApiSecret);
        w.Num("has_campaigns", campaigns.Count);
        w.Objects("campaigns", campaigns, c =>
        {
            w.WriteString("ID", c.Id);
            w.WriteString("code", c.Code);
            w.WriteString("url", c.Url);
            w.WriteString("status", c.Status);
        });
        w.WriteString("first_name", s.FirstName);
        w.WriteString("last_name", s.LastName);
        w.WriteString("company_name", s.CompanyName);
        w.WriteString("username", s.Username);
        if (documentedQuirk)
        {
            w.WriteString("language", s.Language);
            w.WriteString("currency", s.Currency);
        }
        w.WriteString("webhook_endpoint", s.WebhookEndpoint);
        w.Num("available_campaigns", Math.Max(0, long.Parse(s.MaxCampaigns, CultureInfo.InvariantCulture) - campaigns.Count));
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
            w.Objects("subaccounts", all, s => Members(w, r.Store, s, false));
        });
    }

    static Reply Info(ApiRequest r)
    {
        var s = Find(r);
        return Reply.Ok(w => WriteSubaccount(w, r.Store, s, s.Number == 1001));
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
        string? package = r.Opt("package");
        if (package != null && ApiRequest.ParseId(package, "pac_") == null) throw ApiError.BadChars("package");
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

    static Reply Create(ApiRequest r)
    {
        string email = r.Req("email");
        var f = ReadFields(r);
        var s = r.Store.Subaccounts.Create(email, s => Apply(s, f) with
        {
            Username = email.Split('@')[0],
            LastLogin = "",
            AmountLogin = "0",
        }) ?? throw new ApiError(304, "E-mail address already exists.");
        r.Wrote();
        return Reply.Ok(w => WriteSubaccount(w, r.Store, s));
    }

    static Reply Update(ApiRequest r)
    {
        var current = Find(r);
        var f = ReadFields(r);
        var s = r.Store.Subaccounts.Update(current.Number, s => Apply(s, f)) ?? throw new ApiError(304, "E-mail address already exists.");
        if (s != current) r.Wrote();
        return Reply.Ok(w => WriteSubaccount(w, r.Store, s));
    }

    static Reply ResetUrl(ApiRequest r)
    {
        var s = Find(r);
        string token = r.Store.Random62(40);
        return Reply.Ok(w =>
        {
            w.WriteStartObject("subaccount");
            w.WriteString("ID", s.Id);
            w.WriteString("url", "https://app.coupontools.com/en/reset-password/" + token);
            w.WriteEndObject();
        });
    }

    static Reply Sso(ApiRequest r)
    {
        var s = Find(r);
        string page = r.OneOf("page", SsoPages) ?? "campaigns";
        string target = page;
        if (page == "update_campaign")
        {
            var c = r.Campaign();
            target += "/" + c.Id;
        }
        string token = r.Store.Random62(49);
        return Reply.Ok(w =>
        {
            w.WriteStartObject("subaccount");
            w.WriteString("ID", s.Id);
            w.WriteString("token", token);
            w.WriteString("url", $"https://app.coupontools.com/en/sso/{token}?page={target}");
            w.WriteString("url_whitelabel", "");
            w.WriteEndObject();
        });
    }
}
