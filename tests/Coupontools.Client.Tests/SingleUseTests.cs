using Coupontools.Client.Bulk;
using Coupontools.Client.Endpoints;
using Xunit;

namespace Coupontools.Client.Tests;

public class RequestWindowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Never_more_than_the_limit_in_flight_and_the_window_refills_as_calls_end()
    {
        var window = new RequestWindow<int, int>(3);
        var gates = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource<int>()).ToArray();
        var written = new List<int>();
        var next = 0;

        for (; next < 3; next++)
        {
            Assert.True(window.HasRoom);
            var i = next;
            Assert.True(window.Start(i, () => gates[i].Task));
        }

        Assert.False(window.HasRoom);
        Assert.Equal(3, window.InFlight);
        Assert.Throws<InvalidOperationException>(() => window.Start(99, () => Task.FromResult(99)));

        gates[1].SetResult(1);
        Assert.True(window.HasRoom);
        Assert.Equal(2, window.InFlight);
        var i3 = next++;
        window.Start(i3, () => gates[i3].Task);
        Assert.False(window.HasRoom);

        foreach (var gate in gates.Take(4))
        {
            gate.TrySetResult(Array.IndexOf(gates, gate));
        }

        Assert.True(window.WriteAll(item => written.Add(item.Result), CancellationToken.None));
        Assert.Equal(3, window.PeakInFlight);
        Assert.Equal(new[] { 0, 1, 2, 3 }, written);
    }

    [Fact]
    public async Task Ordered_output_follows_input_order_whatever_order_calls_end_in()
    {
        var window = new RequestWindow<int, int>(8);
        var random = new Random(7);
        var written = new List<int>();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var delay = random.Next(0, 15);
                var n = i;
                Assert.True(window.WaitForRoom(item => written.Add(item.Result), CancellationToken.None));
                window.Start(n, async () =>
                {
                    await Task.Delay(delay);
                    return n;
                });
            }

            Assert.True(window.WriteAll(item => written.Add(item.Result), CancellationToken.None));
        });
        await producer.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 200), written);
        Assert.True(window.PeakInFlight <= 8);
    }

    [Fact]
    public void Ordered_reorder_buffer_is_bounded_and_waits_for_the_oldest()
    {
        var window = new RequestWindow<int, int>(2, ordered: true, maxPending: 4);
        var slow = new TaskCompletionSource<int>();
        window.Start(0, () => slow.Task);
        for (var i = 1; i < 4; i++)
        {
            var n = i;
            Assert.True(window.HasRoom);
            window.Start(n, () => Task.FromResult(n));
        }

        // Three finished, one still running: nothing can be written, and the buffer is full.
        Assert.Equal(1, window.InFlight);
        Assert.Equal(4, window.Pending);
        Assert.False(window.HasRoom);
        var written = new List<int>();
        window.WriteReady(item => written.Add(item.Result));
        Assert.Empty(written);

        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.False(window.WaitForRoom(item => written.Add(item.Result), stop.Token));
        Assert.Empty(written);

        slow.SetResult(0);
        Assert.True(window.WaitForRoom(item => written.Add(item.Result), CancellationToken.None));
        Assert.Equal(new[] { 0, 1, 2, 3 }, written);
    }

    [Fact]
    public void Unordered_output_does_not_wait_for_a_slow_call()
    {
        var window = new RequestWindow<int, int>(4, ordered: false);
        var slow = new TaskCompletionSource<int>();
        window.Start(0, () => slow.Task);
        window.Start(1, () => Task.FromResult(1));
        window.Start(2, () => Task.FromResult(2));
        var written = new List<int>();
        window.WriteReady(item => written.Add(item.Result));
        Assert.Equal(new[] { 1, 2 }, written);
        slow.SetResult(0);
        window.WriteAll(item => written.Add(item.Result), CancellationToken.None);
        Assert.Equal(new[] { 1, 2, 0 }, written);
    }

    [Fact]
    public void Failures_are_handed_out_in_their_place_with_their_input()
    {
        var window = new RequestWindow<string, int>(4);
        window.Start("a", () => Task.FromResult(1));
        window.Start("b", () => Task.FromException<int>(new InvalidOperationException("boom")));
        window.Start("c", () => throw new ArgumentException("sync"));
        window.Start("d", () => Task.FromResult(4));
        var seen = new List<string>();
        window.WriteAll(item => seen.Add(item.Input + ":" + (item.Succeeded ? item.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : item.Error!.GetType().Name)), CancellationToken.None);
        Assert.Equal(new[] { "a:1", "b:InvalidOperationException", "c:ArgumentException", "d:4" }, seen);
    }

    [Fact]
    public void An_item_whose_write_throws_stays_in_the_window_and_is_not_lost()
    {
        var window = new RequestWindow<int, int>(2);
        window.Start(0, () => Task.FromResult(10));
        window.Start(1, () => Task.FromResult(11));
        Assert.Throws<OperationCanceledException>(() => window.WriteReady(_ => throw new OperationCanceledException("pipeline stopped")));
        Assert.Equal(2, window.Pending);
        var rest = window.DrainRemaining(Patience);
        Assert.Equal(new[] { 10, 11 }, rest.Select(i => i.Result));
        Assert.Equal(0, window.Pending);
    }

    [Fact]
    public async Task A_stop_starts_nothing_new_and_keeps_every_in_flight_result()
    {
        var window = new RequestWindow<int, int>(4);
        var gates = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<int>()).ToArray();
        var started = 0;
        for (var i = 0; i < 4; i++)
        {
            var n = i;
            window.Start(n, () =>
            {
                Interlocked.Increment(ref started);
                return gates[n].Task;
            });
        }

        gates[0].SetResult(0);
        var written = new List<int>();
        window.WriteReady(item => written.Add(item.Result));
        Assert.Equal(new[] { 0 }, written);

        // Ctrl+C: the drain (on the stopping thread) waits for the three calls still running.
        var drain = Task.Run(() => window.DrainRemaining(Patience));
        await Task.Delay(50);
        Assert.False(drain.IsCompleted);
        Assert.False(window.Start(99, () =>
        {
            Interlocked.Increment(ref started);
            return Task.FromResult(99);
        }));
        gates[2].SetResult(2);
        gates[1].SetResult(1);
        gates[3].SetResult(3);
        var rest = await drain.WaitAsync(Patience);

        Assert.Equal(new[] { 1, 2, 3 }, rest.Select(i => i.Result));
        Assert.All(rest, i => Assert.True(i.IsFinished));
        Assert.Equal(4, started);
        Assert.Equal(4, window.HandedOut);
    }

    [Fact]
    public void A_drain_that_times_out_still_returns_the_calls_that_did_not_end()
    {
        var window = new RequestWindow<int, int>(2);
        var never = new TaskCompletionSource<int>();
        window.Start(0, () => never.Task);
        var rest = window.DrainRemaining(TimeSpan.FromMilliseconds(50));
        var item = Assert.Single(rest);
        Assert.False(item.IsFinished);
        Assert.Equal(0, item.Input);
    }
}

