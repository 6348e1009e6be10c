using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

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

        public override string ToString() => $"{Method} {Path} from {RemoteEndPoint} -> {StatusCode}";
    }

    public sealed class WebhookListenerOptions
    {
        /// <summary>HttpListener prefixes, each ending in '/' (http://127.0.0.1:8080/, http://+:8080/).</summary>
        public IList<string> Prefixes { get; } = new List<string>();

        /// <summary>Paths deliveries are accepted on (compared without a trailing '/'); empty means each prefix's own path.</summary>
        public IList<string> Paths { get; } = new List<string>();

        public long MaxBodyBytes { get; set; } = 1024 * 1024;

        /// <summary>Answered-but-not-yet-taken deliveries kept; beyond it senders get 503.</summary>
        public int QueueCapacity { get; set; } = 10000;

        /// <summary>Requests handled at once.</summary>
        public int MaxConcurrentRequests { get; set; } = 64;

        /// <summary>A body that has not arrived whole in this time is dropped (the connection is aborted).</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Checks each body's x-hmac header (401 when it fails); null accepts unsigned deliveries.</summary>
        public WebhookSignature? Signature { get; set; }

        /// <summary>Decides which deliveries are new before they are answered; null queues every one.</summary>
        public WebhookLedger? Ledger { get; set; }
    }

    /// <summary>
    /// Receives webhook deliveries with <see cref="HttpListener"/> (http.sys on Windows PowerShell 5.1,
    /// the managed listener on PowerShell 7): threads of the pool accept, read bodies up to a cap,
    /// answer at once and queue what they received; the caller takes deliveries from the queue on
    /// its own thread with <see cref="TryTake"/>. <see cref="Dispose"/> closes the port.
    /// </summary>
    public sealed class WebhookListener : IDisposable
    {
        private static readonly byte[] NoBody = Array.Empty<byte>();
        private readonly WebhookListenerOptions options;
        private readonly HttpListener listener = new HttpListener();
        private readonly BlockingCollection<WebhookDelivery> queue;
        private readonly SemaphoreSlim gate;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly HashSet<string> paths;
        private readonly ConcurrentDictionary<Task, bool> inFlight = new ConcurrentDictionary<Task, bool>();
        private Task? acceptLoop;
        private int disposed;

        public WebhookListener(WebhookListenerOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Prefixes.Count == 0)
            {
                throw new ArgumentException("At least one prefix is needed.", nameof(options));
            }

            if (options.MaxBodyBytes < 1 || options.QueueCapacity < 1 || options.MaxConcurrentRequests < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxBodyBytes, QueueCapacity and MaxConcurrentRequests must be positive.");
            }

            foreach (var prefix in options.Prefixes)
            {
                listener.Prefixes.Add(prefix);
            }

            var wanted = options.Paths.Count > 0 ? options.Paths : options.Prefixes.Select(PathOfPrefix).ToList();
            paths = new HashSet<string>(wanted.Select(NormalizePath), StringComparer.Ordinal);
            queue = new BlockingCollection<WebhookDelivery>(new ConcurrentQueue<WebhookDelivery>(), options.QueueCapacity);
            gate = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
            listener.IgnoreWriteExceptions = true;
        }

        /// <summary>Paths accepted, without their trailing '/' ('' for the root).</summary>
        public IReadOnlyCollection<string> AcceptedPaths => paths;

        public IReadOnlyCollection<string> Prefixes => listener.Prefixes.ToList();

        /// <summary>Deliveries answered but not taken yet.</summary>
        public int Pending => queue.Count;

        /// <summary>Binds the prefixes and starts accepting. Throws <see cref="HttpListenerException"/> when a prefix cannot be bound.</summary>
        public void Start()
        {
            listener.Start();
            acceptLoop = Task.Run(AcceptAsync);
        }

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
        /// Stops accepting and closes the port; requests being handled get up to <paramref name="drain"/> to
        /// be answered. Deliveries already queued can still be taken afterwards.
        /// </summary>
        public void Stop(TimeSpan drain)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            try
            {
                Task.WaitAll(inFlight.Keys.ToArray(), drain);
            }
            catch (AggregateException)
            {
                // Handlers catch their own failures; nothing to report here.
            }

            try
            {
                listener.Stop();
            }
            catch (ObjectDisposedException)
            {
            }

            listener.Close();
            try
            {
                acceptLoop?.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
            }

            queue.CompleteAdding();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            Stop(TimeSpan.FromMilliseconds(500));
            stopping.Dispose();
        }

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

        private async Task AcceptAsync()
        {
            var token = stopping.Token;
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await gate.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    gate.Release();
                    return;
                }
                catch (HttpListenerException)
                {
                    gate.Release();
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    gate.Release();
                    return;
                }

                var task = Task.Run(() => HandleAsync(context));
                inFlight[task] = true;
                _ = task.ContinueWith(t =>
                {
                    inFlight.TryRemove(t, out _);
                    gate.Release();
                }, TaskScheduler.Default);
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            var request = context.Request;
            var response = context.Response;
            var delivery = new WebhookDelivery
            {
                Method = request.HttpMethod ?? string.Empty,
                Path = request.Url?.AbsolutePath ?? string.Empty,
                RemoteEndPoint = request.RemoteEndPoint?.ToString(),
                ContentLength = request.ContentLength64 >= 0 && !IsChunked(request) ? request.ContentLength64 : (long?)null,
                ReceivedAt = DateTime.UtcNow,
            };
            try
            {
                if (!paths.Contains(NormalizePath(delivery.Path)))
                {
                    await RefuseAsync(response, delivery, DeliveryOutcome.WrongPath, 404, "Not found.").ConfigureAwait(false);
                    return;
                }

                if (!string.Equals(delivery.Method, "POST", StringComparison.OrdinalIgnoreCase))
                {
                    response.AddHeader("Allow", "POST");
                    await RefuseAsync(response, delivery, DeliveryOutcome.WrongMethod, 405, "Method not allowed: deliveries are POSTed.").ConfigureAwait(false);
                    return;
                }

                if (delivery.ContentLength > options.MaxBodyBytes)
                {
                    delivery.Error = TooLarge(delivery.ContentLength.Value);
                    await RefuseAsync(response, delivery, DeliveryOutcome.TooLarge, 413, "Payload too large.").ConfigureAwait(false);
                    return;
                }

                var (body, length) = await ReadCappedAsync(context).ConfigureAwait(false);
                if (body == null)
                {
                    delivery.Error = TooLarge(null);
                    await RefuseAsync(response, delivery, DeliveryOutcome.TooLarge, 413, "Payload too large.").ConfigureAwait(false);
                    return;
                }

                var signed = options.Signature?.Check(request.Headers[WebhookSignature.Header], body, length) ?? SignatureCheck.Valid;
                if (signed != SignatureCheck.Valid)
                {
                    delivery.Error = new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source,
                        $"A webhook delivery was refused (401): {WebhookSignature.Describe(signed)}.");
                    await RefuseAsync(response, delivery, DeliveryOutcome.SignatureInvalid, 401, "Signature missing or invalid.").ConfigureAwait(false);
                    return;
                }

                try
                {
                    delivery.Event = WebhookParser.Parse(body, length);
                }
                catch (CoupontoolsApiException ex)
                {
                    delivery.Error = ex;
                    await RefuseAsync(response, delivery, DeliveryOutcome.Malformed, 400, "The body is not a JSON object.").ConfigureAwait(false);
                    return;
                }

                delivery.Outcome = DeliveryOutcome.Accepted;
                delivery.StatusCode = 200;
                var admission = options.Ledger?.Admit(delivery.Event, () => Enqueue(delivery)) ?? (Enqueue(delivery) ? Admission.Accepted : Admission.Busy);
                if (admission == Admission.Busy)
                {
                    // Not taken: the sender is told to come back, so nothing answered 200 is lost.
                    response.AddHeader("Retry-After", "5");
                    delivery.Event = null;
                    await RefuseAsync(response, delivery, DeliveryOutcome.Busy, 503, "Busy; deliver again later.", report: false).ConfigureAwait(false);
                    return;
                }

                if (admission == Admission.NotRecorded)
                {
                    // Queued (so written), but a restart would not know it: the sender comes back and this run skips it.
                    var report = new WebhookDelivery { Method = delivery.Method, Path = delivery.Path, RemoteEndPoint = delivery.RemoteEndPoint, ReceivedAt = delivery.ReceivedAt };
                    report.Error = new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source,
                        $"Event '{delivery.Event.EventId}' could not be recorded in the state file ({options.Ledger!.LastFailure?.Message}); answered 500 so it is delivered again.");
                    await RefuseAsync(response, report, DeliveryOutcome.NotRecorded, 500, "Could not record the delivery; deliver again later.").ConfigureAwait(false);
                    return;
                }

                if (admission == Admission.Duplicate)
                {
                    delivery.Outcome = DeliveryOutcome.Duplicate;
                    Enqueue(delivery);
                }

                await AnswerAsync(response, 200, NoBody, keepAlive: true).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is IOException || ex is ObjectDisposedException
                || ex is InvalidOperationException || ex is OperationCanceledException)
            {
                // The sender went away or the listener is closing: nothing to answer.
                Abort(response);
            }
        }

        private bool Enqueue(WebhookDelivery delivery)
        {
            try
            {
                return !stopping.IsCancellationRequested && queue.TryAdd(delivery);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private CoupontoolsApiException TooLarge(long? declared) =>
            new CoupontoolsApiException(ApiFailure.InvalidReply, WebhookParser.Source, declared.HasValue
                ? $"A webhook delivery of {declared} bytes was refused (413): the limit is {options.MaxBodyBytes} bytes (-MaxBodyBytes)."
                : $"A chunked webhook delivery was refused (413) after {options.MaxBodyBytes} bytes: the limit is {options.MaxBodyBytes} bytes (-MaxBodyBytes).");

        /// <summary>The body, or null once it passes the cap (the rest is not read).</summary>
        private async Task<(byte[]? Body, int Length)> ReadCappedAsync(HttpListenerContext context)
        {
            var cap = (int)Math.Min(options.MaxBodyBytes, int.MaxValue - 1);
            var declared = context.Request.ContentLength64;
            var buffer = new byte[declared > 0 && declared <= cap ? (int)declared : Math.Min(cap + 1, 8192)];
            var length = 0;
            using (var timeout = new CancellationTokenSource(options.BodyTimeout))
            using (timeout.Token.Register(() => Abort(context.Response)))
            {
                var input = context.Request.InputStream;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > cap)
                        {
                            return (null, 0);
                        }

                        if (declared > 0 && length == declared)
                        {
                            break;
                        }

                        Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)cap + 1));
                    }

                    var read = await input.ReadAsync(buffer, length, buffer.Length - length, timeout.Token).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > cap)
                    {
                        return (null, 0);
                    }
                }
            }

            return (buffer, length);
        }

        private async Task RefuseAsync(HttpListenerResponse response, WebhookDelivery delivery, DeliveryOutcome outcome, int status, string text, bool report = true)
        {
            delivery.Outcome = outcome;
            delivery.StatusCode = status;
            if (report)
            {
                Enqueue(delivery);
            }

            // Connection: close, so the unread rest of a body is never drained.
            await AnswerAsync(response, status, Encoding.UTF8.GetBytes(text), keepAlive: false).ConfigureAwait(false);
        }

        private static async Task AnswerAsync(HttpListenerResponse response, int status, byte[] body, bool keepAlive)
        {
            response.StatusCode = status;
            response.KeepAlive = keepAlive;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength64 = body.Length;
            if (body.Length > 0)
            {
                await response.OutputStream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            }

            response.Close();
        }

        private static bool IsChunked(HttpListenerRequest request) =>
            string.Equals(request.Headers["Transfer-Encoding"], "chunked", StringComparison.OrdinalIgnoreCase);

        private static void Abort(HttpListenerResponse response)
        {
            try
            {
                response.Abort();
            }
            catch (Exception)
            {
                // Already closed.
            }
        }
    }
}
