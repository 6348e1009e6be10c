using System;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>Reading a request body: by its Content-Length, or chunked (strictly), within one deadline and the shared budget.</summary>
    internal sealed partial class HttpConnection
    {
        private async Task<(byte[] Body, int Length)> ReadLengthAsync(int length, DateTime deadline)
        {
            var body = new byte[Math.Min(length, InitialBodyBytes)];
            var filled = TakeBuffered(body, 0, body.Length);
            while (filled < length)
            {
                if (filled == body.Length)
                {
                    // Past the free part, the declared length at once: the shared budget bounds it, and
                    // one allocation leaves no trail of outgrown buffers for the collector.
                    body = Grow(body, length);
                }

                var read = await ReceiveAsync(body, filled, body.Length - filled, deadline).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new HttpFault(HttpAnswer.BadRequest($"The connection ended after {filled} of the {length} bytes the request declared."), HttpRefusal.Incomplete);
                }

                filled += read;
            }

            return (body, length);
        }

        private async Task<(byte[] Body, int Length)> ReadChunkedAsync(DateTime deadline)
        {
            var body = new byte[(int)Math.Min(limits.MaxBodyBytes, InitialBodyBytes)];
            var filled = 0;
            while (true)
            {
                var size = ChunkSize(await ReadLineAsync(deadline, MaxChunkLine).ConfigureAwait(false));
                if (size == 0)
                {
                    await SkipTrailersAsync(deadline).ConfigureAwait(false);
                    return (body, filled);
                }

                if (filled + size > limits.MaxBodyBytes)
                {
                    throw new HttpFault(TooLarge(null), HttpRefusal.TooLarge);
                }

                if (filled + size > body.Length)
                {
                    body = Grow(body, (int)Math.Min(limits.MaxBodyBytes, Math.Max(filled + size, (long)body.Length * 2)));
                }

                var chunkEnd = filled + (int)size;
                filled += TakeBuffered(body, filled, chunkEnd - filled);
                while (filled < chunkEnd)
                {
                    var read = await ReceiveAsync(body, filled, chunkEnd - filled, deadline).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new HttpFault(HttpAnswer.BadRequest("The connection ended inside a chunk."), HttpRefusal.Incomplete);
                    }

                    filled += read;
                }

                if ((await ReadLineAsync(deadline, 0).ConfigureAwait(false)).Length != 0)
                {
                    throw new HttpFault(HttpAnswer.BadRequest("A chunk is longer than its size line says."), HttpRefusal.Malformed);
                }
            }
        }

        /// <summary>
        /// A larger body buffer. The first <see cref="InitialBodyBytes"/> of each body are free (so small
        /// deliveries are never refused); beyond them, all connections share one budget of bytes, and
        /// a body that would pass it is answered 503: many large bodies at once cannot exhaust memory.
        /// </summary>
        private byte[] Grow(byte[] body, int size)
        {
            var more = Math.Max(0, size - InitialBodyBytes) - Math.Max(0, body.Length - InitialBodyBytes);
            if (!server.TryReserve(more))
            {
                throw new HttpFault(new HttpAnswer(503, $"The listener holds {limits.MaxBufferedBodyBytes} bytes of large bodies already; send again later.").With("Retry-After", "5"), HttpRefusal.Shed);
            }

            reserved += more;
            var larger = new byte[size];
            Buffer.BlockCopy(body, 0, larger, 0, body.Length);
            return larger;
        }

        private void ReleaseBody()
        {
            server.Release(reserved);
            reserved = 0;
        }

        private static long ChunkSize(string line)
        {
            var digits = 0;
            while (digits < line.Length && Uri.IsHexDigit(line[digits]))
            {
                digits++;
            }

            var rest = line.Substring(digits);
            var extension = rest.TrimStart(' ', '\t');
            if (digits == 0 || digits > 8 || (rest.Length > 0 && (extension.Length == 0 || extension[0] != ';')))
            {
                throw new HttpFault(HttpAnswer.BadRequest("A chunk size line is malformed."), HttpRefusal.Malformed);
            }

            return long.Parse(line.Substring(0, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        private async Task SkipTrailersAsync(DateTime deadline)
        {
            var total = 0;
            while (true)
            {
                var line = await ReadLineAsync(deadline, limits.MaxHeaderBytes).ConfigureAwait(false);
                if (line.Length == 0)
                {
                    return;
                }

                total += line.Length + 2;
                if (total > limits.MaxHeaderBytes || line[0] == ' ' || line[0] == '\t' || line.IndexOf(':') <= 0)
                {
                    throw new HttpFault(HttpAnswer.BadRequest("The chunked body's trailer is malformed or too long."), HttpRefusal.Malformed);
                }
            }
        }

        /// <summary>The next CRLF-terminated line of the buffer (bytes after it stay buffered).</summary>
        private async Task<string> ReadLineAsync(DateTime deadline, int maxLength)
        {
            while (true)
            {
                var lf = end > start ? Array.IndexOf(buffer, (byte)'\n', start, end - start) : -1;
                if (lf >= 0)
                {
                    if (lf == start || buffer[lf - 1] != '\r' || lf - 1 - start > maxLength)
                    {
                        throw new HttpFault(HttpAnswer.BadRequest("A line of the chunked body is malformed (bare LF, or too long)."), HttpRefusal.Malformed);
                    }

                    var line = Encoding.ASCII.GetString(buffer, start, lf - 1 - start);
                    start = lf + 1;
                    if (line.IndexOf('\r') >= 0)
                    {
                        throw new HttpFault(HttpAnswer.BadRequest("A bare CR was found in the chunked body."), HttpRefusal.Malformed);
                    }

                    return line;
                }

                if (end - start > maxLength + 1 || end - start >= buffer.Length)
                {
                    throw new HttpFault(HttpAnswer.BadRequest("A line of the chunked body is too long."), HttpRefusal.Malformed);
                }

                Compact();
                var read = await ReceiveAsync(buffer, end, buffer.Length - end, deadline).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new HttpFault(HttpAnswer.BadRequest("The connection ended inside the chunked body."), HttpRefusal.Incomplete);
                }

                end += read;
            }
        }
    }
}
