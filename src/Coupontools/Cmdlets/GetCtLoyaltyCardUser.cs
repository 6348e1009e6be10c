using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// The users of a card, routed by the card's id: a web card's (v3 list or search), a wallet card's (GET …/stats,
    /// with the filter and include_voided its sample sends). -First/-Skip are applied to what the API sent: the
    /// children of the wallet <c>pagination</c> object are not documented, so none is sent (api/ASSUMED.md).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtLoyaltyCardUser", SupportsPaging = true)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class GetCtLoyaltyCardUser : CtEntityCmdlet
    {
        /// <summary>The card; from the pipeline, a loyalty card (its Id) or a user (its LoyaltyCard).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string LoyaltyCard { get; set; } = string.Empty;

        /// <summary>One user (or a few) by id instead of the list.</summary>
        [Parameter]
        [Alias("User", "UserId")]
        [CtId(IdKind.LoyaltyCardUser)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter(Position = 1)]
        [ValidateLoyaltySearch]
        public string? Search { get; set; }

        /// <summary>Wallet cards: voided users too (the API leaves them out by default).</summary>
        [Parameter]
        public SwitchParameter IncludeVoided { get; set; }

        protected override void ProcessRecord()
        {
            var card = LoyaltyCard;
            if (!Ids.IsSecondGeneration(card))
            {
                ProcessWebCard(card);
                return;
            }

            if (Id != null)
            {
                foreach (var user in Id)
                {
                    StartRequest(user, (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.User, new[] { card, user }),
                        json => Coupontools.LoyaltyCardUser.FromWalletJson(json, card), token), WriteObject);
                }

                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["filter"] = Search == null ? null : new Dictionary<string, object?> { ["strict"] = false, ["keyword"] = Search },
                ["include_voided"] = IncludeVoided ? true : (object?)null,
            };
            StartRequest(card, (client, token) => client.ReadRestListAsync(NewRestRequest(WalletEndpoints.Users, new[] { card }, body),
                json => Coupontools.LoyaltyCardUser.FromWalletJson(json, card), token), WritePaged);
        }

        private void ProcessWebCard(string card)
        {
            var endpoint = Search == null ? EndpointCatalog.LoyaltyUsers : EndpointCatalog.LoyaltyUserSearch;
            var body = new Dictionary<string, object?> { ["loyaltycard"] = card, ["search"] = Search };
            var wanted = Id;
            StartRequest(card, (client, token) => client.SendPageAsync(NewRequest(endpoint, body), "users", json => Coupontools.LoyaltyCardUser.FromJson(json, card), token), page =>
            {
                if (wanted == null)
                {
                    WritePaged(page.Items);
                    return;
                }

                // The web family has no call for one user: the card's list is searched.
                foreach (var user in wanted)
                {
                    if (page.Items.FirstOrDefault(u => string.Equals(u.Id, user, StringComparison.OrdinalIgnoreCase)) is { } found)
                    {
                        WriteObject(found);
                    }
                    else
                    {
                        WriteApiError(new CoupontoolsApiException(ApiFailure.ApiError, endpoint.Path!, $"User {user} is not a user of loyalty card {card}.", httpStatus: 404), user);
                    }
                }
            });
        }

        /// <summary>-Skip, -First and -IncludeTotalCount over a list the API sent whole.</summary>
        private void WritePaged(IReadOnlyList<LoyaltyCardUser> users)
        {
            if (PagingParameters.IncludeTotalCount)
            {
                WriteObject(PagingParameters.NewTotalCount((ulong)users.Count, 1.0));
            }

            var skip = (int)Math.Min(PagingParameters.Skip, int.MaxValue);
            var first = (int)Math.Min(PagingParameters.First, int.MaxValue);
            WriteObject(users.Skip(skip).Take(first), true);
        }
    }
}
