using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>
    /// One client connection of <see cref="StrictHttpServer"/>: reads requests one after the other
    /// (pipelined ones are answered in order), each head and body against its own deadline, and
    /// writes exactly one response per request. Any refusal is followed by closing the connection,
    /// so bytes after a request the server did not accept are never read as another request.
    /// </summary>
    internal sealed partial class HttpConnection : IDisposable
    {
        private const int InitialBodyBytes = 16 * 1024;
        private const int MaxChunkLine = 1024;
        private const int MaxDrainBytes = 1024 * 1024;
        private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);
        private static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

        private readonly Socket socket;
        private readonly NetworkStream stream;
        private readonly StrictHttpServer server;
        private readonly HttpServerLimits limits;
        private readonly byte[] buffer;
        private readonly CancellationTokenSource wake = new CancellationTokenSource();
        private int start;
        private int end;
        private long reserved;
        private Task<int>? pending;
        private volatile Phase phase = Phase.Idle;
        private long waitingSince = Stopwatch.GetTimestamp();
        private volatile bool shed;

        public HttpConnection(Socket socket, StrictHttpServer server)
        {
            this.socket = socket;
            this.server = server;
            limits = server.Limits;
            stream = new NetworkStream(socket, ownsSocket: true);
            buffer = new byte[limits.MaxHeaderBytes];
            Remote = SafeRemote(socket);
        }

        private enum Phase
        {
            Idle,
            Head,
            Body,
            Answering,
            Closing,
        }

        public EndPoint? Remote { get; }

        /// <summary>Waiting for its client (no request, or one not arrived whole) and not yet told to go.</summary>
        public bool IsWaitingForClient => !shed && (phase == Phase.Idle || phase == Phase.Head || phase == Phase.Body);

        /// <summary>Waiting, with nothing of a request received: closing it loses nothing.</summary>
        public bool IsIdle => phase == Phase.Idle && start == end;

        /// <summary>When it began waiting for the current request (Stopwatch ticks).</summary>
        public long WaitingSince => Interlocked.Read(ref waitingSince);

        /// <summary>Tells the connection to stop waiting: a request in progress is answered 503, an idle one closed.</summary>
        public void Shed()
        {
            shed = true;
            try
            {
                wake.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public async Task RunAsync()
        {
            HttpRequestHead? head = null;
            try
            {
                while (true)
                {
                    head = null;
                    phase = Phase.Idle;
                    Interlocked.Exchange(ref waitingSince, Stopwatch.GetTimestamp());
                    var headLength = await ReadHeadAsync(DateTime.UtcNow + limits.HeaderTimeout).ConfigureAwait(false);
                    if (headLength < 0)
                    {
                        return;
                    }

                    var refusal = HttpRequestHead.TryParse(buffer, start, headLength, out head);
                    start += headLength;
                    if (head != null)
                    {
                        head.Remote = Remote;
                    }

                    if (refusal == null && !server.Hosts.Allows(head!.Host))
                    {
                        refusal = new HttpAnswer(400, $"The host '{head.Host}' is not served here.");
                    }

                    if (refusal != null)
                    {
                        await RefuseAsync(head, refusal, HttpRefusal.Malformed).ConfigureAwait(false);
                        return;
                    }

                    var screened = server.Handler.Screen(head!);
                    if (screened != null)
                    {
                        await FinishAsync(screened).ConfigureAwait(false);
                        return;
                    }

                    if (head!.ContentLength > limits.MaxBodyBytes)
                    {
                        await RefuseAsync(head, TooLarge(head.ContentLength), HttpRefusal.TooLarge).ConfigureAwait(false);
                        return;
                    }

                    phase = Phase.Body;
                    if (head.ExpectContinue && head.ContentLength != 0)
                    {
                        await WriteAsync(Continue).ConfigureAwait(false);
                    }

                    var deadline = DateTime.UtcNow + limits.BodyTimeout;
                    var (body, length) = head.Chunked
                        ? await ReadChunkedAsync(deadline).ConfigureAwait(false)
                        : await ReadLengthAsync((int)head.ContentLength!.Value, deadline).ConfigureAwait(false);
                    phase = Phase.Answering;
                    ReleaseBody();
                    var answer = server.Handler.Accept(head, body, length);
                    if (!answer.KeepsConnection || head.WantsClose || server.Stopping)
                    {
                        await FinishAsync(answer).ConfigureAwait(false);
                        return;
                    }

                    await WriteAsync(answer.ToBytes(close: false)).ConfigureAwait(false);
                }
            }
            catch (HttpFault fault)
            {
                await RefuseAsync(head, fault.Answer, fault.Why).ConfigureAwait(false);
            }
            catch (DeadlineException)
            {
                if (phase == Phase.Idle && start == end)
                {
                    return;
                }

                var answer = shed
                    ? new HttpAnswer(503, "The listener is busy or stopping; send the request again.").With("Retry-After", "5")
                    : new HttpAnswer(408, phase == Phase.Body
                        ? $"The body did not arrive whole within {limits.BodyTimeout.TotalSeconds:0.###} s."
                        : $"The request head did not arrive within {limits.HeaderTimeout.TotalSeconds:0.###} s.");
                await RefuseAsync(head, answer, shed ? HttpRefusal.Shed : HttpRefusal.Incomplete).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                // The client went away or the listener is closing: nobody to answer.
            }
            finally
            {
                phase = Phase.Closing;
                ReleaseBody();
                Dispose();
            }
        }

        private HttpAnswer TooLarge(long? declared) => new HttpAnswer(413, declared.HasValue
            ? $"The body of {declared} bytes is over the limit of {limits.MaxBodyBytes} bytes."
            : $"The chunked body passed the limit of {limits.MaxBodyBytes} bytes.");

        /// <summary>The length of the next request head in the buffer (from <see cref="start"/>), or -1 when the client closed between requests.</summary>
        private async Task<int> ReadHeadAsync(DateTime deadline)
        {
            var scanned = 0;
            while (true)
            {
                // A client may send an empty line between requests (RFC 9112, 2.2).
                while (end - start >= 2 && buffer[start] == '\r' && buffer[start + 1] == '\n')
                {
                    start += 2;
                    scanned = 0;
                }

                var found = FindHeadEnd(start + scanned);
                if (found >= 0)
                {
                    return found - start;
                }

                if (end - start >= buffer.Length)
                {
                    throw new HttpFault(new HttpAnswer(431, $"The request head is longer than {limits.MaxHeaderBytes} bytes."), HttpRefusal.Malformed);
                }

                scanned = Math.Max(0, end - start - 2);
                Compact();
                var read = await ReceiveAsync(buffer, end, buffer.Length - end, deadline).ConfigureAwait(false);
                if (read == 0)
                {
                    if (start == end)
                    {
                        return -1;
                    }

                    throw new HttpFault(HttpAnswer.BadRequest("The connection ended inside the request head."), HttpRefusal.Incomplete);
                }

                end += read;
                phase = Phase.Head;
            }
        }

        /// <summary>The index after the empty line that ends a head (CRLF CRLF, or a bare-LF form the parser refuses), or -1.</summary>
        private int FindHeadEnd(int from)
        {
            for (var i = Array.IndexOf(buffer, (byte)'\n', from, end - from); i >= 0 && i < end; i = Array.IndexOf(buffer, (byte)'\n', i + 1, end - i - 1))
            {
                if (i + 1 < end && buffer[i + 1] == '\n')
                {
                    return i + 2;
                }

                if (i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n')
                {
                    return i + 3;
                }

                if (i + 1 >= end)
                {
                    break;
                }
            }

            return -1;
        }

        private int TakeBuffered(byte[] into, int offset, int max)
        {
            var count = Math.Min(end - start, max);
            Buffer.BlockCopy(buffer, start, into, offset, count);
            start += count;
            return count;
        }

        private void Compact()
        {
            if (start == 0)
            {
                return;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        /// <summary>Reads what has arrived, or throws <see cref="DeadlineException"/> at the deadline or when shed.</summary>
        private async Task<int> ReceiveAsync(byte[] into, int offset, int count, DateTime deadline)
        {
            pending ??= stream.ReadAsync(into, offset, count);
            if (!pending.IsCompleted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || wake.IsCancellationRequested)
                {
                    throw new DeadlineException();
                }

                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(wake.Token))
                {
                    var woken = new TaskCompletionSource<bool>();
                    using (timer.Token.Register(() => woken.TrySetResult(true)))
                    {
                        timer.CancelAfter(left);
                        if (await Task.WhenAny(pending, woken.Task).ConfigureAwait(false) != pending)
                        {
                            throw new DeadlineException();
                        }
                    }
                }
            }

            var task = pending;
            pending = null;
            return await task.ConfigureAwait(false);
        }

        private async Task WriteAsync(byte[] bytes)
        {
            var write = stream.WriteAsync(bytes, 0, bytes.Length);
            if (!write.IsCompleted && await Task.WhenAny(write, Task.Delay(limits.WriteTimeout)).ConfigureAwait(false) != write)
            {
                Observe(write);
                throw new IOException("The client did not take the answer in time.");
            }

            await write.ConfigureAwait(false);
        }

        private async Task RefuseAsync(HttpRequestHead? head, HttpAnswer answer, HttpRefusal why)
        {
            server.Handler.Refused(head, Remote, answer, why);
            await FinishAsync(answer).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends the last answer with Connection: close, then reads and drops what the client is still
        /// sending for a moment before closing, so the answer is not lost to a reset.
        /// </summary>
        private async Task FinishAsync(HttpAnswer answer)
        {
            phase = Phase.Closing;
            try
            {
                await WriteAsync(answer.ToBytes(close: true)).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                var deadline = DateTime.UtcNow + Linger;
                for (var drained = 0; drained < MaxDrainBytes;)
                {
                    start = end = 0;
                    var read = await ReceiveAsync(buffer, 0, buffer.Length, deadline).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    drained += read;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is DeadlineException)
            {
                // Closing anyway.
            }
        }

        public void Dispose()
        {
            try
            {
                stream.Dispose();
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException)
            {
            }

            if (pending != null)
            {
                Observe(pending);
            }

            wake.Dispose();
        }

        private static void Observe(Task task) =>
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        private static EndPoint? SafeRemote(Socket socket)
        {
            try
            {
                return socket.RemoteEndPoint;
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                return null;
            }
        }

        /// <summary>A request refused by the server's own rules, with its answer.</summary>
        private sealed class HttpFault : Exception
        {
            public HttpFault(HttpAnswer answer, HttpRefusal why)
                : base(answer.Text)
            {
                Answer = answer;
                Why = why;
            }

            public HttpAnswer Answer { get; }

            public HttpRefusal Why { get; }
        }

        private sealed class DeadlineException : Exception
        {
        }
    }
}
