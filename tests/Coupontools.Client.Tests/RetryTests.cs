using System.Net.Sockets;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly RetryPolicy policy = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2), () => 0.5);

    private RetryDecision Reply(int status, bool safe, string? retryAfter = null, int retries = 0) =>
        policy.Decide(retries, TimeSpan.Zero, safe, AttemptOutcome.Reply, status, retryAfter, Now);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rate_limit_is_retried_for_reads_and_writes_after_retry_after_seconds(bool safe)
    {
        var decision = Reply(429, safe, "7");
        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(7), decision.Delay);
    }

    [Fact]
    public void Rate_limit_retry_after_as_http_date()
    {
        var decision = Reply(429, false, Now.AddSeconds(12).ToString("r"));
        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(12), decision.Delay);
    }

    [Fact]
    public void Retry_after_is_clamped()
    {
        Assert.Equal(RetryPolicy.MaxSingleWait, Reply(429, true, "86400").Delay);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Server_errors_are_retried_for_reads(int status)
    {
        Assert.True(Reply(status, safe: true).Retry);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(500)]
    public void Server_errors_are_not_retried_for_writes(int status)
    {
        Assert.False(Reply(status, safe: false).Retry);
    }

    [Fact]
    public void Write_is_retried_on_503_with_retry_after()
    {
        var decision = Reply(503, false, "2");
        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(2), decision.Delay);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(500)]
    public void Client_errors_are_never_retried(int status)
    {
        Assert.False(Reply(status, safe: true).Retry);
        Assert.False(Reply(status, safe: true, retryAfter: "1").Retry);
    }

    [Theory]
    [InlineData(AttemptOutcome.ConnectionLost, true, true)]
    [InlineData(AttemptOutcome.ConnectionLost, false, false)]
    [InlineData(AttemptOutcome.TimedOut, true, true)]
    [InlineData(AttemptOutcome.TimedOut, false, false)]
    [InlineData(AttemptOutcome.ConnectFailed, false, true)]
    public void Connection_failures(AttemptOutcome outcome, bool safe, bool retried)
    {
        Assert.Equal(retried, policy.Decide(0, TimeSpan.Zero, safe, outcome, 0, null, Now).Retry);
    }

    [Fact]
    public void Attempts_are_capped()
    {
        Assert.True(Reply(503, true, retries: 2).Retry);
        var last = Reply(503, true, retries: 3);
        Assert.False(last.Retry);
        Assert.Contains("limit", last.Reason);
    }

    [Fact]
    public void Total_wait_is_capped()
    {
        var decision = policy.Decide(1, TimeSpan.FromSeconds(100), true, AttemptOutcome.Reply, 429, "30", Now);
        Assert.False(decision.Retry);
    }

    [Fact]
    public void Backoff_grows_exponentially()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), Reply(502, true, retries: 0).Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), Reply(502, true, retries: 1).Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), Reply(502, true, retries: 2).Delay);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Unreadable_retry_after_falls_back_to_backoff(string? value)
    {
        Assert.Null(RetryPolicy.ParseRetryAfter(value, Now));
    }
}

public class ClientRetryTests
{
    private const string Ok = "{\"status\":{\"status\":\"OK\"}}";

    [Fact]
    public async Task Read_is_retried_after_503_and_then_succeeds()
    {
        var waits = new List<TimeSpan>();
        var handler = new FakeHandler().Reply(503, "busy").Reply(200, Ok);
        await handler.Client(waits).SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Single(waits);
    }

    [Fact]
    public async Task Write_is_not_retried_after_503_and_the_outcome_is_unknown()
    {
        var handler = new FakeHandler().Reply(503, "busy").Reply(200, Ok);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(new ApiRequest(EndpointCatalog.SessionUpdate), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Single(handler.Sent);
        Assert.Contains("not sent again", ex.Message);
    }

    [Fact]
    public async Task Idempotent_write_is_retried_after_502()
    {
        var handler = new FakeHandler().Reply(502, "bad gateway").Reply(200, Ok);
        var request = new ApiRequest(EndpointCatalog.SingleUseCreate) { SafeToRepeat = true };
        await handler.Client().SendAsync(request, CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task Write_is_retried_after_429()
    {
        var waits = new List<TimeSpan>();
        var handler = new FakeHandler().Reply(429, "slow down", retryAfter: "3").Reply(200, Ok);
        await handler.Client(waits).SendAsync(new ApiRequest(EndpointCatalog.CampaignPushAll), CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), waits.Single());
    }

    [Fact]
    public async Task Rate_limit_that_never_ends_gives_rate_limited_after_the_cap()
    {
        var handler = new FakeHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Reply(429, "", retryAfter: "1");
        }

        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(maxRetries: 3).SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None));
        Assert.Equal(ApiFailure.RateLimited, ex.Failure);
        Assert.Equal(4, handler.Sent.Count);
        Assert.Equal(4, ex.Attempts);
    }

    [Fact]
    public async Task Lost_connection_on_a_read_is_retried()
    {
        var handler = new FakeHandler().Throw(new HttpRequestException("reset", new IOException("reset"))).Reply(200, Ok);
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignInfo), CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task Lost_connection_on_a_write_is_not_retried()
    {
        var handler = new FakeHandler().Throw(new HttpRequestException("reset", new IOException("reset"))).Reply(200, Ok);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignPushSingle), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task Refused_connection_is_retried_even_for_a_write()
    {
        var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
        var handler = new FakeHandler().Throw(refused).Reply(200, Ok);
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.SessionUpdate), CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task A_wait_is_cancelled_by_the_token()
    {
        var handler = new FakeHandler().Reply(429, "", retryAfter: "30").Reply(200, Ok);
        var client = handler.Client();
        client.Delay = (wait, token) => Task.Delay(wait, token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(new ApiRequest(EndpointCatalog.CampaignList), cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Single(handler.Sent);
    }
}
