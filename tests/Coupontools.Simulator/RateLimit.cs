using System.Diagnostics;

namespace Coupontools.Simulator;

/// <summary>
/// The rate-limit mode (POST /_sim/ratelimit): a token bucket of <c>perSecond</c> tokens a second holding at most
/// <c>burst</c> (default one second's worth); an API request past it is answered 429 with Retry-After, the whole
/// seconds until the next token, and is not processed. Off (perSecond 0) by default.
/// </summary>
sealed class RateLimit
{
    readonly object gate = new();
    double perSecond, burst, tokens;
    long refilledAt = Stopwatch.GetTimestamp();

    public double PerSecond { get { lock (gate) return perSecond; } }

    public double Burst { get { lock (gate) return burst; } }

    public void Set(double perSecond, double? burst)
    {
        if (perSecond is < 0 or > 1_000_000 || double.IsNaN(perSecond)) throw new ArgumentException("perSecond must be 0..1000000");
        if (burst is < 1 or > 1_000_000) throw new ArgumentException("burst must be 1..1000000");
        lock (gate)
        {
            this.perSecond = perSecond;
            this.burst = burst ?? Math.Max(1, perSecond);
            tokens = this.burst;
            refilledAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Takes a token; null when the request may go on, else the Retry-After value (whole seconds).</summary>
    public string? Take()
    {
        lock (gate)
        {
            if (perSecond <= 0) return null;
            long now = Stopwatch.GetTimestamp();
            tokens = Math.Min(burst, tokens + (now - refilledAt) * perSecond / Stopwatch.Frequency);
            refilledAt = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                return null;
            }
            return Math.Max(1, (int)Math.Ceiling((1 - tokens) / perSecond)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
