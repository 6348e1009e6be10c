using Coupontools.Client.Json;
using Coupontools.Client.Paging;
using Xunit;

namespace Coupontools.Client.Tests;

public class PagerTests
{
    /// <summary>A fake API of <paramref name="total"/> numbered items, paged by <paramref name="size"/>, counting requests.</summary>
    private sealed class FakePages(int total, int size, bool tellPageCount = true)
    {
        public List<int> Requested { get; } = new();

        public Page<int> Fetch(int page)
        {
            Requested.Add(page);
            var items = Enumerable.Range((page - 1) * size, Math.Max(0, Math.Min(size, total - (page - 1) * size))).ToList();
            var pages = (total + size - 1) / size;
            return new Page<int>(items, total, page, tellPageCount ? pages : null);
        }
    }

    [Fact]
    public void Reads_every_page_in_order()
    {
        var api = new FakePages(12, 5);
        Assert.Equal(Enumerable.Range(0, 12), Pager.Enumerate(api.Fetch, 5));
        Assert.Equal(new[] { 1, 2, 3 }, api.Requested);
    }

    [Fact]
    public void Stops_requesting_when_the_consumer_stops()
    {
        var api = new FakePages(1_000_000, 5000);
        Assert.Equal(10, Pager.Enumerate(api.Fetch, 5000).Take(10).Count());
        Assert.Equal(new[] { 1 }, api.Requested);
    }

    [Fact]
    public void First_limits_the_items_and_the_requests()
    {
        var api = new FakePages(100, 10);
        Assert.Equal(Enumerable.Range(0, 15), Pager.Enumerate(api.Fetch, 10, first: 15));
        Assert.Equal(new[] { 1, 2 }, api.Requested);
    }

    [Fact]
    public void Skip_starts_at_the_right_page_and_offset()
    {
        var api = new FakePages(100, 10);
        Assert.Equal(Enumerable.Range(23, 5), Pager.Enumerate(api.Fetch, 10, skip: 23, first: 5));
        Assert.Equal(new[] { 3 }, api.Requested);
    }

    [Fact]
    public void Exact_multiple_of_page_size_stops_without_an_empty_extra_request_when_the_count_is_known()
    {
        var api = new FakePages(20, 10);
        Assert.Equal(20, Pager.Enumerate(api.Fetch, 10).Count());
        Assert.Equal(new[] { 1, 2 }, api.Requested);
    }

    [Fact]
    public void Without_counts_a_short_page_ends_the_list()
    {
        var api = new FakePages(25, 10, tellPageCount: false);
        Assert.Equal(25, Pager.Enumerate(p => { var page = api.Fetch(p); return new Page<int>(page.Items, null, p, null); }, 10).Count());
        Assert.Equal(new[] { 1, 2, 3 }, api.Requested);
    }

    [Fact]
    public void Empty_list_makes_one_request()
    {
        var api = new FakePages(0, 10);
        Assert.Empty(Pager.Enumerate(api.Fetch, 10));
        Assert.Equal(new[] { 1 }, api.Requested);
    }

    [Fact]
    public void Skip_past_the_end_returns_nothing()
    {
        var api = new FakePages(10, 10);
        Assert.Empty(Pager.Enumerate(api.Fetch, 10, skip: 50));
    }

    [Fact]
    public void Progress_is_reported_per_page()
    {
        var api = new FakePages(25, 10);
        var seen = new List<PageProgress>();
        Assert.Equal(25, Pager.Enumerate(api.Fetch, 10, onPage: seen.Add).Count());
        Assert.Equal(new[] { 1, 2, 3 }, seen.Select(p => p.PageNumber));
        Assert.All(seen, p => Assert.Equal(3, p.PageCount));
        Assert.Equal(new long[] { 0, 10, 20 }, seen.Select(p => p.Written));
    }

    /// <summary>Pages answered only when the consumer waits for them; counts what was asked, outstanding and cancelled.</summary>
    private sealed class HeldPages(int total, int size, bool tellCount = true)
    {
        private readonly object gate = new();
        private readonly Dictionary<Task<Page<int>>, (int Page, TaskCompletionSource<Page<int>> Source)> open = new();
        public List<int> Started { get; } = new();
        public List<int> Cancelled { get; } = new();
        public int MaxOutstanding { get; private set; }

        public Task<Page<int>> Fetch(int page, CancellationToken token)
        {
            var source = new TaskCompletionSource<Page<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                Started.Add(page);
                open.Add(source.Task, (page, source));
                MaxOutstanding = Math.Max(MaxOutstanding, open.Count);
            }

            token.Register(() =>
            {
                lock (gate)
                {
                    if (open.Remove(source.Task) && source.TrySetCanceled()) Cancelled.Add(page);
                }
            });
            return source.Task;
        }

