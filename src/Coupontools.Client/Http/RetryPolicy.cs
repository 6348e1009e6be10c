using System;
using System.Globalization;

namespace Coupontools.Client.Http
{
    /// <summary>What happened to one attempt, as far as the retry decision needs to know.</summary>
    public enum AttemptOutcome
    {
        /// <summary>An HTTP reply arrived (see the status code).</summary>
        Reply,
        /// <summary>The connection could not be opened: nothing was sent, so any request may be repeated.</summary>
        ConnectFailed,
        /// <summary>The connection broke after the request may have been sent.</summary>
        ConnectionLost,
        /// <summary>No reply within the timeout.</summary>
        TimedOut,
        /// <summary>The client refused the reply or the connection (a redirect, a broken limit, a rejected certificate): never retried.</summary>
        Refused,
    }

    public readonly struct RetryDecision
    {
        public RetryDecision(bool retry, TimeSpan delay, string reason)
        {
            Retry = retry;
            Delay = delay;
            Reason = reason;
        }

        public bool Retry { get; }

        public TimeSpan Delay { get; }

        public string Reason { get; }

        public static RetryDecision Stop(string reason) => new RetryDecision(false, TimeSpan.Zero, reason);
    }

    /// <summary>
    /// The retry rules of docs/ARCHITECTURE.md ("Retry and idempotency"), as a pure function so every decision is unit-tested:
    /// 429 always (Retry-After honoured, clamped); 502/503/504, lost connections and timeouts only
    /// when the request is safe to repeat (a read, or a write made idempotent by the caller); a write
    /// is re-sent only when the server said it did not process it (429, or 503 with Retry-After);
    /// other statuses never. Attempts and the total wait are capped.
    /// </summary>
    public sealed class RetryPolicy
    {
        public RetryPolicy(int maxRetryCount, TimeSpan baseDelay, TimeSpan maxTotalWait, Func<double>? jitter = null)
        {
            MaxRetryCount = Math.Max(0, maxRetryCount);
            BaseDelay = baseDelay < TimeSpan.Zero ? TimeSpan.Zero : baseDelay;
            MaxTotalWait = maxTotalWait;
            this.jitter = jitter ?? DefaultJitter;
        }

        /// <summary>The longest single wait, whatever Retry-After says.</summary>
        public static readonly TimeSpan MaxSingleWait = TimeSpan.FromSeconds(60);

        [ThreadStatic] private static Random? random;
        private readonly Func<double> jitter;

        public int MaxRetryCount { get; }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaxTotalWait { get; }

        /// <param name="retriesSoFar">Retries already made for this request (0 after the first attempt).</param>
        /// <param name="waitedSoFar">Total time already spent waiting between attempts.</param>
        /// <param name="safeToRepeat">A read, or a write the caller made idempotent.</param>
        /// <param name="outcome">What happened to the attempt.</param>
        /// <param name="statusCode">The HTTP status when <paramref name="outcome"/> is a reply.</param>
        /// <param name="retryAfter">The Retry-After header value, if any.</param>
        /// <param name="now">The current time, for Retry-After dates.</param>
        public RetryDecision Decide(int retriesSoFar, TimeSpan waitedSoFar, bool safeToRepeat, AttemptOutcome outcome,
            int statusCode, string? retryAfter, DateTimeOffset now)
        {
            var serverDelay = ParseRetryAfter(retryAfter, now);
            string reason;
            switch (outcome)
            {
                case AttemptOutcome.ConnectFailed:
                    reason = "connection failed before sending";
                    break;
                case AttemptOutcome.ConnectionLost when safeToRepeat:
                    reason = "connection lost";
                    break;
                case AttemptOutcome.TimedOut when safeToRepeat:
                    reason = "timed out";
                    break;
                case AttemptOutcome.Reply when statusCode == 429:
                    reason = "rate limited (429)";
                    break;
                case AttemptOutcome.Reply when statusCode == 503 && serverDelay.HasValue:
                    reason = "service unavailable (503) with Retry-After";
                    break;
                case AttemptOutcome.Reply when safeToRepeat && (statusCode == 502 || statusCode == 503 || statusCode == 504):
                    reason = "server error (" + statusCode.ToString(CultureInfo.InvariantCulture) + ")";
                    break;
                default:
                    return RetryDecision.Stop("not retryable");
            }

            if (retriesSoFar >= MaxRetryCount)
            {
                return RetryDecision.Stop(reason + "; retry limit reached");
            }

            var delay = serverDelay ?? Backoff(retriesSoFar);
            if (delay > MaxSingleWait)
            {
                delay = MaxSingleWait;
            }

            if (waitedSoFar + delay > MaxTotalWait)
            {
                return RetryDecision.Stop(reason + "; waiting longer would exceed the retry time limit");
            }

            return new RetryDecision(true, delay, reason);
        }

        /// <summary>Retry-After as delta seconds or an HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var text = value!.Trim();
            // "NaN" parses as a double, and TimeSpan.FromSeconds(NaN) throws: such a header is unreadable.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds))
            {
                return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(seconds, MaxSingleWait.TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var wait = date - now;
                return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxSingleWait ? MaxSingleWait : wait;
            }

            return null;
        }

        private TimeSpan Backoff(int retriesSoFar)
        {
            var factor = Math.Pow(2, Math.Min(retriesSoFar, 10)) * (0.8 + 0.4 * jitter());
            return TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * factor);
        }

        private static double DefaultJitter() => (random ??= new Random()).NextDouble();
    }
}
