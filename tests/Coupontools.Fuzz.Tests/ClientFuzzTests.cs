using System.Net;
using System.Net.Sockets;
using System.Text;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace Coupontools.Fuzz.Tests;

/// <summary>
/// The whole client (retry, envelope, readers, redaction, traces) behind a fake handler that answers
/// with random statuses, Retry-After values, content types, mutated bodies, broken streams and
/// transport exceptions: only <see cref="CoupontoolsApiException"/> escapes, a write is re-sent only
/// when the server said it did not process it, attempts and waits stay capped, and no secret shows.
/// </summary>
public class ClientFuzzTests
{
    private const string Secret = "Zq9ClientSecret-4471";
    private const string SubSecret = "Zq8SubaccountSecret-5582";
    private const int MaxRetries = 3;

    private readonly ITestOutputHelper output;

    public ClientFuzzTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    /// <summary>One scripted answer of the fake server.</summary>
    public sealed record Step(int Status, string? RetryAfter, string? ContentType, byte[] Body, int BreakAfter, Exception? Error)
    {
        public override string ToString() => Error != null
            ? $"throw {Error.GetType().Name}({Error.InnerException?.GetType().Name})"
            : $"{Status} Retry-After={RetryAfter ?? "-"} {ContentType ?? "-"} {(BreakAfter >= 0 ? $"break@{BreakAfter} " : "")}{Shorten(Body)}";

        private static string Shorten(byte[] body) => body.Length > 300 ? $"{body.Length} bytes: {Encoding.UTF8.GetString(body, 0, 300)}…" : Encoding.UTF8.GetString(body);
    }

    public sealed record Case(bool Write, bool Paged, Step[] Steps)
    {
        public override string ToString() => $"{(Write ? "write" : "read")}{(Paged ? " paged" : "")}:\n  " + string.Join("\n  ", Steps.Select(s => s.ToString()));
    }

    private static readonly Gen<string?> RetryAfter = Gen.Frequency(
        (6, Gen.Const((string?)null)),
        (3, Gen.Int[0, 120].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Int[-3600, 3600].Select(n => new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddSeconds(n).ToString("r"))),
        (2, Gen.OneOf("NaN", "nan", "Infinity", "-Infinity", "-1", "1e308", "0.5", "99999999999999999999", "", " ", "soon", "Tue, 99 Nov 2026 25:00:00 GMT",
            "1,5", "0x10", "\u0661", "+5", "5 ", "1.0E1")));

    private static readonly Gen<int> Status = Gen.Frequency(
        (6, Gen.Const(200)),
        (4, Gen.OneOf(429, 503, 502, 504, 500)),
        (2, Gen.OneOf(201, 204, 301, 400, 401, 403, 404, 408, 409, 422, 520, 599)),
        (1, Gen.Int[100, 599]));

