using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// The request rate one connection allows itself, learned from 429s (the API documents no limit). Every attempt
    /// of every request of the connection passes <see cref="WaitTurnAsync"/>, so every cmdlet and runspace sharing
    /// the connection shares the limit.
    /// <para>
    /// Until the first 429 there is no limit and a turn costs one volatile read. On a 429 the rate drops to 0.9 of
    /// what actually succeeded in the last second (or of the current rate, if lower; a 429 after fewer than
    /// <see cref="MinEvidence"/> successes sets no rate), and new attempts are spaced
    /// to that rate; each success then adds <see cref="IncreasePerSecond"/> requests a second per second of calls,
    /// so the rate creeps back up until the next 429 (additive increase, multiplicative decrease). One 429 is
    /// counted once per decrease: attempts that started before the last decrease were sent at the old rate and
    /// say nothing new; nor does a 429 with Retry-After: 0. The 429-ed request itself waits its Retry-After
    /// (see <see cref="RetryPolicy"/>).
    /// </para>
    /// </summary>
    public sealed class RateLimiter
    {
        /// <summary>Requests a second gained per second of successful calls.</summary>
        public const double IncreasePerSecond = 0.5;

        /// <summary>The share of the measured rate kept after a 429.</summary>
        public const double DecreaseFactor = 0.9;

        /// <summary>The lowest rate a 429 can bring the connection to, in requests a second.</summary>
        public const double MinRate = 0.5;

        /// <summary>Successes in the last second needed before a first 429 sets a rate.</summary>
        public const double MinEvidence = 2;

        /// <summary>Above this rate the limit is dropped again.</summary>
        public const double MaxRate = 10000;

        private static readonly double TicksPerSecond = Stopwatch.Frequency;
        private readonly object gate = new object();
        private readonly Func<long> now;
        private readonly Func<TimeSpan, CancellationToken, Task> delay;
        private volatile bool limited;
        private double rate = double.PositiveInfinity;
        private long nextTurn;
        private long lastDecrease = long.MinValue;

        // Successes in the current and the previous whole second (by timestamp), for the measured rate.
        private long bucketStart;
        private int currentCount;
        private int previousCount;

        /// <param name="now">The clock in <see cref="Stopwatch"/> ticks; replaced in tests.</param>
        /// <param name="delay">Waits; replaced in tests.</param>
        public RateLimiter(Func<long>? now = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            this.now = now ?? Stopwatch.GetTimestamp;
            this.delay = delay ?? ((wait, token) => Task.Delay(wait, token));
            bucketStart = this.now();
        }

        /// <summary>The current limit in requests a second; infinity when none was learned.</summary>
        public double Rate
        {
            get { lock (gate) return rate; }
        }

        /// <summary>How many 429s lowered the rate.</summary>
        public int Decreases { get; private set; }

        /// <summary>Waits until this attempt may start; returns the timestamp it started at.</summary>
        public Task<long> WaitTurnAsync(CancellationToken cancellationToken)
        {
            var start = now();
            if (!limited)
            {
                return Task.FromResult(start);
            }

            long wait;
            lock (gate)
            {
                var turn = Math.Max(start, nextTurn);
                nextTurn = turn + (long)(TicksPerSecond / rate);
                wait = turn - start;
            }

            return wait <= 0 ? Task.FromResult(start) : WaitAsync(start + wait, wait, cancellationToken);
        }

        /// <summary>An attempt got a reply that is not a 429.</summary>
        public void OnSuccess()
        {
            var at = now();
            lock (gate)
            {
                Count(at);
                if (!limited)
                {
                    return;
                }

                rate += IncreasePerSecond / rate;
                if (rate > MaxRate)
                {
                    rate = double.PositiveInfinity;
                    limited = false;
                }
            }
        }

        /// <summary>An attempt that started at <paramref name="startedAt"/> was answered 429 with <paramref name="retryAfter"/>.</summary>
        public void OnRateLimited(long startedAt, TimeSpan? retryAfter)
        {
            var at = now();
            lock (gate)
            {
                // Retry-After: 0 says to go on at once: no sign of a rate to keep to.
                if (startedAt < lastDecrease || retryAfter == TimeSpan.Zero)
                {
                    return;
                }

                Count(at, add: 0);
                var elapsed = (at - bucketStart) / TicksPerSecond;
                var measured = currentCount + (previousCount * Math.Max(0, 1 - elapsed));
                if (!limited && measured < MinEvidence)
                {
                    // Too few calls to measure a rate from: the 429-ed request waits its Retry-After, nothing else changes.
                    return;
                }

                var basis = measured >= MinEvidence ? Math.Min(measured, rate) : rate;
                rate = Math.Max(MinRate, basis * DecreaseFactor);
                lastDecrease = at;
                nextTurn = Math.Max(nextTurn, at + (long)(TicksPerSecond / rate));
                Decreases++;
                limited = true;
            }
        }

        private void Count(long at, int add = 1)
        {
            var seconds = (at - bucketStart) / TicksPerSecond;
            if (seconds >= 2)
            {
                previousCount = 0;
                currentCount = 0;
                bucketStart = at;
            }
            else if (seconds >= 1)
            {
                previousCount = currentCount;
                currentCount = 0;
                bucketStart += (long)TicksPerSecond;
            }

            currentCount += add;
        }

        private async Task<long> WaitAsync(long turn, long wait, CancellationToken cancellationToken)
        {
            await delay(TimeSpan.FromSeconds(wait / TicksPerSecond), cancellationToken).ConfigureAwait(false);
            return turn;
        }
    }
}
