using System;
using System.Management.Automation;
using System.Security;
using System.Text;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Shared by ConvertFrom-CtWebhook and Receive-CtWebhook: the secret that checks x-hmac signatures
    /// (-Secret, else the connection's client secret), -Verify (a connection is needed only then) and
    /// the one way a delivery becomes trusted by callback: the API's verification agrees with it.
    /// </summary>
    public abstract class CtWebhookCmdlet : CtApiCmdlet
    {
        internal const string NotVerifiedId = "Coupontools.WebhookNotVerified";
        internal const string InvalidWebhookId = "Coupontools.InvalidWebhook";
        internal const string SignatureInvalidId = "Coupontools.WebhookSignatureInvalid";

        /// <summary>The API secret deliveries are signed with; without it, the connection's client secret.</summary>
        [Parameter]
        public SecureString? Secret { get; set; }

        /// <summary>Checks each event with /v4/webhook/verification; only events the API confirms are written.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        protected override bool RequiresConnection => Verify.IsPresent;

        /// <summary>The signature check from -Secret or the connection in use; null when there is neither.</summary>
        protected WebhookSignature? ResolveSignature()
        {
            if (Secret != null)
            {
                var text = PsConvert.Plain(Secret);
                if (text.Length == 0)
                {
                    ThrowInvalidArgument("-Secret is empty: pass the API secret the deliveries are signed with.", "WebhookSecretEmpty", null);
                }

                return new WebhookSignature(Encoding.UTF8.GetBytes(text));
            }

            var connection = Connection ?? ConnectionStore.Current;
            return connection == null || connection.IsDisposed ? null : connection.WebhookSignature;
        }

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
                WriteNotVerified("The webhook delivery has no event id ('id' field), so it cannot be verified.", target);
                return false;
            }

            WebhookVerification answer;
            try
            {
                answer = Wait(WebhookVerifier.VerifyAsync(Client, Observe(WebhookVerifier.NewRequest(webhookEvent.EventId)),
                    webhookEvent.EventId, null, CancellationToken));
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
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "A delivery must be one JSON object, such as {\"id\":\"evt_…\",\"datetime\":\"…\",\"type\":\"coupon_claimed\",…}." },
            });

        protected void WriteSignatureInvalid(string message, object? target) =>
            WriteError(new ErrorRecord(new SecurityException(message), SignatureInvalidId, ErrorCategory.SecurityError, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Do not act on this delivery. If it should be genuine, check that the secret is the API secret of the account " +
                        "that sends the webhooks (-Secret or Connect-CtAccount), and that nothing between the sender and you changes the body.",
                },
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
