using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace Coupontools.Client.Webhooks.Http
{
    /// <summary>
    /// A listener prefix in HttpListener's form (<c>http://host:port/path/</c>): '+' or '*' for every
    /// interface and any Host; 'localhost' or a loopback address for this computer only; another
    /// address for that interface; a name for every interface, answering only requests for that name.
    /// Only http: this listener does not do TLS (a reverse proxy in front of it does).
    /// </summary>
    internal sealed class HttpPrefix
    {
        private static readonly char[] NotInHost = { '@', '?', '#', '\\', ' ' };

        private HttpPrefix(string text, string host, int port, string path)
        {
            Text = text;
            Host = host;
            Port = port;
            Path = path;
        }

        public string Text { get; }

        /// <summary>The host as written ('+', '*', a name or an address; IPv6 without brackets).</summary>
        public string Host { get; }

        public int Port { get; }

        public string Path { get; }

        public bool IsWildcard => Host == "+" || Host == "*";

        public bool IsLoopback => IsLoopbackName(Host);

        /// <summary>The address to bind: IPAddress.IPv6Any for every interface, else the interface's own.</summary>
        public IPAddress BindAddress =>
            IsWildcard || (!IsLoopback && !IPAddress.TryParse(Host, out _)) ? IPAddress.IPv6Any
            : string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.Parse(Host);

        /// <summary>Parses a prefix; throws ArgumentException naming what is wrong, NotSupportedException for https.</summary>
        public static HttpPrefix Parse(string prefix)
        {
            if (string.IsNullOrWhiteSpace(prefix))
            {
                throw new ArgumentException("A prefix is empty.", nameof(prefix));
            }

            if (prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"The prefix '{prefix}' asks for HTTPS, which this listener does not serve: " +
                    "put a reverse proxy that terminates TLS (nginx, Caddy, IIS) in front of it and point the proxy at an http:// prefix such as http://127.0.0.1:8080/.");
            }

            if (!prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !prefix.EndsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The prefix '{prefix}' must look like http://host:port/path/ (starting with http:// and ending with '/').", nameof(prefix));
            }

            var rest = prefix.Substring("http://".Length);
            var slash = rest.IndexOf('/');
            var authority = rest.Substring(0, slash);
            var path = rest.Substring(slash);
            string host;
            var port = 80;
            string? portText;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                var close = authority.IndexOf(']');
                host = close < 0 ? string.Empty : authority.Substring(1, close - 1);
                portText = close >= 0 && close + 1 < authority.Length && authority[close + 1] == ':' ? authority.Substring(close + 2) : null;
                if (close < 0 || (close + 1 < authority.Length && portText == null) || !IPAddress.TryParse(host, out _))
                {
                    throw new ArgumentException($"The prefix '{prefix}' has a malformed IPv6 host.", nameof(prefix));
                }
            }
            else
            {
                var colon = authority.IndexOf(':');
                host = colon < 0 ? authority : authority.Substring(0, colon);
                portText = colon < 0 ? null : authority.Substring(colon + 1);
            }

            if (portText != null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
            {
                throw new ArgumentException($"The prefix '{prefix}' has no valid port (1 to 65535).", nameof(prefix));
            }

            if (host.Length == 0 || host.IndexOfAny(NotInHost) >= 0)
            {
                throw new ArgumentException($"The prefix '{prefix}' has no valid host.", nameof(prefix));
            }

            return new HttpPrefix(prefix, host, port, path);
        }

        internal static bool IsLoopbackName(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }
    }

    /// <summary>
    /// Which Host values a port answers: any (a '+' or '*' prefix), or the prefixes' names, where every
    /// spelling of this computer (localhost, 127.0.0.1, [::1]) counts as one. The Host's port is not
    /// compared: a reverse proxy may keep its own.
    /// </summary>
    internal sealed class HostFilter
    {
        private readonly bool any;
        private readonly bool loopback;
        private readonly HashSet<string> names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public HostFilter(IEnumerable<HttpPrefix> prefixes)
        {
            foreach (var prefix in prefixes)
            {
                any |= prefix.IsWildcard;
                loopback |= prefix.IsLoopback;
                names.Add(prefix.Host);
            }
        }

        /// <summary>True when a request with this Host field (null: HTTP/1.0 without one) is for us.</summary>
        public bool Allows(string? hostField)
        {
            if (any || hostField == null)
            {
                return true;
            }

            var host = HostPart(hostField);
            return names.Contains(host) || (loopback && HttpPrefix.IsLoopbackName(host));
        }

        private static string HostPart(string field)
        {
            if (field.StartsWith("[", StringComparison.Ordinal))
            {
                var close = field.IndexOf(']');
                return close < 0 ? field : field.Substring(1, close - 1);
            }

            var colon = field.LastIndexOf(':');
            return colon < 0 ? field : field.Substring(0, colon);
        }

        public override string ToString() => any ? "any host" : string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal));
    }
}
