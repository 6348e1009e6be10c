using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>Thread-safe counters: requests and applied writes per path, faults applied, total requests, requests answered 429 by the rate-limit mode.</summary>
sealed class Stats
{
    internal sealed class Counters
    {
        public readonly ConcurrentDictionary<string, StrongBox<long>> Requests = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, StrongBox<long>> Writes = new(StringComparer.Ordinal);
        public long Faults, Total, InFlight, PeakInFlight, RateLimited;
    }

    volatile Counters c = new();

    public void Request(string path)
    {
        var now = c;
        Interlocked.Increment(ref now.Requests.GetOrAdd(path, _ => new StrongBox<long>()).Value);
        Interlocked.Increment(ref now.Total);
    }

    /// <summary>Counts a request in flight until the returned scope ends, keeping the peak (how many requests a client keeps open at once).</summary>
    public InFlightScope Enter()
    {
        var now = c;
        var inFlight = Interlocked.Increment(ref now.InFlight);
        long peak;
        while (inFlight > (peak = Interlocked.Read(ref now.PeakInFlight)) && Interlocked.CompareExchange(ref now.PeakInFlight, inFlight, peak) != peak)
        {
        }

        return new InFlightScope(now);
    }

    public readonly struct InFlightScope : IDisposable
    {
        readonly Counters counters;

        internal InFlightScope(Counters counters) => this.counters = counters;

        public void Dispose() => Interlocked.Decrement(ref counters.InFlight);
    }

    public void Write(string path) => Interlocked.Increment(ref c.Writes.GetOrAdd(path, _ => new StrongBox<long>()).Value);

    public void Fault() => Interlocked.Increment(ref c.Faults);

    public void RateLimited() => Interlocked.Increment(ref c.RateLimited);

    public void Clear() => c = new Counters();

    public void WriteJson(Utf8JsonWriter w)
    {
        var now = c;
        w.WriteStartObject();
        WriteMap(w, "requests", now.Requests);
        WriteMap(w, "writes", now.Writes);
        w.WriteNumber("faultsApplied", Interlocked.Read(ref now.Faults));
        w.WriteNumber("total", Interlocked.Read(ref now.Total));
        w.WriteNumber("peakInFlight", Interlocked.Read(ref now.PeakInFlight));
        w.WriteNumber("rateLimited", Interlocked.Read(ref now.RateLimited));
        w.WriteEndObject();
    }

    static void WriteMap(Utf8JsonWriter w, string name, ConcurrentDictionary<string, StrongBox<long>> map)
    {
        w.WriteStartObject(name);
        foreach (var (path, box) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(path, Interlocked.Read(ref box.Value));
        w.WriteEndObject();
    }
}
