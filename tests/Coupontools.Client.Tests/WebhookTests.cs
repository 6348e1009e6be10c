using System.Net;
using System.Net.Sockets;
using System.Text;
using Coupontools.Client.Webhooks;
using Xunit;

namespace Coupontools.Client.Tests;

public class WebhookTests
{
    [Fact]
    public void Parses_the_assumed_delivery_shape()
    {
        var e = WebhookParser.Parse("{\"webhook\":\"evt_JsOKTu2rlzjZsxPaleUx\",\"type\":\"coupon_validated\",\"date\":\"2017-10-09 09:57:57\",\"campaign\":\"cam_12345\",\"session\":\"8yx7hpxuu69k0zga93nix\"}");
        Assert.Equal("evt_JsOKTu2rlzjZsxPaleUx", e.EventId);
        Assert.Equal("coupon_validated", e.Type);
        Assert.Equal(new DateTime(2017, 10, 9, 9, 57, 57, DateTimeKind.Utc), e.Date);
        Assert.Equal(DateTimeKind.Utc, e.Date!.Value.Kind);
        Assert.Equal("cam_12345", e.Campaign);
        Assert.Equal("8yx7hpxuu69k0zga93nix", e.Session);
        Assert.Null(e.Verified);
        Assert.Empty(e.AdditionalProperties);
    }

    [Theory]
    [InlineData("coupon_claimed", typeof(CouponClaimedEvent), "evt_6paDkhIBCpWrUK8ne7rT", "cam_12345", "2e8g45wmyawppwubnk5r7", null)]
    [InlineData("coupon_created", typeof(CouponCreatedEvent), "evt_rmGqtgKU7zvLppIYUKN5", "cam_1026090", null, "sub_3427")]
    [InlineData("subaccount_created", typeof(SubaccountCreatedEvent), "evt_rmGqtgKU7zvLppIYUKN5", null, null, "sub_3427")]
    [InlineData("loyalty_complete", typeof(LoyaltyCompleteEvent), "evt_5J3MQMbTTdu3a0VgS8rqD", null, "97raebv4nkcpjj1i444zh", "sub_3427")]
    [InlineData("loyalty_v3_created", typeof(LoyaltyV3CreatedEvent), "evt_OWZw15hCxSP1iCWhtQwC", null, null, null)]
    [InlineData("lp_submission", typeof(LandingPageSubmissionEvent), "evt_okhTzyxLUxldgcpgec6X", "cam_1234567", "2e8g45wmyawppwubnk5r7", null)]
    [InlineData("directory_registration", typeof(DirectoryRegistrationEvent), "922", null, null, null)]
    public void Each_printed_type_is_its_own_class(string type, Type expected, string id, string? campaign, string? session, string? subaccount)
    {
        var fixture = VendorFixture.Load("webhook_" + type + ".json");
        var e = WebhookParser.Parse(fixture.Reply.ToString());
        Assert.IsType(expected, e);
        Assert.Equal(type, e.Type);
        Assert.Equal(id, e.EventId);
        Assert.Equal(campaign, e.Campaign);
        Assert.Equal(session, e.Session);
        Assert.Equal(subaccount, e.Subaccount);
        Assert.NotNull(e.Date);
        Assert.Empty(e.AdditionalProperties);
    }

