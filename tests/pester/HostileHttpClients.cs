// Compiled by tests/pester/HostileListener.Tests.ps1 with Add-Type.
// Raw TCP clients on loopback that play attacks on Receive-CtWebhook's listener: each connection
// sends its bytes (and maybe drips more, or half-closes), then records every response it gets and
// whether the listener closed it. While they are open, a legitimate delivery is sent and timed;
// once every attack connection is resolved (answered and closed, or out of time), a final
// delivery marks the end, so an event written from an attack shows up between the two.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Test
{
    /// <summary>Count connections that each send Initial, then drip Drip one byte every DripMilliseconds (or half-close).</summary>
    public sealed class AttackSpec
    {
        public AttackSpec(string label, int count, string initial, string drip = null, bool halfClose = false)
        {
            Label = label;
            Count = count;
            Initial = Encoding.Latin1.GetBytes(initial ?? string.Empty);
            Drip = string.IsNullOrEmpty(drip) ? null : Encoding.Latin1.GetBytes(drip);
            HalfClose = halfClose;
        }

        public string Label { get; }
        public int Count { get; }
        public byte[] Initial { get; }
        public byte[] Drip { get; }
        public bool HalfClose { get; }
        public int DripMilliseconds { get; set; } = 250;
    }

    public sealed class AttackConnection
    {
        public string Label { get; set; }
        /// <summary>Final (non-1xx) statuses received, in order.</summary>
        public List<int> Statuses { get; } = new List<int>();
        public bool ConnectFailed { get; set; }
        /// <summary>The listener closed the connection (end of stream or reset).</summary>
        public bool Closed { get; set; }
        public bool Reset { get; set; }
        public double ClosedAfterMs { get; set; }
        /// <summary>When the connection ended, on the run's clock.</summary>
        public double EndedAtMs { get; set; }
        public string Received { get; set; } = string.Empty;
        public string Outcome => ConnectFailed ? "no connect" : (Statuses.Count == 0 ? "none" : string.Join("+", Statuses)) + (Closed ? "" : " (left open)");
    }

    /// <summary>A countdown that can be awaited without holding a pool thread.</summary>
    public sealed class Countdown
    {
        private readonly TaskCompletionSource<bool> done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int left;

        public Countdown(int count)
        {
            left = count;
            if (count <= 0)
            {
                done.TrySetResult(true);
            }
        }

        public Task Task => done.Task;

        public void Signal()
        {
            if (Interlocked.Decrement(ref left) == 0)
            {
                done.TrySetResult(true);
            }
        }
    }

    public sealed class HostileRun
    {
        private readonly int port;
        private readonly AttackSpec[] specs;
        private readonly TimeSpan resolveWithin;
        private readonly List<AttackConnection> connections = new List<AttackConnection>();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private Task work;
        private long baseline;
        private long peak;

        private HostileRun(int port, AttackSpec[] specs, double resolveSeconds)
        {
            this.port = port;
            this.specs = specs;
            resolveWithin = TimeSpan.FromSeconds(resolveSeconds);
        }

        public IReadOnlyList<AttackConnection> Connections => connections;
        public int LegitStatus { get; private set; }
        public double LegitLatencyMs { get; private set; } = -1;
        /// <summary>When the legitimate delivery was answered, on the run's clock.</summary>
        public double LegitAnsweredAtMs { get; private set; }
        /// <summary>Attack connections still open when the legitimate delivery was answered.</summary>
        public int OpenDuringLegit => connections.Count(c => !c.ConnectFailed && (!c.Closed || c.EndedAtMs > LegitAnsweredAtMs));
        public int FinalStatus { get; private set; }
        public double PeakMemoryOverBaselineMB => Math.Max(0, peak - baseline) / 1048576.0;
        public string Failure { get; private set; }

        /// <summary>Starts in the background: waits for the port, opens the attack connections, then delivers legitBody, then finalBody.</summary>
        public static HostileRun Start(int port, AttackSpec[] specs, string legitBody, string finalBody, double resolveSeconds)
        {
            var run = new HostileRun(port, specs, resolveSeconds);
            run.work = Task.Run(() => run.RunAsync(legitBody, finalBody));
            return run;
        }

        public bool Wait(double seconds) => work.Wait(TimeSpan.FromSeconds(seconds));

        public AttackConnection[] Of(string label) => connections.Where(c => c.Label == label).ToArray();

        private async Task RunAsync(string legitBody, string finalBody)
        {
            try
            {
                await WaitForPortAsync();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                baseline = peak = WorkingSet();
                using (var sampling = new CancellationTokenSource())
                {
                    var sampler = SampleAsync(sampling.Token);
                    var opened = new Countdown(specs.Sum(s => s.Count));
                    var gate = new SemaphoreSlim(64);
                    var tasks = new List<Task>();
                    foreach (var spec in specs)
                    {
                        for (var i = 0; i < spec.Count; i++)
                        {
                            var connection = new AttackConnection { Label = spec.Label };
                            connections.Add(connection);
                            tasks.Add(AttackAsync(spec, connection, gate, opened));
                        }
                    }

                    await Task.WhenAny(opened.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                    var (status, ms) = await DeliverAsync(legitBody);
                    LegitStatus = status;
                    LegitLatencyMs = ms;
                    LegitAnsweredAtMs = clock.Elapsed.TotalMilliseconds;
                    await Task.WhenAll(tasks);
                    FinalStatus = (await DeliverAsync(finalBody)).Status;
                    sampling.Cancel();
                    await sampler;
                }
            }
            catch (Exception ex)
            {
                Failure = ex.ToString();
            }
        }

        private async Task WaitForPortAsync()
        {
            var until = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                try
                {
                    using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                    {
                        await probe.ConnectAsync(IPAddress.Loopback, port);
                        return;
                    }
                }
                catch (SocketException) when (DateTime.UtcNow < until)
                {
                    await Task.Delay(20);
                }
            }
        }

        private async Task SampleAsync(CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                peak = Math.Max(peak, WorkingSet());
                try
                {
                    await Task.Delay(50, token);
                }
                catch (TaskCanceledException)
                {
                }
            }
        }

        private static long WorkingSet()
        {
            using (var self = Process.GetCurrentProcess())
            {
                return self.WorkingSet64;
            }
        }

        private async Task AttackAsync(AttackSpec spec, AttackConnection connection, SemaphoreSlim gate, Countdown opened)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await gate.WaitAsync();
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    connection.ConnectFailed = true;
                    opened.Signal();
                    return;
                }
                finally
                {
                    gate.Release();
                }

                // Read while sending: a listener may answer (and close) before a large request is sent whole.
                var since = Stopwatch.StartNew();
                var reading = ReadAllAsync(socket, connection, DateTime.UtcNow + resolveWithin);
                var sending = SendInitialAsync(socket, spec);
                await Task.WhenAny(sending, Task.Delay(2000));
                opened.Signal();
                using (var stopDrip = new CancellationTokenSource())
                {
                    var drip = spec.Drip != null ? DripAsync(socket, spec.Drip, spec.DripMilliseconds, stopDrip.Token) : Task.CompletedTask;
                    await reading;
                    connection.ClosedAfterMs = since.Elapsed.TotalMilliseconds;
                    connection.EndedAtMs = clock.Elapsed.TotalMilliseconds;
                    stopDrip.Cancel();
                    await drip;
                    await sending;
                }
            }
            finally
            {
                socket.Dispose();
            }
        }

        private static async Task SendInitialAsync(Socket socket, AttackSpec spec)
        {
            try
            {
                if (spec.Initial.Length > 0)
                {
                    await SendAllAsync(socket, spec.Initial);
                }

                if (spec.HalfClose)
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                // The listener closed first (a refused oversized head, for instance).
            }
        }

        private static async Task SendAllAsync(Socket socket, byte[] bytes)
        {
            for (var sent = 0; sent < bytes.Length;)
            {
                sent += await socket.SendAsync(new ArraySegment<byte>(bytes, sent, bytes.Length - sent), SocketFlags.None);
            }
        }

        private static async Task DripAsync(Socket socket, byte[] drip, int every, CancellationToken token)
        {
            for (var i = 0; !token.IsCancellationRequested; i++)
            {
                try
                {
                    await Task.Delay(every, token);
                    await socket.SendAsync(new ArraySegment<byte>(drip, i % drip.Length, 1), SocketFlags.None);
                }
                catch (Exception)
                {
                    return;
                }
            }
        }

        /// <summary>Reads until the listener closes the connection or the time is up, then parses the responses.</summary>
        private static async Task ReadAllAsync(Socket socket, AttackConnection connection, DateTime until)
        {
            var received = new List<byte>();
            var buffer = new byte[8192];
            while (received.Count < 1 << 20)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                if (await Task.WhenAny(receive, Task.Delay(left)) != receive)
                {
                    _ = receive.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    break;
                }

                int read;
                try
                {
                    read = await receive;
                }
                catch (SocketException)
                {
                    connection.Closed = connection.Reset = true;
                    break;
                }

                if (read == 0)
                {
                    connection.Closed = true;
                    break;
                }

                received.AddRange(new ArraySegment<byte>(buffer, 0, read));
            }

            var text = Encoding.Latin1.GetString(received.ToArray());
            connection.Received = text.Length > 400 ? text.Substring(0, 400) : text;
            connection.Statuses.AddRange(ParseStatuses(text));
        }

        /// <summary>The statuses of the responses in a byte stream (1xx left out), each skipped by its Content-Length.</summary>
        public static IEnumerable<int> ParseStatuses(string text)
        {
            var at = 0;
            while (at < text.Length && text.IndexOf("HTTP/1.", at, StringComparison.Ordinal) == at)
            {
                var headEnd = text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
                if (headEnd < 0 || text.Length < at + 12)
                {
                    yield break;
                }

                var status = int.Parse(text.Substring(at + 9, 3));
                var head = text.Substring(at, headEnd - at);
                var length = 0;
                foreach (var line in head.Split(new[] { "\r\n" }, StringSplitOptions.None))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.Substring(15).Trim());
                    }
                }

                if (status >= 200)
                {
                    yield return status;
                }

                at = headEnd + 4 + length;
            }
        }

        /// <summary>A well-formed delivery on a fresh connection: its status and the time to the first byte of the answer.</summary>
        public async Task<(int Status, double Ms)> DeliverAsync(string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var request = Encoding.ASCII.GetBytes($"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
            var clock = Stopwatch.StartNew();
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                await SendAllAsync(socket, request.Concat(bytes).ToArray());
                var probe = new AttackConnection();
                var first = new byte[1];
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(first), SocketFlags.None);
                if (await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(15))) != receive)
                {
                    return (0, clock.Elapsed.TotalMilliseconds);
                }

                var ms = clock.Elapsed.TotalMilliseconds;
                if (await receive == 0)
                {
                    return (0, ms);
                }

                await ReadAllAsync(socket, probe, DateTime.UtcNow.AddSeconds(5));
                var statuses = ParseStatuses("H" + probe.Received).ToList();
                return (statuses.Count > 0 ? statuses[0] : 0, ms);
            }
        }
    }
}
