using System;
using System.Management.Automation;
using Coupontools.Client.Sessions;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Streams the coupon sessions of campaigns (all, or those opened, claimed or validated in a date
    /// range), 100 per page, each page requested only when the pipeline has taken the previous one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtCampaignUsage", SupportsPaging = true)]
    [OutputType(typeof(CouponSession))]
    public sealed class GetCtCampaignUsage : CtApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Campaign { get; set; } = Array.Empty<string>();

        [Parameter]
        public CampaignUsageType Type { get; set; } = CampaignUsageType.All;

        [Parameter]
        public DateTime? Start { get; set; }

        [Parameter]
        public DateTime? End { get; set; }

        protected override void BeginProcessing()
        {
            var problem = UsageQuery.CheckRange(Start, End);
            if (problem != null)
            {
                ThrowInvalidArgument(problem, "InvalidDateRange", End);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var endpoint = UsageQuery.EndpointFor(Type);
            foreach (var campaign in Campaign)
            {
                var id = campaign;
                WritePages((page, token) => Client.ReadPageAsync(NewRequest(endpoint, UsageQuery.Body(id, Start, End, page)), UsageQuery.ItemsField,
                        item => Coupontools.CouponSession.ReadDataItem(item, id), token), UsageQuery.PageSize, id,
                    $"Reading {(Type == CampaignUsageType.All ? "sessions" : Type.ToString().ToLowerInvariant() + " sessions")} of {id}");
            }
        }
    }
}
