using System.Net;
using System.Security;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>Subaccount, SSO, loyalty, directory and category models against the documented examples (api/endpoints.json).</summary>
public class EntityModelTests
{
    /// <summary>
    /// The vendor's subaccount info example as printed, with its repeated "currency" (USD, then EUR)
    /// and "language" keys and cut off after access_directory. Only the missing commas are restored:
    /// the page prints some properties without one, which no JSON reader accepts.
    /// </summary>
    private const string DocumentedSubaccountInfo = """
        {"status":{"status":"OK"},
         "subaccount":{"ID":"sub_1536","email":"","language":"en","lastlogin":"2017-01-26 19:29:00","amountlogin":"5",
          "currency":"USD","max_campaigns":"4","expiry_date":"2017-12-31",
          "api_key":"449141535434874233217388236","api_secret":"fudEHVUwSDQDQSud9Ndg8Cwhc2c85a","has_campaigns":"2",
          "campaigns":[{"ID":"cam_123456","code":"abc123","url":"","status":"example"},
                       {"ID":"cam_123457","code":"abc456","url":"","status":"active"}],
          "first_name":"John","last_name":"Doe","company_name":"Company inc.","username":"JohnDoe",
          "language":"en","currency":"EUR",
          "webhook_endpoint":"","available_campaigns":"en","access_dashboard":true,"access_directory":false}}
        """;

    private const string ApiKey = "449141535434874233217388236";
    private const string ApiSecret = "fudEHVUwSDQDQSud9Ndg8Cwhc2c85a";

