using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Deletes users of a wallet card (DELETE …/stats/{userId}). Web card users: Set-CtLoyaltyCardUser -Voided $true.</summary>
    [Cmdlet(VerbsCommon.Remove, "CtLoyaltyCardUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCtLoyaltyCardUser : CtLoyaltyUserCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            // Here, not in BeginProcessing: the card may come from a user piped in.
            RequireWalletCard($"A web card's users cannot be deleted through the API; void them with Set-CtLoyaltyCardUser -LoyaltyCard {LoyaltyCard} -Voided $true.");
            var card = LoyaltyCard;
            foreach (var user in User)
            {
                if (!SameGeneration(user) || !(SkipsConfirmation(Force) || ShouldProcess(Describe(user), "Delete the user and their card")))
                {
                    continue;
                }

                StartRequest(user, (client, token) => client.SendRestAsync(NewRestRequest(WalletEndpoints.DeleteUser, new[] { card, user }), token), _ => { });
            }
        }
    }
}
