using System.Net;
using System.Net.Sockets;
using System.Text;
using Coupontools.Client.Webhooks;
using Coupontools.Client.Webhooks.Http;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>The webhook listener's own HTTP/1.1 server: strict parsing, host filter, deadlines, limits.</summary>
public class StrictHttpServerTests
{
    private static HttpAnswer? Parse(string head, out HttpRequestHead? parsed)
    {
        var bytes = Encoding.Latin1.GetBytes(head);
        return HttpRequestHead.TryParse(bytes, 0, bytes.Length, out parsed);
    }

    [Fact]
    public void Parses_a_plain_request_head()
    {
        Assert.Null(Parse("POST /hooks?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 12\r\nX-Hmac:  abc \r\nExpect: 100-continue\r\n\r\n", out var head));
        Assert.Equal("POST", head!.Method);
        Assert.Equal("/hooks", head.Path);
        Assert.Equal(12, head.ContentLength);
        Assert.False(head.Chunked);
        Assert.True(head.ExpectContinue);
        Assert.False(head.WantsClose);
        Assert.Equal("abc", head.Header("x-hmac"));
    }

    [Theory]
    [InlineData("POST / HTTP/1.1\nHost: a\n\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost : a\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400)]
    [InlineData("POST http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("POST  / HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("POST / HTTP/2.0\r\nHost: a\r\n\r\n", 505)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n", 417)]
    public void Refuses_ambiguous_or_malformed_heads(string head, int status)
    {
        Assert.Equal(status, Parse(head, out var parsed)!.Status);
        Assert.Null(parsed);
    }

    [Fact]
    public void Refuses_more_than_100_header_fields()
    {
        var head = "POST / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: 1\r\n")) + "\r\n";
        Assert.Equal(431, Parse(head, out _)!.Status);
    }

    [Fact]
    public void Refuses_https_prefixes_with_what_to_do_instead()
    {
        var ex = Assert.Throws<NotSupportedException>(() => HttpPrefix.Parse("https://+:8443/"));
        Assert.Contains("reverse proxy", ex.Message);
        Assert.Throws<ArgumentException>(() => HttpPrefix.Parse("http://127.0.0.1:70000/"));
        Assert.Throws<ArgumentException>(() => HttpPrefix.Parse("http://127.0.0.1:8080"));
    }

    [Fact]
    public void Binds_what_each_prefix_asks_for()
    {
        Assert.Equal(IPAddress.IPv6Any, HttpPrefix.Parse("http://+:8080/").BindAddress);
        Assert.Equal(IPAddress.IPv6Any, HttpPrefix.Parse("http://hooks.example.com:8080/").BindAddress);
        Assert.Equal(IPAddress.Loopback, HttpPrefix.Parse("http://localhost:8080/").BindAddress);
        Assert.Equal(IPAddress.IPv6Loopback, HttpPrefix.Parse("http://[::1]:8080/a/").BindAddress);
        var one = StrictHttpServer.EndPoints(new[] { HttpPrefix.Parse("http://+:8080/a/"), HttpPrefix.Parse("http://127.0.0.1:8080/b/") }).ToList();
        Assert.Single(one);
        Assert.Equal(80, HttpPrefix.Parse("http://127.0.0.1/").Port);
    }

    [Fact]
    public void Host_filter_knows_every_spelling_of_this_computer_and_nothing_else()
    {
        var loopback = new HostFilter(new[] { HttpPrefix.Parse("http://127.0.0.1:8080/") });
        Assert.True(loopback.Allows("127.0.0.1:8080"));
        Assert.True(loopback.Allows("localhost"));
        Assert.True(loopback.Allows("[::1]:9000"));
        Assert.False(loopback.Allows("attacker.example"));
        Assert.False(loopback.Allows("attacker.example:8080"));
        var named = new HostFilter(new[] { HttpPrefix.Parse("http://hooks.example.com:8080/") });
        Assert.True(named.Allows("HOOKS.example.com"));
        Assert.False(named.Allows("127.0.0.1"));
        Assert.True(new HostFilter(new[] { HttpPrefix.Parse("http://*:8080/") }).Allows("anything.example"));
    }

    private static WebhookListener Listen(out int port, Action<WebhookListenerOptions>? configure = null)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new WebhookListenerOptions();
        options.Prefixes.Add($"http://127.0.0.1:{port}/");
        configure?.Invoke(options);
        var listener = new WebhookListener(options);
        listener.Start();
        return listener;
    }

    /// <summary>Sends raw bytes and reads until the listener closes or 5 s pass.</summary>
    private static async Task<string> ExchangeAsync(int port, string request, bool halfClose = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        if (halfClose)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        var all = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                all.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException)
        {
        }

        return Encoding.Latin1.GetString(all.ToArray());
    }

    private static WebhookDelivery Take(WebhookListener listener)
    {
        Assert.True(listener.TryTake(out var d, 5000, CancellationToken.None), "nothing queued");
        return d;
    }

