using System;
using System.Collections.Generic;
using System.IO;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// A seekable in-memory copy of a reply body, kept in 32 KB chunks. A MemoryStream grows by
    /// doubling one array, and past 85 KB every array lands on the large object heap, which only a
    /// full collection frees: reading 200 usage pages of 2 MB each piled up there. Chunks stay on
    /// the small object heap and go with the next cheap collection.
    /// </summary>
    internal sealed class ReplyBuffer : Stream
    {
        private const int ChunkSize = 32 * 1024;
        private readonly List<byte[]> chunks = new List<byte[]>();
        private long length;
        private long position;

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
                var chunk = chunks[(int)(position / ChunkSize)];
                var at = (int)(position % ChunkSize);
                var n = (int)Math.Min(Math.Min(count, ChunkSize - at), length - position);
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
                var index = (int)(position / ChunkSize);
                while (chunks.Count <= index)
                {
                    chunks.Add(new byte[ChunkSize]);
                }

                var at = (int)(position % ChunkSize);
                var n = Math.Min(count, ChunkSize - at);
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

        /// <summary>Up to <paramref name="maxBytes"/> bytes from the start, for error messages and traces.</summary>
        public byte[] Prefix(int maxBytes)
        {
            var result = new byte[(int)Math.Min(length, maxBytes)];
            var saved = position;
            position = 0;
            Read(result, 0, result.Length);
            position = saved;
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
