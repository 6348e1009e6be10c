using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

public class EnvelopeTests
{
    private static Task<Newtonsoft.Json.Linq.JObject> Read(FakeHandler handler) =>
        handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignInfo), CancellationToken.None);

    [Fact]
    public async Task Ok_envelope_returns_the_payload_without_status()
    {
        var payload = await Read(new FakeHandler().Ok("\"coupon_info\":{\"ID\":\"cam_1\"}"));
        Assert.Null(payload["status"]);
        Assert.Equal("cam_1", (string?)payload["coupon_info"]?["ID"]);
    }

    [Fact]
    public async Task Errors_nested_in_status_with_array_code_and_description()
    {
        var body = "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_message\":\"HTTP/1.0 422 Unprocessable entity.\",\"error_message_description\":[\"Campaign not found.\"],\"error_code\":[502]}}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(422, body)));
        Assert.Equal(ApiFailure.ApiError, ex.Failure);
        Assert.Equal(new[] { 502 }, ex.ErrorCodes);
        Assert.Equal("Campaign not found.", ex.ApiText);
        Assert.Equal(422, ex.HttpStatus);
        Assert.Equal("/v3/coupon/info", ex.Endpoint);
        Assert.Contains("Campaign not found.", ex.Message);
    }

    [Fact]
    public async Task Scalar_error_code_without_description_on_auth_failure()
    {
        var body = "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":1000,\"error_message\":\"HTTP/1.0 401 Unauthorized. Client ID or Secret not correct.\"}}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(401, body)));
        Assert.True(ex.HasErrorCode(1000));
        Assert.Contains("Client ID or Secret not correct", ex.ApiText);
    }

    [Fact]
    public async Task Errors_beside_status_are_read()
    {
        var body = "{\"status\":{\"status\":\"failed\"},\"errors\":{\"error_message\":\"HTTP/1.0 422 Unprocessable entity.\",\"error_message_description\":[\"Couponsession not found.\"],\"error_code\":[505]}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(200, body)));
        Assert.Equal(new[] { 505 }, ex.ErrorCodes);
        Assert.Equal("Couponsession not found.", ex.ApiText);
    }

    [Fact]
    public async Task Error_codes_as_strings_are_read_as_numbers()
    {
        var body = "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":[\"200\",\"301\"],\"error_message_description\":\"Missing parameter: campaign\"}}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(200, body)));
        Assert.Equal(new[] { 200, 301 }, ex.ErrorCodes);
        Assert.Equal("Missing parameter: campaign", ex.ApiText);
    }

    [Theory]
    [InlineData("{\"status\":{\"status\":\"OK\"},\"coupon_info\":{\"ID\":\"cam", "cut short")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "HTML")]
    [InlineData("", "empty")]
    [InlineData("not json at all", "not JSON")]
    [InlineData("[1,2,3]", "not JSON")]
    public async Task Unreadable_bodies_give_the_typed_exception_naming_the_endpoint(string body, string expected)
    {
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(200, body, "text/html")));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Contains("/v3/coupon/info", ex.Message);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Missing_status_is_an_error_not_a_success()
    {
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(200, "{\"coupon_info\":[]}")));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Contains("no 'status'", ex.Message);
    }

    [Fact]
    public async Task Status_other_than_OK_without_errors_is_an_api_error()
    {
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(200, "{\"status\":{\"status\":\"maintenance\"}}")));
        Assert.Equal(ApiFailure.ApiError, ex.Failure);
        Assert.Contains("maintenance", ex.Message);
    }

    [Fact]
    public async Task Truncated_reply_to_a_write_is_an_unknown_outcome()
    {
        var handler = new FakeHandler().Reply(200, "{\"status\":{\"status\":\"OK\"},\"campaign\":");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignPushSingle), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task Request_is_a_json_post_with_credentials_in_headers()
    {
        var handler = new FakeHandler().Ok();
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignInfo, new Dictionary<string, object?> { ["campaign"] = "cam_1", ["show_usage_stats"] = true, ["skip"] = null }), CancellationToken.None);
        var (request, body) = handler.Sent.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.example.test/v3/coupon/info", request.RequestUri!.ToString());
        Assert.Equal("client-1", request.Headers.GetValues("X-Client-Id").Single());
        Assert.Equal(FakeHandler.Secret, request.Headers.GetValues("X-Client-Secret").Single());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("{\"campaign\":\"cam_1\",\"show_usage_stats\":true}", body);
    }

    [Fact]
    public async Task Secret_in_an_error_body_is_masked()
    {
        var body = "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":[300],\"error_message_description\":[\"bad secret " + FakeHandler.Secret + "\"]}}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => Read(new FakeHandler().Reply(422, body)));
        Assert.DoesNotContain(FakeHandler.Secret, ex.Message);
        Assert.DoesNotContain(FakeHandler.Secret, ex.RedactedBody);
        Assert.DoesNotContain(FakeHandler.Secret, ex.ApiText);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CoupontoolsClient(new ClientOptions
        {
            BaseUri = new Uri("http://api4coupons.com/"), ClientId = "a", ClientSecret = "b",
        }));
        Assert.Contains("plain http", ex.Message);
        using var loopback = new CoupontoolsClient(new ClientOptions { BaseUri = new Uri("http://127.0.0.1:5000/"), ClientId = "a", ClientSecret = "b" });
    }
}
