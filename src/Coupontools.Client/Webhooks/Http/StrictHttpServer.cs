using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>
    /// A small HTTP/1.1 server on sockets, strict where a lenient parser lets a request be read two
    /// ways, with a deadline on every head and body and a cap on open connections. It replaces
    /// HttpListener, whose parsing cannot be made strict and whose managed implementation stalls
    /// when clients send headers but no body. Plain http only: TLS belongs to a reverse proxy.
    /// </summary>
    internal sealed class StrictHttpServer : IDisposable
    {
        private static readonly byte[] Full = Encoding.ASCII.GetBytes(
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        private readonly List<TcpListener> sockets = new List<TcpListener>();
        private readonly ConcurrentDictionary<HttpConnection, Task> connections = new ConcurrentDictionary<HttpConnection, Task>();
        private readonly List<Task> acceptLoops = new List<Task>();
        private int open;
        private long bufferedBodyBytes;
        private volatile bool stopping;

        public StrictHttpServer(IEnumerable<HttpPrefix> prefixes, HttpServerLimits limits, IHttpRequestHandler handler)
        {
            Prefixes = prefixes.ToList();
            Limits = limits ?? throw new ArgumentNullException(nameof(limits));
            Handler = handler ?? throw new ArgumentNullException(nameof(handler));
            limits.Check();
            if (Prefixes.Count == 0)
            {
                throw new ArgumentException("At least one prefix is needed.", nameof(prefixes));
            }

            Hosts = new HostFilter(Prefixes);
        }

        public IReadOnlyList<HttpPrefix> Prefixes { get; }

        public HttpServerLimits Limits { get; }

        public IHttpRequestHandler Handler { get; }

        internal HostFilter Hosts { get; }

        public bool Stopping => stopping;

        /// <summary>Connections open now.</summary>
        public int OpenConnections => Volatile.Read(ref open);

        /// <summary>Takes <paramref name="bytes"/> of the shared budget for large bodies; false when it would pass the limit.</summary>
        internal bool TryReserve(long bytes)
        {
            if (Interlocked.Add(ref bufferedBodyBytes, bytes) <= Limits.MaxBufferedBodyBytes)
            {
                return true;
            }

            Interlocked.Add(ref bufferedBodyBytes, -bytes);
            return false;
        }

        internal void Release(long bytes) => Interlocked.Add(ref bufferedBodyBytes, -bytes);

        /// <summary>Binds every endpoint the prefixes need (throws SocketException when one is taken) and starts accepting.</summary>
        public void Start()
        {
            try
            {
                foreach (var endpoint in EndPoints(Prefixes))
                {
                    var listener = new TcpListener(endpoint);
                    if (endpoint.Address.Equals(IPAddress.IPv6Any))
                    {
                        listener.Server.DualMode = true;
                    }

                    listener.Start();
                    sockets.Add(listener);
                }
            }
            catch
            {
                StopListening();
                throw;
            }

            foreach (var listener in sockets)
            {
                acceptLoops.Add(Task.Run(() => AcceptAsync(listener)));
            }
        }

        /// <summary>
        /// Stops accepting and closes the ports at once; requests in progress get up to
        /// <paramref name="drain"/> to finish, then are answered 503 and closed.
        /// </summary>
        public void Stop(TimeSpan drain)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
            StopListening();
            foreach (var connection in connections.Keys.Where(c => c.IsIdle))
            {
                connection.Shed();
            }

            if (!Task.WaitAll(connections.Values.ToArray(), drain))
            {
                foreach (var connection in connections.Keys)
                {
                    connection.Shed();
                }

                Task.WaitAll(connections.Values.ToArray(), TimeSpan.FromSeconds(2));
            }

            Task.WaitAll(acceptLoops.ToArray(), TimeSpan.FromSeconds(2));
        }

        public void Dispose() => Stop(TimeSpan.FromMilliseconds(500));

        /// <summary>One socket per port for '+', '*' and names (every interface), else one per address.</summary>
        internal static IEnumerable<IPEndPoint> EndPoints(IEnumerable<HttpPrefix> prefixes)
        {
            foreach (var port in prefixes.GroupBy(p => p.Port))
            {
                var addresses = port.Select(p => p.BindAddress).Distinct().ToList();
                if (addresses.Any(a => a.Equals(IPAddress.IPv6Any)))
                {
                    yield return new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port.Key);
                    continue;
                }

                foreach (var address in addresses)
                {
                    yield return new IPEndPoint(address, port.Key);
                }
            }
        }

        private void StopListening()
        {
            foreach (var listener in sockets)
            {
                try
                {
                    listener.Stop();
                }
                catch (SocketException)
                {
                }
            }
        }

        private async Task AcceptAsync(TcpListener listener)
        {
            while (!stopping)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException || (ex is SocketException && stopping))
                {
                    return;
                }
                catch (SocketException)
                {
                    // A client that reset before it was accepted.
                    continue;
                }

                if (stopping)
                {
                    socket.Dispose();
                    return;
                }

                if (Interlocked.Increment(ref open) > Limits.MaxConnections && !ShedOne())
                {
                    Interlocked.Decrement(ref open);
                    RefuseAtOnce(socket);
                    continue;
                }

                Serve(socket);
            }
        }

        private void Serve(Socket socket)
        {
            socket.NoDelay = true;
            var connection = new HttpConnection(socket, this);
            var finished = new TaskCompletionSource<bool>();
            connections[connection] = finished.Task;
            _ = Task.Run(async () =>
            {
                try
                {
                    await connection.RunAsync().ConfigureAwait(false);
                }
                finally
                {
                    connections.TryRemove(connection, out _);
                    Interlocked.Decrement(ref open);
                    finished.TrySetResult(true);
                }
            });
        }

        /// <summary>At the limit: the connection that has waited longest for its client makes room (an idle or slow one, never a request being answered).</summary>
        private bool ShedOne()
        {
            HttpConnection? oldest = null;
            foreach (var connection in connections.Keys)
            {
                if (connection.IsWaitingForClient && (oldest == null || connection.WaitingSince < oldest.WaitingSince))
                {
                    oldest = connection;
                }
            }

            oldest?.Shed();
            return oldest != null;
        }

        private static void RefuseAtOnce(Socket socket)
        {
            try
            {
                socket.Blocking = false;
                socket.Send(Full);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            finally
            {
                socket.Dispose();
            }
        }
    }
}
