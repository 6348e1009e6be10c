using System.Globalization;

namespace Coupontools.Simulator;

enum SessionList { Data, Opens, Claims, Validations }

/// <summary>
/// Pages of a campaign's sessions computed by index: /v3/campaign/data filters on the created date (monotonic in
/// the index, so a binary search finds the range and a page costs O(page)); opens/claims/validations filter on their
/// own date, which needs one cheap pass over the dates (no strings, no allocations).
/// </summary>
static class SessionQuery
{
    /// <summary>2025: pages of 100 sessions (older docs: 5000).</summary>
    public const int PageSize = 100;

    public sealed record Result(long Total, List<long> Page);

    public static Result Run(Store store, Campaign c, SessionList kind, long from, long to, int page)
    {
        long skip = (long)(page - 1) * PageSize;
        var picked = new List<long>();
        long total = kind == SessionList.Data ? Data(c, from, to, skip, picked) : Scan(c, kind, from, to, skip, picked);
        foreach (long n in c.Created)
        {
            var s = store.Created(n);
            if (s == null || s.Removed || !InRange(Key(kind, SessionGen.DatesOf(s)), from, to)) continue;
            if (total >= skip && picked.Count < PageSize) picked.Add(n);
            total++;
        }
        return new Result(total, picked);
    }

    static long Data(Campaign c, long from, long to, long skip, List<long> picked)
    {
        int lo = from == long.MinValue ? 0 : FirstCreatedAfter(c, from - 1), hi = FirstCreatedAfter(c, to);
        var removed = c.RemovedGenerated;
        int k = LowerBound(removed, lo), kEnd = LowerBound(removed, hi);
        long visible = hi - lo - (kEnd - k);
        if (skip >= visible) return visible;
        long i = lo + skip;
        while (k < removed.Length && removed[k] <= i) { i++; k++; }
        for (; i < hi && picked.Count < PageSize; i++)
        {
            if (k < removed.Length && removed[k] == i) { k++; continue; }
            picked.Add(c.Base + i);
        }
        return visible;
    }

    static long Scan(Campaign c, SessionList kind, long from, long to, long skip, List<long> picked)
    {
        long total = 0;
        bool overrides = c.HasOverrides;
        for (int i = 0; i < c.GenCount; i++)
        {
            SessionGen.Dates d;
            if (overrides && c.TryOverride(i, out var s))
            {
                if (s.Removed) continue;
                d = SessionGen.DatesOf(s);
            }
            else d = SessionGen.DatesOf(c, i);
            if (!InRange(Key(kind, d), from, to)) continue;
            if (total >= skip && picked.Count < PageSize) picked.Add(c.Base + i);
            total++;
        }
        return total;
    }

    static bool InRange(long date, long from, long to) => date != 0 && date >= from && date <= to;

    static long Key(SessionList kind, SessionGen.Dates d) => kind switch
    {
        SessionList.Opens => d.Opened,
        SessionList.Claims => d.Claimed,
        SessionList.Validations => d.Validated,
        _ => d.Created,
    };

    /// <summary>First generated index whose created date is after t (created dates grow with the index).</summary>
    static int FirstCreatedAfter(Campaign c, long t)
    {
        int lo = 0, hi = c.GenCount;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (SessionGen.DatesOf(c, mid).Created > t) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    static int LowerBound(int[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static readonly string[] MinuteFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH-mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd H-mm"];

    /// <summary>start_date/end_date: yyyy-MM-dd HH:mm, yyyy-MM-dd hh-mm, yyyy-MM-dd (also with :ss); inclusive, UTC.</summary>
    public static (long From, long To) Range(ApiRequest r) => (Bound(r, "start_date", false), Bound(r, "end_date", true));

    static long Bound(ApiRequest r, string name, bool end)
    {
        string? v = r.Opt(name)?.Trim();
        if (v == null) return end ? long.MaxValue : long.MinValue;
        const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTime.TryParseExact(v, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, utc, out var t)) return Unix(t);
        if (DateTime.TryParseExact(v, MinuteFormats, CultureInfo.InvariantCulture, utc, out t)) return Unix(t) + (end ? 59 : 0);
        if (DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, utc, out t)) return Unix(t) + (end ? 86_399 : 0);
        throw ApiError.Format(name, "yyyy-MM-dd HH:mm");
    }

    static long Unix(DateTime t) => new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds();
}
