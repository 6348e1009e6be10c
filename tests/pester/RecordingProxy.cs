// Compiled by Start-CtRecordingProxy (tests/pester/RobustnessHelpers.psm1) with Add-Type.
// A loopback HTTP proxy in front of the simulator that keeps every request body it forwards, so a
// test can see exactly what the module put on the wire, and count that nothing was sent at all.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Coupontools.Test
{
    public sealed class RecordedRequest
    {
        public RecordedRequest(string path, byte[] body, string clientId, string secret)
        {
            Path = path;
            ClientId = clientId;
            Secret = secret;
            Bytes = body;
            Body = new UTF8Encoding(false, false).GetString(body);
        }

        public string Path { get; }

        public byte[] Bytes { get; }

        public string Body { get; }

        /// <summary>The X-Client-Id header as received.</summary>
        public string ClientId { get; }

        /// <summary>The X-Client-Secret header as received (tests check a legitimate secret arrived intact).</summary>
        public string Secret { get; }
    }

    public sealed class RecordingProxy : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly HttpClient client = new HttpClient();
        private readonly Uri target;
        private readonly ConcurrentQueue<RecordedRequest> requests = new ConcurrentQueue<RecordedRequest>();
        private int total;

        public RecordingProxy(string targetUrl)
        {
            target = new Uri(targetUrl.TrimEnd('/') + "/");
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = "http://127.0.0.1:" + port;
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            Task.Run(Loop);
        }

        public string Url { get; }

        public int Count => requests.Count;

        /// <summary>Every request forwarded since the start, whatever Clear() did.</summary>
        public int Total => total;

        public RecordedRequest[] Requests => requests.ToArray();

        public void Clear()
        {
            while (requests.TryDequeue(out _))
            {
            }
        }

        public void Dispose()
        {
            try { listener.Stop(); } catch (ObjectDisposedException) { }
            listener.Close();
            client.Dispose();
        }

        private async Task Loop()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => Forward(context));
            }
        }

        private async Task Forward(HttpListenerContext context)
        {
            try
            {
                byte[] body;
                using (var buffer = new MemoryStream())
                {
                    await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                    body = buffer.ToArray();
                }

                System.Threading.Interlocked.Increment(ref total);
                requests.Enqueue(new RecordedRequest(context.Request.Url.AbsolutePath, body, context.Request.Headers["X-Client-Id"], context.Request.Headers["X-Client-Secret"]));
                using (var message = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(target, context.Request.Url.PathAndQuery.TrimStart('/'))))
                {
                    message.Content = new ByteArrayContent(body);
                    if (context.Request.ContentType != null)
                    {
                        message.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
                    }

                    foreach (var name in new[] { "X-Client-Id", "X-Client-Secret", "x-api-key", "x-api-secret" })
                    {
                        var value = context.Request.Headers[name];
                        if (value != null)
                        {
                            message.Headers.TryAddWithoutValidation(name, value);
                        }
                    }

                    using (var reply = await client.SendAsync(message).ConfigureAwait(false))
                    {
                        var bytes = await reply.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        context.Response.StatusCode = (int)reply.StatusCode;
                        if (reply.Content.Headers.ContentType != null)
                        {
                            context.Response.ContentType = reply.Content.Headers.ContentType.ToString();
                        }

                        context.Response.ContentLength64 = bytes.Length;
                        await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                        context.Response.Close();
                    }
                }
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch (Exception) { }
            }
        }
    }
}