public class SingleUseRequestTests
{
    [Theory]
    [InlineData("a@example.com", null, null, "email")]
    [InlineData(null, "+32470000000", null, "phone")]
    [InlineData(null, null, "CRM-1", "customid")]
    [InlineData("a@example.com", "+32470000000", "CRM-1", "email")]
    [InlineData(null, "+32470000000", "CRM-1", "phone")]
    public void A_row_with_a_key_is_sent_with_duplicate_check_naming_the_first_field_it_has_and_may_be_repeated(string? email, string? phone, string? customId, string field)
    {
        var request = SingleUseRequests.Create(new SingleUseRecipient { Campaign = "cam_1", Email = email, Phone = phone, CustomId = customId });
        Assert.True(request.SafeToRepeat);
        Assert.Equal(field, request.Body["duplicate_check"]);
        Assert.Equal(EndpointCatalog.SingleUseCreate.Path, request.Path);
    }

    [Theory]
    [InlineData(DuplicateCheck.Phone, "phone")]
    [InlineData(DuplicateCheck.CustomId, "customid")]
    [InlineData(DuplicateCheck.Email, "email")]
    public void DuplicateCheck_names_the_chosen_field(DuplicateCheck check, string field)
    {
        var row = new SingleUseRecipient { Campaign = "cam_1", Email = "a@example.com", Phone = "+32470000000", CustomId = "CRM-1", DuplicateCheck = check };
        Assert.Null(SingleUseRequests.Validate(row));
        var request = SingleUseRequests.Create(row);
        Assert.Equal(field, request.Body["duplicate_check"]);
        Assert.True(request.SafeToRepeat);
    }

    [Fact]
    public void DuplicateCheck_None_sends_no_check_and_is_never_repeated_even_with_a_key()
    {
        var row = new SingleUseRecipient { Campaign = "cam_1", Email = "a@example.com", CustomId = "CRM-1", DuplicateCheck = DuplicateCheck.None };
        var request = SingleUseRequests.Create(row);
        Assert.Null(request.Body["duplicate_check"]);
        Assert.False(request.SafeToRepeat);
    }

