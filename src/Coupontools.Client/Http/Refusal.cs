using System;
using System.Globalization;
using System.Net.Http;
using System.Security.Authentication;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// A reply (or a connection) the client will not use: a redirect, a broken limit, a rejected
    /// certificate, an oversized header block. Never retried: the same server would do it again.
    /// </summary>
    internal sealed class Refusal
    {
        private Refusal(ApiFailure failure, string what, string advice, bool requestSent = true, bool outcomeUnknownForWrites = false)
        {
            Failure = failure;
            What = what;
            Advice = advice;
            RequestSent = requestSent;
            OutcomeUnknownForWrites = outcomeUnknownForWrites;
        }

        public ApiFailure Failure { get; }

        /// <summary>What happened, for the error message (already free of secrets).</summary>
        public string What { get; }

        /// <summary>What to do about it.</summary>
        public string Advice { get; }

        /// <summary>False when the request never left (the TLS handshake failed): a write was then certainly not applied.</summary>
        public bool RequestSent { get; }

        /// <summary>True when a write that met this is reported as <see cref="ApiFailure.OutcomeUnknown"/> rather than by its own kind.</summary>
        public bool OutcomeUnknownForWrites { get; }

        /// <summary>
        /// A 3xx is never followed, not even to the same origin: the API does not redirect, so one means a
        /// wrong base URI or something in the way, and following it would send the credentials (or a write)
        /// wherever it points. Null for any other status.
        /// </summary>
        public static Refusal? ForRedirect(HttpResponseMessage response, Uri requestUri, Redactor redactor)
        {
            var status = (int)response.StatusCode;
            if (status < 300 || status > 399 || status == 304)
            {
                return null;
            }

            var location = response.Headers.Location;
            var target = location == null ? "an address it did not give" : Describe(location.IsAbsoluteUri ? location : new Uri(requestUri, location), redactor);
            var from = Describe(requestUri, redactor);
            return new Refusal(ApiFailure.Redirected,
                $"the server at {from} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}, a redirect to {target}, which was not followed",
                "The module sends the API key and secret only to the connection's own address and never follows a redirect. " +
                "Check the base URI (Get-CtConnection) and any proxy; if the API has moved, run Connect-CtAccount with -BaseUri set to its new address.",
                outcomeUnknownForWrites: true);
        }

        public static Refusal ForLimit(ReplyLimitExceededException limit)
        {
            switch (limit.Limit)
            {
                case ReplyLimit.StringLength:
                    return new Refusal(ApiFailure.StringTooLong,
                        $"a string in the reply is longer than the limit of {Megabytes(limit.Value)} MB ({limit.Value.ToString(CultureInfo.InvariantCulture)} characters); reading stopped there",
                        "If the API really sends strings this long, run Connect-CtAccount with a larger -MaxStringLengthMB.");
                case ReplyLimit.InflatedBytes:
                    return new Refusal(ApiFailure.ReplyTooLarge,
                        $"the reply inflates (gzip) to more than the limit of {Megabytes(limit.Value)} MB; reading stopped there",
                        "If the API really sends replies this large, run Connect-CtAccount with a larger -MaxReplySizeMB.");
                default:
                    return new Refusal(ApiFailure.ReplyTooLarge,
                        $"the reply is larger than the limit of {Megabytes(limit.Value)} MB; reading stopped there",
                        "If the API really sends replies this large, run Connect-CtAccount with a larger -MaxReplySizeMB.");
            }
        }

        public static Refusal ForUnreadableEncoding(Exception error) =>
            new Refusal(ApiFailure.InvalidReply, $"the reply's encoding could not be read ({error.Message})",
                "A proxy or another server may be answering instead of the API; check the base URI (Get-CtConnection) and the proxy.",
                outcomeUnknownForWrites: true);

        /// <summary>A certificate or header-size failure told apart from a lost connection; null for anything else.</summary>
        public static Refusal? ForTransport(HttpRequestException error, Uri requestUri, int maxHeaderKilobytes)
        {
            for (Exception? inner = error; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException tls)
                {
                    var certificate = tls.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0;
                    return new Refusal(ApiFailure.CertificateRejected,
                        certificate
                            ? $"the TLS certificate of {requestUri.Host} was rejected ({tls.Message}); nothing was sent"
                            : $"the TLS handshake with {requestUri.Host} failed ({tls.Message}); nothing was sent",
                        "Check that the base URI names the API's real host (Get-CtConnection), that a proxy or network filter is not presenting its own certificate " +
                        "(if your organisation inspects TLS, its root certificate must be in this machine's trust store), and that the machine's trust store and clock are current. " +
                        "Do not turn certificate validation off: it would hand the API secret to whoever answers.",
                        requestSent: false);
                }
            }

            if (IsHeaderLimit(error))
            {
                return new Refusal(ApiFailure.HeadersTooLarge,
                    $"the reply's header block is larger than {maxHeaderKilobytes.ToString(CultureInfo.InvariantCulture)} KB, the most the module accepts (HttpClientHandler.MaxResponseHeadersLength)",
                    "The API's replies carry a few hundred bytes of headers: a proxy or another server is answering. Check the base URI (Get-CtConnection) and the proxy.");
            }

            return null;
        }

        // .NET 8+ says so in HttpRequestException.HttpRequestError, which netstandard2.0 cannot name; older
        // runtimes only in the message.
        private static bool IsHeaderLimit(HttpRequestException error)
        {
            var kind = error.GetType().GetProperty("HttpRequestError")?.GetValue(error)?.ToString();
            if (kind == "ConfigurationLimitExceeded")
            {
                return true;
            }

            return error.Message.IndexOf("header", StringComparison.OrdinalIgnoreCase) >= 0
                && error.Message.IndexOf("exceeded", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>Scheme, host, port and path: the query is left out (it may carry a token), and so is any user info.</summary>
        internal static string Describe(Uri uri, Redactor redactor) =>
            redactor.Redact(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)) + (string.IsNullOrEmpty(uri.Query) ? string.Empty : "?…");

        private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
