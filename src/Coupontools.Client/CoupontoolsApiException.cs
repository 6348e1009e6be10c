using System;
using System.Collections.Generic;
using System.Linq;

namespace Coupontools
{
    /// <summary>What went wrong, in the terms a caller acts on.</summary>
    public enum ApiFailure
    {
        /// <summary>The API answered with <c>status.status</c> other than OK.</summary>
        ApiError,
        /// <summary>An HTTP error status without a readable envelope (5xx, 404 page, proxy error).</summary>
        HttpError,
        /// <summary>The connection failed before any reply arrived.</summary>
        Transport,
        /// <summary>No reply within the timeout.</summary>
        Timeout,
        /// <summary>A reply arrived but it is not the API's JSON envelope (truncated, HTML, empty).</summary>
        InvalidReply,
        /// <summary>A write may or may not have been applied: the reply was lost and it is not safe to re-send.</summary>
        OutcomeUnknown,
        /// <summary>Rate limited, and the allowed retries or wait were used up.</summary>
        RateLimited,
        /// <summary>The server answered with a redirect, which is never followed (credentials go to the connection's address only).</summary>
        Redirected,
        /// <summary>The reply was larger than the connection's reply size limit (on the wire or inflated).</summary>
        ReplyTooLarge,
        /// <summary>A string in the reply was longer than the connection's string length limit.</summary>
        StringTooLong,
        /// <summary>The call's attempts and waits together ran past the connection's deadline.</summary>
        DeadlineExceeded,
        /// <summary>The server's TLS certificate was not accepted, so nothing was sent.</summary>
        CertificateRejected,
        /// <summary>The reply's header block was larger than the handler accepts.</summary>
        HeadersTooLarge,
    }

    /// <summary>The one exception type the client lets escape.</summary>
    [Serializable]
    public sealed class CoupontoolsApiException : Exception
    {
        public CoupontoolsApiException(ApiFailure failure, string endpoint, string message, int? httpStatus = null,
            IReadOnlyList<int>? errorCodes = null, IReadOnlyList<string>? descriptions = null, string? apiMessage = null,
            string? redactedBody = null, Exception? inner = null, int attempts = 1, TimeSpan? retryAfter = null)
            : base(message, inner)
        {
            Failure = failure;
            Endpoint = endpoint;
            HttpStatus = httpStatus;
            ErrorCodes = errorCodes ?? Array.Empty<int>();
            Descriptions = descriptions ?? Array.Empty<string>();
            ApiMessage = apiMessage;
            RedactedBody = redactedBody;
            Attempts = attempts;
            RetryAfter = retryAfter;
        }

        public ApiFailure Failure { get; }

        /// <summary>The path called, for example <c>/v3/coupon/info</c>.</summary>
        public string Endpoint { get; }

        public int? HttpStatus { get; }

        /// <summary>The API's <c>error_code</c> values (a scalar code becomes a one-item list).</summary>
        public IReadOnlyList<int> ErrorCodes { get; }

        /// <summary>The API's <c>error_message_description</c> entries.</summary>
        public IReadOnlyList<string> Descriptions { get; }

        /// <summary>The API's <c>error_message</c>.</summary>
        public string? ApiMessage { get; }

        /// <summary>The reply body with secrets masked, cut to a readable length.</summary>
        public string? RedactedBody { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>For <see cref="ApiFailure.RateLimited"/>: how long the server asked to wait.</summary>
        public TimeSpan? RetryAfter { get; }

        public bool HasErrorCode(int code) => ErrorCodes.Contains(code);

        /// <summary>The API's own words: descriptions if any, else its message.</summary>
        public string ApiText => Descriptions.Count > 0 ? string.Join(" ", Descriptions) : ApiMessage ?? Message;

        /// <summary>
        /// How every message names the API's own codes: "Coupontools error 502", never "error 502" alone, which reads like
        /// an HTTP status.
        /// </summary>
        public static string CodeLabel(IEnumerable<int> codes) => "Coupontools error " + string.Join(", ", codes);

        /// <summary>The label of this failure's codes ("Coupontools error 502"); null when the API sent none.</summary>
        public string? CodeText => ErrorCodes.Count > 0 ? CodeLabel(ErrorCodes) : null;
    }
}
