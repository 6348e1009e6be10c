using System.Collections.Generic;
using System.Text;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>One response: a status, a short plain-text body and any extra header fields.</summary>
    internal sealed class HttpAnswer
    {
        public HttpAnswer(int status, string text)
        {
            Status = status;
            Text = text;
        }

        public int Status { get; }

        public string Text { get; }

        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        /// <summary>Only a 2xx keeps the connection open: after any refusal the rest of the bytes are not trusted.</summary>
        public bool KeepsConnection => Status >= 200 && Status < 300;

        public static HttpAnswer BadRequest(string why) => new HttpAnswer(400, why);

        public HttpAnswer With(string name, string value)
        {
            Headers[name] = value;
            return this;
        }

        internal byte[] ToBytes(bool close)
        {
            var body = Encoding.UTF8.GetBytes(Text);
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(Status).Append(' ').Append(Reason(Status)).Append("\r\n")
                .Append("Content-Type: text/plain; charset=utf-8\r\n")
                .Append("Content-Length: ").Append(body.Length).Append("\r\n");
            foreach (var header in Headers)
            {
                head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            if (close)
            {
                head.Append("Connection: close\r\n");
            }

            head.Append("\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            var all = new byte[bytes.Length + body.Length];
            bytes.CopyTo(all, 0);
            body.CopyTo(all, bytes.Length);
            return all;
        }

        internal static string Reason(int status)
        {
            switch (status)
            {
                case 100: return "Continue";
                case 200: return "OK";
                case 202: return "Accepted";
                case 204: return "No Content";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 408: return "Request Timeout";
                case 413: return "Payload Too Large";
                case 417: return "Expectation Failed";
                case 431: return "Request Header Fields Too Large";
                case 500: return "Internal Server Error";
                case 503: return "Service Unavailable";
                case 505: return "HTTP Version Not Supported";
                default: return "Status";
            }
        }
    }
}
