using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// Sends requests for one connection through one <see cref="HttpClient"/>: JSON bodies,
    /// credentials in headers, a timeout per attempt, the retry rules of <see cref="RetryPolicy"/>,
    /// envelope checking, and redacted traces. Safe to use from many threads at once. The v4 REST
    /// family's replies (bare JSON, HTTP statuses as errors) are read in CoupontoolsClient.Rest.cs.
    /// </summary>
    public sealed partial class CoupontoolsClient : IDisposable
    {
        private const int MaxBodyInError = 2000;
        private const int MaxBodyInDebug = 4000;
        private static readonly TimeSpan MinAttemptTime = TimeSpan.FromMilliseconds(1);
        private static readonly MediaTypeHeaderValue JsonContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        private readonly HttpClient http;
        private readonly Uri baseUri;
        private readonly string clientId;
        private readonly string clientSecret;
        private readonly TimeSpan timeout;
        private readonly TimeSpan deadline;
        private readonly long maxReplyBytes;
        private readonly int maxStringLength;

        public CoupontoolsClient(ClientOptions options)
        {
            options.Validate();
            baseUri = options.BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? options.BaseUri : new Uri(options.BaseUri.AbsoluteUri + "/");
            clientId = options.ClientId.Trim();
            clientSecret = options.ClientSecret;
            timeout = options.Timeout;
            deadline = options.Deadline;
            maxReplyBytes = options.MaxReplyBytes;
            maxStringLength = options.MaxStringLength;
            Redactor = new Redactor();
            Redactor.AddSecret(clientSecret);
            RetryPolicy = new RetryPolicy(options.MaxRetryCount, options.RetryBaseDelay, options.MaxRetryWait);
            RateLimiter = new RateLimiter(delay: (wait, token) => Delay(wait, token));
            http = new HttpClient(options.Handler ?? CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // Inflated by BoundedReply, not by the handler, so the compressed and inflated sizes are both counted.
            http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }

        public Redactor Redactor { get; }

        public RetryPolicy RetryPolicy { get; }

        /// <summary>The request rate this connection learned from 429s, shared by every request sent through it.</summary>
        public RateLimiter RateLimiter { get; }

        /// <summary>Waits between attempts; replaced in tests.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Sends the request and returns the reply's payload without its envelope.</summary>
        public Task<JObject> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
            SendAsync(request, () => new PayloadReader(), cancellationToken);

        /// <summary>Sends a request for one page and reads its items as they are parsed.</summary>
        public Task<Page<T>> SendPageAsync<T>(ApiRequest request, string arrayName, Func<JObject, T> map, CancellationToken cancellationToken) =>
            SendAsync(request, () => new PageReader<T>(arrayName, map), cancellationToken);

        /// <summary>Sends a request for one page and reads each item straight from the token stream (no JSON tree per item).</summary>
        public Task<Page<T>> ReadPageAsync<T>(ApiRequest request, string arrayName, Func<JsonReader, T> readItem, CancellationToken cancellationToken) =>
            SendAsync(request, () => new PageReader<T>(arrayName, readItem), cancellationToken);

        public Task<T> SendAsync<T>(ApiRequest request, Func<ReplyReader<T>> readerFactory, CancellationToken cancellationToken)
        {
            if (request.Family == Endpoints.WireFamily.V4Rest)
            {
                throw new ArgumentException($"{request.Path} is a v4 REST path, whose replies have no envelope: send it with SendRestAsync.", nameof(request));
            }

            return ExchangeAsync(request, (attempt, attempts) => Finish(request, attempt, readerFactory(), attempts), cancellationToken);
        }

        /// <summary>Sends the request, retrying as the rules allow, and hands the last attempt to <paramref name="finish"/>.</summary>
        private async Task<T> ExchangeAsync<T>(ApiRequest request, Func<Attempt, int, T> finish, CancellationToken cancellationToken)
        {
            var body = BodyOf(request);
            if (request.Observer?.WantsBodies == true)
            {
                request.Observer.OnBody("Request " + request.Path + " " + Redactor.Redact(body == null ? string.Empty : Encoding.UTF8.GetString(body)));
            }

            var retries = 0;
            var waited = TimeSpan.Zero;
            var call = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var startedAt = await RateLimiter.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var remaining = deadline - call.Elapsed;
                var cutByDeadline = remaining < timeout;
                var attemptTimeout = !cutByDeadline ? timeout : remaining > MinAttemptTime ? remaining : MinAttemptTime;
                using (var attempt = await SendOnceAsync(request, body, attemptTimeout, cancellationToken).ConfigureAwait(false))
                {
                    if (attempt.Outcome == AttemptOutcome.Reply)
                    {
                        if (attempt.StatusCode == 429)
                        {
                            RateLimiter.OnRateLimited(startedAt, RetryPolicy.ParseRetryAfter(attempt.RetryAfter, Clock()));
                        }
                        else
                        {
                            RateLimiter.OnSuccess();
                        }
                    }

                    attempt.DeadlineReached = cutByDeadline && attempt.Outcome == AttemptOutcome.TimedOut;
                    var decision = request.NoRetry
                        ? RetryDecision.Stop("no retries for this request")
                        : RetryPolicy.Decide(retries, waited, request.SafeToRepeat, attempt.Outcome, attempt.StatusCode, attempt.RetryAfter, Clock());
                    if (decision.Retry && call.Elapsed + decision.Delay >= deadline)
                    {
                        decision = RetryDecision.Stop(decision.Reason + "; the call's deadline would pass before the next attempt");
                        attempt.DeadlineReached = true;
                    }
                    request.Observer?.OnTrace(TraceLine(request, attempt, clock.ElapsedMilliseconds, retries, decision));
                    if (request.Observer?.WantsBodies == true && attempt.Outcome == AttemptOutcome.Reply)
                    {
                        request.Observer.OnBody("Reply " + request.Path + " " + attempt.RedactedBodyText(Redactor, MaxBodyInDebug));
                    }

                    if (decision.Retry)
                    {
                        await Delay(decision.Delay, cancellationToken).ConfigureAwait(false);
                        waited += decision.Delay;
                        retries++;
                        continue;
                    }

                    return finish(attempt, retries + 1);
                }
            }
        }

        public void Dispose() => http.Dispose();

        private T Finish<T>(ApiRequest request, Attempt attempt, ReplyReader<T> reader, int attempts)
        {
            var path = request.Path;
            var write = !request.SafeToRepeat;
            ThrowIfNoReplyOrRateLimited(request, attempt, attempts);
            var status = attempt.StatusCode;
            var bodyText = new Lazy<string>(() => attempt.RedactedBodyText(Redactor, MaxBodyInError));
            if (status >= 200 && status < 300 && reader.TakesRaw(attempt.MediaType))
            {
                attempt.Body.Position = 0;
                reader.ReadRaw(attempt.MediaType, attempt.Body);
                return reader.GetResult();
            }

            EnvelopeStatus envelope;
            try
            {
                attempt.Body.Position = 0;
                envelope = EnvelopeParser.Parse(attempt.Body, reader);
            }
            catch (Exception ex) when (!(ex is CoupontoolsApiException))
            {
                if (status >= 500 || (write && status >= 200 && status < 300))
                {
                    if (write)
                    {
                        throw OutcomeUnknown(path, $"the reply was unreadable (HTTP {status})", bodyText.Value, attempt, attempts, ex);
                    }

                    throw new CoupontoolsApiException(ApiFailure.HttpError, path,
                        $"{path}: the server answered HTTP {status} {Reason(status)} without a readable reply (after {attempts} attempt{(attempts == 1 ? "" : "s")}).",
                        httpStatus: status, redactedBody: bodyText.Value, inner: ex, attempts: attempts);
                }

                throw new CoupontoolsApiException(status >= 200 && status < 300 ? ApiFailure.InvalidReply : ApiFailure.HttpError, path,
                    $"{path}: the reply (HTTP {status}) is not the API's JSON: {DescribeBody(attempt)}. {ex.Message}",
                    httpStatus: status, redactedBody: bodyText.Value, inner: ex, attempts: attempts);
            }

            if (envelope.IsOk || (envelope.Status == null && envelope.ErrorCodes.Count == 0 && status >= 200 && status < 300
                && request.Endpoint?.ReplyMayLackEnvelope == true))
            {
                return reader.GetResult();
            }

            if (envelope.Status == null && envelope.ErrorCodes.Count == 0)
            {
                if (write && (status >= 500 || (status >= 200 && status < 300)))
                {
                    throw OutcomeUnknown(path, $"the reply had no status (HTTP {status})", bodyText.Value, attempt, attempts);
                }

                throw new CoupontoolsApiException(status >= 500 ? ApiFailure.HttpError : ApiFailure.InvalidReply, path,
                    $"{path}: the reply (HTTP {status}) has no 'status' field, so success cannot be confirmed.",
                    httpStatus: status, redactedBody: bodyText.Value, attempts: attempts);
            }

            if (status >= 500 && envelope.ErrorCodes.Count == 0 && write)
            {
                throw OutcomeUnknown(path, $"the server failed (HTTP {status})", bodyText.Value, attempt, attempts);
            }

            var apiMessage = envelope.ErrorMessage;
            var words = envelope.Descriptions.Count > 0 ? string.Join(" ", envelope.Descriptions) : apiMessage ?? "status '" + envelope.Status + "'";
            var codes = envelope.ErrorCodes.Count > 0 ? " (" + CoupontoolsApiException.CodeLabel(envelope.ErrorCodes) + ")" : string.Empty;
            throw new CoupontoolsApiException(status >= 500 && envelope.ErrorCodes.Count == 0 ? ApiFailure.HttpError : ApiFailure.ApiError, path,
                $"{path}: {Redactor.Redact(words)}{codes}.", status, envelope.ErrorCodes, envelope.Descriptions.Select(Redactor.Redact).ToList(),
                Redactor.Redact(apiMessage), bodyText.Value, attempts: attempts);
        }

        /// <summary>
        /// Throws for an attempt that was refused (redirect, reply limits), cut by the call's deadline, got no reply
        /// (connect failure, lost connection, timeout) or a 429: the same in every family.
        /// </summary>
        private void ThrowIfNoReplyOrRateLimited(ApiRequest request, Attempt attempt, int attempts)
        {
            var path = request.Path;
            var write = !request.SafeToRepeat;
            if (attempt.Outcome == AttemptOutcome.Refused)
            {
                throw Refused(path, attempt, write, attempts);
            }

            if (attempt.DeadlineReached)
            {
                // A write whose reply never came whole may have been applied: that outweighs the deadline.
                if (write && attempt.Outcome == AttemptOutcome.TimedOut)
                {
                    throw OutcomeUnknown(path, $"the call's deadline of {Seconds(deadline)} s ran out before a whole reply arrived", null, attempt, attempts);
                }

                if (!(write && attempt.Outcome == AttemptOutcome.ConnectionLost))
                {
                    throw new CoupontoolsApiException(ApiFailure.DeadlineExceeded, path,
                        $"{path}: the call's deadline of {Seconds(deadline)} s ran out after {attempts} attempt{(attempts == 1 ? "" : "s")} (the last: {Summary(attempt)}). " +
                        "If the API is really this slow, run Connect-CtAccount with a larger -DeadlineSec.",
                        attempt.StatusCode == 0 ? (int?)null : attempt.StatusCode, inner: attempt.Error, attempts: attempts);
                }
            }

            switch (attempt.Outcome)
            {
                case AttemptOutcome.ConnectFailed:
                    throw new CoupontoolsApiException(ApiFailure.Transport, path,
                        $"Could not connect to {baseUri.Host} for {path}: {Redactor.Redact(attempt.Error?.Message)}", inner: attempt.Error, attempts: attempts);
                case AttemptOutcome.ConnectionLost:
                case AttemptOutcome.TimedOut:
                    var what = attempt.Outcome == AttemptOutcome.TimedOut
                        ? $"no whole reply within {Seconds(timeout)} s"
                        : "the connection was lost";
                    if (write)
                    {
                        throw OutcomeUnknown(path, what, null, attempt, attempts);
                    }

                    throw new CoupontoolsApiException(attempt.Outcome == AttemptOutcome.TimedOut ? ApiFailure.Timeout : ApiFailure.Transport, path,
                        $"{path}: {what} (after {attempts} attempt{(attempts == 1 ? "" : "s")}).", inner: attempt.Error, attempts: attempts);
            }

            var status = attempt.StatusCode;
            if (status == 429)
            {
                var after = RetryPolicy.ParseRetryAfter(attempt.RetryAfter, Clock());
                throw new CoupontoolsApiException(ApiFailure.RateLimited, path,
                    $"{path}: rate limited by the API (429) after {attempts} attempt{(attempts == 1 ? "" : "s")}" +
                    (after.HasValue ? $"; it asked to wait {after.Value.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s." : "."),
                    httpStatus: status, redactedBody: attempt.RedactedBodyText(Redactor, MaxBodyInError), attempts: attempts, retryAfter: after);
            }
        }

        private static CoupontoolsApiException Refused(string path, Attempt attempt, bool write, int attempts)
        {
            var refusal = attempt.Refusal!;
            if (write && refusal.OutcomeUnknownForWrites)
            {
                return OutcomeUnknown(path, refusal.What, null, attempt, attempts);
            }

            var unknown = write && refusal.RequestSent ? " It is not known whether the change was applied; check before running it again." : string.Empty;
            return new CoupontoolsApiException(refusal.Failure, path, $"{path}: {refusal.What}.{unknown} {refusal.Advice}",
                attempt.StatusCode == 0 ? (int?)null : attempt.StatusCode, inner: attempt.Error, attempts: attempts);
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

        private static CoupontoolsApiException OutcomeUnknown(string path, string what, string? body, Attempt attempt, int attempts, Exception? inner = null) =>
            new CoupontoolsApiException(ApiFailure.OutcomeUnknown, path,
                $"{path}: {what}, so it is not known whether the change was applied. It was not sent again, to avoid applying it twice; check the current state before retrying.",
                attempt.StatusCode == 0 ? (int?)null : attempt.StatusCode, redactedBody: body, inner: inner ?? attempt.Error, attempts: attempts);

        private async Task<Attempt> SendOnceAsync(ApiRequest request, byte[]? body, TimeSpan attemptTimeout, CancellationToken cancellationToken)
        {
            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var message = NewMessage(request, body))
            {
                timeoutSource.CancelAfter(attemptTimeout);
                var status = 0;
                try
                {
                    using (var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false))
                    {
                        status = (int)response.StatusCode;
                        var redirect = Refusal.ForRedirect(response, message.RequestUri, Redactor);
                        if (redirect != null)
                        {
                            return Attempt.Refused(redirect, status);
                        }

                        // The attempt's timeout covers the body too: a server that drips its reply is cut off like a silent one.
                        var buffer = await BoundedReply.ReadAsync(response.Content, maxReplyBytes, maxStringLength, timeoutSource.Token).ConfigureAwait(false);
                        return Attempt.Reply(status, RetryAfterOf(response), response.Content.Headers.ContentType?.MediaType, buffer);
                    }
                }
                catch (ReplyLimitExceededException ex)
                {
                    return Attempt.Refused(Refusal.ForLimit(ex), status, ex);
                }
                catch (InvalidDataException ex)
                {
                    return Attempt.Refused(Refusal.ForUnreadableEncoding(ex), status, ex);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    return Attempt.Failed(AttemptOutcome.TimedOut, ex);
                }
                catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var refusal = Refusal.ForTransport(ex, message.RequestUri, MaxResponseHeadersKilobytes);
                    if (refusal != null)
                    {
                        return Attempt.Refused(refusal, status, ex);
                    }

                    return Attempt.Failed(IsConnectFailure(ex) ? AttemptOutcome.ConnectFailed : AttemptOutcome.ConnectionLost, ex);
                }
                catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    return Attempt.Failed(AttemptOutcome.ConnectionLost, ex);
                }
            }
        }

        private static bool IsConnectFailure(Exception ex)
        {
            for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound
                        || socket.SocketErrorCode == SocketError.NetworkUnreachable || socket.SocketErrorCode == SocketError.HostUnreachable
                        || socket.SocketErrorCode == SocketError.TryAgain;
                }
            }

            return false;
        }

        private static string? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null)
            {
                return response.Headers.TryGetValues("Retry-After", out var raw) ? raw.FirstOrDefault() : null;
            }

            return header.Delta.HasValue
                ? header.Delta.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)
                : header.Date?.ToString("r", CultureInfo.InvariantCulture);
        }

        private static string Summary(Attempt attempt) =>
            attempt.Outcome == AttemptOutcome.Reply
                ? attempt.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + Reason(attempt.StatusCode)
                : attempt.Outcome == AttemptOutcome.Refused ? "refused (" + attempt.Refusal!.Failure + ")"
                : attempt.Outcome == AttemptOutcome.TimedOut ? "timed out" : attempt.Outcome == AttemptOutcome.ConnectFailed ? "connect failed" : "connection lost";

        private static string TraceLine(ApiRequest request, Attempt attempt, long milliseconds, int retries, RetryDecision decision)
        {
            var line = $"{request.Method} {request.Path} -> {Summary(attempt)} in {milliseconds} ms" + (retries > 0 ? $" (retry {retries})" : string.Empty);
            if (decision.Retry)
            {
                line += $"; retrying in {decision.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {decision.Reason}";
            }

            return line;
        }

        internal static byte[] Serialize(IDictionary<string, object?> fields) => Serialize(writer => WriteFields(writer, fields));

        /// <summary>A JSON array of objects, each without its null fields.</summary>
        internal static byte[] Serialize(IReadOnlyList<IDictionary<string, object?>> items) => Serialize(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                WriteFields(writer, item);
            }

            writer.WriteEndArray();
        });

        private static byte[] Serialize(Action<JsonWriter> write)
        {
            using (var buffer = new MemoryStream())
            {
                using (var text = new StreamWriter(buffer, new UTF8Encoding(false)))
                // Everything outside ASCII is written as a \u escape: the value arrives exactly as given (an
                // unpaired surrogate would otherwise be replaced by U+FFFD when encoded as UTF-8, silently).
                using (var writer = new JsonTextWriter(text) { StringEscapeHandling = StringEscapeHandling.EscapeNonAscii })
                {
                    write(writer);
                }

                return buffer.ToArray();
            }
        }

        private static void WriteFields(JsonWriter writer, IDictionary<string, object?> fields)
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                if (field.Value != null)
                {
                    writer.WritePropertyName(field.Key);
                    WriteValue(writer, field.Value);
                }
            }

            writer.WriteEndObject();
        }

        private static void WriteValue(JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNull();
                    break;
                case string s:
                    writer.WriteValue(s);
                    break;
                case bool b:
                    writer.WriteValue(b);
                    break;
                case DateTime d:
                    writer.WriteValue(d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    break;
                case JToken token:
                    token.WriteTo(writer);
                    break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        WriteValue(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteValue(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                case IFormattable number when value is int || value is long || value is short || value is byte || value is decimal || value is double || value is float || value is uint || value is ulong:
                    writer.WriteRawValue(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static string DescribeBody(Attempt attempt)
        {
            if (attempt.Body.Length == 0)
            {
                return "the body is empty";
            }

            var start = attempt.BodyText(200).TrimStart();
            if (start.StartsWith("<", StringComparison.Ordinal))
            {
                return "an HTML page came back" + (attempt.MediaType != null ? " (" + attempt.MediaType + ")" : string.Empty);
            }

            return start.StartsWith("{", StringComparison.Ordinal) ? "the JSON is cut short or malformed" : "the body is not JSON";
        }

        private static string Reason(int status) =>
            Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : string.Empty;

        /// <summary>The handler's header limit, named in the error when a reply breaks it.</summary>
        internal const int MaxResponseHeadersKilobytes = 64;

        internal static HttpClientHandler CreateHandler(ClientOptions options)
        {
            // No redirects (Refusal.ForRedirect says why), no cookies (the API keeps no session; a cookie
            // jar would carry whatever a server set into later calls), and headers no larger than the default.
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            try
            {
                handler.MaxResponseHeadersLength = MaxResponseHeadersKilobytes;
            }
            catch (PlatformNotSupportedException)
            {
                // .NET Framework: the limit is HttpWebRequest.DefaultMaximumResponseHeadersLength (64 KB) instead.
            }

            try
            {
                handler.MaxConnectionsPerServer = 64;
            }
            catch (PlatformNotSupportedException)
            {
                // Older .NET Framework handlers: ServicePointManager governs the limit instead.
            }

            if (options.Proxy != null)
            {
                handler.Proxy = new WebProxy(options.Proxy) { Credentials = options.ProxyCredentials };
                handler.UseProxy = true;
            }

            return handler;
        }

        private sealed class Attempt : IDisposable
        {
            private Attempt(AttemptOutcome outcome, int statusCode, string? retryAfter, string? mediaType, ReplyBuffer body, Exception? error, Refusal? refusal = null)
            {
                Refusal = refusal;
                Outcome = outcome;
                StatusCode = statusCode;
                RetryAfter = retryAfter;
                MediaType = mediaType;
                Body = body;
                Error = error;
            }

            public AttemptOutcome Outcome { get; }

            public int StatusCode { get; }

            public string? RetryAfter { get; }

            public string? MediaType { get; }

            public ReplyBuffer Body { get; }

            public Exception? Error { get; }

            public Refusal? Refusal { get; }

            /// <summary>The call's deadline cut this attempt short, or left no time for the retry it would have earned.</summary>
            public bool DeadlineReached { get; set; }

            public static Attempt Reply(int status, string? retryAfter, string? mediaType, ReplyBuffer body) =>
                new Attempt(AttemptOutcome.Reply, status, retryAfter, mediaType, body, null);

            public static Attempt Refused(Refusal refusal, int status, Exception? error = null) =>
                new Attempt(AttemptOutcome.Refused, status, null, null, new ReplyBuffer(), error, refusal);

            public static Attempt Failed(AttemptOutcome outcome, Exception error) =>
                new Attempt(outcome, 0, null, null, new ReplyBuffer(), error);

            public string BodyText(int maxChars)
            {
                var bytes = Body.Prefix((int)Math.Min(int.MaxValue, maxChars * 4L));
                var text = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                return text.Length > maxChars ? text.Substring(0, maxChars) + "…" : text;
            }

            /// <summary>
            /// The start of the body with secrets masked, then cut to <paramref name="maxChars"/>: masking first
            /// (over a window longer by the longest form a secret can take) so a secret across the cut cannot keep its first part.
            /// </summary>
            public string RedactedBodyText(Redactor redactor, int maxChars)
            {
                var text = redactor.Redact(BodyText(maxChars + redactor.LongestSecretForm));
                return text.Length > maxChars ? text.Substring(0, maxChars) + "…" : text;
            }

            public void Dispose() => Body.Dispose();
        }
    }
}
