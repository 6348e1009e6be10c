using System.Text;
using Newtonsoft.Json.Linq;

namespace Coupontools.Fuzz.Tests;

/// <summary>
/// The seed replies the mutation fuzzers start from: every example reply in api/endpoints.json
/// (documented, error and client-code shapes) plus one reply of each shape api/ASSUMED.md fixes.
/// </summary>
internal static class ReplyCorpus
{
    private static readonly Lazy<IReadOnlyList<string>> All = new(Load);

    public static IReadOnlyList<string> Texts => All.Value;

    private static readonly Lazy<IReadOnlyList<byte[]>> AllBytes = new(() => Texts.Select(Encoding.UTF8.GetBytes).ToList());

    public static IReadOnlyList<byte[]> Bytes => AllBytes.Value;

    /// <summary>Count of replies taken from the documented examples (the rest are the assumed shapes).</summary>
    public static int DocumentedCount => Texts.Count - Assumed.Length;

    private static List<string> Load()
    {
        var texts = new List<string>();
        var file = Path.Combine(AppContext.BaseDirectory, "corpus", "endpoints.json");
        foreach (var endpoint in JArray.Parse(File.ReadAllText(file)).OfType<JObject>())
        {
            foreach (var name in new[] { "example_response", "example_error_response", "observed_response_from_client_code" })
            {
                switch (endpoint[name])
                {
                    case JObject reply:
                        texts.Add(reply.ToString(Newtonsoft.Json.Formatting.None));
                        break;
                    case JArray replies:
                        texts.AddRange(replies.OfType<JObject>().Select(r => r.ToString(Newtonsoft.Json.Formatting.None)));
                        break;
                }
            }
        }

        texts.AddRange(Assumed);
        return texts;
    }

    private const string Ok = "\"status\":{\"status\":\"OK\"}";

    private const string SessionStatus =
        "\"status\":{\"created_date_utc\":\"2026-01-02 03:04:05\",\"open_date_utc\":\"2026-01-02 03:05:00\",\"played_date_utc\":\"\",\"claim_date_utc\":\"2026-01-03 10:00:00\"," +
        "\"validation_date_utc\":\"\",\"voided_date_utc\":\"\",\"locked\":\"0\",\"claimtype\":\"email\",\"validation_value\":\"\",\"value\":\"12.50\",\"own_validation_code\":\"ABC123\"}";

