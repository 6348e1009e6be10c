using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Adds stamps to users of a wallet card (POST …/stats/{userId}, <c>amount</c>). A POST is never sent twice: after
    /// a 5xx or a lost connection the outcome is reported as unknown. Web cards: Set-CtLoyaltyCardUser -AddStamps.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtLoyaltyCardStamp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class AddCtLoyaltyCardStamp : CtLoyaltyUserCmdlet
    {
        /// <summary>How many stamps each user gets.</summary>
        [Parameter(Position = 2)]
        [ValidateRange(1, 10000)]
        public int Amount { get; set; } = 1;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // Here, not in BeginProcessing: the card may come from a user piped in.
            RequireWalletCard($"Add stamps to a web card's users with Set-CtLoyaltyCardUser -LoyaltyCard {LoyaltyCard} -AddStamps {Amount}.");
            var card = LoyaltyCard;
            foreach (var user in User)
            {
                if (!SameGeneration(user) || !ShouldProcess(Describe(user), $"Add {Amount} stamp(s)"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["amount"] = Amount };
                StartRequest(user, (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.AddStamps, new[] { card, user }, body),
                    json => LoyaltyCardUser.FromWalletJson(json, card), token), WriteIfPassThru);
            }
        }

        private void WriteIfPassThru(LoyaltyCardUser? user)
        {
            if (PassThru && user != null)
            {
                WriteObject(user);
            }
        }
    }
}
