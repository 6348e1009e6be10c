using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtLoyaltyCard", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(LoyaltyCard))]
    public sealed class GetCtLoyaltyCard : CtEntityCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCard", "LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ActiveOnly { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Ascending", "Descending")]
        public string? Sort { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                var list = new Dictionary<string, object?>
                {
                    ["only_active"] = ActiveOnly ? true : (object?)null,
                    ["sorting"] = Sort == null ? null : Sort.StartsWith("A", System.StringComparison.OrdinalIgnoreCase) ? "asc" : "desc",
                };
                WriteList(EndpointCatalog.LoyaltyList, list, "loyaltycards", LoyaltyCard.FromJson, null);
                return;
            }

            WriteEach(Id, EndpointCatalog.LoyaltyInfo, "loyaltycard", "loyaltycard", LoyaltyCard.FromJson);
        }
    }
}
