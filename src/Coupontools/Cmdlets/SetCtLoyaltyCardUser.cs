using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Set, "CtLoyaltyCardUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class SetCtLoyaltyCardUser : CtEntityCmdlet
    {
        /// <summary>The card; from the pipeline, a loyalty card user's LoyaltyCard property (never its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string LoyaltyCard { get; set; } = string.Empty;

        /// <summary>The users; from the pipeline, a loyalty card user's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "UserId")]
        [CtId(IdKind.LoyaltyCardUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();

        [Parameter]
        public int? AddPoints { get; set; }

        [Parameter]
        public int? AddStamps { get; set; }

        [Parameter]
        public bool? Voided { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if ((AddPoints ?? 0) == 0 && (AddStamps ?? 0) == 0 && Voided == null)
            {
                ThrowInvalidArgument(AddPoints != null || AddStamps != null
                        ? "-AddPoints and -AddStamps are both zero: nothing would change. Give a non-zero amount (negative to take away), or -Voided."
                        : "Nothing to change: give -AddPoints, -AddStamps (a non-zero amount, negative to take away) or -Voided.",
                    "NothingToChange", null);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
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

            foreach (var user in User)
            {
                var target = $"user {user} of loyalty card {LoyaltyCard}";
                if (!ShouldProcess(target, string.Join(", ", change)))
                {
                    continue;
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
                        WriteObject(Coupontools.LoyaltyCardUser.FromJson(json, card));
                    }
                });
            }
        }
    }
}
