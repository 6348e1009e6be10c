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

        internal const string SmsIntegrationAdvice =
            "In Coupontools, open Integrations > SMS marketing and set up an SMS provider (the SMS tool and coupons by SMS need it), then run the command again.";

        internal const string EmailIntegrationAdvice =
            "In Coupontools, open Integrations > Email marketing and set up an e-mail provider (the e-mail tool and coupons by e-mail need it), then run the command again.";

        /// <summary>
        /// True when the failure is the same for every input, so the command stops rather than write one
        /// error per input: Coupontools error 102 (a subaccount's credentials used to manage subaccounts), 103
        /// and 104 (no SMS or e-mail integration on the account).
        /// </summary>
        public static bool StopsCommand(CoupontoolsApiException ex) => CodeOf(ex) is 102 or 103 or 104;

        /// <summary>
        /// Advice for a coupon or contact that could not be sent or added, naming its recipient: an invalid
        /// address (305), an SMS or e-mail the provider did not send (602, 604), an opted-out number (605);
        /// null for any other failure.
        /// </summary>
        public static string? RecipientAdvice(CoupontoolsApiException ex, string? recipient)
        {
            var who = string.IsNullOrEmpty(recipient) ? "this row" : $"'{recipient}'";
            switch (CodeOf(ex))
            {
                case 305:
                    return $"The API does not accept {who} as an e-mail address. Correct it in the row and send that row again.";
                case 602:
                    return $"The SMS provider did not deliver to {who}. Check the number and the provider's status, then send that row again.";
                case 604:
                    return $"The e-mail provider did not deliver to {who}. Check the address and the provider's log, then send that row again (with -CheckUnique a rerun of the whole file is safe).";
                case 605:
                    return $"{who} is on the SMS blacklist or opted out; it cannot receive SMS from this account. Remove it from the list you send to.";
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when the failure says the account does not have a product generation at all (its list answers HTTP
        /// 403 or 404 with no API error code, whatever the body), so a listing of both generations skips it (api/ASSUMED.md).
        /// </summary>
        public static bool MeansNotAvailable(CoupontoolsApiException ex) =>
            ((ex.Failure == ApiFailure.ApiError || ex.Failure == ApiFailure.HttpError || ex.Failure == ApiFailure.InvalidReply)
                && ex.ErrorCodes.Count == 0 && (ex.HttpStatus == 403 || ex.HttpStatus == 404))
            || (ex.Failure == ApiFailure.ApiError && ErrorIdOf(ex) == "Coupontools.NotFound");   // a legacy list's not-found code

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
                case 103:
                    return IsEmailTool(ex)
                        ? $"The account is not connected to the Coupontools e-mail services ({ex.CodeText}: {ex.ApiText})."
                        : $"The account has no SMS integration, so nothing can be sent by SMS ({ex.CodeText}: {ex.ApiText}).";
                case 104:
                    return $"The account has no e-mail integration, so no coupon can be sent by e-mail ({ex.CodeText}: {ex.ApiText}).";
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
                    return ("IntegrationRequired", ErrorCategory.NotEnabled, IsEmailTool(ex) ? EmailIntegrationAdvice : SmsIntegrationAdvice);
                case 104:
                    return ("IntegrationRequired", ErrorCategory.NotEnabled, EmailIntegrationAdvice);
                case 305:
                    return ("InvalidEmail", ErrorCategory.InvalidArgument, "Correct the e-mail address and run again.");
                case 602:
                    return ("SmsNotSent", ErrorCategory.WriteError, "The SMS provider did not deliver the message; check the number, then send it again.");
                case 604:
                    return ("EmailNotSent", ErrorCategory.WriteError, "The e-mail provider did not deliver the message; check the address, then send it again.");
                case 605:
                    return ("RecipientOptedOut", ErrorCategory.PermissionDenied, "The number is on the blacklist or opted out; do not send to it.");
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

        /// <summary>103 from the e-mail tool means its e-mail services, not SMS (the code is shared).</summary>
        private static bool IsEmailTool(CoupontoolsApiException ex) =>
            ex.Endpoint.IndexOf("/emailtool/", System.StringComparison.OrdinalIgnoreCase) >= 0;

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
