using System.Management.Automation;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsDiagnostic.Test, "CtWebhook")]
    [OutputType(typeof(WebhookVerification))]
    public sealed class TestCtWebhook : CtPerInputCmdlet
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
            var session = Session;
            var request = Observe(WebhookVerifier.NewRequest(eventId));
            StartRequest(eventId, (client, token) => WebhookVerifier.VerifyAsync(client, request, eventId, session, token), WriteObject);
        }
    }
}
