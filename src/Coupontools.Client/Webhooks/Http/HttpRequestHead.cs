using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>
    /// The request line and header fields of one HTTP/1.1 request, parsed strictly: every rule whose
    /// lenient reading lets two parsers disagree on where a request ends (bare LF, folded lines,
    /// space before a colon, Content-Length with Transfer-Encoding, a coding other than chunked,
    /// repeated or malformed lengths, no or several Host fields) is a refusal, never a guess.
    /// </summary>
    internal sealed class HttpRequestHead
    {
        private const int MaxHeaderFields = 100;
        private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");
        private static readonly char[] NotInHost = { '/', '?', '#', '@', '\\' };

        private HttpRequestHead(string method, string target, bool http10, List<KeyValuePair<string, string>> fields)
        {
            Method = method;
            Target = target;
            Http10 = http10;
            Fields = fields;
            var query = target.IndexOf('?');
            Path = query < 0 ? target : target.Substring(0, query);
        }

        public string Method { get; }

        /// <summary>The request target as sent (origin form: a path and maybe a query).</summary>
        public string Target { get; }

        /// <summary>The target without its query.</summary>
        public string Path { get; }

        public bool Http10 { get; }

        /// <summary>Header fields in the order received, names as sent.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

        /// <summary>The Host field's value (null for an HTTP/1.0 request without one).</summary>
        public string? Host { get; private set; }

        /// <summary>The declared body length; null for a chunked body; 0 when neither is given.</summary>
        public long? ContentLength { get; private set; }

        public bool Chunked { get; private set; }

        public bool ExpectContinue { get; private set; }

        /// <summary>The client asked to close after this request (Connection: close, or HTTP/1.0).</summary>
        public bool WantsClose { get; private set; }

        public EndPoint? Remote { get; internal set; }

        /// <summary>The first value of a header field (case-insensitive name), or null.</summary>
        public string? Header(string name)
        {
            foreach (var field in Fields)
            {
                if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return field.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// Parses the head in <paramref name="buffer"/>[<paramref name="start"/>, +<paramref name="length"/>),
        /// which ends with its empty line. Returns null and the head, or the refusal to answer.
        /// </summary>
        public static HttpAnswer? TryParse(byte[] buffer, int start, int length, out HttpRequestHead? head)
        {
            head = null;
            var lines = new List<string>();
            var at = start;
            var end = start + length;
            while (at < end)
            {
                var lf = Array.IndexOf(buffer, (byte)'\n', at, end - at);
                if (lf < 0 || lf == at || buffer[lf - 1] != (byte)'\r')
                {
                    return HttpAnswer.BadRequest("Lines of the request head must end with CRLF (a bare LF was found).");
                }

                var line = Latin1.GetString(buffer, at, lf - 1 - at);
                if (line.IndexOf('\r') >= 0)
                {
                    return HttpAnswer.BadRequest("A bare CR was found in the request head.");
                }

                lines.Add(line);
                at = lf + 1;
            }

            if (lines.Count < 2 || lines[lines.Count - 1].Length != 0)
            {
                return HttpAnswer.BadRequest("The request head does not end with an empty line.");
            }

            var refusal = ParseRequestLine(lines[0], out var method, out var target, out var http10);
            if (refusal != null)
            {
                return refusal;
            }

            if (lines.Count - 2 > MaxHeaderFields)
            {
                return new HttpAnswer(431, $"More than {MaxHeaderFields} header fields.");
            }

            var fields = new List<KeyValuePair<string, string>>(lines.Count - 2);
            for (var i = 1; i < lines.Count - 1; i++)
            {
                refusal = ParseField(lines[i], out var field);
                if (refusal != null)
                {
                    return refusal;
                }

                fields.Add(field);
            }

            var parsed = new HttpRequestHead(method!, target!, http10, fields);
            refusal = parsed.ReadFraming();
            if (refusal != null)
            {
                return refusal;
            }

            head = parsed;
            return null;
        }

        private static HttpAnswer? ParseRequestLine(string line, out string? method, out string? target, out bool http10)
        {
            method = target = null;
            http10 = false;
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[0].Length > 20 || !IsToken(parts[0]))
            {
                return HttpAnswer.BadRequest("The request line is not 'METHOD /path HTTP/1.1'.");
            }

            if (parts[1].Length == 0 || parts[1][0] != '/' || !IsVisible(parts[1]))
            {
                return HttpAnswer.BadRequest("The request target must be a path starting with '/'.");
            }

            switch (parts[2])
            {
                case "HTTP/1.1":
                    break;
                case "HTTP/1.0":
                    http10 = true;
                    break;
                default:
                    return parts[2].StartsWith("HTTP/", StringComparison.Ordinal) && parts[2].Length == 8 && char.IsDigit(parts[2][5]) && parts[2][6] == '.' && char.IsDigit(parts[2][7])
                        ? new HttpAnswer(505, "Only HTTP/1.1 (and 1.0) is served.")
                        : HttpAnswer.BadRequest("The request line does not end with an HTTP version.");
            }

            method = parts[0];
            target = parts[1];
            return null;
        }

        private static HttpAnswer? ParseField(string line, out KeyValuePair<string, string> field)
        {
            field = default;
            if (line[0] == ' ' || line[0] == '\t')
            {
                return HttpAnswer.BadRequest("Folded header lines (obs-fold) are not accepted.");
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsToken(line.Substring(0, colon)))
            {
                return HttpAnswer.BadRequest("A header field name is malformed (or has space before its colon).");
            }

            var value = line.Substring(colon + 1).Trim(' ', '\t');
            foreach (var c in value)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    return HttpAnswer.BadRequest($"The header field '{line.Substring(0, colon)}' holds a control character.");
                }
            }

            field = new KeyValuePair<string, string>(line.Substring(0, colon), value);
            return null;
        }

        /// <summary>Host, Content-Length, Transfer-Encoding, Expect, Connection: the fields that decide framing.</summary>
        private HttpAnswer? ReadFraming()
        {
            string? length = null, coding = null, expect = null;
            var hosts = 0;
            foreach (var field in Fields)
            {
                switch (field.Key.ToUpperInvariant())
                {
                    case "HOST":
                        hosts++;
                        Host = field.Value;
                        break;
                    case "CONTENT-LENGTH":
                        if (length != null)
                        {
                            return HttpAnswer.BadRequest("Content-Length is given more than once.");
                        }

                        length = field.Value;
                        break;
                    case "TRANSFER-ENCODING":
                        if (coding != null)
                        {
                            return HttpAnswer.BadRequest("Transfer-Encoding is given more than once.");
                        }

                        coding = field.Value;
                        break;
                    case "EXPECT":
                        expect = field.Value;
                        break;
                    case "CONNECTION":
                        WantsClose |= field.Value.IndexOf("close", StringComparison.OrdinalIgnoreCase) >= 0;
                        break;
                }
            }

            WantsClose |= Http10;
            if (hosts > 1 || (hosts == 0 && !Http10) || (Host != null && !IsHostValue(Host)))
            {
                return HttpAnswer.BadRequest(hosts == 0 ? "The Host field is missing." : "The Host field is repeated or malformed.");
            }

            if (coding != null)
            {
                if (length != null)
                {
                    return HttpAnswer.BadRequest("Content-Length and Transfer-Encoding together are ambiguous.");
                }

                if (Http10 || !string.Equals(coding, "chunked", StringComparison.OrdinalIgnoreCase))
                {
                    return HttpAnswer.BadRequest("Transfer-Encoding other than exactly 'chunked' (on HTTP/1.1) is not accepted.");
                }

                Chunked = true;
            }
            else if (length != null)
            {
                if (length.Length == 0 || length.Length > 15 || !IsDigits(length))
                {
                    return HttpAnswer.BadRequest("Content-Length is not a plain decimal number.");
                }

                ContentLength = long.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                ContentLength = 0;
            }

            if (expect != null)
            {
                if (!string.Equals(expect, "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    return new HttpAnswer(417, "Only 'Expect: 100-continue' is understood.");
                }

                ExpectContinue = !Http10;
            }

            return null;
        }

        private static bool IsDigits(string text)
        {
            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsToken(string text)
        {
            foreach (var c in text)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!ok)
                {
                    return false;
                }
            }

            return text.Length > 0;
        }

        private static bool IsVisible(string text)
        {
            foreach (var c in text)
            {
                if (c <= 0x20 || c >= 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHostValue(string host) =>
            host.Length > 0 && host.Length <= 255 && IsVisible(host) && host.IndexOfAny(NotInHost) < 0;
    }
}
