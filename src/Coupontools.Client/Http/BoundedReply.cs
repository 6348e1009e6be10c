using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Http
{
    /// <summary>Which of a connection's reply limits a reply broke.</summary>
    internal enum ReplyLimit
    {
        /// <summary>Bytes as they came over the connection (compressed, if the reply was).</summary>
        WireBytes,
        /// <summary>Bytes after inflating a gzip reply.</summary>
        InflatedBytes,
        /// <summary>Characters in one JSON string.</summary>
        StringLength,
    }

    /// <summary>A reply broke one of the connection's limits; reading stopped there.</summary>
    internal sealed class ReplyLimitExceededException : Exception
    {
        public ReplyLimitExceededException(ReplyLimit limit, long value)
            : base($"The reply broke the {limit} limit of {value}.")
        {
            Limit = limit;
            Value = value;
        }

        public ReplyLimit Limit { get; }

        public long Value { get; }
    }

    /// <summary>
    /// Reads a reply body into a <see cref="ReplyBuffer"/> without ever holding more than the limits allow.
    /// The bytes on the wire are counted as they arrive, inflated here rather than by the handler (which
    /// would hide the compressed count), counted again, and scanned for over-long JSON strings: a gzip
    /// bomb, an endless body or a huge string stops at the limit, whatever the server sends.
    /// </summary>
    internal static class BoundedReply
    {
        private const int ReadSize = 16 * 1024;
        private const int MaxEncodingLayers = 2;

        public static async Task<ReplyBuffer> ReadAsync(HttpContent content, long maxBytes, int maxStringLength, CancellationToken cancellationToken)
        {
            var declared = content.Headers.ContentLength;
            if (declared > maxBytes)
            {
                throw new ReplyLimitExceededException(ReplyLimit.WireBytes, maxBytes);
            }

            var encodings = content.Headers.ContentEncoding.Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
            var buffer = new ReplyBuffer(encodings.Count == 0 ? declared : null);
            try
            {
                using (var raw = await content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var decoded = Decode(new CountingStream(raw, maxBytes), encodings))
                {
                    var scanner = new JsonStringScanner(maxStringLength);
                    var chunk = new byte[ReadSize];
                    long total = 0;
                    int read;
                    while ((read = await decoded.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > maxBytes)
                        {
                            throw new ReplyLimitExceededException(ReplyLimit.InflatedBytes, maxBytes);
                        }

                        scanner.Scan(chunk, read);
                        buffer.Write(chunk, 0, read);
                    }
                }

                return buffer;
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
        }

        // Only gzip is asked for (Accept-Encoding), so only gzip is undone; anything else is not the API's reply.
        private static Stream Decode(Stream wire, List<string> encodings)
        {
            if (encodings.Count > MaxEncodingLayers)
            {
                throw new InvalidDataException($"The reply is encoded {encodings.Count} times over ({string.Join(", ", encodings)}).");
            }

            var stream = wire;
            foreach (var encoding in Enumerable.Reverse(encodings))
            {
                if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase) && !string.Equals(encoding, "x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"The reply is encoded with '{encoding}', which the module did not ask for.");
                }

                stream = new GZipStream(stream, CompressionMode.Decompress);
            }

            return stream;
        }

        /// <summary>Passes reads through and stops once more than the limit has come over the wire.</summary>
        private sealed class CountingStream : Stream
        {
            private readonly Stream inner;
            private readonly long limit;
            private long count;

            public CountingStream(Stream inner, long limit)
            {
                this.inner = inner;
                this.limit = limit;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => count;
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int size) => Count(inner.Read(buffer, offset, size));

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int size, CancellationToken cancellationToken) =>
                Count(await inner.ReadAsync(buffer, offset, size, cancellationToken).ConfigureAwait(false));

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int size) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }

            private int Count(int read)
            {
                count += read;
                if (count > limit)
                {
                    throw new ReplyLimitExceededException(ReplyLimit.WireBytes, limit);
                }

                return read;
            }
        }
    }

    /// <summary>
    /// Follows a JSON text byte by byte and stops at the first string (name or value) longer than the
    /// limit, counting characters: a UTF-8 sequence or an escape such as <c>\u0041</c> is one. A body
    /// that does not start like JSON (an HTML page) is not scanned; the parser rejects it anyway.
    /// </summary>
    internal sealed class JsonStringScanner
    {
        private const int Start = 0, NotJson = 1, Outside = 2, InString = 3, Escape = 4, Hex = 5;
        private readonly int maxLength;
        private int state = Start;
        private int hexLeft;
        private long length;

        public JsonStringScanner(int maxLength) => this.maxLength = maxLength;

        public void Scan(byte[] data, int count)
        {
            for (var i = 0; i < count && state != NotJson; i++)
            {
                var b = data[i];
                switch (state)
                {
                    case Start:
                        if (b == '{' || b == '[')
                        {
                            state = Outside;
                        }
                        else if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF)
                        {
                            state = NotJson;
                        }

                        break;
                    case Outside:
                        if (b == '"')
                        {
                            state = InString;
                            length = 0;
                        }

                        break;
                    case InString:
                        if (b == '"')
                        {
                            state = Outside;
                        }
                        else if ((b & 0xC0) != 0x80)
                        {
                            // An ASCII byte or the first byte of a UTF-8 sequence: one character.
                            CountCharacter();
                            if (b == '\\')
                            {
                                state = Escape;
                            }
                        }

                        break;
                    case Escape:
                        if (b == 'u')
                        {
                            hexLeft = 4;
                            state = Hex;
                        }
                        else
                        {
                            state = InString;
                        }

                        break;
                    case Hex:
                        if (--hexLeft == 0)
                        {
                            state = InString;
                        }

                        break;
                }
            }
        }

        private void CountCharacter()
        {
            if (++length > maxLength)
            {
                throw new ReplyLimitExceededException(ReplyLimit.StringLength, maxLength);
            }
        }
    }
}
