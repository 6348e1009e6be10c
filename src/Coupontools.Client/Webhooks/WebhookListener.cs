using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using Coupontools.Client.Webhooks.Http;

namespace Coupontools.Client.Webhooks
{
    /// <summary>What the listener did with one HTTP request.</summary>
    public enum DeliveryOutcome
    {
        /// <summary>A JSON object POSTed to the path: answered 200 and queued as an event.</summary>
        Accepted,
        /// <summary>Not a JSON object: answered 400.</summary>
        Malformed,
        /// <summary>Longer than the cap: answered 413 without reading it whole.</summary>
        TooLarge,
        /// <summary>Another path: answered 404.</summary>
        WrongPath,
        /// <summary>Not a POST: answered 405.</summary>
        WrongMethod,
        /// <summary>The queue was full: answered 503 with Retry-After, so the sender delivers it again.</summary>
        Busy,
        /// <summary>The x-hmac signature was missing or wrong: answered 401.</summary>
        SignatureInvalid,
        /// <summary>Handled before (this run or, with a state file, an earlier one): answered 200, not written again.</summary>
        Duplicate,
        /// <summary>Queued, but the state file could not be written: answered 500, so the sender delivers it again.</summary>
        NotRecorded,
        /// <summary>Broke HTTP/1.1 framing rules or named another Host: answered 400 (431, 417, 505) and the connection closed.</summary>
        BadRequest,
        /// <summary>Did not arrive whole: answered 408 (too slow), 400 (the connection ended first) or 503 (shed at the connection limit), never 2xx.</summary>
        Incomplete,
    }

    /// <summary>One request the listener answered, as the pipeline thread sees it.</summary>
    public sealed class WebhookDelivery
    {
        public DeliveryOutcome Outcome { get; set; }

        /// <summary>The HTTP status the sender got.</summary>
        public int StatusCode { get; set; }

        public string Method { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;

        public string? RemoteEndPoint { get; set; }

        /// <summary>The declared Content-Length, or null for a chunked body.</summary>
        public long? ContentLength { get; set; }

        public DateTime ReceivedAt { get; set; }

        /// <summary>The parsed event (Accepted only).</summary>
        public WebhookEvent? Event { get; set; }

        /// <summary>Why the body was refused (Malformed, TooLarge, SignatureInvalid).</summary>
        public CoupontoolsApiException? Error { get; set; }

        /// <summary>What the sender was told, for requests refused before their body was read whole.</summary>
        public string? Reason { get; set; }

        public override string ToString() => $"{Method} {Path} from {RemoteEndPoint} -> {StatusCode}";
    }

    public sealed class WebhookListenerOptions
    {
        /// <summary>Prefixes in HttpListener's form, each ending in '/' (http://127.0.0.1:8080/, http://+:8080/hooks/); http only.</summary>
        public IList<string> Prefixes { get; } = new List<string>();

        /// <summary>Paths deliveries are accepted on (compared without a trailing '/'); empty means each prefix's own path.</summary>
        public IList<string> Paths { get; } = new List<string>();

        public long MaxBodyBytes { get; set; } = 1024 * 1024;

        /// <summary>Answered-but-not-yet-taken deliveries kept; beyond it senders get 503.</summary>
        public int QueueCapacity { get; set; } = 10000;

        /// <summary>Connections open at once; at the limit the one that has waited longest for its client is closed.</summary>
        public int MaxConnections { get; set; } = 1000;

        /// <summary>Bytes of bodies beyond their first 16 KB held by all connections at once (503 beyond); never less than twice MaxBodyBytes.</summary>
        public long MaxBufferedBodyBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>The request line and header fields of one request together (431 beyond).</summary>
        public int MaxHeaderBytes { get; set; } = 8192;

        /// <summary>A request head (or the next request on a kept-alive connection) must arrive within this time (408, or closed when idle).</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>A body that has not arrived whole in this time after its head is answered 408 (never 2xx).</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Checks each body's x-hmac header (401 when it fails); null accepts unsigned deliveries.</summary>
        public WebhookSignature? Signature { get; set; }

        /// <summary>Decides which deliveries are new before they are answered; null queues every one.</summary>
        public WebhookLedger? Ledger { get; set; }
    }

    /// <summary>
    /// Receives webhook deliveries on a strict HTTP/1.1 server of its own (<see cref="StrictHttpServer"/>;
    /// HttpListener could not be made to refuse ambiguous framing or to stop waiting for slow bodies):
    /// connections are served concurrently, each head and body against a deadline; a delivery is
    /// answered 200 only once its body was read whole, parsed and queued. The caller takes
    /// deliveries from the queue on its own thread with <see cref="TryTake"/>. <see cref="Dispose"/>
    /// closes the port.
    /// </summary>
    public sealed class WebhookListener : IDisposable, IHttpRequestHandler
    {
        private readonly WebhookListenerOptions options;
        private readonly BlockingCollection<WebhookDelivery> queue;
        private readonly HashSet<string> paths;
        private readonly StrictHttpServer server;
        private int unreported;
        private int stopped;