    [Fact]
    public void Typed_fields_of_the_printed_payloads()
    {
        var claimed = (CouponClaimedEvent)WebhookParser.Parse(VendorFixture.Load("webhook_coupon_claimed.json").Reply.ToString());
        Assert.False(claimed.LiveMode);
        Assert.Equal("u3s3dg", claimed.Coupon!.Code);
        Assert.True(claimed.Status!.Claimed);
        Assert.Equal(new DateTime(2022, 1, 14, 10, 40, 38, DateTimeKind.Utc), claimed.Status.ClaimedDate);
        Assert.Equal("info@email.com", claimed.Customer!.Email);
        Assert.Equal("Answer 1", claimed.Customer.AdditionalProperties["question_1"]);
        var wallet = (LoyaltyV3CreatedEvent)WebhookParser.Parse(VendorFixture.Load("webhook_loyalty_v3_created.json").Reply.ToString());
        Assert.Equal(1, wallet.LoyaltyId);
        Assert.Equal("zeexxegfjqz5r8fspglmd", wallet.User!.Code);
        var landing = (LandingPageSubmissionEvent)WebhookParser.Parse(VendorFixture.Load("webhook_lp_submission.json").Reply.ToString());
        Assert.Equal("lp_12345", landing.LandingPage);
        Assert.Equal("info@email.com", landing.Form!["E-mail"]);
        Assert.Equal("customexamplevalue8", landing.UtmTags!["custom8"]);
        var registration = (DirectoryRegistrationEvent)WebhookParser.Parse(VendorFixture.Load("webhook_directory_registration.json").Reply.ToString());
        Assert.Equal("5025", registration.User!.Id);
        Assert.Equal(new DateTime(2023, 2, 16, 8, 11, 31, DateTimeKind.Utc), registration.User.CreatedDate);
    }

    [Fact]
    public void Keeps_unknown_types_and_extra_fields()
    {
        var e = WebhookParser.Parse("{\"webhook\":\"evt_1\",\"type\":\"loyalty_stamp_added\",\"store\":\"Main\",\"amount\":12.5,\"customer\":{\"email\":\"a@b.c\"},\"password\":\"x\"}");
        Assert.Equal("loyalty_stamp_added", e.Type);
        Assert.Equal("Main", e.AdditionalProperties["store"]);
        Assert.Equal(12.5m, e.AdditionalProperties["amount"]);
        Assert.Equal("{\"email\":\"a@b.c\"}", e.AdditionalProperties["customer"]);
        Assert.Equal(Redactor.Mask, e.AdditionalProperties["password"]);
    }