    [Fact]
    public void DuplicateCheck_naming_a_field_the_row_lacks_is_a_bad_row()
    {
        var problem = SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", Email = "a@example.com", DuplicateCheck = DuplicateCheck.Phone });
        Assert.NotNull(problem);
        Assert.Equal("DuplicateCheck", problem.Field);
    }

    [Fact]
    public void A_row_without_a_key_is_never_repeated_and_has_no_duplicate_check()
    {
        var request = SingleUseRequests.Create(new SingleUseRecipient { Campaign = "cam_1", FirstName = "Ann", LastName = "Smith" });
        Assert.False(request.SafeToRepeat);
        Assert.Null(request.Body["duplicate_check"]);
        Assert.Equal("Ann", request.Body["firstname"]);
    }

    [Fact]
    public void The_2025_fields_are_sent_under_their_wire_names()
    {
        var row = new SingleUseRecipient
        {
            Campaign = "cam_1", CustomId = "CRM-1", AutoValidationCode = "8Digits",
            UtmSource = "newsletter", UtmMedium = "email", UtmCampaign = "spring", UtmTerm = "pizza", UtmContent = "button",
        };
        row.CustomFields[0] = "gold";
        row.CustomFields[6] = "store 12";
        var body = SingleUseRequests.Create(row).Body;
        Assert.Equal("gold", body["customfield1"]);
        Assert.Equal("store 12", body["customfield7"]);
        Assert.Null(body["customfield2"]);
        Assert.Equal("8digits", body["autovalcode"]);
        Assert.Null(body["customvalcode"]);
        Assert.Equal(new object[] { "newsletter", "email", "spring", "pizza", "button" },
            new[] { "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content" }.Select(k => body[k]).ToArray());
    }

    [Fact]
    public void A_validation_code_and_an_automatic_one_exclude_each_other()
    {
        var problem = SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", ValidationCode = "OWN-1", AutoValidationCode = "6Digits" });
        Assert.NotNull(problem);
        Assert.Equal("AutoValidationCode", problem.Field);
    }

    [Fact]
    public void Custom_fields_and_custom_ids_longer_than_50_are_bad_rows()
    {
        var row = new SingleUseRecipient { Campaign = "cam_1" };
        row.CustomFields[2] = new string('x', 51);
        Assert.Equal("CustomField3", SingleUseRequests.Validate(row)?.Field);
        Assert.Equal("CustomId", SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", CustomId = new string('x', 51) })?.Field);
        row.CustomFields[2] = new string('x', 50);
        Assert.Null(SingleUseRequests.Validate(row));
    }

    [Fact]
    public async Task A_keyed_create_is_retried_after_a_502_and_a_keyless_one_is_not()
    {
        const string created = "\"campaign\":\"cam_1\",\"action\":\"single_use_created\",\"single_use_code\":\"abcdefghijklmnopqrstu\",\"single_use_url\":\"https://digicpn.com/p/x/abcdefghijklmnopqrstu\"";
        var keyed = new FakeHandler().Reply(502, "bad gateway", "text/plain").Ok(created);
        var payload = await keyed.Client().SendAsync(SingleUseRequests.Create(new SingleUseRecipient { Campaign = "cam_1", CustomId = "C-1" }), CancellationToken.None);
        Assert.Equal(2, keyed.Sent.Count);
        Assert.Contains("\"duplicate_check\":\"customid\"", keyed.Sent[1].Body);
        Assert.Equal("abcdefghijklmnopqrstu", (string?)payload["single_use_code"]);

        var keyless = new FakeHandler().Reply(502, "bad gateway", "text/plain").Ok(created);
        var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            keyless.Client().SendAsync(SingleUseRequests.Create(new SingleUseRecipient { Campaign = "cam_1", FirstName = "Ann" }), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, error.Failure);
        Assert.Single(keyless.Sent);
    }

    [Fact]
    public async Task A_keyless_create_whose_connection_drops_is_not_sent_again()
    {
        var handler = new FakeHandler().Throw(new HttpRequestException("reset", new System.IO.IOException("connection reset")));
        var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(SingleUseRequests.Create(new SingleUseRecipient { Campaign = "cam_1" }), CancellationToken.None));
        Assert.Equal(ApiFailure.OutcomeUnknown, error.Failure);
        Assert.Single(handler.Sent);
    }

