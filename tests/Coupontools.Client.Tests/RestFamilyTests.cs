using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>
/// The v4 REST family through the shared client: method and credential headers per family, ids escaped in the
/// path, bare JSON replies, HTTP statuses as errors, and the retry rules (GET/PUT/DELETE like reads, POST never
/// after an unknown outcome).
/// </summary>
public class RestFamilyTests
{
    private static Endpoint Rest(string method, string concretePath) =>
        EndpointCatalog.FindRest(method, concretePath) ?? throw new InvalidOperationException($"no {method} {concretePath} in the catalogue");

    private static ApiRequest Get(string path) => new(path, null, safeToRepeat: false, "GET");

    [Fact]
    public async Task A_rest_get_sends_the_api_key_headers_no_body_and_returns_the_bare_object()
    {
        var handler = new FakeHandler().Reply(200, "{\"id\":12,\"name\":\"Members\"}");
        var reply = await handler.Client().SendRestAsync(Get("/v4/directory/12"), CancellationToken.None);
        var (request, body) = handler.Sent.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.example.test/v4/directory/12", request.RequestUri!.ToString());
        Assert.Equal("client-1", request.Headers.GetValues("x-api-key").Single());
        Assert.Equal(FakeHandler.Secret, request.Headers.GetValues("x-api-secret").Single());
        Assert.False(request.Headers.Contains("X-Client-Id"));
        Assert.False(request.Headers.Contains("X-Client-Secret"));
        Assert.Null(request.Content);
        Assert.Equal("", body);
        Assert.Equal("Members", (string)reply!["name"]!);
    }

