using System.Management.Automation;
using System.Text;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsData.ConvertFrom, "CtWebhook")]
    [OutputType(typeof(WebhookEvent))]
    public sealed class ConvertFromCtWebhook : CtWebhookCmdlet
    {
        private WebhookSignature? signature;

        /// <summary>A delivered body, exactly as the receiver got it (its UTF-8 bytes are what -Signature signs).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Body")]
        [AllowEmptyString]
        public string InputObject { get; set; } = string.Empty;

        /// <summary>The delivery's x-hmac header: the body is written only when it matches (hex or base64).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("XHmac")]
        [AllowEmptyString]
        public string? Signature { get; set; }

        protected override void ProcessRecord()
        {
            // -Signature may come from the pipeline (by property name), so the secret is found at the first record that has one.
            if (Signature != null && !Signed())
            {
                return;
            }

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

        private bool Signed()
        {
            signature ??= ResolveSignature();
            if (signature == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new System.InvalidOperationException("-Signature needs the API secret the delivery was signed with: pass -Secret, or run Connect-CtAccount first."),
                    "Coupontools.WebhookSecretMissing", ErrorCategory.InvalidOperation, Signature));
            }

            var body = Encoding.UTF8.GetBytes(InputObject);
            var check = signature!.Check(Signature, body, body.Length);
            if (check == SignatureCheck.Valid)
            {
                return true;
            }

            WriteSignatureInvalid($"The webhook delivery was not written: {WebhookSignature.Describe(check)}.", InputObject);
            return false;
        }
    }
}
