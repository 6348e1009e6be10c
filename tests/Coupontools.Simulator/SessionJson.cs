using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>The two session shapes on the wire: a campaign data item and the couponsession/data reply.</summary>
static class SessionJson
{
    /// <summary>{sequenceid, session, customid, status{...}}; search results add campaign.</summary>
    public static void DataItem(Utf8JsonWriter w, SessionState s, bool withCampaign = false)
    {
        w.WriteStartObject();
        if (withCampaign) w.WriteString("campaign", s.Campaign.Id);
        w.Num("sequenceid", s.Sequence);
        w.WriteString("session", s.Code);
        w.WriteString("customid", s.CustomId);
        w.WriteStartObject("status");
        w.Date("created_date_utc", s.Created);
        w.Date("open_date_utc", s.Opened);
        w.Date("played_date_utc", s.Played);
        w.Date("claim_date_utc", s.Claimed);
        w.Date("validation_date_utc", s.Validated);
        w.Date("voided_date_utc", s.Voided);
        w.Flag("locked", s.Locked);
        w.WriteString("claimtype", s.ClaimType);
        w.WriteString("validation_value", s.ValidationValue);
        w.WriteString("value", s.Value);
        w.WriteString("own_validation_code", s.OwnCode);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The fields after the envelope of /v3/couponsession/data (and of couponsession/update).</summary>
    public static void SessionData(Utf8JsonWriter w, SessionState s)
    {
        w.WriteString("campaign", s.Campaign.Id);
        w.WriteString("action", "retrieve_all_session_data");
        w.WriteString("session", s.Code);
        w.WriteString("session_url", s.Url);
        w.Num("sequenceid", s.Sequence);
        w.WriteString("customid", s.CustomId);
        w.WriteStartObject("data");
        w.WriteStartObject("status");
        w.Date("created_date_utc", s.Created);
        w.Flag("opened", s.Opened != 0);
        w.Date("open_date_utc", s.Opened);
        w.Flag("played", s.Played != 0);
        w.Date("played_date_utc", s.Played);
        w.Flag("claimed", s.Claimed != 0);
        w.Date("claim_date_utc", s.Claimed);
        w.WriteString("claimtype", s.ClaimType);
        w.WriteString("saved_to_passbook", "0");
        w.Flag("validated", s.Validated != 0);
        w.Date("validation_date_utc", s.Validated);
        w.Flag("voided", s.Voided != 0);
        w.Date("voided_date_utc", s.Voided);
        w.Flag("locked", s.Locked);
        w.WriteString("validation_value", s.ValidationValue);
        w.WriteString("value", s.Value);
        w.WriteString("own_validation_code", s.OwnCode);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Streams session numbers as data items, flushing as the buffer grows.</summary>
    public static async ValueTask Items(JsonOut o, Store store, Campaign? c, IEnumerable<long> numbers, bool withCampaign = false)
    {
        o.W.WriteStartArray("data");
        foreach (long n in numbers)
        {
            var s = c != null && n < Store.CreatedBase ? c.Generated((int)(n - c.Base)) : store.ByNumber(n);
            if (s != null) DataItem(o.W, s, withCampaign);
            await o.FlushIfBig();
        }
        o.W.WriteEndArray();
    }
}
