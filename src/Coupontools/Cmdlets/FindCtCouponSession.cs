using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Finds coupon sessions by their validation code, e-mail address or phone number (any of them, at
    /// least one), in the account (<c>/v3/couponsession/search</c>) or in one campaign
    /// (<c>/v3/campaignsession/search</c>). No match (Coupontools error 512) is no output, not an error.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "CtCouponSession")]
    [OutputType(typeof(CouponSession))]
    public sealed class FindCtCouponSession : CtPerInputCmdlet
    {
        /// <summary>The API refuses shorter search terms (error 300).</summary>
        public const int MinSearchLength = 5;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^[A-Za-z0-9_.\-]{5,100}$")]
        public string? ValidationCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(MinSearchLength, 254)]
        [ValidatePattern(@"^[^@\s,;]+@[^@\s,;]+$")]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^\+?[0-9 ().\-]{5,32}$")]
        public string? Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Campaign { get; set; }

        protected override void ProcessRecord()
        {
            var body = new Dictionary<string, object?>
            {
                ["campaign"] = Campaign,
                ["code"] = ValidationCode,
                ["email"] = Email?.Trim(),
                ["phone"] = Phone?.Trim(),
            };
            if (ValidationCode == null && Email == null && Phone == null)
            {
                WriteError(new ErrorRecord(new System.ArgumentException("Give -ValidationCode, -Email or -Phone (at least 5 characters each) to search by."),
                    "Coupontools.MissingParameter", ErrorCategory.InvalidArgument, null));
                return;
            }

            var endpoint = Campaign == null ? EndpointCatalog.SessionSearch : EndpointCatalog.SessionSearchInCampaign;
            var target = ValidationCode ?? Email ?? Phone;
            var request = NewRequest(endpoint, body);
            var campaign = Campaign;
            StartRequest(target, (client, token) => SearchAsync(client, request, campaign, token), found =>
            {
                if (found == null)
                {
                    WriteVerbose($"No coupon session matches '{target}' (Coupontools error 512).");
                    return;
                }

                WriteObject(found, enumerateCollection: true);
            });
        }

        /// <summary>The sessions found; null when the API says none match (error 512).</summary>
        private static async Task<IReadOnlyList<CouponSession>?> SearchAsync(CoupontoolsClient client, ApiRequest request, string? campaign, CancellationToken token)
        {
            try
            {
                var page = await client.ReadPageAsync(request, "searchresults", item => CouponSession.ReadDataItem(item, campaign), token).ConfigureAwait(false);
                return page.Items;
            }
            catch (CoupontoolsApiException ex) when (ex.Failure == ApiFailure.ApiError && ex.HasErrorCode(512))
            {
                return null;
            }
        }
    }
}
