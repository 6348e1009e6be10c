using System.Management.Automation;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsData.ConvertFrom, "CtWebhook")]
    [OutputType(typeof(WebhookEvent))]
    public sealed class ConvertFromCtWebhook : CtWebhookCmdlet
    {
        /// <summary>A delivered body, as the receiver got it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string InputObject { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            WebhookEvent webhookEvent;
            try
            {
                webhookEvent = WebhookParser.Parse(InputObject);
            }
            catch (CoupontoolsApiException ex)
            {
                WriteInvalidWebhook(ex, InputObject);
                return;
            }

            if (Confirm(webhookEvent, InputObject))
            {
                WriteObject(webhookEvent);
            }
        }
    }
}
