using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>
/// The session shapes on the wire, as the 2025 documentation prints them: a campaign data item, the couponsession/data
/// reply and a search result. Each printed example ends at a different key of the same status object (the print's
/// reply boxes end early); the simulator ends each shape where its print ends, since what follows is unknown.
/// </summary>
static class SessionJson
{
    /// <summary>How far each shape's status object goes.</summary>
    public enum StatusCut { SearchResult = 9, SessionData = 18, DataItem = 20 }

    /// <summary>The status object's keys in the printed order, up to <paramref name="cut"/>.</summary>
    public static void Status(Utf8JsonWriter w, SessionState s, StatusCut cut)
    {
        int left = (int)cut;
        bool More() => left-- > 0;
        w.WriteStartObject("status");
        if (More()) w.Date("created_date_utc", s.Created);
        if (More()) w.Flag("opened", s.Opened != 0);
        if (More()) w.Date("open_date_utc", s.Opened);
        if (More()) w.Flag("played", s.Played != 0);
        if (More()) w.Date("played_date_utc", s.Played);
        if (More()) w.Flag("claimed", s.Claimed != 0);
        if (More()) w.Date("claim_date_utc", s.Claimed);
        if (More()) w.WriteString("claimtype", s.ClaimType);
        if (More()) w.WriteString("saved_to_passbook", "0");
        if (More()) w.WriteString("saved_to_passbook_date_utc", "");
        if (More()) w.WriteString("saved_to_androidpay", "0");
        if (More()) w.WriteString("saved_to_androidpay_date_utc", "");
        if (More()) w.Flag("validated", s.Validated != 0);
        if (More()) w.Date("validation_date_utc", s.Validated);
        if (More()) w.WriteString("own_validation_code", s.OwnCode);
        if (More()) w.WriteString("validation_value", s.ValidationValue);
        if (More()) w.WriteString("redeem_location_ID", s.RedeemLocation);
        if (More()) w.Flag("voided", s.Voided != 0);
        if (More()) w.Date("unvoided_date_utc", s.Unvoided);
        if (More()) w.Flag("locked", s.Locked);
        w.WriteEndObject();
    }

    /// <summary>An item of campaign/data (opens, claims, validations): {session, sequenceid, status{…}}.</summary>
    public static void DataItem(Utf8JsonWriter w, SessionState s)
    {
        w.WriteStartObject();
        w.WriteString("session", s.Code);
        w.Num("sequenceid", s.Sequence);
        Status(w, s, StatusCut.DataItem);
        w.WriteEndObject();
    }

    /// <summary>The fields after the envelope of /v3/couponsession/data.</summary>
    public static void SessionData(Utf8JsonWriter w, SessionState s)
    {
        w.WriteString("campaign", s.Campaign.Id);
        w.WriteString("action", "retrieve_all_session_data");
        w.WriteString("session", s.Code);
        w.WriteString("session_url", s.Url);
        w.Num("sequenceid", s.Sequence);
        w.WriteString("customid", s.CustomId);
        w.WriteStartObject("data");
        Status(w, s, StatusCut.SessionData);
        w.WriteEndObject();
    }

    /// <summary>An item of searchresults[]: the session, its campaign as coupon{…} and data.status{…}.</summary>
    public static void SearchResult(Utf8JsonWriter w, SessionState s)
    {
        var c = s.Campaign;
        w.WriteStartObject();
        w.WriteString("campaign", c.PrintedSearchCampaign ?? c.Id);
        w.WriteString("session", s.Code);
        w.WriteString("single_use_url", s.Url);
        w.WriteString("custom_validation_code", s.OwnCode);
        w.WriteString("customid", s.CustomId);
        w.WriteStartObject("coupon");
        w.WriteString("ID", c.Id);
        w.WriteString("code", c.Code);
        w.WriteString("url", c.Url);
        w.WriteString("status", c.Status);
        w.WriteString("coupon_tags", string.Join(",", c.Tags));
        w.WriteEndObject();
        w.WriteStartObject("data");
        Status(w, s, StatusCut.SearchResult);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Streams session numbers as data items, flushing as the buffer grows.</summary>
    public static async ValueTask Items(JsonOut o, Store store, Campaign? c, IEnumerable<long> numbers)
    {
        o.W.WriteStartArray("data");
        foreach (long n in numbers)
        {
            var s = c != null && n < Store.CreatedBase ? c.Generated((int)(n - c.Base)) : store.ByNumber(n);
            if (s != null) DataItem(o.W, s);
            await o.FlushIfBig();
        }
        o.W.WriteEndArray();
    }
}