    /// <summary>The shapes api/ASSUMED.md fixes, as the simulator sends them.</summary>
    private static readonly string[] Assumed =
    {
        "{" + Ok + ",\"subaccounts\":[{\"ID\":\"sub_1\",\"email\":\"a@example.test\",\"api_key\":\"k1\",\"api_secret\":\"s1\",\"amountlogin\":\"5\",\"max_campaigns\":\"4\",\"expiry_date\":\"2027-12-31\",\"access_dashboard\":true,\"access_directory\":false,\"campaigns\":[{\"ID\":\"cam_1\",\"code\":\"vuhykb\",\"url\":\"https://digicpn.com/p/vuhykb\",\"status\":\"active\"}]}]}",
        "{" + Ok + ",\"subaccount\":{\"ID\":\"sub_2\",\"url\":\"https://example.test/reset/xyz\"}}",
        "{" + Ok + ",\"coupon_info\":[{\"ID\":\"cam_1\",\"code\":\"vuhykb\",\"name\":\"Spring\",\"title\":\"10% off\",\"status\":\"active\",\"url\":\"https://digicpn.com/p/vuhykb\"}]}",
        "{" + Ok + ",\"coupon_info\":{\"ID\":\"cam_1\",\"code\":\"vuhykb\",\"name\":\"Spring\",\"title\":\"10% off\",\"status\":\"active\",\"url\":\"u\",\"amount_custom_codes\":\"100\",\"amount_custom_codes_claimed\":\"7\"}}",
        "{" + Ok + ",\"amount_of_results\":\"2\",\"page\":\"1\",\"amount_of_pages\":\"1\",\"data\":[{\"sequenceid\":\"19878460\",\"session\":\"ac6s7u3g8a25ja7x9qg87\",\"customid\":\"\"," + SessionStatus + "},{\"sequenceid\":\"19878461\",\"session\":\"bc6s7u3g8a25ja7x9qg87\",\"customid\":\"c-2\"," + SessionStatus + "}]}",
        "{" + Ok + ",\"campaign\":\"cam_1\",\"action\":\"retrieve_all_session_data\",\"session\":\"ac6s7u3g8a25ja7x9qg87\",\"session_url\":\"https://digicpn.com/p/vuhykb/ac6s7u3g8a25ja7x9qg87\",\"sequenceid\":\"19878460\",\"customid\":\"\",\"data\":{" + SessionStatus + "}}",
        "{" + Ok + ",\"updated\":2,\"failed\":[{\"session\":\"zzzzzzzzzzzzzzzzzzzzz\",\"error_code\":505,\"error_message\":\"Couponsession not found.\"}]}",
        "{" + Ok + ",\"recipients\":\"12\"}",
        "{" + Ok + ",\"loyaltycards\":[{\"ID\":\"17\",\"name\":\"Coffee\",\"type\":\"stamp\",\"status\":\"active\",\"created_date_utc\":\"2025-05-05 05:05:05\"}]}",
        "{" + Ok + ",\"users\":[{\"ID\":\"901\",\"email\":\"u@example.test\",\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"points\":\"40\",\"stamps\":\"3\",\"voided\":\"0\"}]}",
        "{" + Ok + ",\"user\":{\"ID\":\"901\",\"email\":\"u@example.test\",\"points\":\"-5\",\"stamps\":\"0\",\"voided\":\"1\"}}",
        "{" + Ok + ",\"directories\":[{\"ID\":\"dir_3\",\"name\":\"City deals\",\"url\":\"https://example.test/d\"}]}",
        "{" + Ok + ",\"directory\":{\"ID\":\"dir_3\",\"name\":\"City deals\",\"url\":\"u\",\"amount_of_users\":\"250\"}}",
        "{" + Ok + ",\"amount_of_results\":\"250\",\"page\":\"3\",\"users\":[{\"ID\":\"reg_5\",\"email\":\"r@example.test\",\"payment_status\":\"paid\",\"registration_date_utc\":\"2024-02-29 23:59:59\"}]}",
        "{" + Ok + ",\"categories\":{\"cat_1\":\"Food\",\"cat_2\":\"Travel\"}}",
        "{" + Ok + ",\"main_categories\":{\"123\":\"EU\",\"124\":\"USA\",\"125\":\"Other\"}}",
        "{" + Ok + ",\"campaign\":\"cam_1\",\"action\":\"single_use_created\",\"single_use_code\":\"ac6s7u3g8a25ja7x9qg87\",\"single_use_url\":\"https://digicpn.com/p/vuhykb/ac6s7u3g8a25ja7x9qg87\",\"widget_validation_code\":\"ac6s7u\",\"custom_validation_code\":\"\",\"customid\":\"row-1\"}",
        "{" + Ok + ",\"campaign\":\"cam_1\",\"action\":\"multiple_single_use_codes_created\",\"data\":[{\"single_use_code\":\"ac6s7u3g8a25ja7x9qg87\",\"sequence_id\":19878460,\"single_use_url\":\"u\",\"widget_validation_code\":\"ac6s7u\",\"custom_validation_code\":\"\"}]}",
        "{" + Ok + ",\"campaign\":\"cam_1\",\"session\":\"ac6s7u3g8a25ja7x9qg87\",\"action\":\"single_use_removed\"}",
        "{" + Ok + ",\"result\":\"valid\",\"webhook\":\"evt_JsOKTu2rlzjZsxPaleUx\",\"date\":\"2017-10-09 09:57:57\",\"campaign\":\"cam_12345\",\"session\":\"8yx7hpxuu69k0zga93nix\",\"type\":\"coupon_validated\"}",
        "{\"webhook\":\"evt_JsOKTu2rlzjZsxPaleUx\",\"type\":\"coupon_claimed\",\"date\":\"2026-11-25 12:00:00\",\"campaign\":\"cam_1\",\"session\":\"ac6s7u3g8a25ja7x9qg87\"}",
        "{\"status\":{\"status\":\"failed\"},\"errors\":{\"error_message\":\"HTTP/1.0 422 Unprocessable entity.\",\"error_message_description\":[\"Couponsession not found.\"],\"error_code\":[505]}}",
        "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_message\":\"HTTP/1.0 422 Unprocessable entity.\",\"error_message_description\":[\"Missing parameter: campaign\"],\"error_code\":[200]}}}",
        "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":1000,\"error_message\":\"HTTP/1.0 401 Unauthorized. Client ID or Secret not correct.\"}}}",
    };
}
