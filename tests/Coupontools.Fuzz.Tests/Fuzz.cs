using CsCheck;
using Xunit.Abstractions;

namespace Coupontools.Fuzz.Tests;

/// <summary>
/// Runs a property a fixed number of times and reports the count. COUPONTOOLS_FUZZ_SCALE multiplies
/// every count (default 1: the whole fuzz suite stays within seconds); CsCheck_Seed replays a failure.
/// </summary>
internal static class Fuzz
{
    private static long total;

    public static long Total => Interlocked.Read(ref total);

    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("COUPONTOOLS_FUZZ_SCALE"), out var s) && s > 0 ? s : 1;

    public static void Run<T>(Gen<T> gen, Action<T> property, int iterations, ITestOutputHelper output, string name, Func<T, string>? print = null)
    {
        var count = (long)iterations * Scale;
        gen.Sample(property, iter: count, print: print);
        Record(count, output, name);
    }

    public static async Task RunAsync<T>(Gen<T> gen, Func<T, Task> property, int iterations, ITestOutputHelper output, string name, Func<T, string>? print = null)
    {
        var count = (long)iterations * Scale;
        await gen.SampleAsync(property, iter: count, print: print);
        Record(count, output, name);
    }

    public static void Record(long count, ITestOutputHelper output, string name)
    {
        Interlocked.Add(ref total, count);
        output.WriteLine($"fuzz: {name}: {count} iterations");
    }
}