    [Fact]
    public async Task Answers_100_continue_then_the_delivery_and_keeps_the_connection_for_the_next()
    {
        using var listener = Listen(out var port);
        var body = "{\"webhook\":\"evt_Continue1\"}";
        var text = await ExchangeAsync(port,
            $"POST / HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: {body.Length}\r\n\r\n{body}" +
            $"POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{{\"web\r\n10;ext=1\r\nhook\":\"evt_Chunk\r\n3\r\n1\"}}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", text);
        Assert.Equal(2, text.Split("HTTP/1.1 200 OK").Length - 1);
        Assert.EndsWith("Connection: close\r\n\r\n", text);
        Assert.Equal("evt_Continue1", Take(listener).Event!.EventId);
        var chunked = Take(listener);
        Assert.Equal("evt_Chunk1", chunked.Event!.EventId);
        Assert.Null(chunked.ContentLength);
    }

    [Fact]
    public async Task A_short_body_is_never_accepted_and_is_reported_incomplete()
    {
        using var listener = Listen(out var port, o => o.BodyTimeout = TimeSpan.FromMilliseconds(300));
        var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"webhook\":\"evt_Short1\"}";
        var ended = await ExchangeAsync(port, head, halfClose: true);
        Assert.StartsWith("HTTP/1.1 400 ", ended);
        Assert.Contains("Connection: close", ended);
        var stalled = await ExchangeAsync(port, head);
        Assert.StartsWith("HTTP/1.1 408 ", stalled);
        var first = Take(listener);
        var second = Take(listener);
        Assert.Equal(DeliveryOutcome.Incomplete, first.Outcome);
        Assert.Equal(DeliveryOutcome.Incomplete, second.Outcome);
        Assert.Equal(new[] { 400, 408 }, new[] { first.StatusCode, second.StatusCode }.OrderBy(s => s));
        Assert.Null(first.Event);
        Assert.False(listener.TryTake(out _, 200, CancellationToken.None));
    }

    [Fact]
    public async Task A_foreign_host_gets_one_400_and_nothing_after_it_is_read()
    {
        using var listener = Listen(out var port);
        var body = "{\"webhook\":\"evt_Foreign1\"}";
        var request = $"POST / HTTP/1.1\r\nHost: attacker.example\r\nContent-Length: {body.Length}\r\n\r\n{body}";
        var text = await ExchangeAsync(port, request + request.Replace("attacker.example", "127.0.0.1"));
        Assert.StartsWith("HTTP/1.1 400 ", text);
        Assert.Single(text.Split("HTTP/1.1 "), s => s.Length > 0);
        var refused = Take(listener);
        Assert.Equal(DeliveryOutcome.BadRequest, refused.Outcome);
        Assert.Contains("attacker.example", refused.Reason);
        Assert.False(listener.TryTake(out _, 300, CancellationToken.None));
    }

    [Fact]
    public async Task At_the_connection_limit_the_longest_waiting_connection_makes_room()
    {
        using var listener = Listen(out var port, o => o.MaxConnections = 2);
        using var idle1 = new TcpClient();
        using var idle2 = new TcpClient();
        await idle1.ConnectAsync(IPAddress.Loopback, port);
        await idle2.ConnectAsync(IPAddress.Loopback, port);
        await idle2.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\n"));
        await Task.Delay(200);
        var body = "{\"webhook\":\"evt_Room1\"}";
        var text = await ExchangeAsync(port, $"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        Assert.StartsWith("HTTP/1.1 200 OK", text);
        Assert.Equal(0, await idle1.GetStream().ReadAsync(new byte[16]));

        // The shed connection may be reported first (a refusal, no event); the delivery that got the room follows.
        var delivery = Take(listener);
        while (delivery.Event == null)
        {
            Assert.NotEqual(DeliveryOutcome.Accepted, delivery.Outcome);
            delivery = Take(listener);
        }

        Assert.Equal("evt_Room1", delivery.Event.EventId);
    }

    [Fact]
    public async Task Large_bodies_share_one_budget_and_the_one_over_it_gets_503()
    {
        using var listener = Listen(out var port, o =>
        {
            o.MaxBodyBytes = 65536;
            o.MaxBufferedBodyBytes = 1;   // raised to twice MaxBodyBytes: 128 KB beyond the free 16 KB of each body
            o.BodyTimeout = TimeSpan.FromSeconds(2);
        });
        var request = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 65536\r\n\r\n" + new string('a', 60000);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            await Task.Delay(i * 300);
            return await ExchangeAsync(port, request);
        }));
        Assert.Equal(new[] { "408", "408", "503" }, answers.Select(a => a.Substring(9, 3)).OrderBy(a => a));
        Assert.Contains("Retry-After: 5", answers.Single(a => a.StartsWith("HTTP/1.1 503", StringComparison.Ordinal)));
    }
}