    [Fact]
    public async Task Envelope_paths_keep_the_x_client_headers_also_under_v4()
    {
        var handler = new FakeHandler().Ok("\"amount_of_results\":0,\"subaccount\":[]");
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.SubaccountList), CancellationToken.None);
        var (request, _) = handler.Sent.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("client-1", request.Headers.GetValues("X-Client-Id").Single());
        Assert.False(request.Headers.Contains("x-api-key"));
    }

    [Theory]
    [InlineData("PUT", "/v4/loyalty/loyalty-cards/7/stats/9", "{\"first_name\":\"Ann\"}")]
    [InlineData("POST", "/v4/directory/3/users", "{\"email\":\"a@b.test\"}")]
    [InlineData("DELETE", "/v4/directory/3/users/4/access", "")]
    public async Task Each_method_goes_out_as_itself_with_its_json_body(string method, string path, string expectedBody)
    {
        var handler = new FakeHandler().Reply(200, "{\"message\":\"ok\"}");
        var fields = expectedBody.Length == 0 ? null : JObject.Parse(expectedBody).Properties().ToDictionary(p => p.Name, p => (object?)(string?)p.Value);
        await handler.Client().SendRestAsync(new ApiRequest(path, fields, safeToRepeat: false, method), CancellationToken.None);
        var (request, body) = handler.Sent.Single();
        Assert.Equal(method, request.Method.Method);
        Assert.Equal(expectedBody, body);
        if (expectedBody.Length > 0)
        {
            Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public void Ids_in_the_path_are_escaped_one_segment_each_and_dot_segments_are_refused()
    {
        var endpoint = Rest("GET", "/v4/directory/1/users/2");
        var request = ApiRequest.Rest(endpoint, new[] { "12", "a/b?c" });
        Assert.Equal("/v4/directory/12/users/a%2Fb%3Fc", request.Path);
        Assert.Equal(WireFamily.V4Rest, request.Family);
        Assert.True(request.SafeToRepeat);
        Assert.Throws<ArgumentException>(() => ApiRequest.Rest(endpoint, new[] { "12" }));
        Assert.Throws<ArgumentException>(() => ApiRequest.Rest(endpoint, new[] { "..", "2" }));
        Assert.Throws<ArgumentException>(() => new ApiRequest(endpoint));
    }

    [Fact]
    public async Task An_array_reply_is_streamed_as_one_page_of_items()
    {
        var handler = new FakeHandler().Reply(200, "[{\"id\":1,\"name\":\"A\"},{\"id\":2,\"name\":\"B\"}]");
        var page = await handler.Client().ReadRestPageAsync(Get("/v4/loyalty/loyalty-cards"),
            reader => (string)JObject.Load(reader)["name"]!, CancellationToken.None);
        Assert.Equal(new[] { "A", "B" }, page.Items);
        Assert.Null(page.TotalCount);

        var whole = await new FakeHandler().Reply(200, "[{\"id\":1},{\"id\":2}]").Client().SendRestAsync(Get("/v4/loyalty/loyalty-cards"), CancellationToken.None);
        Assert.Equal(2, Assert.IsType<JArray>(whole).Count);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Idempotent_methods_are_retried_after_a_502_and_a_dropped_connection(string method)
    {
        var waits = new List<TimeSpan>();
        var handler = new FakeHandler()
            .Reply(502, "<html>bad gateway</html>", "text/html")
            .Throw(new HttpRequestException("connection reset", new IOException("reset")))
            .Reply(200, "{\"id\":9}");
        var reply = await handler.Client(waits).SendRestAsync(new ApiRequest("/v4/loyalty/loyalty-cards/7/stats/9", null, false, method), CancellationToken.None);
        Assert.Equal(9, (int)reply!["id"]!);
        Assert.Equal(3, handler.Sent.Count);
        Assert.Equal(2, waits.Count);
    }

    [Fact]
    public async Task A_post_is_never_sent_again_after_a_502_or_a_drop()
    {
        foreach (var handler in new[]
                 {
                     new FakeHandler().Reply(502, "{\"message\":\"Bad gateway\"}"),
                     new FakeHandler().Throw(new HttpRequestException("connection reset", new IOException("reset"))),
                 })
        {
            var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
                handler.Client().SendRestAsync(new ApiRequest("/v4/directory/3/users", new Dictionary<string, object?> { ["email"] = "a@b.test" }, false, "POST"), CancellationToken.None));
            Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
            Assert.Single(handler.Sent);
        }
    }

    [Fact]
    public async Task A_post_is_sent_again_after_429_which_says_it_was_not_processed()
    {
        var handler = new FakeHandler().Reply(429, "{\"message\":\"Too many requests\"}", retryAfter: "1").Reply(201, "{\"id\":5}");
        var reply = await handler.Client().SendRestAsync(new ApiRequest("/v4/directory/3/users", null, false, "POST"), CancellationToken.None);
        Assert.Equal(5, (int)reply!["id"]!);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Theory]
    [InlineData(404, "{\"message\":\"Directory not found\"}", "Directory not found")]
    [InlineData(401, "{\"message\":\"Unauthenticated.\"}", "Unauthenticated")]
    [InlineData(403, "{\"message\":\"Forbidden\"}", "Forbidden")]
    [InlineData(422, "{\"message\":\"The email field must be a valid email address.\",\"errors\":{\"email\":[\"bad\"]}}", "valid email address")]
    [InlineData(400, "{\"message\":\"Bad request\"}", "Bad request")]
    public async Task A_4xx_is_an_api_error_with_its_status_and_message(int status, string body, string words)
    {
        var handler = new FakeHandler().Reply(status, body);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => handler.Client().SendRestAsync(Get("/v4/directory/12"), CancellationToken.None));
        Assert.Equal(ApiFailure.ApiError, ex.Failure);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Contains(words, ex.ApiMessage);
        Assert.Contains(words, ex.Message);
        Assert.Contains("GET /v4/directory/12", ex.Message);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task A_429_that_stays_is_rate_limited()
    {
        var handler = new FakeHandler().Reply(429, "{}").Reply(429, "{}");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => handler.Client(maxRetries: 1).SendRestAsync(Get("/v4/directory"), CancellationToken.None));
        Assert.Equal(ApiFailure.RateLimited, ex.Failure);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task An_error_body_that_is_not_json_is_kept_redacted_and_the_secret_never_shows()
    {
        var handler = new FakeHandler().Reply(404, "<html>no route for key " + FakeHandler.Secret + "</html>", "text/html");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => handler.Client().SendRestAsync(Get("/v4/directory/12"), CancellationToken.None));
        Assert.Equal(404, ex.HttpStatus);
        Assert.Null(ex.ApiMessage);
        Assert.Contains("no route for key", ex.RedactedBody);
        Assert.DoesNotContain(FakeHandler.Secret, ex.RedactedBody);
        Assert.DoesNotContain(FakeHandler.Secret, ex.Message);
    }

    [Fact]
    public async Task A_2xx_that_is_not_json_is_an_invalid_reply_for_a_get_and_an_unknown_outcome_for_a_post()
    {
        var get = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            new FakeHandler().Reply(200, "<html>maintenance</html>", "text/html").Client(maxRetries: 0).SendRestAsync(Get("/v4/directory"), CancellationToken.None));
        Assert.Equal(ApiFailure.InvalidReply, get.Failure);
        Assert.Contains("HTML", get.Message);

        var cut = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            new FakeHandler().Reply(200, "[{\"id\":1},").Client().SendRestAsync(Get("/v4/directory"), CancellationToken.None));
        Assert.Equal(ApiFailure.InvalidReply, cut.Failure);

        var post = new FakeHandler().Reply(201, "{\"id\":");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            post.Client().SendRestAsync(new ApiRequest("/v4/directory/3/users", null, false, "POST"), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Single(post.Sent);
    }

    [Fact]
    public async Task A_204_is_a_null_reply_and_an_empty_200_is_unreadable()
    {
        var reply = await new FakeHandler().Reply(204, "").Client().SendRestAsync(new ApiRequest("/v4/directory/3/users/4/access", null, false, "DELETE"), CancellationToken.None);
        Assert.Null(reply);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            new FakeHandler().Reply(200, "").Client().SendRestAsync(Get("/v4/directory"), CancellationToken.None));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
    }

    [Fact]
    public async Task Each_family_is_sent_only_through_its_own_reader()
    {
        var client = new FakeHandler().Client();
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Get("/v4/directory"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendRestAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None));
    }

    [Fact]
    public async Task The_update_subaccount_reply_printed_without_the_envelope_is_a_success()
    {
        var handler = new FakeHandler().Reply(200, "{\"subaccount\":{\"ID\":\"sub_123456\",\"status\":\"updated\"}}");
        var payload = await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.SubaccountUpdate,
            new Dictionary<string, object?> { ["subaccount"] = "sub_123456", ["package"] = "pac_1" }), CancellationToken.None);
        Assert.Equal("updated", (string)payload["subaccount"]!["status"]!);

        // Any other write with no status stays an unknown outcome.
        var other = new FakeHandler().Reply(200, "{\"subaccount\":{\"ID\":\"sub_1\"}}");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => other.Client().SendAsync(new ApiRequest(EndpointCatalog.SubaccountCreate), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
    }
}
