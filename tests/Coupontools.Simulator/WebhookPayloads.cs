using System.Text;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>What an event is about: its type and whichever of campaign, session, subaccount it names.</summary>
sealed record WebhookSubject(string Type, Campaign? Campaign, string? Session, string? Subaccount);

/// <summary>
/// Delivered bodies, shaped like the vendor's printed payloads (api/contract-2025.json, webhook_deliveries
/// events): the same keys in the same order, the same JSON types (strings for numbers where printed,
/// integers where printed). Ids, dates, the campaign and the session are the simulator's; the people and
/// form values are the printed ones. Types the print does not show (the coupon_validated and coupon_voided
/// events session changes issue) get id, datetime, type, campaign, session.
/// </summary>
static class WebhookPayloads
{
    public static readonly string[] PrintedTypes =
        ["coupon_claimed", "coupon_created", "subaccount_created", "loyalty_complete", "loyalty_v3_created", "lp_submission", "directory_registration"];

    /// <summary>Types whose payload names a campaign (the control endpoint needs one to fire them).</summary>
    public static bool NeedsCampaign(string type) => type is not ("subaccount_created" or "loyalty_complete" or "loyalty_v3_created" or "directory_registration");

    public static string Write(Store store, WebhookSubject s, string id, string date)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, JsonOut.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("datetime", date);
            if (s.Type == "coupon_claimed") w.WriteString("livemode", "0");
            w.WriteString("type", s.Type);
            string subaccount = s.Subaccount ?? (s.Campaign is { Owner: > 0 } c ? "sub_" + c.Owner : "sub_3427");
            string session = s.Session ?? "";
            switch (s.Type)
            {
                case "coupon_claimed": CouponClaimed(w, s.Campaign!, session, date); break;
                case "coupon_created":
                    w.WriteString("coupon", s.Campaign!.Id);
                    w.WriteString("subaccount", subaccount);
                    break;
                case "subaccount_created":
                    w.WriteString("subaccount", subaccount);
                    Strings(w, "data", ("email", "john@doe.com"), ("company_name", "Company name"), ("first_name", "John"), ("last_name", "Doe"),
                        ("phone", "+1234567890"), ("country", "US"));
                    break;
                case "loyalty_complete":
                    w.WriteString("subaccount", subaccount);
                    w.WriteString("loyaltycard", LoyaltyCardId(store));
                    w.WriteString("statcode", session.Length > 0 ? session : store.Random62(21).ToLowerInvariant());
                    break;
                case "loyalty_v3_created": LoyaltyV3Created(w, store); break;
                case "lp_submission": LandingPage(w, s.Campaign!, session); break;
                case "directory_registration":
                    Strings(w, "data", ("userId", "5025"), ("first_name", "test"), ("last_name", "test"), ("birthday", "1953-02-02"),
                        ("email", "test@test.test"), ("phone", "+32000000000"), ("created_at", date));
                    break;
                default:
                    w.WriteString("campaign", s.Campaign?.Id ?? "");
                    w.WriteString("session", session);
                    break;
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    static void CouponClaimed(Utf8JsonWriter w, Campaign c, string session, string date)
    {
        w.WriteString("coupon_code", session);
        w.WriteString("session", session);
        w.WriteString("campaign", c.Id);
        w.WriteString("coupon_url", c.Url + "/" + session);
        Strings(w, "coupon", ("coupon_code", c.Code), ("friendly_name", c.Name), ("title", c.Title), ("subtitle", "The coupon subtitle comes here"),
            ("tags", string.Join(",", c.Tags)), ("coupon_value", "Discount value"), ("custom_validation_code", "your custom validation code, if any"),
            ("customid", ""), ("timezone", "UTC"));
        Strings(w, "status", ("social_login", "0"), ("scratched", "0"), ("scratched_date", ""), ("claimed", "1"), ("claimed_date", date),
            ("claimed_type", "db"), ("validated", "0"), ("validated_date", ""));
        Strings(w, "customer", ("gender", "Male"), ("first_name", "First Name"), ("last_name", "Last Name"), ("email", "info@email.com"),
            ("phone", "11234567890"), ("address", "Address"), ("zip", "10000"), ("city", "City"), ("birthday", "1980-01-01"),
            ("custom_field_1", "Custom field 1"), ("custom_field_2", "Custom field 2"), ("custom_field_3", "Custom field 3"),
            ("custom_field_4", "Custom field 4"), ("custom_field_5", "Custom field 5"), ("custom_field_6", "Custom field 6"),
            ("custom_field_7", "Custom field 7"), ("question_1", "Answer 1"));
    }

    static string LoyaltyCardId(Store store)
    {
        string card = store.Loyalty.Cards().FirstOrDefault()?.Id ?? "1037746";
        return card.StartsWith("loy_", StringComparison.Ordinal) ? card : "loy_" + card;
    }

    static void LoyaltyV3Created(Utf8JsonWriter w, Store store)
    {
        w.WriteNumber("loyalty_id", 1);
        w.WritePropertyName("user");
        w.WriteStartObject();
        w.WriteNumber("id", 1);
        string code = store.Random62(21).ToLowerInvariant();
        w.WriteString("code", code);
        foreach (var (name, value) in new[] { ("first_name", "John"), ("last_name", "Doe"), ("address", "Generic Road 956"), ("zip", "123456"),
                     ("city", "Generic City"), ("phone", "+18606231754"), ("email", "John@Doe.com") })
            w.WriteString(name, value);
        for (int i = 1; i <= 8; i++) w.WriteString("custom_" + i, "custom value " + i);
        w.WriteString("download_url", "https://loyalty.coupontools.com/6epyy9/" + code);
        w.WriteEndObject();
    }

    static void LandingPage(Utf8JsonWriter w, Campaign c, string session)
    {
        w.WriteString("landing_id", "lp_12345");
        w.WriteString("target_coupon", c.Id);
        w.WriteString("target_statcode", session);
        w.WriteString("target_url", c.Url + "/" + session);
        Strings(w, "data", ("E-mail", "info@email.com"), ("phone", "11234567890"));
        w.WritePropertyName("utm_tags");
        w.WriteStartObject();
        foreach (var (name, value) in new[] { ("utm_source", "examplesource"), ("utm_medium", "examplemedium"), ("utm_campaign", "examplecampaign"),
                     ("utm_term", "examplekeyword"), ("utm_content", "examplecontent") })
            w.WriteString(name, value);
        for (int i = 1; i <= 8; i++) w.WriteString("custom" + i, "customexamplevalue" + i);
        w.WriteEndObject();
    }

    static void Strings(Utf8JsonWriter w, string name, params (string Name, string Value)[] fields)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        foreach (var (n, v) in fields) w.WriteString(n, v);
        w.WriteEndObject();
    }
}
