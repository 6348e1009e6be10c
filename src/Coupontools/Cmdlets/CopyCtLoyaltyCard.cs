using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Copies wallet cards (POST …/loyalty-cards/{id}/copy); the copy is written. Web cards have no copy call.</summary>
    [Cmdlet(VerbsCommon.Copy, "CtLoyaltyCard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(LoyaltyCard))]
    public sealed class CopyCtLoyaltyCard : CtPerInputCmdlet
    {
        /// <summary>The wallet cards to copy; from the pipeline, a card's Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCard", "LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The copy's name (at most 50 characters); without it, the API names it.</summary>
        [Parameter(Position = 1)]
        [ValidateLength(1, 50)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (!Ids.IsSecondGeneration(id))
                {
                    StartRefused(id, new ErrorRecord(new ArgumentException($"Loyalty card {id} is a web card (loy_): only wallet cards (numeric ids) can be copied through the API."),
                        "Coupontools.WalletCardRequired", ErrorCategory.InvalidArgument, id));
                    continue;
                }

                if (!ShouldProcess($"loyalty card {id}", Name == null ? "Copy" : $"Copy as '{Name}'"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["name"] = Name };
                StartRequest(id, (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.Copy, new[] { id }, body), LoyaltyCard.FromWalletJson, token), WriteObject);
            }
        }
    }
}