    private static readonly Gen<Exception> TransportError = Gen.OneOf<Func<Exception>>(
            () => new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
            () => new HttpRequestException("Name not resolved", new SocketException((int)SocketError.HostNotFound)),
            () => new HttpRequestException("reset", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))),
            () => new HttpRequestException("The response ended prematurely."),
            () => new IOException("Broken pipe"),
            () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
            () => new OperationCanceledException("timed out"))
        .Select(make => make());

    /// <summary>Bodies: the mutated corpus, sometimes padded so a secret sits where a display cut falls, sometimes carrying secrets.</summary>
    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (6, JsonGen.AnyReply),
        (2, Gen.Select(Gen.Int[1950, 2050], Gen.Int[3950, 4050], Gen.Bool).Select((a, b, which) =>
            Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"" + (which ? "OK" : "failed") + "\"},\"pad\":\"" + new string('p', which ? b : a) +
                "\",\"api_secret\":\"" + SubSecret + "\",\"x\":\"" + Secret + "\"}"))),
        (1, Gen.Select(Gen.OneOf("error_message", "error_message_description", "token", "note"), Gen.Bool).Select((field, known) =>
            Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":[300],\"" + field + "\":[\"bad value " +
                (known ? Secret : "password=" + SubSecret) + "\"]}}}"))));

    private static readonly Gen<Step> StepGen = Gen.Frequency(
        (8, Gen.Select(Status, RetryAfter, Gen.OneOf("application/json", "text/html", "text/plain; charset=iso-8859-1", null), Body,
                Gen.Frequency((8, Gen.Const(-1)), (1, Gen.Int[0, 2000])))
            .Select((status, retryAfter, type, body, breakAfter) => new Step(status, retryAfter, type, body, breakAfter, null))),
        (2, TransportError.Select(e => new Step(0, null, null, Array.Empty<byte>(), -1, e))));

    private static readonly Gen<Case> CaseGen = Gen.Select(Gen.Bool, Gen.Bool, StepGen.Array[MaxRetries + 1])
        .Select((write, paged, steps) => new Case(write, paged && !write, steps));

    [Fact]
    public async Task Only_the_modules_exception_escapes_and_writes_are_never_repeated_unsafely()
    {
        await Fuzz.RunAsync(CaseGen, Check, 3000, output, "client with scripted server", c => c.ToString());
    }

    [Fact]
    public async Task Every_corpus_reply_cut_at_any_byte_is_a_clear_failure_through_the_client()
    {
        long runs = 0;
        foreach (var bytes in ReplyCorpus.Bytes.Take(40))
        {
            for (var length = 0; length < bytes.Length; length += 3)
            {
                foreach (var write in new[] { false, true })
                {
                    var body = bytes.AsSpan(0, length).ToArray();
                    var (handler, client, _, _) = Build(Enumerable.Repeat(new Step(200, null, "application/json", body, -1, null), MaxRetries + 1).ToArray());
                    var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() => client.SendAsync(Request(write, null), CancellationToken.None));
                    Assert.Equal(write ? ApiFailure.OutcomeUnknown : ApiFailure.InvalidReply, error.Failure);
                    Assert.Equal(1, handler.Calls);
                    Assert.Contains("/v3/", error.Message);
                    runs++;
                }
            }
        }

        Fuzz.Record(runs, output, "truncated replies through the client");
    }

    private static async Task Check(Case c)
    {
        var (handler, client, waits, observer) = Build(c.Steps);
        try
        {
            if (c.Paged)
            {
                var page = await client.SendPageAsync(Request(false, observer), "data", j => CouponSession.FromDataItem(j, "cam_1"), CancellationToken.None);
                Assert.NotNull(page.Items);
            }
            else
            {
                Assert.NotNull(await client.SendAsync(Request(c.Write, observer), CancellationToken.None));
            }

            var last = c.Steps[handler.Calls - 1];
            Assert.Null(last.Error);
            Assert.True(last.BreakAfter < 0 || last.BreakAfter >= last.Body.Length, "a broken stream was read as a whole reply");
        }
        catch (CoupontoolsApiException ex)
        {
            AssertNoSecret(ex.Message, ex.RedactedBody, ex.ApiMessage, ex.ApiText, string.Join(" ", ex.Descriptions));
            var last = c.Steps[handler.Calls - 1];
            var lostOrTimedOut = last.Error != null && !IsConnectFailure(last.Error) || (last.Error == null && last.BreakAfter >= 0 && last.BreakAfter < last.Body.Length);
            if (c.Write && lostOrTimedOut)
            {
                Assert.Equal(ApiFailure.OutcomeUnknown, ex.Failure);
            }

            Assert.Equal(handler.Calls, ex.Attempts);
        }

        Assert.InRange(handler.Calls, 1, MaxRetries + 1);
        AssertNoSecret(observer.Lines.ToArray());
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, RetryPolicy.MaxSingleWait));
        Assert.True(waits.Sum(w => w.Ticks) <= TimeSpan.FromMinutes(2).Ticks);
        if (c.Write)
        {
            // Re-sent only after an answer that says the request was not processed.
            for (var i = 0; i < handler.Calls - 1; i++)
            {
                var step = c.Steps[i];
                var notProcessed = (step.Error != null && IsConnectFailure(step.Error))
                    || (step.Error == null && (step.Status == 429 || (step.Status == 503 && RetryPolicy.ParseRetryAfter(step.RetryAfter, DateTimeOffset.UtcNow) != null)));
                Assert.True(notProcessed, $"the write was re-sent after: {step}");
            }
        }
    }

    private static bool IsConnectFailure(Exception error) =>
        error.InnerException is SocketException s && (s.SocketErrorCode == SocketError.ConnectionRefused || s.SocketErrorCode == SocketError.HostNotFound);

    private static ApiRequest Request(bool write, IRequestObserver? observer) =>
        new(write ? EndpointCatalog.SessionUpdate : EndpointCatalog.CampaignData,
            new Dictionary<string, object?> { ["campaign"] = "cam_1", ["couponsession"] = "ac6s7u3g8a25ja7x9qg87", ["password"] = SubSecret, ["note"] = Secret })
        { Observer = observer };

    private static void AssertNoSecret(params string?[] texts)
    {
        foreach (var text in texts.Where(t => t != null))
        {
            Assert.DoesNotContain(Secret.Substring(0, 6), text);
            Assert.DoesNotContain(SubSecret.Substring(0, 6), text);
        }
    }

    private static (ScriptedHandler Handler, CoupontoolsClient Client, List<TimeSpan> Waits, RecordingObserver Observer) Build(Step[] steps)
    {
        var handler = new ScriptedHandler(steps);
        var client = new CoupontoolsClient(new ClientOptions
        {
            BaseUri = new Uri("https://api.example.test/"),
            ClientId = "client-1",
            ClientSecret = Secret,
            MaxRetryCount = MaxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Handler = handler,
        });
        var waits = new List<TimeSpan>();
        client.Delay = (wait, _) =>
        {
            lock (waits)
            {
                waits.Add(wait);
            }

            return Task.CompletedTask;
        };
        client.Clock = () => new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        return (handler, client, waits, new RecordingObserver());
    }

    private sealed class RecordingObserver : IRequestObserver
    {
        public List<string> Lines { get; } = new();

        public bool WantsBodies => true;

        public void OnTrace(string line) => Lines.Add(line);

        public void OnBody(string text) => Lines.Add(text);
    }

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Step[] steps;

        public ScriptedHandler(Step[] steps)
        {
            this.steps = steps;
        }

        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Calls >= steps.Length)
            {
                throw new InvalidOperationException("More attempts than the retry limit allows.");
            }

            var step = steps[Calls++];
            if (step.Error != null)
            {
                throw step.Error;
            }

            var content = step.BreakAfter >= 0 && step.BreakAfter < step.Body.Length
                ? (HttpContent)new StreamContent(new BreakingStream(step.Body, step.BreakAfter))
                : new ByteArrayContent(step.Body);
            if (step.ContentType != null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", step.ContentType);
            }

            var response = new HttpResponseMessage((HttpStatusCode)step.Status) { Content = content, RequestMessage = request };
            if (step.RetryAfter != null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", step.RetryAfter);
            }

            return Task.FromResult(response);
        }
    }

    /// <summary>A body whose connection drops after some bytes.</summary>
    private sealed class BreakingStream : MemoryStream
    {
        private readonly int breakAfter;

        public BreakingStream(byte[] body, int breakAfter)
            : base(body)
        {
            this.breakAfter = breakAfter;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= breakAfter ? throw new IOException("The connection was reset.") : base.Read(buffer, offset, (int)Math.Min(count, breakAfter - Position));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (Position >= breakAfter)
            {
                throw new IOException("The connection was reset.");
            }

            var n = (int)Math.Min(buffer.Length, breakAfter - Position);
            return base.ReadAsync(buffer.Slice(0, n), cancellationToken);
        }
    }
}
