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
}
