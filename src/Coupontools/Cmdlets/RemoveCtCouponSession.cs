using System;
using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Deletes coupon sessions (single-use URLs) from a campaign through <c>/v3/singleuse/remove</c>.
    /// <c>Remove-CtSingleUseUrl</c>, its name in 0.1, is kept as an alias.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CtCouponSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [Alias("Remove-CtSingleUseUrl")]
    [OutputType(typeof(SingleUseUrl))]
    public sealed class RemoveCtCouponSession : CtPerInputCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Campaign { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Session", "CouponSession", "SessionId")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var session in Id)
            {
                if (!Confirmed(session))
                {
                    continue;
                }

                var request = Observe(SingleUseRequests.Remove(Campaign, session));
                StartRequest(session, (client, token) => client.SendAsync(request, token), payload =>
                {
                    if (!PassThru)
                    {
                        return;
                    }

                    var removed = SingleUseUrl.FromJson(payload, Campaign);
                    removed.Session = string.IsNullOrEmpty(removed.Session) ? session : removed.Session;
                    removed.WidgetValidationCode ??= removed.Session.Length >= 6 ? removed.Session.Substring(0, 6) : null;
                    WriteObject(removed);
                });
            }
        }

        /// <summary>ShouldProcess, where -Force skips the confirmation prompt but never -WhatIf.</summary>
        private bool Confirmed(string session) =>
            SkipsConfirmation(Force) || ShouldProcess($"{session} in {Campaign}", "Delete the coupon session");
    }
}
