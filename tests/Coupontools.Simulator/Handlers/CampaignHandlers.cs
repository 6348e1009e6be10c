using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>/v3/coupon/list, /v3/coupon/info, /v3/campaign/data|opens|claims|validations.</summary>
static class CampaignHandlers
{
    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/coupon/list"] = List;
        map["/v3/coupon/info"] = Info;
        map["/v3/campaign/data"] = r => Usage(r, SessionList.Data);
        map["/v3/campaign/opens"] = r => Usage(r, SessionList.Opens);
        map["/v3/campaign/claims"] = r => Usage(r, SessionList.Claims);
        map["/v3/campaign/validations"] = r => Usage(r, SessionList.Validations);
    }

    /// <summary>
    /// The members of a coupon_info object in the 2025 order (ID, code, url, status, subaccount, timezone, expirydate,
    /// name, title, …, locations); a campaign of the vendor-examples set is written exactly as printed.
    /// </summary>
    public static void CouponInfo(Utf8JsonWriter w, Campaign c, bool info = false)
    {
        var printed = info ? c.PrintedInfo ?? c.PrintedListItem : c.PrintedListItem;
        if (printed is { } json)
        {
            foreach (var member in json.EnumerateObject()) member.WriteTo(w);
            return;
        }
        w.WriteString("ID", c.Id);
        w.WriteString("code", c.Code);
        w.WriteString("url", c.Url);
        w.WriteString("status", c.Status);
        w.WriteString("subaccount", c.Owner == 0 ? "" : "sub_" + c.Owner);
        w.WriteString("timezone", c.TimeZone);
        w.Date("expirydate", c.Expiry);
        w.WriteString("name", c.Name);
        w.WriteString("title", c.Title);
        w.WriteString("coupon_tags", string.Join(",", c.Tags));
        w.Num("coupon_category", c.Category);
        w.WriteStartArray("locations");
        w.WriteEndArray();
    }

    public static void CouponInfoArray(Utf8JsonWriter w, IEnumerable<Campaign> campaigns)
    {
        w.Objects("coupon_info", campaigns, c => CouponInfo(w, c));
    }

    static Reply List(ApiRequest r)
    {
        bool onlyActive = r.Flag("only_active");
        string? folderText = r.Opt("folder");
        var folder = folderText == null ? null : r.Store.FindFolder(folderText) ?? throw ApiError.Folder();
        string[] tags = r.Opt("tags")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        long? category = r.OptId("category", "cat_");
        var list = r.Store.Campaigns.Where(c => (!onlyActive || c.Active) && (folder == null || c.Folder == folder)
            && (tags.Length == 0 || c.Tags.Intersect(tags, StringComparer.OrdinalIgnoreCase).Any())
            && (category == null || c.Category == category)).ToList();
        return Reply.Ok(w =>
        {
            w.Num("amount_of_campaigns", list.Count);
            CouponInfoArray(w, list);
        });
    }

    static Reply Info(ApiRequest r)
    {
        var c = r.Campaign();
        bool stats = r.Flag("show_usage_stats");
        long total = 0, claimed = 0;
        if (stats)
        {
            total = SessionQuery.Run(r.Store, c, SessionList.Data, long.MinValue, long.MaxValue, int.MaxValue).Total;
            claimed = SessionQuery.Run(r.Store, c, SessionList.Claims, long.MinValue, long.MaxValue, int.MaxValue).Total;
        }
        return Reply.Ok(w =>
        {
            w.WriteStartObject("coupon_info");
            CouponInfo(w, c, info: true);
            if (stats)
            {
                w.Num("amount_custom_codes", total);
                w.Num("amount_custom_codes_claimed", claimed);
            }
            w.WriteEndObject();
        });
    }

    static Reply Usage(ApiRequest r, SessionList kind)
    {
        var c = r.Campaign();
        int page = r.Page();
        var (from, to) = SessionQuery.Range(r);
        var result = SessionQuery.Run(r.Store, c, kind, from, to, page);
        // The printed reply shows campaign, action and data[] and nothing after it: no count, no page number.
        return Reply.OkStream(w =>
        {
            w.WriteString("campaign", c.Id);
            w.WriteString("action", "retrieve_all_data");
        }, o => SessionJson.Items(o, r.Store, c, result.Page));
    }
}