        public WebhookListener(WebhookListenerOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.Prefixes.Count == 0)
            {
                throw new ArgumentException("At least one prefix is needed.", nameof(options));
            }

            if (options.QueueCapacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "QueueCapacity must be positive.");
            }

            this.options = options;
            var prefixes = options.Prefixes.Select(HttpPrefix.Parse).ToList();
            var wanted = options.Paths.Count > 0 ? options.Paths : prefixes.Select(p => p.Path).ToList();
            paths = new HashSet<string>(wanted.Select(NormalizePath), StringComparer.Ordinal);
            queue = new BlockingCollection<WebhookDelivery>(new ConcurrentQueue<WebhookDelivery>(), options.QueueCapacity);
            server = new StrictHttpServer(prefixes, new HttpServerLimits
            {
                MaxBodyBytes = options.MaxBodyBytes,
                MaxConnections = options.MaxConnections,
                MaxHeaderBytes = options.MaxHeaderBytes,
                MaxBufferedBodyBytes = options.MaxBufferedBodyBytes,
                HeaderTimeout = options.HeaderTimeout,
                BodyTimeout = options.BodyTimeout,
            }, this);
            MaxBodyBytes = options.MaxBodyBytes;
        }

        /// <summary>Paths accepted, without their trailing '/' ('' for the root).</summary>
        public IReadOnlyCollection<string> AcceptedPaths => paths;

        public IReadOnlyCollection<string> Prefixes => server.Prefixes.Select(p => p.Text).ToList();

        public long MaxBodyBytes { get; }

        /// <summary>Deliveries answered but not taken yet.</summary>
        public int Pending => queue.Count;

        /// <summary>Connections open now.</summary>
        public int OpenConnections => server.OpenConnections;

        /// <summary>Refused requests not queued for reporting because the queue was half full (the rest is kept for deliveries).</summary>
        public int Unreported => Volatile.Read(ref unreported);

        /// <summary>Binds the prefixes and starts accepting. Throws <see cref="System.Net.Sockets.SocketException"/> when a port cannot be bound.</summary>
        public void Start() => server.Start();

        /// <summary>Takes the next delivery, waiting up to <paramref name="millisecondsTimeout"/>; throws OperationCanceledException when cancelled.</summary>
        public bool TryTake(out WebhookDelivery delivery, int millisecondsTimeout, CancellationToken cancellationToken)
        {
            if (queue.IsCompleted)
            {
                delivery = null!;
                return false;
            }

            return queue.TryTake(out delivery!, millisecondsTimeout, cancellationToken);
        }

        /// <summary>
        /// Stops accepting and closes the port; requests being read get up to <paramref name="drain"/> to
        /// finish. Deliveries already queued can still be taken afterwards.
        /// </summary>
        public void Stop(TimeSpan drain)
        {
            if (Interlocked.Exchange(ref stopped, 1) == 1)
            {
                return;
            }

            server.Stop(drain);
            queue.CompleteAdding();
        }

        public void Dispose() => Stop(TimeSpan.FromMilliseconds(500));

        internal static string NormalizePath(string path)
        {
            var p = "/" + (path ?? string.Empty).Trim().Trim('/');
            return p == "/" ? string.Empty : p;
        }

        internal static string PathOfPrefix(string prefix)
        {
            var at = prefix.IndexOf("://", StringComparison.Ordinal);
            var slash = at < 0 ? -1 : prefix.IndexOf('/', at + 3);
            return slash < 0 ? "/" : prefix.Substring(slash);
        }

        HttpAnswer? IHttpRequestHandler.Screen(HttpRequestHead head)
        {
            if (!paths.Contains(NormalizePath(head.Path)))
            {
                return Refuse(NewDelivery(head), DeliveryOutcome.WrongPath, new HttpAnswer(404, "Not found."));
            }

            if (!string.Equals(head.Method, "POST", StringComparison.Ordinal))
            {
                return Refuse(NewDelivery(head), DeliveryOutcome.WrongMethod, new HttpAnswer(405, "Method not allowed: deliveries are POSTed.").With("Allow", "POST"));
            }

            return null;
        }

        HttpAnswer IHttpRequestHandler.Accept(HttpRequestHead head, byte[] body, int length) => AcceptDelivery(head, body, length);

