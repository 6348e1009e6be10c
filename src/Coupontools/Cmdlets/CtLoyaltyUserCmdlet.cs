using System;
using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that change users of a loyalty card: the card (bound from a user or a CSV row by its
    /// LoyaltyCard), a check that a user is of the card's generation, and one request per input (in the request window).
    /// </summary>
    public abstract class CtLoyaltyCardCmdlet : CtPerInputCmdlet
    {
        /// <summary>The card; from the pipeline, a loyalty card user's LoyaltyCard property (never its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string LoyaltyCard { get; set; } = string.Empty;

        protected bool IsWalletCard => Ids.IsSecondGeneration(LoyaltyCard);

        protected string Describe(string user) => $"user {user} of loyalty card {LoyaltyCard}";

        /// <summary>
        /// False, after a non-terminating error naming the user, when the user's id is of the other generation than
        /// the card's (a <c>lus_</c> user of a wallet card): nothing is sent for it.
        /// </summary>
        protected bool SameGeneration(string user)
        {
            if (Ids.IsSecondGeneration(user) == IsWalletCard)
            {
                return true;
            }

            var message = IsWalletCard
                ? $"User '{user}' is a web card user (lus_), but loyalty card {LoyaltyCard} is a wallet card, whose users have numeric ids. Get them with Get-CtLoyaltyCardUser -LoyaltyCard {LoyaltyCard}."
                : $"User '{user}' has a wallet user's numeric id, but loyalty card {LoyaltyCard} is a web card, whose users have lus_ ids. Get them with Get-CtLoyaltyCardUser -LoyaltyCard {LoyaltyCard}.";
            StartRefused(user, new ErrorRecord(new ArgumentException(message), "Coupontools.LoyaltyCardUserMismatch", ErrorCategory.InvalidArgument, user));
            return false;
        }

        /// <summary>Stops the command (before any request) when the card is a web card and the cmdlet works on wallet cards only.</summary>
        protected void RequireWalletCard(string instead)
        {
            if (!IsWalletCard)
            {
                ThrowInvalidArgument($"Loyalty card {LoyaltyCard} is a web card (loy_); {MyInvocation.MyCommand.Name} works on wallet cards (numeric ids). {instead}",
                    "WalletCardRequired", LoyaltyCard);
            }
        }
    }

    /// <summary>Base of the cmdlets that act on users of a card by id: Add-CtLoyaltyCardStamp, Use-CtLoyaltyCardReward, Remove-CtLoyaltyCardUser.</summary>
    public abstract class CtLoyaltyUserCmdlet : CtLoyaltyCardCmdlet
    {
        /// <summary>The users; from the pipeline, a loyalty card user's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "UserId")]
        [CtId(IdKind.LoyaltyCardUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();
    }
}
