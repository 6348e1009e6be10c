using System.Diagnostics;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

public class RateLimiterTests
{
    /// <summary>A clock the test moves; waits move it too, as if the time had passed.</summary>
    private sealed class FakeTime
    {
        public long Ticks { get; set; } = 1_000 * Stopwatch.Frequency;
        public List<TimeSpan> Waits { get; } = new();

        public RateLimiter Limiter() => new(() => Ticks, (wait, _) =>
        {
            Waits.Add(wait);
            Ticks += (long)(wait.TotalSeconds * Stopwatch.Frequency);
            return Task.CompletedTask;
        });

        public void Advance(double seconds) => Ticks += (long)(seconds * Stopwatch.Frequency);
    }

    /// <summary>Succeeds <paramref name="count"/> calls spread evenly over <paramref name="seconds"/>.</summary>
    private static void Succeed(FakeTime time, RateLimiter limiter, int count, double seconds)
    {
        for (var i = 0; i < count; i++)
        {
            time.Advance(seconds / count);
            limiter.OnSuccess();
        }
    }

    [Fact]
    public void Without_a_429_there_is_no_limit_and_no_wait()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(limiter.WaitTurnAsync(default).IsCompleted);
            limiter.OnSuccess();
        }

        Assert.Empty(time.Waits);
        Assert.True(double.IsPositiveInfinity(limiter.Rate));
    }

    [Fact]
    public async Task A_429_sets_the_rate_below_what_succeeded_in_the_last_second_and_spaces_the_attempts()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        Succeed(time, limiter, 40, 2.0);   // 20 a second
        limiter.OnRateLimited(time.Ticks, null);
        Assert.InRange(limiter.Rate, 17.0, 19.0);
        Assert.Equal(1, limiter.Decreases);

        var started = new List<long>();
        for (var i = 0; i < 10; i++) started.Add(await limiter.WaitTurnAsync(default));
        var gaps = started.Zip(started.Skip(1), (a, b) => (b - a) / (double)Stopwatch.Frequency).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, 0.9 / limiter.Rate, 1.1 / limiter.Rate));
    }

    [Fact]
    public void A_429_of_an_attempt_sent_before_the_last_decrease_does_not_lower_the_rate_again()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        Succeed(time, limiter, 40, 2.0);
        var sentEarlier = time.Ticks - 1;
        limiter.OnRateLimited(time.Ticks, null);
        var rate = limiter.Rate;
        for (var i = 0; i < 15; i++) limiter.OnRateLimited(sentEarlier, null);
        Assert.Equal(rate, limiter.Rate);
        Assert.Equal(1, limiter.Decreases);

        time.Advance(0.5);
        limiter.OnRateLimited(time.Ticks, null);
        Assert.True(limiter.Rate < rate);
        Assert.Equal(2, limiter.Decreases);
    }

    [Fact]
    public void The_rate_grows_back_slowly_while_calls_succeed()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        Succeed(time, limiter, 20, 1.0);
        limiter.OnRateLimited(time.Ticks, null);
        var low = limiter.Rate;
        Succeed(time, limiter, (int)low, 1.0);   // one second of calls at that rate
        Assert.InRange(limiter.Rate - low, RateLimiter.IncreasePerSecond * 0.9, RateLimiter.IncreasePerSecond * 1.1);
    }

    [Fact]
    public void A_lone_429_with_too_few_calls_to_measure_sets_no_rate()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        limiter.OnSuccess();
        limiter.OnRateLimited(time.Ticks, null);
        Assert.True(double.IsPositiveInfinity(limiter.Rate));
        Assert.True(limiter.WaitTurnAsync(default).IsCompleted);
    }

    [Fact]
    public void A_429_whose_retry_after_is_zero_does_not_ask_to_slow_down()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        Succeed(time, limiter, 40, 1.0);
        limiter.OnRateLimited(time.Ticks, TimeSpan.Zero);
        Assert.True(double.IsPositiveInfinity(limiter.Rate));
        limiter.OnRateLimited(time.Ticks, TimeSpan.FromSeconds(1));
        Assert.False(double.IsPositiveInfinity(limiter.Rate));
    }

    [Fact]
    public void Repeated_429s_never_take_the_rate_below_the_minimum()
    {
        var time = new FakeTime();
        var limiter = time.Limiter();
        Succeed(time, limiter, 10, 1.0);
        for (var i = 0; i < 100; i++)
        {
            time.Advance(0.01);
            limiter.OnRateLimited(time.Ticks, null);
        }

        Assert.Equal(RateLimiter.MinRate, limiter.Rate);
    }

    [Fact]
    public async Task A_cancelled_wait_for_a_turn_throws()
    {
        var limiter = new RateLimiter();
        for (var i = 0; i < 10; i++) limiter.OnSuccess();
        limiter.OnRateLimited(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) _ = limiter.WaitTurnAsync(default);
        using var stop = new CancellationTokenSource();
        var turn = limiter.WaitTurnAsync(stop.Token);
        Assert.False(turn.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn);
    }

    [Fact]
    public async Task The_client_learns_the_rate_from_429s_and_every_request_of_the_connection_shares_it()
    {
        var handler = new FakeHandler();
        for (var i = 0; i < 5; i++) handler.Ok();
        handler.Reply(429, "{}", retryAfter: "1");
        handler.Ok();
        var waits = new List<TimeSpan>();
        var client = handler.Client(waits);
        for (var i = 0; i < 6; i++) await client.SendAsync(new ApiRequest(Endpoints.EndpointCatalog.CampaignList), default);
        Assert.Equal(1, client.RateLimiter.Decreases);
        Assert.False(double.IsPositiveInfinity(client.RateLimiter.Rate));
        Assert.Contains(TimeSpan.FromSeconds(1), waits);
    }
}
