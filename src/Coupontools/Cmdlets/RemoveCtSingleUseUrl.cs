using System;
using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Removes single-use URLs (coupon sessions) from a campaign.</summary>
    [Cmdlet(VerbsCommon.Remove, "CtSingleUseUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SingleUseUrl))]
    public sealed class RemoveCtSingleUseUrl : CtApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Campaign { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "CouponSession", "SessionId")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Session { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var session in Session)
            {
                if (!Confirmed(session))
                {
                    continue;
                }

                var target = session;
                if (TryCall((client, token) => client.SendAsync(Observe(SingleUseRequests.Remove(Campaign, session)), token), target, out var payload)
                    && PassThru)
                {
                    var removed = SingleUseUrl.FromJson(payload, Campaign);
                    removed.Session = string.IsNullOrEmpty(removed.Session) ? session : removed.Session;
                    removed.WidgetValidationCode ??= removed.Session.Length >= 6 ? removed.Session.Substring(0, 6) : null;
                    WriteObject(removed);
                }
            }
        }

        /// <summary>ShouldProcess, where -Force skips the confirmation prompt but never -WhatIf.</summary>
        private bool Confirmed(string session) =>
            SkipsConfirmation(Force) || ShouldProcess($"{session} in {Campaign}", "Remove the single-use URL");
    }
}
