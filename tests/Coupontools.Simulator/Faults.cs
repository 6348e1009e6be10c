using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>One scripted fault (see the /_sim/faults contract).</summary>
sealed class Fault
{
    public int? Status { get; init; }
    public string? RetryAfter { get; init; }
    public int DelayMs { get; init; }
    /// <summary>"before": abort unread; "after": process fully, then abort.</summary>
    public string? Drop { get; init; }
    public bool After { get; init; }
    public bool Truncate { get; init; }
    public bool Html { get; init; }
    public bool Empty { get; init; }
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public int Times { get; init; } = 1;

    /// <summary>Whether the fault answers instead of the real reply.</summary>
    public bool Replaces => Status != null || After || Html || Empty || Body != null || RetryAfter != null;

    /// <summary>Whether the request is processed (state changes applied) despite the fault.</summary>
    public bool Processes => !Replaces || After || Drop == "after";

    public int EffectiveStatus => Status ?? (Html || After ? 502 : RetryAfter != null && Body == null && !Empty ? 429 : 200);

    public static Fault Parse(JsonElement e)
    {
        string? Str(string n) => e.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        bool Bool(string n) => e.TryGetProperty(n, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));
        int? Int(string n) => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        if (e.ValueKind != JsonValueKind.Object) throw new ArgumentException("a fault must be a JSON object");
        string? drop = Str("drop");
        if (drop is not (null or "before" or "after")) throw new ArgumentException("drop must be \"before\" or \"after\"");
        int? status = Int("status");
        if (status is < 100 or > 599) throw new ArgumentException("status must be an HTTP status");
        return new Fault
        {
            Status = status, RetryAfter = Str("retryAfter"), DelayMs = Math.Max(0, Int("delayMs") ?? 0), Drop = drop,
            After = Bool("after"), Truncate = Bool("truncate"), Html = Bool("html"), Empty = Bool("empty"),
            Body = Str("body"), ContentType = Str("contentType"), Times = Math.Max(1, Int("times") ?? 1),
        };
    }
}

/// <summary>Per-path FIFO queues of scripted faults and per-path random-rate faults ("*" = every API path).</summary>
sealed class Faults(int seed)
{
    sealed class Slot(Fault fault) { public Fault Fault = fault; public int Left = fault.Times; }

    readonly Dictionary<string, Queue<Slot>> queues = new(StringComparer.Ordinal);
    readonly Dictionary<string, (double Rate, Fault Fault)> rates = new(StringComparer.Ordinal);
    Random rng = new(seed);

    public void Add(string path, IEnumerable<Fault> faults)
    {
        lock (queues)
        {
            if (!queues.TryGetValue(path, out var q)) queues[path] = q = new();
            foreach (var f in faults) q.Enqueue(new Slot(f));
        }
    }

    public void SetRate(string path, double rate, Fault fault)
    {
        lock (queues)
        {
            if (rate <= 0) rates.Remove(path);
            else rates[path] = (Math.Min(rate, 1), fault);
        }
    }

    public void Clear()
    {
        lock (queues) { queues.Clear(); rates.Clear(); rng = new Random(seed); }
    }

    public int Pending() { lock (queues) return queues.Values.Sum(q => q.Sum(s => s.Left)); }

    /// <summary>The fault for this request, if any: the path's queue, then "*", then the path's rate, then "*".</summary>
    public Fault? Next(string path)
    {
        lock (queues)
            return Dequeue(path) ?? Dequeue("*") ?? Roll(path) ?? Roll("*");
    }

    Fault? Dequeue(string key)
    {
        if (!queues.TryGetValue(key, out var q) || q.Count == 0) return null;
        var slot = q.Peek();
        if (--slot.Left == 0) q.Dequeue();
        return slot.Fault;
    }

    Fault? Roll(string key) => rates.TryGetValue(key, out var r) && rng.NextDouble() < r.Rate ? r.Fault : null;
}