    [Theory]
    [InlineData(null, "a@example.com", null, "Campaign", true)]
    [InlineData("cam_x", "a@example.com", null, "Campaign", false)]
    [InlineData("cam_1", "not-an-address", null, "Email", false)]
    [InlineData("cam_1", "a@example.com", "has space", "ValidationCode", false)]
    [InlineData("cam_1", "a@example.com", "ÄÖ", "ValidationCode", false)]
    public void Bad_rows_are_found_before_any_request(string? campaign, string email, string? code, string field, bool missing)
    {
        var problem = SingleUseRequests.Validate(new SingleUseRecipient { Campaign = campaign, Email = email, ValidationCode = code });
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Equal(missing, problem.Missing);
    }

    [Fact]
    public void Validation_codes_follow_the_api_rule()
    {
        Assert.Null(SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", ValidationCode = "Abc-123_x" }));
        Assert.Null(SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", ValidationCode = new string('a', 100) }));
        Assert.NotNull(SingleUseRequests.Validate(new SingleUseRecipient { Campaign = "cam_1", ValidationCode = new string('a', 101) }));
    }

    [Theory]
    [InlineData(250000, new[] { 100000, 100000, 50000 })]
    [InlineData(100000, new[] { 100000 })]
    [InlineData(100001, new[] { 100000, 1 })]
    [InlineData(7, new[] { 7 })]
    public void Count_is_split_into_calls_of_at_most_100000(long count, int[] calls)
    {
        Assert.Equal(calls, SingleUseRequests.SplitCount(count));
    }

    [Theory]
    [InlineData(null, 12, true, 1000, true)]
    [InlineData("77", 12, true, 1000, true)]
    [InlineData("7A", 12, true, 10, false)]
    [InlineData("ABCDEFGHIJ", 10, false, 1, false)]
    [InlineData("1234567", 10, true, 5000, false)]
    [InlineData("ABC", null, false, 100000, true)]
    [InlineData(null, 9, false, 1, false)]
    public void Automated_code_options_are_checked_together(string? prefix, int? length, bool numeric, long count, bool ok)
    {
        var problem = SingleUseRequests.ValidateAutomatedCodes(prefix, length, numeric, count);
        Assert.Equal(ok, problem == null);
    }

    [Fact]
    public void Create_many_sends_automated_code_fields_only_when_asked()
    {
        var plain = SingleUseRequests.CreateMany("cam_1", 10, "Voided", false, null, null, false);
        Assert.Equal("voided", plain.Body["status"]);
        Assert.False(plain.Body.ContainsKey("automated_codes"));
        Assert.False(plain.SafeToRepeat);

        var codes = SingleUseRequests.CreateMany("cam_1", 10, null, true, "77", null, true);
        Assert.Equal(true, codes.Body["automated_codes"]);
        Assert.Equal(10, codes.Body["code_length"]);
        Assert.Equal("numeric", codes.Body["code_type"]);
        Assert.Equal("77", codes.Body["code_prefix"]);
    }
}

public class SingleUseExpiryTests
{
    private static readonly TimeZoneInfo NewYork = CampaignZones.Find("America/New_York")!;

    [Fact]
    public void An_unspecified_expiry_is_the_campaigns_wall_time_and_needs_no_zone()
    {
        var row = new SingleUseRecipient { Campaign = "cam_1", ExpiryDate = new DateTime(2026, 7, 1, 23, 59, 0, DateTimeKind.Unspecified) };
        Assert.False(row.ExpiryNeedsZone);
        Assert.Equal("2026-07-01 23:59:00", SingleUseRequests.Create(row).Body["expiry_date"]);
    }

    [Theory]
    [InlineData(2026, 7, 2, 3, 59, "2026-07-01 23:59:00")]   // summer: UTC-4
    [InlineData(2026, 1, 2, 4, 59, "2026-01-01 23:59:00")]   // winter: UTC-5
    public void A_utc_expiry_is_converted_into_the_campaigns_zone(int y, int mo, int d, int h, int mi, string sent)
    {
        var row = new SingleUseRecipient { Campaign = "cam_1", ExpiryDate = new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc) };
        Assert.True(row.ExpiryNeedsZone);
        Assert.Equal(sent, SingleUseRequests.Create(row, NewYork).Body["expiry_date"]);
    }

    [Fact]
    public void A_local_expiry_is_converted_through_utc()
    {
        var utc = new DateTime(2026, 7, 2, 3, 59, 0, DateTimeKind.Utc);
        Assert.Equal("2026-07-01 23:59:00", SingleUseRequests.FormatExpiry(utc.ToLocalTime(), NewYork));
    }

    [Fact]
    public void A_utc_expiry_without_the_zone_is_refused_rather_than_sent_wrong()
    {
        Assert.Throws<ArgumentNullException>(() => SingleUseRequests.FormatExpiry(DateTime.UtcNow, null));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("GMT")]
    public void Utc_names_resolve_everywhere(string name)
    {
        // A lookup that knows nothing, as Windows PowerShell 5.1's knows no IANA name.
        Assert.Equal(TimeZoneInfo.Utc, CampaignZones.Find(name, _ => throw new TimeZoneNotFoundException()));
    }

    [Fact]
    public void A_zone_the_system_does_not_know_is_null_not_a_guess()
    {
        Assert.Null(CampaignZones.Find("America/New_York", _ => throw new TimeZoneNotFoundException()));
        Assert.Null(CampaignZones.Find("Mars/Olympus_Mons"));
    }

    [Fact]
    public async Task Each_campaigns_zone_is_read_once_even_when_rows_ask_at_the_same_time()
    {
        var sent = new List<string>();
        var zones = new CampaignZones();
        Task<Newtonsoft.Json.Linq.JObject> Send(Http.ApiRequest request, CancellationToken token)
        {
            lock (sent)
            {
                sent.Add((string)request.Body["campaign"]!);
            }

            return Task.Run(async () =>
            {
                await Task.Delay(50, token);
                return Newtonsoft.Json.Linq.JObject.Parse("{\"coupon_info\":{\"ID\":\"cam_1\",\"timezone\":\"America/New_York\"}}");
            });
        }

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => zones.GetAsync(Send, i % 2 == 0 ? "cam_1" : "cam_2", CancellationToken.None)));
        Assert.Equal(new[] { "cam_1", "cam_2" }, sent.OrderBy(c => c).ToArray());
        Assert.All(all, z => Assert.Equal(NewYork.Id, z.Zone?.Id));
        Assert.Equal("America/New_York", all[0].Name);
    }

    [Fact]
    public async Task A_reply_without_a_zone_gives_a_problem_naming_the_campaign()
    {
        var zone = await new CampaignZones().GetAsync((_, _) => Task.FromResult(Newtonsoft.Json.Linq.JObject.Parse("{\"coupon_info\":{\"ID\":\"cam_9\"}}")), "cam_9", CancellationToken.None);
        Assert.Null(zone.Zone);
        Assert.Contains("cam_9", zone.Problem);
    }
}

