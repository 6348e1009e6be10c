using System.Collections.Concurrent;

namespace Coupontools.Simulator;

/// <summary>
/// A campaign and its sessions. Generated sessions are numbered Base..Base+GenCount-1 and computed on demand;
/// only changed ones are kept (Overrides). Sessions created through the API are kept in full by the store and listed here.
/// </summary>
sealed class Campaign
{
    readonly ConcurrentDictionary<int, SessionState> overrides = new();
    readonly List<long> created = new();
    long[] createdSnapshot = [];
    int[] removedGenerated = [];
    int overrideCount;

    public required long Number { get; init; }
    public required ulong Seed { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Title { get; init; }
    public required bool Active { get; init; }
    public required Folder Folder { get; init; }
    public required string[] Tags { get; init; }
    public required long Category { get; init; }
    /// <summary>Owning subaccount number, 0 for the main account.</summary>
    public long Owner { get; init; }
    public required long Base { get; init; }
    public required int GenCount { get; init; }
    public required long Start { get; init; }
    public required long Step { get; init; }
    /// <summary>The campaign's IANA time zone (coupon/info <c>timezone</c>); single-use <c>expiry_date</c> is read in it.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Campaign expiry, unix seconds UTC (0: none).</summary>
    public long Expiry { get; init; }
    /// <summary>Status other than active/inactive (example, archived, test); null to follow Active.</summary>
    public string? StatusText { get; init; }
    /// <summary>vendor-examples only: the printed coupon_info item of coupon/list and the printed coupon_info of coupon/info,
    /// written as printed (the two examples show the same id with different contents).</summary>
    public System.Text.Json.JsonElement? PrintedListItem { get; init; }
    public System.Text.Json.JsonElement? PrintedInfo { get; init; }
    /// <summary>vendor-examples only: the campaign id the printed search result shows beside coupon{ID} (cam_12345 for cam_1010951).</summary>
    public string? PrintedSearchCampaign { get; init; }

    public string Id => "cam_" + Number;
    public string Url => "https://digicpn.com/p/" + Code;
    public string Status => StatusText ?? (Active ? "active" : "inactive");
    public object Gate { get; } = new();

    public bool HasOverrides => Volatile.Read(ref overrideCount) > 0;
    public int[] RemovedGenerated => Volatile.Read(ref removedGenerated);
    public long[] Created => Volatile.Read(ref createdSnapshot);

    /// <summary>Generated session idx as it is now (override or freshly computed).</summary>
    public SessionState Generated(int idx) => overrides.TryGetValue(idx, out var s) ? s : SessionGen.Generate(this, idx);

    public bool TryOverride(int idx, out SessionState s) => overrides.TryGetValue(idx, out s!);

    /// <summary>Stores a changed generated session; caller holds Gate.</summary>
    public void SetOverride(int idx, SessionState s)
    {
        if (overrides.TryAdd(idx, s)) Interlocked.Increment(ref overrideCount);
        else overrides[idx] = s;
        if (s.Removed && Array.BinarySearch(removedGenerated, idx) < 0)
        {
            var list = removedGenerated.ToList();
            list.Add(idx);
            list.Sort();
            Volatile.Write(ref removedGenerated, list.ToArray());
        }
    }

    /// <summary>Appends created session numbers; caller holds Gate.</summary>
    public void AddCreated(IEnumerable<long> numbers)
    {
        created.AddRange(numbers);
        Volatile.Write(ref createdSnapshot, created.ToArray());
    }

    /// <summary>Count of visible sessions: generated minus removed, plus created ones not removed.</summary>
    public long VisibleCount(Store store) =>
        GenCount - RemovedGenerated.Length + Created.Count(n => store.Created(n) is { Removed: false });
}

sealed record Folder(long Id, string Name);
