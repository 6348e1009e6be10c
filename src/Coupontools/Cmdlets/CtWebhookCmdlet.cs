using System;
using System.Management.Automation;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Shared by ConvertFrom-CtWebhook and Receive-CtWebhook: -Verify (a connection is needed only
    /// then) and the one way a delivery becomes trusted: the API's verification agrees with it.
    /// </summary>
    public abstract class CtWebhookCmdlet : CtApiCmdlet
    {
        internal const string NotVerifiedId = "Coupontools.WebhookNotVerified";
        internal const string InvalidWebhookId = "Coupontools.InvalidWebhook";

        /// <summary>Checks each event with /v3/webhook/verification; only events the API confirms are written.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        protected override bool RequiresConnection => Verify.IsPresent;

        /// <summary>
        /// With -Verify: asks the API and sets <see cref="WebhookEvent.Verified"/>; writes a
        /// non-terminating error naming <paramref name="target"/> and returns false when the event
        /// is rejected or cannot be checked. Without -Verify: true.
        /// </summary>
        protected bool Confirm(WebhookEvent webhookEvent, object target)
        {
            if (!Verify)
            {
                return true;
            }

            if (string.IsNullOrEmpty(webhookEvent.EventId))
            {
                webhookEvent.Verified = false;
                WriteNotVerified("The webhook delivery has no event id ('webhook' field), so it cannot be verified.", target);
                return false;
            }

            WebhookVerification answer;
            try
            {
                answer = Wait(WebhookVerifier.VerifyAsync(Client, Observe(WebhookVerifier.NewRequest(webhookEvent.EventId, webhookEvent.Session)),
                    webhookEvent.EventId, CancellationToken));
            }
            catch (CoupontoolsApiException ex)
            {
                WriteApiError(ex, target, $"Event '{webhookEvent.EventId}' could not be verified, so it was not written. Check it later with Test-CtWebhook.");
                return false;
            }

            var reason = WebhookVerifier.Reconcile(webhookEvent, answer);
            webhookEvent.Verified = reason == null;
            if (reason != null)
            {
                WriteNotVerified($"Webhook event '{webhookEvent.EventId}' was not verified: {reason}. It is not written as an event.", target);
                return false;
            }

            return true;
        }

        protected void WriteInvalidWebhook(CoupontoolsApiException ex, object? target) =>
            WriteError(new ErrorRecord(ex, InvalidWebhookId, ErrorCategory.InvalidData, target)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "A delivery must be one JSON object, such as {\"webhook\":\"evt_…\",\"type\":\"coupon_validated\",…}." },
            });

        private void WriteNotVerified(string message, object target) =>
            WriteError(new ErrorRecord(new InvalidOperationException(message), NotVerifiedId, ErrorCategory.SecurityError, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Do not act on this delivery: the API did not confirm it. If it should be genuine, check it with Test-CtWebhook.",
                },
            });
    }
}
