using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools.Client.Webhooks
{
    /// <summary>
    /// Verification by callback (-Verify, Test-CtWebhook): an event is confirmed when
    /// <c>/v4/webhook/verification</c> knows its id and tells the same type, campaign and session.
    /// The call takes only the id; a session to check is compared with the reply's <c>statcode</c> here.
    /// </summary>
    public static class WebhookVerifier
    {
        /// <summary>The API's "Webhook not found." error code.</summary>
        public const int NotFoundCode = 509;

        public static ApiRequest NewRequest(string eventId) =>
            new ApiRequest(EndpointCatalog.WebhookVerification, new Dictionary<string, object?> { ["webhook"] = eventId });

        /// <summary>
        /// Asks the API; error 509 is an answer (<c>IsValid = false</c>), other failures throw. With
        /// <paramref name="session"/>, an event the API issued for another session is not valid either.
        /// </summary>
        public static async Task<WebhookVerification> VerifyAsync(CoupontoolsClient client, ApiRequest request, string eventId, string? session, CancellationToken cancellationToken)
        {
            try
            {
                var payload = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var answer = WebhookVerification.FromJson(payload, eventId);
                if (answer.IsValid && !string.IsNullOrEmpty(session) && !string.IsNullOrEmpty(answer.Session)
                    && !string.Equals(session, answer.Session, StringComparison.OrdinalIgnoreCase))
                {
                    answer.IsValid = false;
                    answer.AdditionalProperties["error"] = $"The API issued this event for session '{answer.Session}', not '{session}'.";
                }

                return answer;
            }
            catch (CoupontoolsApiException ex) when (ex.Failure == ApiFailure.ApiError && ex.HasErrorCode(NotFoundCode))
            {
                var result = new WebhookVerification { EventId = eventId, IsValid = false };
                result.AdditionalProperties["error"] = ex.ApiText;
                return result;
            }
        }

        /// <summary>
        /// Why <paramref name="delivered"/> is not what the API issued, or null when it is: the API must
        /// call the id valid, and the type, campaign and session it names must match the delivery's.
        /// On success, fields the delivery left out are filled from the API's answer.
        /// </summary>
        public static string? Reconcile(WebhookEvent delivered, WebhookVerification answer)
        {
            if (!answer.IsValid)
            {
                var said = answer.AdditionalProperties.TryGetValue("error", out var error) && error != null ? $" ({error})" : string.Empty;
                return string.IsNullOrEmpty(delivered.Session)
                    ? $"the API does not know event '{delivered.EventId}'{said}"
                    : $"the API does not confirm event '{delivered.EventId}' for session '{delivered.Session}'{said}";
            }

            var mismatch = Differs("type", delivered.Type, answer.Type)
                ?? Differs("campaign", delivered.Campaign, answer.Campaign)
                ?? Differs("session", delivered.Session, answer.Session);
            if (mismatch != null)
            {
                return mismatch;
            }

            delivered.Type ??= answer.Type;
            delivered.Campaign ??= answer.Campaign;
            delivered.Session ??= answer.Session;
            delivered.Date ??= answer.Date;
            return null;
        }

        private static string? Differs(string field, string? delivered, string? issued) =>
            !string.IsNullOrEmpty(delivered) && !string.IsNullOrEmpty(issued) && !string.Equals(delivered, issued, StringComparison.OrdinalIgnoreCase)
                ? $"the delivery says {field} '{delivered}' but the API issued the event for {field} '{issued}'"
                : null;
    }
}
