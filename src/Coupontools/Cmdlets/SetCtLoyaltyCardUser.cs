using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Changes users of a card, routed by the card's id: a web card's points, stamps and voided flag
    /// (/v3/loyaltyusers/update), a wallet card user's data (PUT …/stats/{userId}, only the fields given) and -Void
    /// (PUT …/stats/{userId}/void).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtLoyaltyCardUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class SetCtLoyaltyCardUser : CtLoyaltyUserDataCmdlet
    {
        /// <summary>The users; from the pipeline, a loyalty card user's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "UserId")]
        [CtId(IdKind.LoyaltyCardUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();

        /// <summary>Web cards: points to add (negative to take away).</summary>
        [Parameter]
        public int? AddPoints { get; set; }

        /// <summary>Web cards: stamps to add (negative to take away). Wallet cards: Add-CtLoyaltyCardStamp.</summary>
        [Parameter]
        public int? AddStamps { get; set; }

        /// <summary>Web cards: void or unvoid the user.</summary>
        [Parameter]
        public bool? Voided { get; set; }

        /// <summary>Wallet cards: void the user's card (there is no call to undo it).</summary>
        [Parameter]
        public SwitchParameter Void { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool HasWebChange => (AddPoints ?? 0) != 0 || (AddStamps ?? 0) != 0 || Voided != null;

        protected override bool DataFromPipeline => false;

        protected override void BeginProcessing()
        {
            if (!HasWebChange && !Void && !WalletFieldsBound())
            {
                ThrowInvalidArgument(AddPoints != null || AddStamps != null
                        ? "-AddPoints and -AddStamps are both zero: nothing would change. Give a non-zero amount (negative to take away), or -Voided."
                        : "Nothing to change: give -AddPoints, -AddStamps (a non-zero amount, negative to take away) or -Voided for a web card; "
                          + "the data to change (-FirstName, -Email, -Custom1...) or -Void for a wallet card.",
                    "NothingToChange", null);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (IsWalletCard ? HasWebChange : (Void || WalletFieldsBound()))
            {
                var message = IsWalletCard
                    ? $"Loyalty card {LoyaltyCard} is a wallet card: -AddPoints, -AddStamps and -Voided are for web cards. Add stamps with Add-CtLoyaltyCardStamp, void with -Void."
                    : $"Loyalty card {LoyaltyCard} is a web card: -Void and the data parameters (-FirstName, -Email, -Custom1...) are for wallet cards. Use -AddPoints, -AddStamps or -Voided.";
                StartRefused(LoyaltyCard, new ErrorRecord(new ArgumentException(message), "Coupontools.WrongLoyaltyCardKind", ErrorCategory.InvalidArgument, LoyaltyCard));
                return;
            }

            foreach (var user in User)
            {
                if (SameGeneration(user))
                {
                    if (IsWalletCard)
                    {
                        SetWalletUser(user);
                    }
                    else
                    {
                        SetWebUser(user);
                    }
                }
            }
        }

        /// <summary>True when a data parameter was given on the command line.</summary>
        private bool WalletFieldsBound() => WalletData().Values.Any(v => v != null);

        private void SetWalletUser(string user)
        {
            var card = LoyaltyCard;
            var data = WalletData();
            var changed = string.Join(", ", data.Where(f => f.Value != null).Select(f => f.Key));
            var action = changed.Length == 0 ? "void" : Void ? $"set {changed}, then void" : $"set {changed}";
            if (!ShouldProcess(Describe(user), action))
            {
                return;
            }

            // One request after the other for one user: the data first, then the void; the last reply is the user written.
            var voiding = Void.IsPresent;
            StartRequest(user, async (client, token) =>
            {
                LoyaltyCardUser? result = null;
                if (changed.Length > 0)
                {
                    result = await client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.UpdateUser, new[] { card, user }, data),
                        json => LoyaltyCardUser.FromWalletJson(json, card), token).ConfigureAwait(false);
                }

                if (voiding)
                {
                    result = await client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.VoidUser, new[] { card, user }),
                        json => LoyaltyCardUser.FromWalletJson(json, card), token).ConfigureAwait(false);
                }

                return result;
            }, result =>
            {
                if (PassThru && result != null)
                {
                    WriteObject(result);
                }
            });
        }

        private void SetWebUser(string user)
        {
            var change = new List<string>();
            if ((AddPoints ?? 0) != 0)
            {
                change.Add($"add {AddPoints} point(s)");
            }

            if ((AddStamps ?? 0) != 0)
            {
                change.Add($"add {AddStamps} stamp(s)");
            }

            if (Voided != null)
            {
                change.Add(Voided.Value ? "void" : "unvoid");
            }

            if (!ShouldProcess(Describe(user), string.Join(", ", change)))
            {
                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["loyaltycard"] = LoyaltyCard,
                ["user"] = user,
                ["points"] = (AddPoints ?? 0) != 0 ? AddPoints : null,
                ["stamps"] = (AddStamps ?? 0) != 0 ? AddStamps : null,
                ["voided"] = Voided,
            };
            var card = LoyaltyCard;
            SendEach(EndpointCatalog.LoyaltyUserUpdate, body, user, payload =>
            {
                if (PassThru && ObjectIn(payload, "user", EndpointCatalog.LoyaltyUserUpdate, user) is { } json)
                {
                    WriteObject(LoyaltyCardUser.FromJson(json, card));
                }
            });
        }
    }
}
