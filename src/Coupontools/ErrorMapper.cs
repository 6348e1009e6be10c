using System;
using System.Management.Automation;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// The one place where an API failure becomes an ErrorRecord: a stable ErrorId, a category, the
    /// failing input as TargetObject, the API's words in ErrorDetails, advice an admin can act on,
    /// and which failures stop a command (<see cref="StopsCommand"/>). The table is in
    /// docs/ARCHITECTURE.md, "Errors".
    /// </summary>
    internal static class ErrorMapper
    {
        private const string CredentialsAdvice =
            "Check the client id and secret (the API key and secret of the account) and the base URI, then run Connect-CtAccount again.";

        internal const string SubaccountCredentialsAdvice =
            "Managing subaccounts needs the main account's API key and secret: run Connect-CtAccount with the main account's credentials, or pass the main account's connection with -Connection.";

        internal const string UnknownSubaccountAdvice =
            "List this account's subaccounts and their ids with Get-CtSubaccount, then run again with one of those ids.";

        /// <summary>
        /// True when the failure is the same for every input, so the command stops rather than write one
        /// error per input: Coupontools error 102 (a subaccount's credentials used to manage subaccounts).
        /// </summary>
        public static bool StopsCommand(CoupontoolsApiException ex) => CodeOf(ex) == 102;

        /// <summary>
        /// The record for <paramref name="ex"/>; <paramref name="advice"/>, when given, replaces the
        /// default advice (the caller knows more, for example that a batch may have been applied).
        /// </summary>
        public static ErrorRecord ToRecord(CoupontoolsApiException ex, object? target, string? advice = null)
        {
            var (id, category, defaultAdvice) = Classify(ex);
            var record = new ErrorRecord(ex, "Coupontools." + id, category, target is InputLabel label ? label.Input : target);
            var action = advice ?? defaultAdvice;
            var explained = Explain(ex, target);
            record.ErrorDetails = new ErrorDetails(explained == null ? Plain(ex, target, action) : explained + " " + action) { RecommendedAction = action };
            return record;
        }

        /// <summary>
        /// The input a record is about, as its message names it: an id or other plain value in quotes, a model object by its
        /// id, a text the cmdlet made for it ("row 3, anna@example.com") as it is; null for anything else.
        /// </summary>
        public static string? Describe(object? target)
        {
            var value = target is PSObject wrapped ? wrapped.BaseObject : target;
            switch (value)
            {
                case null:
                    return null;
                case InputLabel label:
                    return label.Text;
                case string text:
                    return "'" + text + "'";
                case ApiObject model when model.GetType().GetProperty("Id")?.GetValue(model) is { } id:
                    return "'" + id + "'";
                case Uri uri:
                    return uri.ToString();
                default:
                    return value.GetType().IsPrimitive ? "'" + value + "'" : null;
            }
        }

        /// <summary>
        /// The message of a failure no <see cref="Explain"/> covers: the input first, then the API's words with its code
        /// ("'cam_9999': Campaign not found (Coupontools error 502)."), then what to do.
        /// </summary>
        private static string Plain(CoupontoolsApiException ex, object? target, string action)
        {
            var what = ex.Failure == ApiFailure.ApiError && ex.CodeText != null
                ? $"{ex.ApiText.TrimEnd().TrimEnd('.')} ({ex.CodeText})."
                : ex.Message;
            var subject = Describe(target);
            return (subject == null ? what : subject + ": " + what) + " " + action;
        }

        public static string ErrorIdOf(CoupontoolsApiException ex) => "Coupontools." + Classify(ex).Id;

        /// <summary>The API error code that decides the mapping: the first one the API sent, 0 for none.</summary>
        private static int CodeOf(CoupontoolsApiException ex) =>
            ex.Failure == ApiFailure.ApiError && ex.ErrorCodes.Count > 0 ? ex.ErrorCodes[0] : 0;

        /// <summary>
        /// A message in the admin's terms for the codes whose cause is certain; the advice follows it in
        /// the message itself, because these are read in a terminal, not in RecommendedAction.
        /// </summary>
        private static string? Explain(CoupontoolsApiException ex, object? target)
        {
            switch (CodeOf(ex))
            {
                case 102:
                    return $"The connection uses a subaccount's API key and secret, which cannot manage subaccounts ({ex.CodeText}: {ex.ApiText}).";
                case 510:
                    return $"Subaccount '{target}' is not a subaccount of this account ({ex.CodeText}: {ex.ApiText}).";
                default:
                    return null;
            }
        }

        private static (string Id, ErrorCategory Category, string Advice) Classify(CoupontoolsApiException ex)
        {
            switch (ex.Failure)
            {
                case ApiFailure.RateLimited:
                    return ("RateLimited", ErrorCategory.LimitsExceeded,
                        "The API is rate limiting this account. Wait and run again, or lower -ThrottleLimit.");
                case ApiFailure.Timeout:
                    return ("Timeout", ErrorCategory.OperationTimeout,
                        "The API did not answer in time. Run again, or connect with a larger -TimeoutSec.");
                case ApiFailure.Transport:
                    return ("ConnectionFailed", ErrorCategory.ConnectionError,
                        "Check the network, the proxy (-Proxy) and the base URI of the connection (Get-CtConnection).");
                case ApiFailure.InvalidReply:
                    return ("InvalidReply", ErrorCategory.InvalidResult,
                        "The API sent something that is not its JSON reply; a proxy or an outage page may be in the way. Run again later.");
                case ApiFailure.OutcomeUnknown:
                    return ("OutcomeUnknown", ErrorCategory.ResourceUnavailable,
                        "Check whether the change was applied before running it again.");
                case ApiFailure.HttpError:
                    return ("ServiceError", ErrorCategory.ResourceUnavailable,
                        "The Coupontools service failed. Run again later; reads are retried automatically.");
                case ApiFailure.Redirected:
                    return ("Redirected", ErrorCategory.SecurityError,
                        "Check the base URI (Get-CtConnection) and the proxy; if the API has moved, run Connect-CtAccount with -BaseUri set to its new address.");
                case ApiFailure.ReplyTooLarge:
                    return ("ReplyTooLarge", ErrorCategory.LimitsExceeded,
                        "If the API really sends replies this large, run Connect-CtAccount with a larger -MaxReplySizeMB.");
                case ApiFailure.StringTooLong:
                    return ("StringTooLong", ErrorCategory.LimitsExceeded,
                        "If the API really sends strings this long, run Connect-CtAccount with a larger -MaxStringLengthMB.");
                case ApiFailure.DeadlineExceeded:
                    return ("DeadlineExceeded", ErrorCategory.OperationTimeout,
                        "Run again later, or run Connect-CtAccount with a larger -DeadlineSec.");
                case ApiFailure.CertificateRejected:
                    return ("CertificateRejected", ErrorCategory.SecurityError,
                        "Check the base URI, the proxy and this machine's trust store; do not turn certificate validation off.");
                case ApiFailure.HeadersTooLarge:
                    return ("HeadersTooLarge", ErrorCategory.InvalidResult,
                        "Something other than the API is answering; check the base URI (Get-CtConnection) and the proxy.");
            }

            var code = CodeOf(ex);
            if (ex.ErrorCodes.Count == 0 && ex.HttpStatus is int http && ByHttpStatus(http) is { } byStatus)
            {
                return byStatus;
            }

            switch (code)
            {
                case 1000:
                    return ("Unauthorized", ErrorCategory.AuthenticationError, CredentialsAdvice);
                case 101:
                    return ("AccountExpired", ErrorCategory.PermissionDenied, "The Coupontools account has expired; renew it, then run again.");
                case 102:
                    return ("SubaccountCredentials", ErrorCategory.PermissionDenied, SubaccountCredentialsAdvice);
                case 103:
                case 104:
                    return ("IntegrationRequired", ErrorCategory.NotEnabled,
                        "The account needs an SMS or e-mail integration for this; set it up in Coupontools first.");
                case 304:
                    return ("AlreadyExists", ErrorCategory.ResourceExists, "Use another value, or update the existing object.");
                case 510:
                    return ("NotFound", ErrorCategory.ObjectNotFound, UnknownSubaccountAdvice);
            }

            if (code == 200)
            {
                return ("MissingParameter", ErrorCategory.InvalidArgument, "Give the missing value and run again.");
            }

            if (code >= 300 && code < 350)
            {
                return ("InvalidArgument", ErrorCategory.InvalidArgument, "Correct the value the API names and run again.");
            }

            if (code >= 500 && code < 600)
            {
                return ("NotFound", ErrorCategory.ObjectNotFound, "Check the id; list what exists with the matching Get-Ct cmdlet.");
            }

            return ("ApiError", ErrorCategory.InvalidOperation, "See the API's message.");
        }

        /// <summary>The v4 REST family answers failures with HTTP statuses only (no error codes).</summary>
        private static (string Id, ErrorCategory Category, string Advice)? ByHttpStatus(int status)
        {
            switch (status)
            {
                case 401:
                case 403:
                    return ("Unauthorized", ErrorCategory.AuthenticationError, CredentialsAdvice);
                case 429:
                    return ("RateLimited", ErrorCategory.LimitsExceeded,
                        "The API is rate limiting this account. Wait and run again, or lower -ThrottleLimit.");
                case 404:
                    return ("NotFound", ErrorCategory.ObjectNotFound, "Check the id and the path; list what exists with the matching Get-Ct cmdlet.");
                case 400:
                case 422:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument, "Correct the value the API names and run again.");
                default:
                    return null;
            }
        }
    }
}
