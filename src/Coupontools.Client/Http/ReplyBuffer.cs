using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// A seekable in-memory copy of a reply body, kept in chunks of at most 32 KB. A MemoryStream grows by
    /// doubling one array, and past 85 KB every array lands on the large object heap, which only a
    /// full collection frees: reading 200 usage pages of 2 MB each piled up there. Chunks stay on
    /// the small object heap and go with the next cheap collection.
    /// </summary>
    internal sealed class ReplyBuffer : Stream
    {
        private const int MaxChunkSize = 32 * 1024;
        private const int UnknownLengthChunkSize = 8 * 1024;
        private readonly int chunkSize;
        private readonly List<byte[]> chunks = new List<byte[]>();
        private long length;
        private long position;

        /// <param name="expectedLength">The Content-Length when the reply has one: a small reply then takes one
        /// array of its own size instead of a whole chunk (most replies are a few hundred bytes).</param>
        public ReplyBuffer(long? expectedLength = null)
        {
            chunkSize = expectedLength > 0 ? (int)Math.Min(expectedLength.Value, MaxChunkSize) : UnknownLengthChunkSize;
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = 0;
            while (count > 0 && position < length)
            {
                var chunk = chunks[(int)(position / chunkSize)];
                var at = (int)(position % chunkSize);
                var n = (int)Math.Min(Math.Min(count, chunkSize - at), length - position);
                Buffer.BlockCopy(chunk, at, buffer, offset, n);
                position += n;
                offset += n;
                count -= n;
                read += n;
            }

            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                var index = (int)(position / chunkSize);
                while (chunks.Count <= index)
                {
                    chunks.Add(new byte[chunkSize]);
                }

                var at = (int)(position % chunkSize);
                var n = Math.Min(count, chunkSize - at);
                Buffer.BlockCopy(buffer, offset, chunks[index], at, n);
                position += n;
                offset += n;
                count -= n;
                length = Math.Max(length, position);
            }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? position + offset : length + offset;
            return position;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        // Stream's default async methods queue the synchronous call to the thread pool: a thread hop
        // per copied block, which cost more than the whole request on loopback. Copying is in memory.
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Read(buffer, offset, count));
        }

        /// <summary>Up to <paramref name="maxBytes"/> bytes from the start, for error messages and traces.</summary>
        public byte[] Prefix(int maxBytes)
        {
            var result = new byte[(int)Math.Min(length, maxBytes)];
            var saved = position;
            position = 0;
            var read = Read(result, 0, result.Length);
            position = saved;
            if (read < result.Length)
            {
                Array.Resize(ref result, read);
            }

            return result;
        }

        protected override void Dispose(bool disposing)
        {
            chunks.Clear();
            length = 0;
            position = 0;
            base.Dispose(disposing);
        }
    }
}
