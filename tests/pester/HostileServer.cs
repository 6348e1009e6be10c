// Compiled by Start-CtHostileServer (tests/pester/HostileClient.Tests.ps1) with Add-Type.
// A fake API on loopback that plays one attack on the module's HTTP client (a redirect, a gzip bomb,
// an endless or dripping body, a huge string or header block, a cookie, a bad certificate), and
// counts what reached it: requests, and requests that carried a credential.
using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Test
{
    public sealed class HostileServer : IDisposable
    {
        private const string OkReply = "{\"status\":{\"status\":\"OK\"},\"recipients\":1,\"campaigns\":[]}";
        private static byte[] bomb;
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 certificate;
        private readonly string[] secrets;
        private int requests;
        private int withCredentials;
        private int withCookie;

        /// <param name="secrets">Values (the client id and secret) whose presence anywhere in a request counts it as carrying credentials.</param>
        /// <param name="tls">Serve https with a self-signed certificate no machine trusts.</param>
        public HostileServer(string[] secrets, bool tls = false)
        {
            this.secrets = secrets;
            if (tls)
            {
                certificate = SelfSigned();
            }

            listener.Start();
            Url = (tls ? "https" : "http") + "://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port;
            Task.Run(AcceptLoop);
        }

        public string Url { get; }

        /// <summary>ok, redirect, gzip-bomb, endless, drip, huge-string, huge-headers, cookie.</summary>
        public string Mode { get; set; } = "ok";

        public int RedirectStatus { get; set; } = 302;

        public string RedirectTo { get; set; } = string.Empty;

        /// <summary>Size of the string field of huge-string, in bytes.</summary>
        public long StringBytes { get; set; } = 200L * 1024 * 1024;

        public int Requests => requests;

        /// <summary>Requests carrying a credential: an X-Client-*/x-api-* header, or a secret anywhere in the request.</summary>
        public int WithCredentials => withCredentials;

        /// <summary>Requests that carried a Cookie header.</summary>
        public int WithCookie => withCookie;

        /// <summary>Bytes of body written in the last attack (how far the client let it go).</summary>
        public long BodyBytesSent { get; private set; }

        /// <summary>The gzip bomb: 1 GiB of zeros, about 1 MB compressed (gzip members of 64 MiB each, concatenated).</summary>
        public static byte[] Bomb => bomb ??= MakeBomb();

        public void Reset()
        {
            requests = 0;
            withCredentials = 0;
            withCookie = 0;
            BodyBytesSent = 0;
        }

        public void Dispose()
        {
            listener.Stop();
            certificate?.Dispose();
        }

        private static byte[] MakeBomb()
        {
            byte[] member;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
                {
                    var zeros = new byte[1024 * 1024];
                    for (var i = 0; i < 64; i++)
                    {
                        gzip.Write(zeros, 0, zeros.Length);
                    }
                }

                member = buffer.ToArray();
            }

            var result = new byte[member.Length * 16];
            for (var i = 0; i < 16; i++)
            {
                Buffer.BlockCopy(member, 0, result, i * member.Length, member.Length);
            }

            return result;
        }

        private static X509Certificate2 SelfSigned()
        {
            using (var key = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
                using (var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
                {
                    // Re-imported so the private key is usable by SslStream on every platform.
                    return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
                }
            }
        }

        private async Task AcceptLoop()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            {
                try
                {
                    Stream stream = client.GetStream();
                    if (certificate != null)
                    {
                        var tls = new SslStream(stream);
                        await tls.AuthenticateAsServerAsync(certificate).ConfigureAwait(false);
                        stream = tls;
                    }

                    while (await ReadRequest(stream).ConfigureAwait(false))
                    {
                        if (!await Answer(stream).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                }
                catch (Exception)
                {
                    // The client hung up (that is what a protected client does to an attack).
                }
            }
        }

        private async Task<bool> ReadRequest(Stream stream)
        {
            var head = new MemoryStream();
            var one = new byte[1];
            while (!EndsWithBlankLine(head))
            {
                if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0 || head.Length > 64 * 1024)
                {
                    return false;
                }

                head.WriteByte(one[0]);
            }

            var text = Encoding.ASCII.GetString(head.ToArray());
            var length = 0;
            var credentials = false;
            foreach (var line in text.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = line.IndexOf(':');
                var name = colon > 0 ? line.Substring(0, colon).Trim().ToLowerInvariant() : string.Empty;
                if (name == "content-length")
                {
                    length = int.Parse(line.Substring(colon + 1).Trim());
                }
                else if (name == "cookie")
                {
                    Interlocked.Increment(ref withCookie);
                }
                else if (name.StartsWith("x-client-") || name.StartsWith("x-api-") || name == "authorization")
                {
                    credentials = true;
                }
            }

            var body = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await stream.ReadAsync(body, read, length - read).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            var all = text + Encoding.UTF8.GetString(body);
            foreach (var secret in secrets)
            {
                credentials |= secret.Length > 0 && all.Contains(secret);
            }

            Interlocked.Increment(ref requests);
            if (credentials)
            {
                Interlocked.Increment(ref withCredentials);
            }

            return true;
        }

        private static bool EndsWithBlankLine(MemoryStream head)
        {
            if (head.Length < 4)
            {
                return false;
            }

            var bytes = head.GetBuffer();
            var end = (int)head.Length;
            return bytes[end - 4] == '\r' && bytes[end - 3] == '\n' && bytes[end - 2] == '\r' && bytes[end - 1] == '\n';
        }

        /// <summary>Writes the reply the mode calls for; false when the connection is to be closed.</summary>
        private async Task<bool> Answer(Stream stream)
        {
            switch (Mode)
            {
                case "redirect":
                    await Head(stream, RedirectStatus + " Moved", "Location: " + RedirectTo, "Content-Length: 0").ConfigureAwait(false);
                    return true;
                case "gzip-bomb":
                    await Head(stream, "200 OK", "Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: " + Bomb.Length).ConfigureAwait(false);
                    await Body(stream, Bomb, Bomb.Length).ConfigureAwait(false);
                    return false;
                case "endless":
                    await Head(stream, "200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked").ConfigureAwait(false);
                    var items = new StringBuilder();
                    for (var i = 0; i < 2000; i++)
                    {
                        items.Append("{\"id\":\"cam_1001\",\"name\":\"x\"},");
                    }

                    await Body(stream, Chunk("{\"status\":{\"status\":\"OK\"},\"campaigns\":["), long.MaxValue, Chunk(items.ToString())).ConfigureAwait(false);
                    return false;
                case "drip":
                    await Head(stream, "200 OK", "Content-Type: application/json", "Content-Length: 100000").ConfigureAwait(false);
                    for (var i = 0; i < 100000; i++)
                    {
                        await stream.WriteAsync(new[] { (byte)(i == 0 ? '{' : ' ') }, 0, 1).ConfigureAwait(false);
                        await stream.FlushAsync().ConfigureAwait(false);
                        BodyBytesSent++;
                        await Task.Delay(1000).ConfigureAwait(false);
                    }

                    return false;
                case "huge-string":
                    var start = Encoding.ASCII.GetBytes("{\"status\":{\"status\":\"OK\"},\"note\":\"");
                    await Head(stream, "200 OK", "Content-Type: application/json", "Content-Length: " + (start.Length + StringBytes + 2)).ConfigureAwait(false);
                    var letters = new byte[64 * 1024];
                    for (var i = 0; i < letters.Length; i++)
                    {
                        letters[i] = (byte)'a';
                    }

                    await Body(stream, start, start.Length + StringBytes, letters).ConfigureAwait(false);
                    return false;
                case "huge-headers":
                    var filler = new StringBuilder();
                    for (var i = 0; i < 1024; i++)
                    {
                        filler.Append("X-Filler-").Append(i).Append(": ").Append('f', 1000).Append("\r\n");
                    }

                    await Head(stream, "200 OK", filler.ToString().TrimEnd(), "Content-Type: application/json", "Content-Length: " + OkReply.Length).ConfigureAwait(false);
                    await Body(stream, Encoding.ASCII.GetBytes(OkReply), OkReply.Length).ConfigureAwait(false);
                    return false;
                case "cookie":
                    await Head(stream, "200 OK", "Set-Cookie: ct_session=hostile-cookie-1; Path=/", "Content-Type: application/json", "Content-Length: " + OkReply.Length).ConfigureAwait(false);
                    await Body(stream, Encoding.ASCII.GetBytes(OkReply), OkReply.Length).ConfigureAwait(false);
                    return true;
                default:
                    await Head(stream, "200 OK", "Content-Type: application/json", "Content-Length: " + OkReply.Length).ConfigureAwait(false);
                    await Body(stream, Encoding.ASCII.GetBytes(OkReply), OkReply.Length).ConfigureAwait(false);
                    return true;
            }
        }

        private static byte[] Chunk(string text) => Encoding.ASCII.GetBytes(text.Length.ToString("x") + "\r\n" + text + "\r\n");

        private static Task Head(Stream stream, string status, params string[] headers)
        {
            var text = "HTTP/1.1 " + status + "\r\n" + string.Join("\r\n", headers) + "\r\n\r\n";
            var bytes = Encoding.ASCII.GetBytes(text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        /// <summary>Writes <paramref name="first"/>, then <paramref name="repeat"/> again and again, until <paramref name="total"/> bytes or the client hangs up.</summary>
        private async Task Body(Stream stream, byte[] first, long total, byte[] repeat = null)
        {
            var sent = 0L;
            var block = first;
            while (sent < total)
            {
                var count = (int)Math.Min(block.Length, total - sent);
                await stream.WriteAsync(block, 0, count).ConfigureAwait(false);
                sent += count;
                BodyBytesSent = sent;
                if (repeat == null)
                {
                    break;
                }

                block = repeat;
            }

            await stream.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Samples this process's managed heap and working set every few milliseconds between Start and
    /// Stop, and reports the peaks over a baseline taken (after a full collection) at Start.
    /// </summary>
    public sealed class MemorySampler : IDisposable
    {
        private readonly Thread thread;
        private readonly long baselineHeap;
        private readonly long baselineWorkingSet;
        private volatile bool running = true;
        private long peakHeap;
        private long peakWorkingSet;

        public MemorySampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            baselineHeap = GC.GetTotalMemory(true);
            baselineWorkingSet = Environment.WorkingSet;
            peakHeap = baselineHeap;
            peakWorkingSet = baselineWorkingSet;
            thread = new Thread(Sample) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            thread.Start();
        }

        public double HeapOverBaselineMB => (peakHeap - baselineHeap) / 1048576.0;

        public double WorkingSetOverBaselineMB => (peakWorkingSet - baselineWorkingSet) / 1048576.0;

        public void Dispose()
        {
            running = false;
            thread.Join();
            Take();
        }

        private void Sample()
        {
            while (running)
            {
                Take();
                Thread.Sleep(2);
            }
        }

        private void Take()
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
        }
    }
}
