using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtCampaign", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Campaign))]
    public sealed class GetCtCampaign : CtPerInputCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId", "Campaign")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ActiveOnly { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        public string? Folder { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateCount(1, 50)]
        public string[]? Tag { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [CtId(IdKind.Category)]
        [ValidateNotNullOrEmpty]
        public string? Category { get; set; }

        [Parameter]
        public SwitchParameter IncludeUsageStats { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    WriteInfo(id);
                }

                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["only_active"] = ActiveOnly ? true : (object?)null,
                ["folder"] = Folder,
                ["tags"] = Tag == null ? null : string.Join(",", Tag),
                ["category"] = Category,
            };
            if (!TryCall((client, token) => client.SendPageAsync(NewRequest(EndpointCatalog.CampaignList, body), "coupon_info", Campaign.FromJson, token),
                    Folder ?? Category, out var page))
            {
                return;
            }

            foreach (var campaign in page.Items)
            {
                if (IncludeUsageStats)
                {
                    WriteInfo(campaign.Id);
                }
                else
                {
                    WriteObject(campaign);
                }
            }
        }

        private void WriteInfo(string id)
        {
            var body = new Dictionary<string, object?> { ["campaign"] = id, ["show_usage_stats"] = IncludeUsageStats ? true : (object?)null };
            SendEach(EndpointCatalog.CampaignInfo, body, id, payload =>
            {
                if (ObjectIn(payload, "coupon_info", EndpointCatalog.CampaignInfo, id) is { } info)
                {
                    WriteObject(Campaign.FromJson(info));
                }
            });
        }
    }
}
