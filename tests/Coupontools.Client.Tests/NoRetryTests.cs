using System.Net.Sockets;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>ApiRequest.NoRetry (used by argument completion): one attempt, whatever the retry rules allow.</summary>
public class NoRetryTests
{
    [Theory]
    [InlineData(503, ApiFailure.HttpError)]
    [InlineData(429, ApiFailure.RateLimited)]
    public async Task A_read_that_would_be_retried_is_sent_once(int status, ApiFailure failure)
    {
        var handler = new FakeHandler().Reply(status, "busy", "text/plain", retryAfter: "1").Ok("\"coupon_info\":[]");
        var waits = new List<TimeSpan>();
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(waits).SendAsync(new ApiRequest(EndpointCatalog.CampaignList) { NoRetry = true }, CancellationToken.None));
        Assert.Equal(failure, ex.Failure);
        Assert.Single(handler.Sent);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_refused_connection_is_not_retried()
    {
        var handler = new FakeHandler()
            .Throw(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Ok("\"coupon_info\":[]");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(new ApiRequest(EndpointCatalog.LoyaltyList) { NoRetry = true }, CancellationToken.None));
        Assert.Equal(ApiFailure.Transport, ex.Failure);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task Without_it_the_same_read_is_retried()
    {
        var handler = new FakeHandler().Reply(503, "busy", "text/plain").Ok("\"coupon_info\":[]");
        await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None);
        Assert.Equal(2, handler.Sent.Count);
    }
}