        void IHttpRequestHandler.Refused(HttpRequestHead? head, EndPoint? remote, HttpAnswer answer, HttpRefusal why)
        {
            var delivery = head != null ? NewDelivery(head) : new WebhookDelivery { RemoteEndPoint = remote?.ToString(), ReceivedAt = DateTime.UtcNow };
            switch (why)
            {
                case HttpRefusal.TooLarge:
                    delivery.Error = TooLarge(delivery.ContentLength);
                    Refuse(delivery, DeliveryOutcome.TooLarge, answer);
                    break;
                case HttpRefusal.Malformed:
                    Refuse(delivery, DeliveryOutcome.BadRequest, answer);
                    break;
                default:
                    Refuse(delivery, DeliveryOutcome.Incomplete, answer);
                    break;
            }
        }

        /// <summary>
        /// The one point where a complete, well-formed request body, POSTed to an accepted path, becomes
        /// a delivery: the answer returned is what the sender gets. 200 only once the event is parsed and
        /// queued for the pipeline; 400 for a body that is not a JSON object; 503 (with Retry-After) when
        /// the queue is full, so the sender delivers it again. Checks of the delivery itself (a
        /// signature, for instance) belong here, before it is queued.
        /// </summary>
        private HttpAnswer AcceptDelivery(HttpRequestHead request, byte[] body, int length)
        {
            var delivery = NewDelivery(request);
            var signed = options.Signature?.Check(request.Header(WebhookSignature.Header), body, length) ?? SignatureCheck.Valid;
            if (signed != SignatureCheck.Valid)
            {
                delivery.Error = new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source,
                    $"A webhook delivery was refused (401): {WebhookSignature.Describe(signed)}.");
                return Refuse(delivery, DeliveryOutcome.SignatureInvalid, new HttpAnswer(401, "Signature missing or invalid."));
            }

            try
            {
                delivery.Event = WebhookParser.Parse(body, length);
            }
            catch (CoupontoolsApiException ex)
            {
                delivery.Error = ex;
                return Refuse(delivery, DeliveryOutcome.Malformed, new HttpAnswer(400, "The body is not a JSON object."));
            }

            delivery.Outcome = DeliveryOutcome.Accepted;
            delivery.StatusCode = 200;
            var admission = options.Ledger?.Admit(delivery.Event, () => Enqueue(delivery, reserved: false))
                ?? (Enqueue(delivery, reserved: false) ? Admission.Accepted : Admission.Busy);
            if (admission == Admission.Busy)
            {
                // Not taken: the sender is told to come back, so nothing answered 200 is lost.
                delivery.Event = null;
                return new HttpAnswer(503, "Busy; deliver again later.").With("Retry-After", "5");
            }

            if (admission == Admission.NotRecorded)
            {
                // Queued (so written), but a restart would not know it: the sender comes back and this run skips it.
                var report = new WebhookDelivery { Method = delivery.Method, Path = delivery.Path, RemoteEndPoint = delivery.RemoteEndPoint, ReceivedAt = delivery.ReceivedAt };
                report.Error = new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source,
                    $"Event '{delivery.Event.EventId}' could not be recorded in the state file ({options.Ledger!.LastFailure?.Message}); answered 500 so it is delivered again.");
                return Refuse(report, DeliveryOutcome.NotRecorded, new HttpAnswer(500, "Could not record the delivery; deliver again later."));
            }

            if (admission == Admission.Duplicate)
            {
                delivery.Outcome = DeliveryOutcome.Duplicate;
                Enqueue(delivery, reserved: false);
            }

            return new HttpAnswer(200, string.Empty);
        }

        private static WebhookDelivery NewDelivery(HttpRequestHead head) => new WebhookDelivery
        {
            Method = head.Method,
            Path = head.Path,
            RemoteEndPoint = head.Remote?.ToString(),
            ContentLength = head.Chunked ? (long?)null : head.ContentLength,
            ReceivedAt = DateTime.UtcNow,
        };

        /// <summary>Queues a refused request for the pipeline to report, and returns its answer.</summary>
        private HttpAnswer Refuse(WebhookDelivery delivery, DeliveryOutcome outcome, HttpAnswer answer)
        {
            delivery.Outcome = outcome;
            delivery.StatusCode = answer.Status;
            delivery.Reason = answer.Text;
            if (!Enqueue(delivery, reserved: true))
            {
                Interlocked.Increment(ref unreported);
            }

            return answer;
        }

        /// <summary>Reports of refusals may fill only half the queue, so a flood of bad requests cannot crowd out deliveries.</summary>
        private bool Enqueue(WebhookDelivery delivery, bool reserved)
        {
            try
            {
                return !queue.IsAddingCompleted && (!reserved || queue.Count < queue.BoundedCapacity / 2) && queue.TryAdd(delivery);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private CoupontoolsApiException TooLarge(long? declared) =>
            new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source, declared.HasValue
                ? $"A webhook delivery of {declared} bytes was refused (413): the limit is {MaxBodyBytes} bytes (-MaxBodyBytes)."
                : $"A chunked webhook delivery was refused (413) after {MaxBodyBytes} bytes: the limit is {MaxBodyBytes} bytes (-MaxBodyBytes).");
    }
}