    [Fact]
    public void Tolerates_missing_fields_and_third_party_names()
    {
        var empty = WebhookParser.Parse("{}");
        Assert.Equal(string.Empty, empty.EventId);
        Assert.Null(empty.Type);
        Assert.Null(empty.Date);

        var other = WebhookParser.Parse("{\"id\":\"evt_2\",\"datetime\":\"2024-01-02 03:04:05\",\"session\":123}");
        Assert.Equal("evt_2", other.EventId);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), other.Date);
        Assert.Equal("123", other.Session);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("{\"webhook\":\"evt_1\"")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("<html><body>502</body></html>")]
    public void Garbage_is_an_InvalidReply_exception_only(string body)
    {
        var ex = Assert.Throws<CoupontoolsApiException>(() => WebhookParser.Parse(body));
        Assert.Equal(ApiFailure.InvalidReply, ex.Failure);
        Assert.Equal(WebhookParser.Source, ex.Endpoint);
    }

    [Fact]
    public void Null_body_and_bad_utf8_are_InvalidReply()
    {
        Assert.Equal(ApiFailure.InvalidReply, Assert.Throws<CoupontoolsApiException>(() => WebhookParser.Parse((string)null!)).Failure);
        var bytes = new byte[] { 0x7B, 0xC3, 0x28, 0x7D };
        Assert.Equal(ApiFailure.InvalidReply, Assert.Throws<CoupontoolsApiException>(() => WebhookParser.Parse(bytes, bytes.Length)).Failure);
    }

    [Fact]
    public void Bytes_with_a_bom_parse()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"webhook\":\"evt_3\"}")).ToArray();
        Assert.Equal("evt_3", WebhookParser.Parse(bytes, bytes.Length).EventId);
    }

    [Fact]
    public async Task Verification_509_is_not_valid_and_not_an_error()
    {
        var handler = new FakeHandler().Reply(200, "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":509,\"error_message\":\"Webhook not found.\"}}}");
        var result = await WebhookVerifier.VerifyAsync(handler.Client(), WebhookVerifier.NewRequest("evt_9"), "evt_9", null, CancellationToken.None);
        Assert.False(result.IsValid);
        Assert.Equal("evt_9", result.EventId);
        Assert.Contains("\"webhook\":\"evt_9\"", handler.Sent[0].Body);
        Assert.DoesNotContain("session", handler.Sent[0].Body);
        Assert.EndsWith("/v4/webhook/verification", handler.Sent[0].Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Verification_reads_the_2025_reply_and_checks_a_session_here()
    {
        const string reply = "{\"status\":{\"status\":\"OK\"},\"webhook\":\"evt_01234567890123456789\",\"datetime\":\"2020-12-01 01:23:45\",\"type\":\"coupon_claimed\",\"coupon\":\"cam_12345\",\"statcode\":\"012345678901234567890\"}";
        var ok = await WebhookVerifier.VerifyAsync(new FakeHandler().Reply(200, reply).Client(), WebhookVerifier.NewRequest("evt_01234567890123456789"),
            "evt_01234567890123456789", "012345678901234567890", CancellationToken.None);
        Assert.True(ok.IsValid);
        Assert.Equal("cam_12345", ok.Campaign);
        Assert.Equal("012345678901234567890", ok.Session);
        Assert.Equal(new DateTime(2020, 12, 1, 1, 23, 45, DateTimeKind.Utc), ok.Date);
        Assert.Empty(ok.AdditionalProperties);

        var other = await WebhookVerifier.VerifyAsync(new FakeHandler().Reply(200, reply).Client(), WebhookVerifier.NewRequest("evt_01234567890123456789"),
            "evt_01234567890123456789", "anothersession", CancellationToken.None);
        Assert.False(other.IsValid);
        Assert.Contains("012345678901234567890", (string)other.AdditionalProperties["error"]!);
    }

    [Fact]
    public async Task Verification_other_errors_throw()
    {
        var handler = new FakeHandler().Reply(401, "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":1000,\"error_message\":\"Unauthorized\"}}}");
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            WebhookVerifier.VerifyAsync(handler.Client(), WebhookVerifier.NewRequest("evt_9"), "evt_9", "abc", CancellationToken.None));
        Assert.True(ex.HasErrorCode(1000));
    }

    [Fact]
    public void Reconcile_accepts_matching_and_fills_missing_fields()
    {
        var delivered = new WebhookEvent { EventId = "evt_1", Type = "coupon_validated" };
        var answer = new WebhookVerification { EventId = "evt_1", IsValid = true, Type = "coupon_validated", Campaign = "cam_1", Session = "s1", Date = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Assert.Null(WebhookVerifier.Reconcile(delivered, answer));
        Assert.Equal("cam_1", delivered.Campaign);
        Assert.Equal("s1", delivered.Session);
        Assert.Equal(answer.Date, delivered.Date);
    }

    [Theory]
    [InlineData("coupon_claimed", "cam_1", "s1", "type")]
    [InlineData("coupon_validated", "cam_2", "s1", "campaign")]
    [InlineData("coupon_validated", "cam_1", "s2", "session")]
    public void Reconcile_rejects_a_delivery_that_differs_from_the_issued_event(string type, string campaign, string session, string field)
    {
        var delivered = new WebhookEvent { EventId = "evt_1", Type = type, Campaign = campaign, Session = session };
        var answer = new WebhookVerification { EventId = "evt_1", IsValid = true, Type = "coupon_validated", Campaign = "cam_1", Session = "s1" };
        Assert.Contains(field, WebhookVerifier.Reconcile(delivered, answer));
    }

    [Fact]
    public void Reconcile_rejects_an_unknown_event()
    {
        Assert.Contains("does not know", WebhookVerifier.Reconcile(new WebhookEvent { EventId = "evt_1" }, new WebhookVerification { EventId = "evt_1" }));
    }

    [Fact]
    public void Recent_ids_forget_the_oldest_beyond_capacity()
    {
        var ids = new RecentIds(3);
        Assert.True(ids.Add("a"));
        Assert.False(ids.Add("a"));
        ids.Add("b");
        ids.Add("c");
        ids.Add("d");
        Assert.Equal(3, ids.Count);
        Assert.False(ids.Contains("a"));
        Assert.True(ids.Contains("d"));
        Assert.True(ids.Add("a"));
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static WebhookListener Listen(out string url, long max = 1024, string? path = null)
    {
        var port = FreePort();
        var options = new WebhookListenerOptions { MaxBodyBytes = max };
        options.Prefixes.Add($"http://127.0.0.1:{port}/");
        if (path != null)
        {
            options.Paths.Add(path);
        }

        var listener = new WebhookListener(options);
        listener.Start();
        url = $"http://127.0.0.1:{port}";
        return listener;
    }

    private static WebhookDelivery Take(WebhookListener listener)
    {
        Assert.True(listener.TryTake(out var d, 5000, CancellationToken.None), "no delivery queued");
        return d;
    }

    [Fact]
    public async Task Listener_answers_and_queues_each_kind_of_request()
    {
        using var listener = Listen(out var url, path: "/hooks");
        using var http = new HttpClient();
        var ok = await http.PostAsync(url + "/hooks", new StringContent("{\"webhook\":\"evt_1\",\"type\":\"coupon_validated\"}"));
        Assert.Equal(200, (int)ok.StatusCode);
        var d = Take(listener);
        Assert.Equal(DeliveryOutcome.Accepted, d.Outcome);
        Assert.Equal("evt_1", d.Event!.EventId);

        Assert.Equal(400, (int)(await http.PostAsync(url + "/hooks/", new StringContent("{oops"))).StatusCode);
        Assert.Equal(DeliveryOutcome.Malformed, Take(listener).Outcome);

        Assert.Equal(404, (int)(await http.PostAsync(url + "/other", new StringContent("{}"))).StatusCode);
        Assert.Equal(DeliveryOutcome.WrongPath, Take(listener).Outcome);

        var get = await http.GetAsync(url + "/hooks");
        Assert.Equal(405, (int)get.StatusCode);
        Assert.Contains("POST", get.Content.Headers.Allow);
        Assert.Equal(DeliveryOutcome.WrongMethod, Take(listener).Outcome);
    }

    [Fact]
    public async Task Listener_refuses_a_declared_oversized_body_without_reading_it()
    {
        using var listener = Listen(out var url, max: 1024);
        var uri = new Uri(url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        // Declares 10 MB but sends only the headers and 100 bytes: the answer must not wait for the rest.
        var head = Encoding.ASCII.GetBytes($"POST / HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n" + new string('x', 100));
        await stream.WriteAsync(head);
        var buffer = new byte[512];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, cts.Token);
        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(buffer, 0, read));
        var d = Take(listener);
        Assert.Equal(DeliveryOutcome.TooLarge, d.Outcome);
        Assert.Equal(10485760, d.ContentLength);
    }

    [Fact]
    public async Task Listener_stops_reading_a_chunked_body_at_the_cap()
    {
        using var listener = Listen(out var url, max: 1024);
        using var http = new HttpClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 5000) + "\"}")));
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await http.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        var d = Take(listener);
        Assert.Equal(DeliveryOutcome.TooLarge, d.Outcome);
        Assert.Null(d.ContentLength);
    }

    [Fact]
    public async Task Listener_full_queue_answers_503_and_stop_frees_the_port()
    {
        var port = FreePort();
        var options = new WebhookListenerOptions { QueueCapacity = 1 };
        options.Prefixes.Add($"http://127.0.0.1:{port}/");
        var listener = new WebhookListener(options);
        listener.Start();
        using (var http = new HttpClient())
        {
            Assert.Equal(200, (int)(await http.PostAsync($"http://127.0.0.1:{port}/", new StringContent("{\"webhook\":\"evt_1\"}"))).StatusCode);
            var busy = await http.PostAsync($"http://127.0.0.1:{port}/", new StringContent("{\"webhook\":\"evt_2\"}"));
            Assert.Equal(503, (int)busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter!.Delta);
        }

        listener.Dispose();
        Assert.True(listener.TryTake(out var kept, 0, CancellationToken.None));
        Assert.Equal("evt_1", kept.Event!.EventId);
        var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
        again.Stop();
    }
}
