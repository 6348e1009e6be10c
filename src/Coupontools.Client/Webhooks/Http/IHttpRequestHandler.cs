using System;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>Why the server itself refused a request, before or instead of handing its body over.</summary>
    internal enum HttpRefusal
    {
        /// <summary>The request broke HTTP/1.1 framing rules (400, 417, 431, 505), or named another Host.</summary>
        Malformed,
        /// <summary>The body is longer than the limit (413).</summary>
        TooLarge,
        /// <summary>The request did not arrive whole: too slow (408), or the connection ended first (400).</summary>
        Incomplete,
        /// <summary>Closed to make room at the connection limit, for a body over the shared budget, or because the listener stopped (503).</summary>
        Shed,
    }

    /// <summary>Limits of <see cref="StrictHttpServer"/>: what a client may cost.</summary>
    internal sealed class HttpServerLimits
    {
        private long maxBufferedBodyBytes = 64L * 1024 * 1024;

        /// <summary>The request line and header fields together (431 beyond).</summary>
        public int MaxHeaderBytes { get; set; } = 8192;

        /// <summary>A body longer than this is answered 413 without being read.</summary>
        public long MaxBodyBytes { get; set; } = 1024 * 1024;

        /// <summary>
        /// Bytes of bodies beyond their first 16 KB that all connections together may hold at once
        /// (503 beyond); at least twice <see cref="MaxBodyBytes"/> is used, so one largest body always fits.
        /// </summary>
        public long MaxBufferedBodyBytes
        {
            get => Math.Max(maxBufferedBodyBytes, 2 * MaxBodyBytes);
            set => maxBufferedBodyBytes = value;
        }

        /// <summary>Connections open at once; at the limit the one that has waited longest for its client is closed.</summary>
        public int MaxConnections { get; set; } = 1000;

        /// <summary>From the moment a connection is ready for a request until its head has arrived (idle keep-alive included).</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>From the end of the head until the whole body has arrived, however it trickles.</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long an answer may take to leave (a client that does not read is dropped).</summary>
        public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

        internal void Check()
        {
            if (MaxHeaderBytes < 256 || MaxBodyBytes < 1 || MaxBodyBytes > int.MaxValue - 64 || MaxConnections < 1
                || HeaderTimeout <= TimeSpan.Zero || BodyTimeout <= TimeSpan.Zero || WriteTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(HttpServerLimits), "Header bytes (256 or more), body bytes (under 2 GB), connections and timeouts must be positive.");
            }
        }
    }

    /// <summary>What <see cref="StrictHttpServer"/> asks of the application, in the order a request meets it.</summary>
    internal interface IHttpRequestHandler
    {
        /// <summary>A valid head has arrived: an answer refuses the request before its body is read (and closes); null reads the body.</summary>
        HttpAnswer? Screen(HttpRequestHead head);

        /// <summary>The body has arrived whole and well-framed: the answer to send (only a 2xx keeps the connection).</summary>
        HttpAnswer Accept(HttpRequestHead head, byte[] body, int length);

        /// <summary>The server refused a request itself (head is null when it could not be parsed); for reporting only.</summary>
        void Refused(HttpRequestHead? head, System.Net.EndPoint? remote, HttpAnswer answer, HttpRefusal why);
    }
}
