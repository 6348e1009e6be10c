using System.Management.Automation;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsDiagnostic.Test, "CtWebhook")]
    [OutputType(typeof(WebhookVerification))]
    public sealed class TestCtWebhook : CtApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Webhook", "Id")]
        [CtId(IdKind.WebhookEvent)]
        [ValidateNotNullOrEmpty]
        public string EventId { get; set; } = string.Empty;

        /// <summary>The session the event should be about: an event the API issued for another one is not valid.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [CtId(IdKind.CouponSession)]
        public string? Session { get; set; }

        protected override void ProcessRecord()
        {
            var eventId = EventId;
            if (TryCall((client, token) => WebhookVerifier.VerifyAsync(client, Observe(WebhookVerifier.NewRequest(eventId)), eventId, Session, token),
                    eventId, out var verification))
            {
                WriteObject(verification);
            }
        }
    }
}
