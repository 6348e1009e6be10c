using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// 2025 documents only <c>subaccount</c>; -Page and -Campaign are the older page's fields, sent only when given.
    /// Parameter sets: <c>Page</c> (any page but UpdateCampaign) and <c>UpdateCampaign</c>, where
    /// -Campaign is mandatory. A page value cannot choose a set, so the two cross cases (-Page
    /// UpdateCampaign without -Campaign, -Campaign with another page) are refused right after
    /// binding, before any input is read or any request sent.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtSubaccountSsoUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = PageSet)]
    [OutputType(typeof(SsoUrl))]
    public sealed class NewCtSubaccountSsoUrl : CtEntityCmdlet
    {
        private const string PageSet = "Page";
        private const string UpdateCampaignSet = "UpdateCampaign";

        private static readonly Dictionary<string, string> WirePages = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase)
        {
            ["Campaigns"] = "campaigns",
            ["AddCampaign"] = "add_campaign",
            ["UpdateCampaign"] = "update_campaign",
            ["Statistics"] = "statistics",
            ["Distribution"] = "distribution",
        };

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SubaccountId")]
        [CtId(IdKind.Subaccount)]
        [ArgumentCompleter(typeof(SubaccountIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = PageSet)]
        [Parameter(ParameterSetName = UpdateCampaignSet)]
        [ValidateSet("Campaigns", "AddCampaign", "UpdateCampaign", "Statistics", "Distribution")]
        public string? Page { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = UpdateCampaignSet)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Campaign { get; set; }

        protected override void BeginProcessing()
        {
            if (ParameterSetName == UpdateCampaignSet && Page != null && !Page.Equals("UpdateCampaign", System.StringComparison.OrdinalIgnoreCase))
            {
                ThrowBindingError($"-Campaign can only be used with -Page UpdateCampaign, not with -Page {Page}. Leave out -Campaign, or use -Page UpdateCampaign.",
                    "CampaignOnlyWithUpdateCampaign");
            }

            if (ParameterSetName == PageSet && "UpdateCampaign".Equals(Page, System.StringComparison.OrdinalIgnoreCase))
            {
                ThrowBindingError("-Page UpdateCampaign needs -Campaign: the campaign to open in the editor (for example -Campaign cam_123).",
                    "UpdateCampaignNeedsCampaign");
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            // 2025 lists only subaccount: page (and campaign) are sent only when asked for, as the older docs had them.
            var page = Page ?? (ParameterSetName == UpdateCampaignSet ? "UpdateCampaign" : null);
            page = page == null ? null : NormalizePage(page);
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, page == null ? "Create a single sign-on URL" : $"Create a single sign-on URL to the {page} page"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["subaccount"] = id, ["page"] = page == null ? null : WirePages[page], ["campaign"] = Campaign };
                SendEach(EndpointCatalog.SubaccountSso, body, id, payload =>
                {
                    if (ObjectIn(payload, "subaccount", EndpointCatalog.SubaccountSso, id) is { } json)
                    {
                        var url = SsoUrl.FromJson(json, page);
                        url.Subaccount = url.Subaccount.Length == 0 ? id : url.Subaccount;
                        WriteObject(url);
                    }
                });
            }
        }

        private static string NormalizePage(string page)
        {
            foreach (var key in WirePages.Keys)
            {
                if (key.Equals(page, System.StringComparison.OrdinalIgnoreCase))
                {
                    return key;
                }
            }

            return page;
        }

        private void ThrowBindingError(string message, string errorId) =>
            ThrowTerminatingError(new ErrorRecord(new ParameterBindingException(message), "Coupontools." + errorId, ErrorCategory.InvalidArgument, Page));
    }
}