        /// <summary>Waits as a consumer would; the page is answered at that moment.</summary>
        public Page<int> Wait(Task<Page<int>> task)
        {
            lock (gate)
            {
                if (open.Remove(task, out var entry))
                {
                    var items = Enumerable.Range((entry.Page - 1) * size, Math.Max(0, Math.Min(size, total - (entry.Page - 1) * size))).ToList();
                    entry.Source.TrySetResult(new Page<int>(items, tellCount ? total : null, entry.Page, tellCount ? (total + size - 1) / size : null));
                }
            }

            return task.GetAwaiter().GetResult();
        }

        public IEnumerable<int> Read(ulong first = ulong.MaxValue, int maxAhead = 8, CancellationToken token = default) =>
            Pager.Enumerate(Fetch, Wait, size, 0, first, null, maxAhead, token);
    }

    [Fact]
    public void A_consumer_that_stops_within_the_first_page_costs_one_request()
    {
        var api = new HeldPages(1000, 10);
        Assert.Equal(Enumerable.Range(0, 10), api.Read().Take(10));
        Assert.Equal(new[] { 1 }, api.Started);
    }

    [Fact]
    public void Read_ahead_keeps_pages_in_flight_and_hands_them_out_in_order()
    {
        var api = new HeldPages(1000, 10);
        using var items = api.Read(maxAhead: 8).GetEnumerator();
        for (var i = 0; i < 11; i++) Assert.True(items.MoveNext());
        Assert.Equal(new[] { 1, 2 }, api.Started);
        for (var i = 0; i < 10; i++) Assert.True(items.MoveNext());
        Assert.Equal(20, items.Current);
        Assert.Equal(new[] { 1, 2, 3, 4 }, api.Started);

        var all = new List<int> { items.Current };
        while (items.MoveNext()) all.Add(items.Current);
        Assert.Equal(Enumerable.Range(20, 980), all);
        Assert.Equal(Enumerable.Range(1, 100), api.Started);
        Assert.InRange(api.MaxOutstanding, 2, 8);
    }

    [Fact]
    public void Read_ahead_is_bounded_by_max_ahead_however_long_the_list()
    {
        var api = new HeldPages(100_000, 10, tellCount: false);
        Assert.Equal(100_000, api.Read(maxAhead: 4).Count());
        Assert.InRange(api.MaxOutstanding, 1, 4);
        // Without a count, pages past the end may be asked for (at most the depth), never read.
        Assert.InRange(api.Started.Count, 10_001, 10_000 + 4);
    }

    [Fact]
    public void Read_ahead_stops_at_the_known_end_and_at_first()
    {
        var api = new HeldPages(95, 10);
        Assert.Equal(95, api.Read(maxAhead: 64).Count());
        Assert.Equal(Enumerable.Range(1, 10), api.Started);

        var limited = new HeldPages(1000, 10);
        Assert.Equal(25, limited.Read(first: 25, maxAhead: 64).Count());
        Assert.Equal(new[] { 1, 2, 3 }, limited.Started);
    }

    [Fact]
    public void A_failed_page_surfaces_after_every_item_before_it_and_cancels_the_pages_ahead()
    {
        var api = new HeldPages(1000, 10);
        var seen = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in Pager.Enumerate<int>(
                (page, token) => page == 4 ? Task.FromException<Page<int>>(new InvalidOperationException("page 4 failed")) : api.Fetch(page, token),
                api.Wait, 10, 0, ulong.MaxValue, null, 8, CancellationToken.None))
            {
                seen.Add(item);
            }
        });
        Assert.Equal("page 4 failed", error.Message);
        Assert.Equal(Enumerable.Range(0, 30), seen);
        Assert.NotEmpty(api.Cancelled);
        Assert.All(api.Cancelled, page => Assert.True(page > 4));
    }

    [Fact]
    public void Stopping_early_cancels_the_pages_in_flight()
    {
        var api = new HeldPages(1000, 10);
        Assert.Equal(25, api.Read(maxAhead: 8).Take(25).Count());
        Assert.Equal(new[] { 1, 2, 3, 4 }, api.Started);
        Assert.Equal(new[] { 4 }, api.Cancelled);
    }

    [Fact]
    public void Cancelling_the_token_stops_the_read()
    {
        var api = new HeldPages(1000, 10);
        using var stop = new CancellationTokenSource();
        using var items = api.Read(maxAhead: 8, token: stop.Token).GetEnumerator();
        for (var i = 0; i < 21; i++) Assert.True(items.MoveNext());
        stop.Cancel();
        Assert.Equal(new[] { 4 }, api.Cancelled);
        var rest = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => { while (items.MoveNext()) rest++; });
        Assert.Equal(9, rest);
    }
}
