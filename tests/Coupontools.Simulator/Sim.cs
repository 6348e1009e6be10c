namespace Coupontools.Simulator;

/// <summary>Everything one running simulator shares: options, the current data set, stats, faults, webhooks, latency, rate limit.</summary>
sealed class Sim(SimOptions options, ILogger logger)
{
    volatile Store store = new(options);
    int latencyMs = options.LatencyMs;
    int jitterMs;

    public SimOptions Options { get; } = options;
    public ILogger Logger { get; } = logger;
    public Store Store => store;
    public Stats Stats { get; } = new();
    public Faults Faults { get; } = new(options.Seed);
    public Webhooks Webhooks { get; } = new(options.ClientSecret);
    public RateLimit RateLimit { get; } = new();

    public int LatencyMs
    {
        get => Volatile.Read(ref latencyMs);
        set => Volatile.Write(ref latencyMs, Math.Max(0, value));
    }

    /// <summary>Each request's latency is LatencyMs plus or minus up to this, uniformly (never below 0).</summary>
    public int JitterMs
    {
        get => Volatile.Read(ref jitterMs);
        set => Volatile.Write(ref jitterMs, Math.Max(0, value));
    }

    /// <summary>The delay of one request: the latency with its jitter.</summary>
    public int NextLatencyMs()
    {
        int latency = LatencyMs, jitter = JitterMs;
        return jitter == 0 ? latency : Math.Max(0, latency + Random.Shared.Next(-jitter, jitter + 1));
    }

    /// <summary>Back to the seed state: data, faults, stats, webhooks, deliveries, latency, rate limit; or only the stats.</summary>
    public void Reset(bool statsOnly)
    {
        Stats.Clear();
        if (statsOnly) return;
        Faults.Clear();
        Webhooks.Clear();
        LatencyMs = Options.LatencyMs;
        JitterMs = 0;
        RateLimit.Set(0, null);
        store = new Store(Options);
    }
}
