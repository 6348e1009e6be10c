using System.Linq;
using System.Management.Automation;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Turns a <see cref="CoupontoolsApiException"/> into an ErrorRecord with a stable ErrorId, a
    /// category, the failing input as TargetObject, the API's words in ErrorDetails and advice an
    /// admin can act on.
    /// </summary>
    internal static class ErrorMapper
    {
        private const string CredentialsAdvice =
            "Check the client id and secret (the API key and secret of the account) and the base URI, then run Connect-CtAccount again.";

        public static ErrorRecord ToRecord(CoupontoolsApiException ex, object? target, string? advice = null)
        {
            var (id, category, defaultAdvice) = Classify(ex);
            var record = new ErrorRecord(ex, "Coupontools." + id, category, target);
            var message = ex.Message;
            var action = advice ?? defaultAdvice;
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = action };
            return record;
        }

        public static string ErrorIdOf(CoupontoolsApiException ex) => "Coupontools." + Classify(ex).Id;

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
            }

            var code = ex.ErrorCodes.FirstOrDefault();
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
                    return ("SubaccountCredentials", ErrorCategory.PermissionDenied,
                        "These are a subaccount's credentials. Managing subaccounts needs the main account: Connect-CtAccount with the main account's API key and secret, or pass its connection with -Connection.");
                case 103:
                case 104:
                    return ("IntegrationRequired", ErrorCategory.NotEnabled,
                        "The account needs an SMS or e-mail integration for this; set it up in Coupontools first.");
                case 304:
                    return ("AlreadyExists", ErrorCategory.ResourceExists, "Use another value, or update the existing object.");
                case 510:
                    return ("NotFound", ErrorCategory.ObjectNotFound,
                        "The subaccount id is not one of this account's subaccounts. List them with Get-CtSubaccount.");
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
