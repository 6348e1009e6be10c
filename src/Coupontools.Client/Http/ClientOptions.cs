using System;
using System.Net;
using System.Net.Http;

namespace Coupontools.Client.Http
{
    /// <summary>Everything a connection is made of. Validated once by <see cref="Validate"/>.</summary>
    public sealed class ClientOptions
    {
        /// <summary>The host of the 2025 documentation; the older https://api4coupons.com still answers and can be given as -BaseUri.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.coupontools.com/");

        public Uri BaseUri { get; set; } = DefaultBaseUri;

        public string ClientId { get; set; } = string.Empty;

        public string ClientSecret { get; set; } = string.Empty;

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        public int MaxRetryCount { get; set; } = 4;

        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// The largest reply accepted, counted twice: the bytes on the wire (compressed) and the bytes
        /// after inflating. 64 MiB: the largest page the simulator's generated data set answers is far
        /// smaller (see about_Coupontools), and a reply is kept in memory while it is parsed.
        /// </summary>
        public long MaxReplyBytes { get; set; } = DefaultMaxReplyBytes;

        public const long DefaultMaxReplyBytes = 64L * 1024 * 1024;

        /// <summary>The longest JSON string (in characters) a reply may hold: 4 Mi, far above any real field.</summary>
        public int MaxStringLength { get; set; } = DefaultMaxStringLength;

        public const int DefaultMaxStringLength = 4 * 1024 * 1024;

        /// <summary>The longest one call may take, all its attempts and waits together.</summary>
        public TimeSpan Deadline { get; set; } = DefaultDeadline;

        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(5);

        public Uri? Proxy { get; set; }

        public ICredentials? ProxyCredentials { get; set; }

        public string UserAgent { get; set; } = "Coupontools-PowerShell";

        /// <summary>
        /// For a connection made with a subaccount's own key and secret: the subaccount's id, which the
        /// connection shows instead of the key (a subaccount's key is kept as secret as its secret).
        /// </summary>
        public string? Subaccount { get; set; }

        /// <summary>For tests: the handler to send through instead of a new <see cref="HttpClientHandler"/>.</summary>
        public HttpMessageHandler? Handler { get; set; }

        /// <summary>
        /// <paramref name="baseUri"/> without a last path segment <c>v3</c> or <c>v4</c> (the API's versions, which every
        /// endpoint path already starts with, so such a base URI would send <c>/v3/v3/...</c>); <paramref name="removed"/>
        /// names what was removed, or is null when nothing was.
        /// </summary>
        public static Uri WithoutApiVersion(Uri baseUri, out string? removed)
        {
            removed = null;
            if (!baseUri.IsAbsoluteUri)
            {
                return baseUri;
            }

            var path = baseUri.AbsolutePath.TrimEnd('/');
            var cut = path.LastIndexOf('/');
            var last = path.Substring(cut + 1);
            if (!string.Equals(last, "v3", StringComparison.OrdinalIgnoreCase) && !string.Equals(last, "v4", StringComparison.OrdinalIgnoreCase))
            {
                return baseUri;
            }

            removed = "/" + last;
            return new UriBuilder(baseUri) { Path = path.Substring(0, cut + 1), Query = string.Empty, Fragment = string.Empty }.Uri;
        }

        /// <summary>Throws <see cref="ArgumentException"/> with a message an admin can act on.</summary>
        public void Validate()
        {
            if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"The base URI '{BaseUri}' is not an absolute http(s) URI.", nameof(BaseUri));
            }

            if (BaseUri.Scheme == Uri.UriSchemeHttp && !BaseUri.IsLoopback)
            {
                throw new ArgumentException(
                    $"Refusing to send credentials over plain http to '{BaseUri.Host}'. Use https, or http only for a loopback address such as 127.0.0.1 (the simulator).",
                    nameof(BaseUri));
            }

            if (string.IsNullOrWhiteSpace(ClientId))
            {
                throw new ArgumentException("The client id is empty.", nameof(ClientId));
            }

            if (string.IsNullOrWhiteSpace(ClientSecret))
            {
                throw new ArgumentException("The client secret is empty.", nameof(ClientSecret));
            }

            // Both travel in HTTP headers: a line break made HttpClient throw FormatException, and a
            // non-ASCII character made every call fail as a "lost connection" after all its retries.
            // The message never repeats the value.
            RequireHeaderSafe(ClientId, "client id", nameof(ClientId));
            RequireHeaderSafe(ClientSecret, "client secret", nameof(ClientSecret));

            if (Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("The timeout must be positive.", nameof(Timeout));
            }

            if (Deadline <= TimeSpan.Zero)
            {
                throw new ArgumentException("The deadline of a call must be positive.", nameof(Deadline));
            }

            if (MaxReplyBytes <= 0 || MaxStringLength <= 0)
            {
                throw new ArgumentException("The reply size and string length limits must be positive.", MaxReplyBytes <= 0 ? nameof(MaxReplyBytes) : nameof(MaxStringLength));
            }
        }

        private static void RequireHeaderSafe(string value, string what, string parameter)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c < 0x20 || c > 0x7E)
                {
                    var kind = c < 0x20 || c == 0x7F ? "a control character (such as a line break)" : "a character outside ASCII";
                    throw new ArgumentException(
                        $"The {what} contains {kind} at position {i + 1}, which cannot be sent in an HTTP header. " +
                        $"Copy the {what} again from the Coupontools dashboard.", parameter);
                }
            }
        }
    }
}
