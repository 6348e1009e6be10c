using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Coupontools.Client.Webhooks
{
    /// <summary>A state file that is not one this module wrote; the message says which line and what to do.</summary>
    public sealed class WebhookStateFileException : Exception
    {
        public WebhookStateFileException(string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }

    /// <summary>
    /// The deliveries already handled, kept in a file so a restarted listener does not write an event the
    /// vendor sends again (it re-sends hourly for 24 hours until a 2xx arrives in time). One line per
    /// delivery, <c>&lt;UTC time&gt; &lt;type&gt; &lt;id&gt;</c> (type and id URL-escaped), appended and
    /// flushed to disk before the delivery is answered. Entries older than <see cref="Keep"/> or beyond
    /// <see cref="MaxEntries"/> are forgotten; the file is rewritten (a new file moved over the old one)
    /// when it holds twice what is kept. The file is created on the first delivery. A line torn by a crash
    /// (the last one, without its newline) is ignored: that delivery was never answered, so it comes again.
    /// Any other line that does not read is an error: silently starting afresh would write again what
    /// was already handled. Not thread-safe: <see cref="WebhookLedger"/> serialises calls.
    /// </summary>
    public sealed class WebhookStateFile : IDisposable
    {
        public const string FirstLine = "# Coupontools webhook state: <UTC time> <type> <id>, one handled delivery a line";
        private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private readonly Queue<(DateTime At, string Key)> order = new Queue<(DateTime, string)>();
        private readonly HashSet<string> keys = new HashSet<string>(StringComparer.Ordinal);
        private FileStream? stream;
        private int linesInFile;

        private WebhookStateFile(string path, TimeSpan keep, int maxEntries)
        {
            Path = path;
            Keep = keep;
            MaxEntries = maxEntries;
        }

        public string Path { get; }

        public TimeSpan Keep { get; }

        public int MaxEntries { get; }

        public int Count => keys.Count;

        /// <summary>Reads <paramref name="path"/> when it exists (throws <see cref="WebhookStateFileException"/> when it does not read).</summary>
        public static WebhookStateFile Open(string path, TimeSpan keep, int maxEntries, DateTime utcNow)
        {
            if (keep <= TimeSpan.Zero || maxEntries < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(keep), "Keep and maxEntries must be positive.");
            }

            var full = System.IO.Path.GetFullPath(path);
            var directory = System.IO.Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(directory) || !System.IO.Directory.Exists(directory))
            {
                throw new WebhookStateFileException(full, $"The folder of the state file '{full}' does not exist. Create it, or choose another -StateFile.");
            }

            var state = new WebhookStateFile(full, keep, maxEntries);
            if (System.IO.Directory.Exists(full))
            {
                throw new WebhookStateFileException(full, $"The state file '{full}' is a folder. Name a file in it instead.");
            }

            if (File.Exists(full))
            {
                state.Load(utcNow);
            }

            return state;
        }

        public static string Key(string? type, string id) => Uri.EscapeDataString(type ?? string.Empty) + " " + Uri.EscapeDataString(id);

        public bool Contains(string key) => keys.Contains(key);

        /// <summary>Appends one handled delivery and flushes it to disk; throws IOException when that fails.</summary>
        public void Record(string key, DateTime utcNow)
        {
            Forget(utcNow);
            if (linesInFile > (2 * Math.Max(keys.Count, 1000)) + 1)
            {
                Compact();
            }

            if (stream == null)
            {
                var created = !File.Exists(Path) || new FileInfo(Path).Length == 0;
                stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                if (created)
                {
                    Write(FirstLine + "\n");
                }
            }

            Write(utcNow.ToString(TimeFormat, CultureInfo.InvariantCulture) + " " + key + "\n");
            linesInFile++;
            if (keys.Add(key))
            {
                order.Enqueue((utcNow, key));
            }

            while (order.Count > MaxEntries)
            {
                keys.Remove(order.Dequeue().Key);
            }
        }

        public void Dispose()
        {
            stream?.Dispose();
            stream = null;
        }

        private void Write(string line)
        {
            var bytes = Utf8.GetBytes(line);
            stream!.Write(bytes, 0, bytes.Length);
            stream.Flush(true);
        }

        private void Load(DateTime utcNow)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path, Utf8);
            }
            catch (IOException ex)
            {
                throw new WebhookStateFileException(Path, $"The state file '{Path}' cannot be read: {ex.Message}", ex);
            }

            var lines = text.Split('\n');
            var torn = lines[lines.Length - 1].Length > 0;
            var complete = lines.Length - 1;
            if (complete == 0 && !torn)
            {
                return;
            }

            if (complete == 0 || lines[0].TrimEnd('\r') != FirstLine)
            {
                throw new WebhookStateFileException(Path,
                    $"'{Path}' is not a Coupontools webhook state file (its first line is not '{FirstLine}'). " +
                    "Name another -StateFile; do not point it at a file of your own.");
            }

            for (var i = 1; i < complete; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                var parts = line.Split(' ');
                if (parts.Length != 3 || !DateTime.TryParseExact(parts[0], TimeFormat, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                {
                    throw new WebhookStateFileException(Path,
                        $"Line {i + 1} of the state file '{Path}' does not read as '<UTC time> <type> <id>'. The file was changed by something " +
                        "else. Fix or remove that line; deleting the whole file means deliveries of the last 24 hours that the vendor sends again are written again.");
                }

                linesInFile++;
                var key = parts[1] + " " + parts[2];
                if (keys.Add(key))
                {
                    order.Enqueue((at, key));
                }
            }

            while (order.Count > MaxEntries)
            {
                keys.Remove(order.Dequeue().Key);
            }

            Forget(utcNow);
            if (torn || linesInFile > keys.Count)
            {
                Compact();
            }
        }

        private void Forget(DateTime utcNow)
        {
            while (order.Count > 0 && utcNow - order.Peek().At > Keep)
            {
                keys.Remove(order.Dequeue().Key);
            }
        }

        /// <summary>Writes what is kept to a new file and moves it over the old one, so a crash leaves one or the other whole.</summary>
        private void Compact()
        {
            stream?.Dispose();
            stream = null;
            var temporary = Path + ".tmp";
            var text = new StringBuilder(FirstLine).Append('\n');
            foreach (var (at, key) in order)
            {
                if (keys.Contains(key))
                {
                    text.Append(at.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(' ').Append(key).Append('\n');
                }
            }

            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = Utf8.GetBytes(text.ToString());
                file.Write(bytes, 0, bytes.Length);
                file.Flush(true);
            }

            if (File.Exists(Path))
            {
                File.Replace(temporary, Path, null);
            }
            else
            {
                File.Move(temporary, Path);
            }

            linesInFile = keys.Count;
        }
    }
}
