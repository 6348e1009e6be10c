using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Web cards (v3, <c>loy_</c> ids) and wallet cards (v4 REST, numeric ids): without -Id both generations,
    /// each card with its Kind; with -Id the generation its id names. The wallet family has no call for one card:
    /// its list is read once and searched.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtLoyaltyCard", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(LoyaltyCard))]
    public sealed class GetCtLoyaltyCard : CtEntityCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private Task<IReadOnlyList<LoyaltyCard>>? walletCards;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCard", "LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only web cards or only wallet cards; both without it.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public LoyaltyCardKind? Kind { get; set; }

        /// <summary>Web cards that are active (wallet cards have no status and are all listed).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ActiveOnly { get; set; }

        /// <summary>Web cards by creation date (wallet cards come after them, in the API's order).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Ascending", "Descending")]
        public string? Sort { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                var web = new Dictionary<string, object?>
                {
                    ["only_active"] = ActiveOnly ? true : (object?)null,
                    ["sorting"] = Sort == null ? null : Sort.StartsWith("A", StringComparison.OrdinalIgnoreCase) ? "asc" : "desc",
                };
                var generations = new List<GenerationList<LoyaltyCard>>();
                if (Kind != LoyaltyCardKind.Wallet)
                {
                    generations.Add(new GenerationList<LoyaltyCard>("Web", async (client, token) =>
                        (await client.SendPageAsync(NewRequest(EndpointCatalog.LoyaltyList, web), "loyaltycards", LoyaltyCard.FromJson, token).ConfigureAwait(false)).Items));
                }

                if (Kind != LoyaltyCardKind.Web)
                {
                    generations.Add(new GenerationList<LoyaltyCard>("Wallet", (client, token) => client.ReadRestListAsync(NewRequest(WalletEndpoints.Cards), LoyaltyCard.FromWalletJson, token)));
                }

                WriteGenerations(Kind != null, "loyalty cards", generations.ToArray());
                return;
            }

            foreach (var id in Id)
            {
                if (!Ids.IsSecondGeneration(id))
                {
                    WriteEach(new[] { id }, EndpointCatalog.LoyaltyInfo, "loyaltycard", "loyaltycard", LoyaltyCard.FromJson);
                    continue;
                }

                // One read of the wallet list serves every wallet id of the command (there is no call for one card).
                var cards = walletCards ??= Client.ReadRestListAsync(NewRequest(WalletEndpoints.Cards), LoyaltyCard.FromWalletJson, CancellationToken);
                StartRequest(id, async (client, token) => (await cards.ConfigureAwait(false)).FirstOrDefault(card => card.Id == id)
                    ?? throw new CoupontoolsApiException(ApiFailure.ApiError, WalletEndpoints.Cards.Path!, $"Wallet loyalty card {id} is not among the account's wallet cards.", httpStatus: 404),
                    WriteObject);
            }
        }
    }
}
