using System.Diagnostics;
using System.Net;
using System.Text;
using Coupontools.Client;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Fuzz.Tests;

/// <summary>Each failure the fuzzers found, kept as a plain example so it stays fixed.</summary>
public class FoundByFuzzingTests
{
    private static EnvelopeStatus Parse(string json, ReplyReader<JObject>? reader = null) =>
        EnvelopeParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), reader ?? new PayloadReader());

    [Theory]
    [InlineData("{\"status\":{\"status\":\"OK\"},")]
    [InlineData("{\"status\":{\"status\":\"OK\"},\"data\":[{\"session\":\"a\"}]")]
    [InlineData("{\"status\":{\"status\":\"OK\"},\"data\":[{\"session\":\"a\"}],")]
    [InlineData("{\"status\":{\"status\":\"OK\"}")]
    public void A_reply_cut_right_after_a_complete_value_is_refused(string cut)
    {
        // Was accepted as OK: the reader stood on the value's closing token, which looked like the end.
        Assert.Throws<InvalidDataException>(() => Parse(cut));
        Assert.Throws<InvalidDataException>(() => EnvelopeParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(cut)), new PageReader<JObject>("data", j => j)));
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("-2.49109155524764E+49")]
    [InlineData("1.7976931348623157e308")]
    public void Floats_beyond_the_decimal_range_do_not_make_a_reply_unreadable(string number)
    {
        // Was a JsonReaderException for the whole reply (floats were read as decimal).
        var payload = new PayloadReader();
        Assert.True(Parse("{\"status\":{\"status\":\"OK\"},\"value\":" + number + ",\"ID\":\"cam_1\"}", payload).IsOk);
        Assert.Equal("cam_1", Campaign.FromJson(payload.GetResult()).Id);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void A_retry_after_of_NaN_is_ignored_not_thrown(string header)
    {
        // Was ArgumentException from TimeSpan.FromSeconds(NaN), escaping SendAsync.
        Assert.Null(RetryPolicy.ParseRetryAfter(header, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_503_with_retry_after_NaN_ends_in_the_modules_exception()
    {
        var client = Client(Enumerable.Repeat((503, (string?)"NaN", "{\"status\":{\"status\":\"failed\"}}"), 5).ToArray(), out var handler);
        var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() => client.SendAsync(new ApiRequest(EndpointCatalog.SessionUpdate), CancellationToken.None));
        Assert.Equal(1, handler.Calls);
        Assert.Equal(ApiFailure.OutcomeUnknown, error.Failure);
    }

    [Theory]
    [InlineData("{\"api_secret\":\"Zq8SubSecret", "{\"api_secret\":\"***\"")]
    [InlineData("{\"password\": \"hunt\\\"er2", "{\"password\": \"***\"")]
    [InlineData("token=\"abc", "token=\"***\"")]
    public void A_secret_cut_off_at_the_end_of_a_shown_body_is_still_masked(string text, string expected)
    {
        // Was shown: the quoted value needed its closing quote to match.
        Assert.Equal(expected, new Redactor().Redact(text));
    }

    [Theory]
    [InlineData(1995)]
    [InlineData(2000)]
    [InlineData(2005)]
    [InlineData(2010)]
    public async Task No_part_of_a_subaccount_secret_shows_when_the_error_body_is_cut(int padding)
    {
        var body = "{\"status\":{\"status\":\"failed\"},\"pad\":\"" + new string('p', padding) + "\",\"api_secret\":\"Zq8SubSecret-9911\"}";
        var client = Client(new[] { (422, (string?)null, body) }, out _);
        var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() => client.SendAsync(new ApiRequest(EndpointCatalog.SubaccountList), CancellationToken.None));
        Assert.DoesNotContain("Zq8Sub", error.RedactedBody);
        Assert.DoesNotContain("Zq8Sub", error.Message);
    }

    [Theory]
    [InlineData("x", 200_000)]
    [InlineData("secret", 40_000)]
    [InlineData("api_key_", 30_000)]
    [InlineData("\"token\":\"", 20_000)]
    [InlineData("a-", 100_000)]
    public void Redaction_takes_linear_time_on_hostile_text(string unit, int repeat)
    {
        // A 12,000-character field name took seconds: the name pattern backtracked quadratically or worse.
        var text = string.Concat(Enumerable.Repeat(unit, repeat));
        var clock = Stopwatch.StartNew();
        _ = new Redactor().Redact(text);
        _ = Redactor.IsSensitiveName(text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{text.Length} characters took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_subaccount_with_an_absurdly_long_secret_maps_without_throwing()
    {
        // Was ArgumentOutOfRangeException: a SecureString holds at most 65,536 characters.
        var json = new JObject { ["ID"] = "sub_1", ["api_key"] = new string('k', 70_000), ["api_secret"] = new string('s', 70_000) };
        var subaccount = Subaccount.FromJson(json);
        Assert.Equal("sub_1", subaccount.Id);
        Assert.Null(subaccount.ApiSecret);
        Assert.Null(SsoUrl.FromJson(new JObject { ["token"] = new string('t', 70_000) }, null).Token);
    }

    [Fact]
    public void Numbers_at_the_edge_of_long_are_not_wrapped()
    {
        // 2^63 as a float passed the range check and overflowed the cast.
        Assert.Null(JsonValues.ToLong(new JValue(9.2233720368547758E18)));
        Assert.Equal(-9223372036854775808L, JsonValues.ToLong(new JValue(-9.2233720368547758E18)));
        Assert.Equal(100m, JsonValues.ToDecimal(new JValue(1e2)));
    }

    [Fact]
    public void A_page_number_beyond_int_is_unknown_not_wrapped()
    {
        var reader = new PageReader<JObject>("data", j => j);
        EnvelopeParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"OK\"},\"page\":\"4294967297\",\"amount_of_pages\":8589934593,\"data\":[]}")), reader);
        var page = reader.GetResult();
        Assert.Null(page.PageNumber);
        Assert.Null(page.PageCount);
    }

    private static CoupontoolsClient Client((int Status, string? RetryAfter, string Body)[] replies, out CountingHandler handler)
    {
        handler = new CountingHandler(replies);
        var client = new CoupontoolsClient(new ClientOptions
        {
            BaseUri = new Uri("https://api.example.test/"),
            ClientId = "client-1",
            ClientSecret = "Zq9ClientSecret-4471",
            MaxRetryCount = 3,
            Handler = handler,
        });
        client.Delay = (_, _) => Task.CompletedTask;
        return client;
    }

    private sealed class CountingHandler((int Status, string? RetryAfter, string Body)[] replies) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, retryAfter, body) = replies[Calls++];
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter != null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return Task.FromResult(response);
        }
    }
}
