using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtLoyaltyCardUser")]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class GetCtLoyaltyCardUser : CtEntityCmdlet
    {
        /// <summary>The card; from the pipeline, a loyalty card's Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string LoyaltyCard { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ValidateLoyaltySearch]
        public string? Search { get; set; }

        protected override void ProcessRecord()
        {
            var card = LoyaltyCard;
            var endpoint = Search == null ? EndpointCatalog.LoyaltyUsers : EndpointCatalog.LoyaltyUserSearch;
            var body = new Dictionary<string, object?> { ["loyaltycard"] = card, ["search"] = Search };
            WriteList(endpoint, body, "users", json => Coupontools.LoyaltyCardUser.FromJson(json, card), card);
        }
    }
}
