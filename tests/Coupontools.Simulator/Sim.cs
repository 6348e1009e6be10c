namespace Coupontools.Simulator;

/// <summary>Everything one running simulator shares: options, the current data set, stats, faults, webhooks, latency.</summary>
sealed class Sim(SimOptions options, ILogger logger)
{
    volatile Store store = new(options);
    int latencyMs = options.LatencyMs;

    public SimOptions Options { get; } = options;
    public ILogger Logger { get; } = logger;
    public Store Store => store;
    public Stats Stats { get; } = new();
    public Faults Faults { get; } = new(options.Seed);
    public Webhooks Webhooks { get; } = new(options.ClientSecret);

    public int LatencyMs
    {
        get => Volatile.Read(ref latencyMs);
        set => Volatile.Write(ref latencyMs, Math.Max(0, value));
    }

    /// <summary>Back to the seed state: data, faults, stats, webhooks, deliveries, latency; or only the stats.</summary>
    public void Reset(bool statsOnly)
    {
        Stats.Clear();
        if (statsOnly) return;
        Faults.Clear();
        Webhooks.Clear();
        LatencyMs = Options.LatencyMs;
        store = new Store(Options);
    }
}
