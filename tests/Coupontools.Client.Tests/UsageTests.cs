using System.Text;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Coupontools.Client.Json;
using Coupontools.Client.Paging;
using Coupontools.Client.Sessions;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>Campaign usage: UTC date filters in any zone, the lazy paging of usage pages, and the streaming page parser.</summary>
public class UsageTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.CreateCustomTimeZone("Test/Brussels", TimeSpan.FromHours(1), "Brussels", "CET", "CEST",
        new[]
        {
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        });

    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.CreateCustomTimeZone("Test/Kolkata", new TimeSpan(5, 30, 0), "Kolkata", "IST");
    private static readonly TimeZoneInfo Honolulu = TimeZoneInfo.CreateCustomTimeZone("Test/Honolulu", TimeSpan.FromHours(-10), "Honolulu", "HST");

    public static TheoryData<string, string, string> Zones => new()
    {
        { "utc", "2024-05-01 10:00", "2024-05-01 10:00" },
        { "brussels-summer", "2024-07-01 10:00", "2024-07-01 08:00" },
        { "brussels-winter", "2024-01-15 00:30", "2024-01-14 23:30" },
        { "kolkata", "2024-05-01 00:10", "2024-04-30 18:40" },
        { "honolulu", "2024-12-31 20:00", "2025-01-01 06:00" },
    };

    private static TimeZoneInfo Zone(string name) => name switch
    {
        "brussels-summer" or "brussels-winter" => Brussels,
        "kolkata" => Kolkata,
        "honolulu" => Honolulu,
        _ => TimeZoneInfo.Utc,
    };

    private static DateTime Wall(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_date_without_a_zone_is_local_time_and_is_sent_in_utc(string zone, string wallClock, string sent)
    {
        Assert.Equal(sent, UsageQuery.FormatDate(Wall(wallClock), Zone(zone)));
        Assert.Equal(sent, UsageQuery.FormatDate(DateTime.SpecifyKind(Wall(wallClock), DateTimeKind.Local), Zone(zone)));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_utc_date_is_sent_as_it_is_whatever_the_local_zone(string zone, string wallClock, string _)
    {
        var utc = DateTime.SpecifyKind(Wall(wallClock), DateTimeKind.Utc);
        Assert.Equal(wallClock, UsageQuery.FormatDate(utc, Zone(zone)));
    }

    [Fact]
    public void Seconds_are_dropped_and_the_format_is_culture_independent()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            var utc = new DateTime(2024, 5, 1, 10, 15, 59, DateTimeKind.Utc);
            Assert.Equal("2024-05-01 10:15", UsageQuery.FormatDate(utc));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_does_not_throw()
    {
        // 02:30 on the last Sunday of March does not exist in Brussels; it is read with the standard offset.
        Assert.Equal("2024-03-31 01:30", UsageQuery.FormatDate(Wall("2024-03-31 02:30"), Brussels));
    }

    [Fact]
    public void Extreme_dates_do_not_overflow()
    {
        Assert.Equal("0001-01-01 00:00", UsageQuery.FormatDate(DateTime.MinValue, Kolkata));
        Assert.Equal("9999-12-31 23:59", UsageQuery.FormatDate(DateTime.MaxValue, Honolulu));
    }

    [Fact]
    public void End_before_start_is_refused_comparing_instants_not_wall_clocks()
    {
        var start = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Contains("before -Start", UsageQuery.CheckRange(start, start.AddMinutes(-1)));
        Assert.Null(UsageQuery.CheckRange(start, start));
        Assert.Null(UsageQuery.CheckRange(start, null));
        Assert.Null(UsageQuery.CheckRange(null, start));
        // 13:00 in Brussels (summer) is 11:00 UTC: before a 12:00 UTC start.
        Assert.NotNull(UsageQuery.CheckRange(start, Wall("2024-05-01 13:00"), Brussels));
    }

    [Theory]
    [InlineData(CampaignUsageType.All, "/v3/campaign/data")]
    [InlineData(CampaignUsageType.Opened, "/v3/campaign/opens")]
    [InlineData(CampaignUsageType.Claimed, "/v3/campaign/claims")]
    [InlineData(CampaignUsageType.Validated, "/v3/campaign/validations")]
    public void Each_type_reads_its_endpoint(CampaignUsageType type, string path)
    {
        Assert.Equal(path, UsageQuery.EndpointFor(type).Path);
        Assert.True(UsageQuery.EndpointFor(type).IsRead);
    }

    [Fact]
    public void The_body_leaves_out_dates_not_given()
    {
        var body = UsageQuery.Body("cam_1", null, new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), 3);
        Assert.Equal("cam_1", body["campaign"]);
        Assert.Equal(3, body["page"]);
        Assert.Null(body["start_date"]);
        Assert.Equal("2024-05-01 10:00", body["end_date"]);
    }

    // ---- paging usage pages through the client ----

    /// <summary>A usage page of <paramref name="count"/> items numbered from <paramref name="first"/>.</summary>
    private static string UsagePage(int page, int pages, long total, int first, int count)
    {
        var text = new StringBuilder("{\"status\":{\"status\":\"OK\"},");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"amount_of_results\":\"{total}\",\"page\":\"{page}\",\"amount_of_pages\":\"{pages}\",\"data\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Item(first + i));
        }

        return text.Append("]}").ToString();
    }

    private static string Item(int n) =>
        $"{{\"sequenceid\":\"{19_000_000 + n}\",\"session\":\"s{n:D20}\",\"customid\":\"CRM-{n}\",\"status\":{{\"created_date_utc\":\"2024-03-01 08:00:00\"," +
        "\"open_date_utc\":\"\",\"played_date_utc\":\"\",\"claim_date_utc\":\"2024-03-02 09:30:00\",\"validation_date_utc\":\"\",\"voided_date_utc\":\"\"," +
        "\"locked\":\"0\",\"claimtype\":\"mobile\",\"validation_value\":\"\",\"value\":\"12.50\",\"own_validation_code\":\"OV1\",\"extra_flag\":\"1\"}}";

    private static IEnumerable<CouponSession> Enumerate(FakeHandler handler, int pageSize, ulong skip = 0, ulong first = ulong.MaxValue)
    {
        var client = handler.Client();
        return Pager.Enumerate(
            page => client.SendPageAsync(new ApiRequest(EndpointCatalog.CampaignData, UsageQuery.Body("cam_1", null, null, page)), UsageQuery.ItemsField,
                item => CouponSession.FromDataItem(item, "cam_1"), CancellationToken.None).GetAwaiter().GetResult(),
            pageSize, skip, first);
    }

    private static int PageAsked(FakeHandler handler, int index) => (int)JObject.Parse(handler.Sent[index].Body)["page"]!;

    [Fact]
    public void Usage_pages_are_requested_one_at_a_time_as_items_are_taken()
    {
        var handler = new FakeHandler()
            .Reply(200, UsagePage(1, 3, 7, 0, 3))
            .Reply(200, UsagePage(2, 3, 7, 3, 3))
            .Reply(200, UsagePage(3, 3, 7, 6, 1));
        using var items = Enumerate(handler, 3).GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.Single(handler.Sent);
        for (var i = 0; i < 3; i++) Assert.True(items.MoveNext());
        Assert.Equal(2, handler.Sent.Count);
        var rest = new List<CouponSession> { items.Current };
        while (items.MoveNext()) rest.Add(items.Current);
        Assert.Equal(new[] { 1, 2, 3 }, Enumerable.Range(0, 3).Select(i => PageAsked(handler, i)));
        Assert.Equal(19_000_006, rest.Last().SequenceId);
    }

    [Fact]
    public void First_ten_of_a_million_is_one_request()
    {
        var handler = new FakeHandler().Reply(200, UsagePage(1, 200, 1_000_000, 0, 5000));
        Assert.Equal(10, Enumerate(handler, 5000, first: 10).Count());
        Assert.Single(handler.Sent);
    }

    [Fact]
    public void Skip_across_a_page_boundary_asks_for_the_page_holding_the_first_item()
    {
        var handler = new FakeHandler().Reply(200, UsagePage(2, 3, 12000, 5000, 5000)).Reply(200, UsagePage(3, 3, 12000, 10000, 2000));
        var items = Enumerate(handler, 5000, skip: 9998, first: 4).ToList();
        Assert.Equal(new long?[] { 19_009_998, 19_009_999, 19_010_000, 19_010_001 }, items.Select(s => s.SequenceId));
        Assert.Equal(new[] { 2, 3 }, new[] { PageAsked(handler, 0), PageAsked(handler, 1) });
    }

    // ---- the streaming page parser ----

    private static Task<Page<CouponSession>> ReadPage(string body, int status = 200) =>
        new FakeHandler().Reply(status, body).Client().SendPageAsync(new ApiRequest(EndpointCatalog.CampaignData, UsageQuery.Body("cam_7", null, null, 1)),
            UsageQuery.ItemsField, item => CouponSession.FromDataItem(item, "cam_7"), CancellationToken.None);

    [Fact]
    public async Task A_well_formed_page_becomes_typed_sessions_with_utc_dates_and_kept_extras()
    {
        var page = await ReadPage(UsagePage(1, 1, 2, 0, 2));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(1, page.PageCount);
        var first = page.Items[0];
        Assert.Equal("s00000000000000000000", first.Id);
        Assert.Equal("cam_7", first.Campaign);
        Assert.Equal(19_000_000, first.SequenceId);
        Assert.Equal("CRM-0", first.CustomId);
        Assert.Equal(new DateTime(2024, 3, 2, 9, 30, 0, DateTimeKind.Utc), first.ClaimDate);
        Assert.Equal(DateTimeKind.Utc, first.ClaimDate!.Value.Kind);
        Assert.Null(first.OpenDate);
        Assert.Equal("Claimed", first.Status);
        Assert.False(first.IsLocked);
        Assert.Equal("12.50", first.AdditionalProperties["value"]);
        Assert.Equal("OV1", first.ValidationCode);
        Assert.Equal("1", first.AdditionalProperties["extra_flag"]);
    }

    [Fact]
    public async Task Data_before_the_status_and_unknown_fields_anywhere_are_fine()
    {
        var body = "{\"data\":[" + Item(1) + "],\"new_field\":{\"a\":[1,2]},\"status\":{\"status\":\"OK\"},\"amount_of_results\":1}";
        var page = await ReadPage(body);
        Assert.Single(page.Items);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Loose_types_are_read_leniently()
    {
        var item = "{\"sequenceid\":19000001,\"session\":\"abc\",\"customid\":null,\"status\":{\"locked\":1,\"claim_date_utc\":\"0000-00-00 00:00:00\",\"value\":7.5}}";
        var page = await ReadPage("{\"status\":{\"status\":\"OK\"},\"data\":[" + item + ",\"not an object\",42]}");
        var session = Assert.Single(page.Items);
        Assert.Equal(19_000_001, session.SequenceId);
        Assert.True(session.IsLocked);
        Assert.Null(session.ClaimDate);
        Assert.Equal("7.5", Convert.ToString(session.AdditionalProperties["value"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_empty_page_has_no_items()
    {
        var page = await ReadPage("{\"status\":{\"status\":\"OK\"},\"amount_of_results\":\"0\",\"page\":\"1\",\"amount_of_pages\":\"0\",\"data\":[]}");
        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Theory]
    [InlineData("cut inside an item")]
    [InlineData("cut between items")]
    [InlineData("cut before the end")]
    public async Task A_truncated_page_is_an_invalid_reply_naming_the_endpoint(string where)
    {
        var full = UsagePage(1, 1, 3, 0, 3);
        var cut = where switch
        {
            "cut inside an item" => full.Substring(0, full.IndexOf("claimtype", StringComparison.Ordinal)),
            "cut between items" => full.Substring(0, full.LastIndexOf("},{", StringComparison.Ordinal) + 2),
            _ => full.Substring(0, full.Length - 1),
        };
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => ReadPage(cut));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Equal("/v3/campaign/data", ex.Endpoint);
        Assert.Contains("/v3/campaign/data", ex.Message);
    }

    [Fact]
    public async Task A_reply_cut_after_a_nested_object_is_not_taken_as_complete()
    {
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            new FakeHandler().Reply(200, "{\"status\":{\"status\":\"OK\"},\"coupon_info\":{\"ID\":\"cam_1\"}").Client()
                .SendAsync(new ApiRequest(EndpointCatalog.CampaignInfo), CancellationToken.None));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
    }

    [Fact]
    public async Task An_html_page_is_an_error_not_a_crash()
    {
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => ReadPage("<html><body>502 Bad Gateway</body></html>", 200));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Contains("HTML", ex.Message);
    }

    [Fact]
    public async Task A_failed_status_after_the_items_is_still_an_error()
    {
        var body = "{\"data\":[" + Item(1) + "],\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":[502],\"error_message_description\":[\"Campaign not found.\"]}}}";
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => ReadPage(body, 422));
        Assert.Equal(new[] { 502 }, ex.ErrorCodes);
    }

    [Fact]
    public async Task A_data_field_that_is_not_an_array_gives_no_items()
    {
        var page = await ReadPage("{\"status\":{\"status\":\"OK\"},\"data\":{\"session\":\"x\"},\"amount_of_results\":\"1\"}");
        Assert.Empty(page.Items);
    }
}

public class ReplyBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32 * 1024)]
    [InlineData(2_500_000)]
    public void Bytes_written_in_odd_pieces_read_back_the_same(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        using var buffer = new Coupontools.Client.Http.ReplyBuffer();
        for (var at = 0; at < size; at += 7777) buffer.Write(data, at, Math.Min(7777, size - at));
        Assert.Equal(size, buffer.Length);
        buffer.Position = 0;
        var back = new MemoryStream();
        buffer.CopyTo(back, 5000);
        Assert.Equal(data, back.ToArray());
        Assert.Equal(data.Take(100), buffer.Prefix(100));
        Assert.Equal(size, buffer.Position);
        Assert.Equal(0, buffer.Read(new byte[10], 0, 10));
    }
}