public class SingleUseBatchReaderTests
{
    [Fact]
    public void The_legacy_list_gives_one_url_per_item_with_its_sequence_id()
    {
        var urls = SingleUseBatchReader.FromJson(Newtonsoft.Json.Linq.JObject.Parse(
            "{\"status\":{\"status\":\"OK\"},\"campaign\":\"cam_1\",\"action\":\"multiple_single_use_codes_created\",\"data\":["
            + "{\"single_use_code\":\"aaaaaaaaaaaaaaaaaaaa1\",\"sequence_id\":18000001,\"single_use_url\":\"u1\"},"
            + "{\"single_use_code\":\"aaaaaaaaaaaaaaaaaaaa2\",\"sequence_id\":18000002,\"single_use_url\":\"u2\"}]}"), "cam_1");
        Assert.Equal(new[] { "aaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaa2" }, urls.Select(u => u.Session).ToArray());
        Assert.Equal(18000002, urls[1].SequenceId);
        Assert.Equal("cam_1", urls[0].Campaign);
    }

    [Fact]
    public void The_2025_printed_shape_gives_the_one_url_it_shows()
    {
        var urls = SingleUseBatchReader.FromJson(Newtonsoft.Json.Linq.JObject.Parse(
            "{\"status\":{\"status\":\"OK\"},\"campaign\":\"cam_12345\",\"action\":\"single_use_code_created\",\"single_use_code\":\"c43403t2fv7qz27in745p\","
            + "\"custom_validation_code\":\"102030405060708\",\"duplicate_found\":false}"), "cam_12345");
        var url = Assert.Single(urls);
        Assert.Equal("c43403t2fv7qz27in745p", url.Session);
        Assert.Equal("102030405060708", url.ValidationCode);
        Assert.False(url.DuplicateFound);
    }

    [Fact]
    public void A_reply_with_neither_shape_lists_nothing()
    {
        Assert.Empty(SingleUseBatchReader.FromJson(Newtonsoft.Json.Linq.JObject.Parse("{\"campaign\":\"cam_1\"}"), "cam_1"));
    }
}
