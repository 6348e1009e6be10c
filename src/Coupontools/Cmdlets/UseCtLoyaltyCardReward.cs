using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Marks rewards of a wallet card user as used (PUT …/stats/{userId}/rewards, <c>reward_ids</c>). A user piped
    /// whole gives its card, its id and its rewards that can still be used.
    /// </summary>
    [Cmdlet(VerbsOther.Use, "CtLoyaltyCardReward", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class UseCtLoyaltyCardReward : CtLoyaltyUserCmdlet
    {
        /// <summary>The reward ids; from the pipeline, a user's Rewards (those not used and not expired).</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Rewards", "RewardId")]
        [RewardIds]
        [ValidateRange(1, int.MaxValue)]
        public int[] Reward { get; set; } = Array.Empty<int>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // Here, not in BeginProcessing: the card may come from a user piped in.
            RequireWalletCard("Web cards have no rewards call.");
            var card = LoyaltyCard;
            var rewards = Reward.Distinct().ToArray();
            foreach (var user in User)
            {
                if (!SameGeneration(user) || !ShouldProcess(Describe(user), $"Use reward(s) {string.Join(", ", rewards)}"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["reward_ids"] = rewards };
                StartRequest(user, (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.UseRewards, new[] { card, user }, body),
                    json => LoyaltyCardUser.FromWalletJson(json, card), token), result =>
                    {
                        if (PassThru && result != null)
                        {
                            WriteObject(result);
                        }
                    });
            }
        }
    }

    /// <summary>
    /// Reward ids as given (numbers), or from reward objects (a user's Rewards): their Id, leaving out those already
    /// used or expired, so piping a user uses what it can still use.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RewardIdsAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is IEnumerable list) || value is string)
            {
                return value is LoyaltyReward one ? IdsOf(new object[] { one }) : inputData;
            }

            var items = list.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).ToList();
            return items.Any(i => i is LoyaltyReward) ? IdsOf(items) : inputData;
        }

        private static object[] IdsOf(IEnumerable<object?> items)
        {
            var ids = items.Select(item => item is LoyaltyReward reward
                    ? (reward.UsedDate == null && (reward.ExpiredDate == null || reward.ExpiredDate > DateTime.UtcNow) ? (object?)reward.Id : null)
                    : item)
                .Where(id => id != null).Cast<object>().ToArray();
            if (ids.Length == 0)
            {
                throw new ArgumentTransformationMetadataException("The user has no reward left to use: every reward given is used or expired.");
            }

            return ids;
        }
    }
}
