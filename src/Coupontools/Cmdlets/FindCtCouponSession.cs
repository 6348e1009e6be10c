using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Finds coupon sessions by their own validation code, e-mail address or phone number, in the account or in one campaign.</summary>
    [Cmdlet(VerbsCommon.Find, "CtCouponSession", DefaultParameterSetName = EmailSet)]
    [OutputType(typeof(CouponSession))]
    public sealed class FindCtCouponSession : CtApiCmdlet
    {
        private const string CodeSet = "ValidationCode";
        private const string EmailSet = "Email";
        private const string PhoneSet = "Phone";

        [Parameter(Mandatory = true, ParameterSetName = CodeSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[A-Za-z0-9_.\-]{1,64}$")]
        public string? ValidationCode { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(3, 254)]
        [ValidatePattern(@"^[^@\s,;]+@[^@\s,;]+$")]
        public string? Email { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PhoneSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^\+?[0-9 ().\-]{3,32}$")]
        public string? Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Campaign { get; set; }

        protected override void ProcessRecord()
        {
            string field, value;
            switch (ParameterSetName)
            {
                case CodeSet:
                    (field, value) = ("own_validation_code", ValidationCode!);
                    break;
                case PhoneSet:
                    (field, value) = ("phone", Phone!.Trim());
                    break;
                default:
                    (field, value) = ("email", Email!.Trim());
                    break;
            }

            var body = new Dictionary<string, object?> { [field] = value, ["campaign"] = Campaign };
            var endpoint = Campaign == null ? EndpointCatalog.SessionSearch : EndpointCatalog.SessionSearchInCampaign;
            var campaign = Campaign;
            if (TryCall((client, token) => client.ReadPageAsync(NewRequest(endpoint, body), "data", item => CouponSession.ReadDataItem(item, campaign), token),
                    value, out var page))
            {
                WriteObject(page.Items, enumerateCollection: true);
            }
        }
    }
}