    private static string Plain(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;

    private static async Task<Subaccount> ReadDocumentedSubaccount()
    {
        var payload = await new FakeHandler().Reply(200, DocumentedSubaccountInfo).Client()
            .SendAsync(new ApiRequest(EndpointCatalog.SubaccountInfo), CancellationToken.None);
        return Subaccount.FromJson((JObject)payload["subaccount"]!);
    }

    [Fact]
    public void The_documented_example_really_repeats_currency_and_language()
    {
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(DocumentedSubaccountInfo, "\"currency\""));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(DocumentedSubaccountInfo, "\"language\""));
    }

    [Fact]
    public async Task Repeated_keys_keep_the_first_value_without_failing()
    {
        var subaccount = await ReadDocumentedSubaccount();
        Assert.Equal("USD", subaccount.Currency);
        Assert.Equal("en", subaccount.Language);
        Assert.False(subaccount.AdditionalProperties.ContainsKey("currency"));
    }

    [Fact]
    public async Task String_numbers_dates_and_real_boolean_access_flags_are_typed()
    {
        var s = await ReadDocumentedSubaccount();
        Assert.Equal("sub_1536", s.Id);
        Assert.Null(s.Email);
        Assert.Equal(5, s.LoginCount);
        Assert.Equal(4, s.MaxCampaigns);
        Assert.Equal(2, s.CampaignCount);
        Assert.True(s.HasCampaigns);
        Assert.Equal(new DateTime(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc), s.ExpiryDate);
        Assert.Equal(new DateTime(2017, 1, 26, 19, 29, 0, DateTimeKind.Utc), s.LastLogin);
        Assert.Equal(DateTimeKind.Utc, s.LastLogin!.Value.Kind);
        Assert.True(s.Access["dashboard"]);
        Assert.False(s.Access["directory"]);
        Assert.Equal(new[] { "cam_123456", "cam_123457" }, s.Campaigns.Select(c => c.Id));
        Assert.Equal("example", s.Campaigns[0].Status);
        Assert.Equal("John", s.FirstName);
        Assert.Equal("Company inc.", s.CompanyName);
        Assert.Equal("JohnDoe", s.Username);
    }

    [Fact]
    public async Task Available_campaigns_that_is_not_a_number_is_kept_not_lost()
    {
        var s = await ReadDocumentedSubaccount();
        Assert.Null(s.AvailableCampaigns);
        Assert.Equal("en", s.AdditionalProperties["available_campaigns"]);
    }

    [Fact]
    public async Task Api_key_and_secret_are_secure_strings_and_nowhere_else()
    {
        var s = await ReadDocumentedSubaccount();
        Assert.Equal(ApiKey, Plain(s.ApiKey!));
        Assert.Equal(ApiSecret, Plain(s.ApiSecret!));
        Assert.True(s.ApiKey!.IsReadOnly());
        Assert.DoesNotContain(ApiKey, s.ToString());
        Assert.DoesNotContain(ApiSecret, s.AdditionalProperties.ToString());
        Assert.False(s.AdditionalProperties.ContainsKey("api_key"));
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(s);
        Assert.DoesNotContain(ApiKey, json);
        Assert.DoesNotContain(ApiSecret, json);
    }

    [Fact]
    public async Task The_debug_body_of_the_documented_reply_masks_key_and_secret()
    {
        var observer = new Observer();
        var handler = new FakeHandler().Reply(200, DocumentedSubaccountInfo);
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.SubaccountInfo) { Observer = observer }, CancellationToken.None);
        var bodies = string.Join("\n", observer.Bodies);
        Assert.Contains("\"api_secret\":\"***\"", bodies);
        Assert.DoesNotContain(ApiKey, bodies);
        Assert.DoesNotContain(ApiSecret, bodies);
    }

    [Fact]
    public async Task The_reply_cut_off_as_the_documented_example_is_an_InvalidReply_error_not_a_crash()
    {
        var cut = DocumentedSubaccountInfo.Substring(0, DocumentedSubaccountInfo.IndexOf("\"access_directory\"", StringComparison.Ordinal) + 8);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => new FakeHandler().Reply(200, cut).Client()
            .SendAsync(new ApiRequest(EndpointCatalog.SubaccountInfo), CancellationToken.None));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Contains("/v4/subaccount", ex.Message);
        Assert.DoesNotContain(ApiSecret, ex.Message + ex.RedactedBody);
        Assert.DoesNotContain(ApiKey, ex.Message + ex.RedactedBody);
    }

    [Fact]
    public void A_subaccount_with_a_flag_for_has_campaigns_and_repeated_access_flags_reads()
    {
        var json = JObject.Parse("""{"ID":"sub_1","has_campaigns":"0","access_dashboard":"1","access_loyalty":false}""");
        var s = Subaccount.FromJson(json);
        Assert.Equal(0, s.CampaignCount);
        Assert.False(s.HasCampaigns);
        Assert.True(s.Access["dashboard"]);
        Assert.False(s.Access["loyalty"]);
        Assert.Null(s.ApiKey);
    }

    [Fact]
    public void The_documented_sso_reply_reads_with_the_token_as_a_secure_string()
    {
        var payload = JObject.Parse("""{"ID":"sub_12345","token":"Nu5oAs7QDdCPLN7mkFUAQzPp66JJ8wwDCUd312GeFvZrDlLhf","url":"","url_whitelabel":""}""");
        var sso = SsoUrl.FromJson(payload, "AddCampaign");
        Assert.Equal("sub_12345", sso.Subaccount);
        Assert.Equal("AddCampaign", sso.Page);
        Assert.Null(sso.Url);
        Assert.Equal("Nu5oAs7QDdCPLN7mkFUAQzPp66JJ8wwDCUd312GeFvZrDlLhf", Plain(sso.Token!));
        Assert.DoesNotContain("Nu5oAs7Q", sso.ToString());
        Assert.Empty(sso.AdditionalProperties);
    }

    [Fact]
    public void The_documented_third_level_categories_give_one_category_per_entry()
    {
        var payload = JObject.Parse("""{"main_categories":{"123":"EU","124":"USA","125":"Other"}}""");
        var categories = Category.FromMap(payload["main_categories"], 3);
        Assert.Equal(new[] { "123", "124", "125" }, categories.Select(c => c.Id));
        Assert.Equal(new[] { "EU", "USA", "Other" }, categories.Select(c => c.Name));
        Assert.All(categories, c => Assert.Equal(3, c.Level));
        Assert.Equal("EU (123)", categories[0].ToString());
    }

    [Fact]
    public async Task Categories_with_a_repeated_id_keep_the_first_and_an_array_form_reads_too()
    {
        var payload = await new FakeHandler().Ok("\"categories\":{\"cat_1\":\"Food\",\"cat_2\":\"Travel\",\"cat_1\":\"Other\"}").Client()
            .SendAsync(new ApiRequest(EndpointCatalog.CategoryList), CancellationToken.None);
        var categories = Category.FromMap(payload["categories"], null);
        Assert.Equal(new[] { "Food", "Travel" }, categories.Select(c => c.Name));
        Assert.All(categories, c => Assert.Null(c.Level));

        var list = Category.FromMap(JArray.Parse("""[{"ID":"cat_9","name":"Nine","parent":"cat_1"}]"""), null);
        Assert.Equal("cat_9", Assert.Single(list).Id);
        Assert.Equal("cat_1", list[0].AdditionalProperties["parent"]);
        Assert.Empty(Category.FromMap(null, null));
        Assert.Empty(Category.FromMap(new JValue("nothing"), null));
    }

    [Fact]
    public void Loyalty_card_and_user_read_string_numbers_and_flags()
    {
        var card = LoyaltyCard.FromJson(JObject.Parse("""{"ID":"2001","name":"Coffee Card","type":"stamp","status":"active","created_date_utc":"2024-01-23 08:53:20","amount_of_users":"30"}"""));
        Assert.True(card.IsActive);
        Assert.Equal(30, card.UserCount);
        Assert.Equal(new DateTime(2024, 1, 23, 8, 53, 20, DateTimeKind.Utc), card.CreatedDate);

        var user = LoyaltyCardUser.FromJson(JObject.Parse("""{"ID":"70001","email":"a@example.com","points":"-5","stamps":"3","voided":"1"}"""), "2001");
        Assert.Equal("2001", user.LoyaltyCard);
        Assert.Equal(-5, user.Points);
        Assert.Equal(3, user.Stamps);
        Assert.True(user.Voided);
    }

    [Fact]
    public void Directory_and_directory_user_read_the_assumed_shapes()
    {
        var directory = Directory.FromJson(JObject.Parse("""{"ID":"dir_3001","name":"City Deals","url":"https://digicpn.com/d/city-deals","amount_of_users":"250"}"""));
        Assert.Equal(250, directory.UserCount);
        var user = DirectoryUser.FromJson(JObject.Parse("""{"ID":"reg_5001250","email":"a@example.com","payment_status":"unpaid","registration_date_utc":"","extra":"x"}"""), "dir_3001");
        Assert.Equal("dir_3001", user.Directory);
        Assert.Equal("unpaid", user.PaymentStatus);
        Assert.Null(user.RegistrationDate);
        Assert.Equal("x", user.AdditionalProperties["extra"]);
    }

    [Theory]
    [InlineData("Reply /v4/subaccount {\"api_secret\":\"fudEHVUwSDQD…", "fudEHV")]
    [InlineData("{\"password\": \"Pw-Secret-9988…", "Pw-Secret")]
    [InlineData("{\"token\":\"Nu5oAs7QDdCPLN7mkFUAQzPp\"", "Nu5oAs7Q")]
    public void A_secret_value_cut_off_by_the_end_of_a_shortened_body_is_masked(string text, string secret)
    {
        var redacted = new Redactor().Redact(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains("***", redacted);
    }

    private sealed class Observer : IRequestObserver
    {
        public List<string> Bodies { get; } = new();

        public bool WantsBodies => true;

        public void OnTrace(string line)
        {
        }

        public void OnBody(string text) => Bodies.Add(text);
    }
}
