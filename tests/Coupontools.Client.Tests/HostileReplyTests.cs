using System.IO.Compression;
using System.Net;
using System.Security.Authentication;
using System.Text;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>Replies a hostile server could send: redirects, bombs, endless and dripping bodies, huge strings.</summary>
public class HostileReplyTests
{
    private const string Ok = "{\"status\":{\"status\":\"OK\"}}";
    private const int Mb = 1024 * 1024;

    public static readonly TheoryData<int> RedirectCodes = new() { 301, 302, 303, 307, 308 };

    private static Task<CoupontoolsApiException> Read(FakeHandler handler, Action<ClientOptions>? configure = null) =>
        Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(configure: configure).SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None));

    private static Task<CoupontoolsApiException> Write(FakeHandler handler, Action<ClientOptions>? configure = null) =>
        Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(configure: configure).SendAsync(new ApiRequest(EndpointCatalog.CampaignPushAll), CancellationToken.None));

    private static FakeHandler Redirect(int status, string location) =>
        new FakeHandler().Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(Ok) };
            response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
            return response;
        }).Reply(200, Ok);

    private static FakeHandler Streamed(Stream body, string? encoding = null, long? length = null) =>
        new FakeHandler().Respond(_ =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = length;
            if (encoding != null)
            {
                content.Headers.ContentEncoding.Add(encoding);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }).Reply(200, Ok);

    [Theory]
    [MemberData(nameof(RedirectCodes))]
    public async Task A_redirect_on_a_read_is_refused_naming_both_addresses_without_the_query(int status)
    {
        var handler = Redirect(status, "https://other.example.test/landing?token=abc123&x=1");
        var ex = await Read(handler);
        Assert.Equal(ApiFailure.Redirected, ex.Failure);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Contains("https://api.example.test/v3/coupon/list", ex.Message);
        Assert.Contains("https://other.example.test/landing?…", ex.Message);
        Assert.DoesNotContain("abc123", ex.Message);
        Assert.Contains("-BaseUri", ex.Message);
        Assert.Single(handler.Sent);
    }

    [Theory]
    [MemberData(nameof(RedirectCodes))]
    public async Task A_write_that_met_a_redirect_has_an_unknown_outcome_and_is_not_sent_again(int status)
    {
        var handler = Redirect(status, "https://other.example.test/done");
        var ex = await Write(handler);
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Contains("https://api.example.test" + EndpointCatalog.CampaignPushAll.Path, ex.Message);
        Assert.Contains("https://other.example.test/done", ex.Message);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task A_same_origin_redirect_is_refused_too()
    {
        var handler = Redirect(307, "/v3/coupon/list2");
        var ex = await Read(handler);
        Assert.Equal(ApiFailure.Redirected, ex.Failure);
        Assert.Contains("https://api.example.test/v3/coupon/list2", ex.Message);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task A_secret_in_the_redirect_address_is_masked()
    {
        var ex = await Read(Redirect(302, "https://other.example.test/" + FakeHandler.Secret + "/x"));
        Assert.DoesNotContain(FakeHandler.Secret, ex.Message);
    }

    [Fact]
    public void The_real_handler_follows_no_redirect_keeps_no_cookie_and_inflates_nothing_itself()
    {
        using var handler = CoupontoolsClient.CreateHandler(new ClientOptions());
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
        Assert.Equal(CoupontoolsClient.MaxResponseHeadersKilobytes, handler.MaxResponseHeadersLength);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var body = new EndlessStream();
        var ex = await Read(Streamed(body, length: 2L * Mb), o => o.MaxReplyBytes = Mb);
        Assert.Equal(ApiFailure.ReplyTooLarge, ex.Failure);
        Assert.Contains("-MaxReplySizeMB", ex.Message);
        Assert.Equal(0, body.Served);
    }

    [Fact]
    public async Task An_endless_body_stops_at_the_limit()
    {
        var body = new EndlessStream();
        var ex = await Read(Streamed(body), o => o.MaxReplyBytes = Mb);
        Assert.Equal(ApiFailure.ReplyTooLarge, ex.Failure);
        Assert.Contains("larger than the limit of 1 MB", ex.Message);
        Assert.InRange(body.Served, Mb, Mb + 64 * 1024);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_inflated_limit()
    {
        var bomb = Gzip(new byte[64 * Mb]);
        var wire = new CountedStream(new MemoryStream(bomb));
        var ex = await Read(Streamed(wire, "gzip", bomb.Length), o => o.MaxReplyBytes = Mb);
        Assert.Equal(ApiFailure.ReplyTooLarge, ex.Failure);
        Assert.Contains("inflates (gzip) to more than the limit of 1 MB", ex.Message);
        Assert.True(wire.Served < bomb.Length / 4, $"read {wire.Served} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public async Task A_gzip_reply_within_the_limit_is_read()
    {
        var reply = Gzip(Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"OK\"},\"campaigns\":[{\"id\":\"cam_1\"}]}"));
        var handler = Streamed(new MemoryStream(reply), "gzip", reply.Length);
        var payload = await handler.Client().SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None);
        Assert.Equal("cam_1", (string?)payload["campaigns"]![0]!["id"]);
        Assert.Equal("gzip", Assert.Single(handler.Sent).Request.Headers.AcceptEncoding.ToString());
    }

    [Fact]
    public async Task An_encoding_not_asked_for_is_an_invalid_reply_and_a_write_meeting_it_has_an_unknown_outcome()
    {
        Assert.Equal(ApiFailure.InvalidReply, (await Read(Streamed(new MemoryStream(Encoding.UTF8.GetBytes(Ok)), "br"))).Failure);
        Assert.Equal(ApiFailure.OutcomeUnknown, (await Write(Streamed(new MemoryStream(Encoding.UTF8.GetBytes(Ok)), "br"))).Failure);
    }

    [Fact]
    public async Task A_huge_string_field_stops_at_the_string_limit_long_before_the_reply_limit()
    {
        var body = new EndlessStream(Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"OK\"},\"note\":\""));
        var ex = await Read(Streamed(body), o =>
        {
            o.MaxReplyBytes = 512L * Mb;
            o.MaxStringLength = Mb;
        });
        Assert.Equal(ApiFailure.StringTooLong, ex.Failure);
        Assert.Contains("-MaxStringLengthMB", ex.Message);
        Assert.InRange(body.Served, Mb, Mb + 64 * 1024);
    }

    [Fact]
    public async Task A_write_whose_reply_is_too_large_says_its_outcome_is_unknown()
    {
        var ex = await Write(Streamed(new EndlessStream()), o => o.MaxReplyBytes = Mb);
        Assert.Equal(ApiFailure.ReplyTooLarge, ex.Failure);
        Assert.Contains("not known whether the change was applied", ex.Message);
    }

    [Theory]
    [InlineData("\"abcd\"", 4, true)]
    [InlineData("\"abcde\"", 4, false)]
    [InlineData("\"\\u0041\\u0042\\u0043\\u0044\"", 4, true)]
    [InlineData("\"\\u0041\\u0042\\u0043\\u0044\\n\"", 4, false)]
    [InlineData("\"héé€\"", 4, true)]
    [InlineData("\"a\\\"bc\"", 4, true)]
    public void The_string_scanner_counts_characters(string json, int limit, bool fits)
    {
        var bytes = Encoding.UTF8.GetBytes("{" + json + ":1}");
        var scanner = new JsonStringScanner(limit);
        var scan = () => scanner.Scan(bytes, bytes.Length);
        if (fits)
        {
            scan();
        }
        else
        {
            Assert.Equal(ReplyLimit.StringLength, Assert.Throws<ReplyLimitExceededException>(scan).Limit);
        }
    }

    [Fact]
    public void The_string_scanner_leaves_a_body_that_is_not_json_to_the_parser()
    {
        var bytes = Encoding.UTF8.GetBytes("<html>\"" + new string('a', 100) + "\"</html>");
        new JsonStringScanner(4).Scan(bytes, bytes.Length);
    }

    [Fact]
    public async Task The_attempt_timeout_covers_a_dripping_body()
    {
        var handler = Streamed(new DrippingStream(), length: 1000);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(maxRetries: 0, configure: o => o.Timeout = TimeSpan.FromMilliseconds(300))
                .SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None));
        Assert.Equal(ApiFailure.Timeout, ex.Failure);
    }

    [Fact]
    public async Task The_deadline_caps_a_call_across_its_retries()
    {
        var handler = new FakeHandler();
        for (var i = 0; i < 5; i++)
        {
            handler.Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DrippingStream()) });
        }

        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client(maxRetries: 4, configure: o =>
            {
                o.Timeout = TimeSpan.FromMilliseconds(400);
                o.Deadline = TimeSpan.FromMilliseconds(1000);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            }).SendAsync(new ApiRequest(EndpointCatalog.CampaignList), CancellationToken.None));
        // Without the deadline: five attempts of 400 ms and a Timeout. With it, fewer (how many depends on the machine's load).
        Assert.Equal(ApiFailure.DeadlineExceeded, ex.Failure);
        Assert.Contains("-DeadlineSec", ex.Message);
        Assert.InRange(ex.Attempts, 1, 4);
        Assert.Equal(ex.Attempts, handler.Sent.Count);
    }

    [Fact]
    public async Task A_write_cut_by_the_deadline_has_an_unknown_outcome()
    {
        var handler = new FakeHandler().Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DrippingStream()) });
        var ex = await Write(handler, o => o.Deadline = TimeSpan.FromMilliseconds(300));
        Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
        Assert.Contains("deadline", ex.Message);
    }

    [Fact]
    public async Task A_rejected_certificate_says_so_and_is_not_retried()
    {
        var handler = new FakeHandler()
            .Throw(new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")))
            .Reply(200, Ok);
        var ex = await Read(handler);
        Assert.Equal(ApiFailure.CertificateRejected, ex.Failure);
        Assert.Contains("TLS certificate of api.example.test was rejected", ex.Message);
        Assert.Contains("trust store", ex.Message);
        Assert.Contains("Do not turn certificate validation off", ex.Message);
        Assert.DoesNotContain("connection was lost", ex.Message);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task An_oversized_header_block_says_so()
    {
        var handler = new FakeHandler()
            .Throw(new HttpRequestException("The HTTP response headers length exceeded the set limit of 65536 bytes."))
            .Reply(200, Ok);
        var ex = await Read(handler);
        Assert.Equal(ApiFailure.HeadersTooLarge, ex.Failure);
        Assert.Contains("MaxResponseHeadersLength", ex.Message);
        Assert.DoesNotContain("connection was lost", ex.Message);
    }

    [Theory]
    [InlineData(1990)]
    [InlineData(1995)]
    [InlineData(1999)]
    public async Task A_secret_across_the_cut_of_an_error_body_keeps_no_part(int at)
    {
        var body = new string('x', at) + FakeHandler.Secret + new string('y', 3000);
        var ex = await Read(new FakeHandler().Reply(400, body, "text/plain"));
        Assert.DoesNotContain(FakeHandler.Secret.Substring(0, 4), ex.RedactedBody);
        Assert.Equal(2001, ex.RedactedBody!.Length);
    }

    [Fact]
    public async Task A_json_escaped_secret_in_an_error_body_is_masked()
    {
        var escaped = string.Concat(FakeHandler.Secret.Select(c => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
        var ex = await Read(new FakeHandler().Reply(400, "{\"echo\":\"" + escaped + "\"}"));
        Assert.DoesNotContain(escaped, ex.RedactedBody);
        Assert.Contains(Redactor.Mask, ex.RedactedBody);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data, 0, data.Length);
        }

        return output.ToArray();
    }

    /// <summary>A prefix, then 'a' forever; counts what was read.</summary>
    private sealed class EndlessStream(byte[]? prefix = null) : CountedStream(Stream.Null)
    {
        private readonly byte[] start = prefix ?? Array.Empty<byte>();

        protected override int Produce(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = Served + i;
                buffer[offset + i] = at < start.Length ? start[at] : (byte)'a';
            }

            return count;
        }
    }

    /// <summary>One byte every 200 ms, forever; cancellation ends the wait.</summary>
    private sealed class DrippingStream() : CountedStream(Stream.Null)
    {
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(200, cancellationToken);
            buffer[offset] = (byte)' ';
            return 1;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(200, cancellationToken);
            buffer.Span[0] = (byte)' ';
            return 1;
        }
    }

    /// <summary>Reads through to an inner stream (or <see cref="Produce"/>) and counts the bytes served.</summary>
    private class CountedStream(Stream inner) : Stream
    {
        public int Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Produce(buffer, offset, count);
            Served += read;
            return read;
        }

        protected virtual int Produce(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
