using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Sends a push notification to coupon sessions of a campaign or users of a loyalty card, or to
    /// all of them. A campaign's everyone is /v3/coupon/pushnotification/list (2025; it answers the
    /// envelope only, so Recipients stays empty), one session the legacy /v3/coupon/pushnotification/single.
    /// A wallet card (numeric id) takes one call for chosen users or for all (…/push-notifications,
    /// <c>recipient_stat_ids</c> or none): the users piped for one card go out together in one push, at the end.
    /// A push is never sent twice: after a 5xx or a lost connection the outcome is reported as unknown
    /// instead of retried.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CtPushNotification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = CampaignSessionSet)]
    [OutputType(typeof(PushResult))]
    public sealed class SendCtPushNotification : CtPerInputCmdlet
    {
        /// <summary>No limit is documented; this keeps a push readable on a phone's lock screen and away from any hidden limit.</summary>
        public const int MaxMessageLength = 1000;

        private const string CampaignSessionSet = "CampaignSession";
        private const string CampaignAllSet = "CampaignAll";
        private const string LoyaltyUserSet = "LoyaltyCardUser";
        private const string LoyaltyAllSet = "LoyaltyCardAll";

        [Parameter(Mandatory = true, ParameterSetName = CampaignSessionSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = CampaignAllSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Campaign { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CampaignSessionSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "CouponSession", "SessionId")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Session { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = LoyaltyUserSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = LoyaltyAllSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LoyaltyCardId")]
        [CtId(IdKind.LoyaltyCard)]
        [ArgumentCompleter(typeof(LoyaltyCardIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? LoyaltyCard { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LoyaltyUserSet, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "LoyaltyCardUser")]
        [CtId(IdKind.LoyaltyCardUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = CampaignAllSet)]
        [Parameter(Mandatory = true, ParameterSetName = LoyaltyAllSet)]
        public SwitchParameter All { get; set; }

        [Parameter(Mandatory = true)]
        [ValidatePushMessage]
        public string Message { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Wallet card users to push to at the end, per card, in the order they came.</summary>
        private readonly Dictionary<string, List<string>> walletUsers = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        private bool IsWalletCard => LoyaltyCard != null && Ids.IsSecondGeneration(LoyaltyCard);

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case CampaignAllSet:
                    PushAll(EndpointCatalog.CampaignPushAll, "campaign", Campaign!);
                    break;
                case LoyaltyAllSet when IsWalletCard:
                    PushWallet(LoyaltyCard!, null);
                    break;
                case LoyaltyAllSet:
                    PushAll(EndpointCatalog.LoyaltyPushAll, "loyaltycard", LoyaltyCard!);
                    break;
                case LoyaltyUserSet:
                    foreach (var user in User)
                    {
                        if (Ids.IsSecondGeneration(user) != IsWalletCard)
                        {
                            WriteError(new ErrorRecord(new ArgumentException(
                                $"User '{user}' and loyalty card {LoyaltyCard} are of different generations (web: loy_/lus_ ids, wallet: numbers). Get the card's users with Get-CtLoyaltyCardUser -LoyaltyCard {LoyaltyCard}."),
                                "Coupontools.LoyaltyCardUserMismatch", ErrorCategory.InvalidArgument, user));
                        }
                        else if (IsWalletCard)
                        {
                            if (!walletUsers.TryGetValue(LoyaltyCard!, out var users))
                            {
                                walletUsers[LoyaltyCard!] = users = new List<string>();
                            }

                            users.Add(user);
                        }
                        else
                        {
                            PushOne(EndpointCatalog.LoyaltyPushSingle, "loyaltycard", LoyaltyCard!, "user", user, $"user {user} of loyalty card {LoyaltyCard}");
                        }
                    }

                    break;
                default:
                    foreach (var session in Session)
                    {
                        PushOne(EndpointCatalog.CampaignPushSingle, "campaign", Campaign!, "couponsession", session, $"coupon session {session} of campaign {Campaign}");
                    }

                    break;
            }
        }

        protected override void EndProcessing()
        {
            foreach (var card in walletUsers)
            {
                PushWallet(card.Key, card.Value.Distinct(StringComparer.Ordinal).ToList());
            }

            base.EndProcessing();
        }

        /// <summary>One wallet push: to <paramref name="users"/>, or to every user of the card when null.</summary>
        private void PushWallet(string card, IReadOnlyList<string>? users)
        {
            var what = users == null ? $"every user of wallet loyalty card {card}" : $"user(s) {string.Join(", ", users)} of wallet loyalty card {card}";
            if (!Approve(what, $"Send push notification '{Shorten(Message)}'", users == null ? () => DescribeWalletAudience(card) : (Func<string?>?)null))
            {
                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["message"] = Message,
                ["recipient_stat_ids"] = users?.Select(u => long.Parse(u, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            };
            var target = users == null ? "*" : string.Join(", ", users);
            var message = Message;
            StartRequest(target, (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.Push, new[] { card }, body), json => json, token),
                payload => WriteObject(PushResult.FromJson(payload ?? new JObject(), null, card, target, message)),
                error => error is CoupontoolsApiException ex && ex.Failure == ApiFailure.OutcomeUnknown ? UnknownOutcome(ex, target, what) : null);
        }

        /// <summary>"all 23 active users of wallet loyalty card 'VIP' (2003)": the card's users that are not voided, whom a push reaches.</summary>
        private string? DescribeWalletAudience(string card)
        {
            if (!TryCall((client, token) => client.ReadRestListAsync(NewRequest(WalletEndpoints.Cards), Coupontools.LoyaltyCard.FromWalletJson, token), card, out var cards) ||
                !TryCall((client, token) => client.ReadRestListAsync(NewRestRequest(WalletEndpoints.Users, new[] { card }), json => json, token), card, out var users))
            {
                return null;
            }

            var name = cards.FirstOrDefault(c => c.Id == card)?.Name;
            var named = string.IsNullOrEmpty(name) ? $"wallet loyalty card {card}" : $"wallet loyalty card '{name}' ({card})";
            return $"all {users.Count} active user{(users.Count == 1 ? "" : "s")} of {named}";
        }

        private void PushOne(Endpoint endpoint, string ownerField, string owner, string targetField, string target, string description)
        {
            if (!Approve(description, $"Send push notification '{Shorten(Message)}'", null))
            {
                return;
            }

            var body = new Dictionary<string, object?> { [ownerField] = owner, [targetField] = target, ["message"] = Message };
            Push(endpoint, body, target, description, target);
        }

        private void PushAll(Endpoint endpoint, string ownerField, string owner)
        {
            var isCampaign = ownerField == "campaign";
            var what = isCampaign ? $"every coupon session of campaign {owner}" : $"every user of loyalty card {owner}";
            if (!Approve(what, $"Send push notification '{Shorten(Message)}'", () => DescribeAudience(isCampaign, owner)))
            {
                return;
            }

            var body = new Dictionary<string, object?> { [ownerField] = owner, ["message"] = Message };
            Push(endpoint, body, owner, what, "*");
        }

        /// <summary>
        /// ShouldProcess, except that -Force (or -Confirm:$false) skips the prompt, never -WhatIf. The
        /// audience text, which may need a read, is only built when a prompt can be shown.
        /// </summary>
        private bool Approve(string target, string action, Func<string?>? audience)
        {
            if (IsWhatIf())
            {
                return ShouldProcess(target, action);
            }

            if (SkipsConfirmation(Force))
            {
                return true;
            }

            if (audience == null)
            {
                return ShouldProcess(target, action);
            }

            var text = audience();
            if (text == null)
            {
                return false; // the read failed and was reported; without knowing the audience, do not push
            }

            return ShouldProcess($"{action} to {text}.", $"{action} to {text}?", "Send a push notification to everyone");
        }

        /// <summary>"all 250 coupon sessions of campaign 'Spring Sale' (cam_1001)", from reads; null when the owner cannot be read.</summary>
        private string? DescribeAudience(bool isCampaign, string owner)
        {
            var endpoint = isCampaign ? EndpointCatalog.CampaignInfo : EndpointCatalog.LoyaltyInfo;
            var body = new Dictionary<string, object?> { [isCampaign ? "campaign" : "loyaltycard"] = owner };
            if (isCampaign)
            {
                body["show_usage_stats"] = true;
            }

            if (!TryCall((client, token) => client.SendAsync(NewRequest(endpoint, body), token), owner, out var info))
            {
                return null;
            }

            var details = info.Properties().Select(p => p.Value).OfType<JObject>().FirstOrDefault() ?? info;
            var name = JsonValues.ToText(details.GetValue("name", StringComparison.OrdinalIgnoreCase));
            long? count;
            if (isCampaign)
            {
                count = JsonValues.ToLong(details.GetValue("amount_custom_codes", StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                // Voided users get no push: count the others.
                var users = new Dictionary<string, object?> { ["loyaltycard"] = owner };
                count = TryCall((client, token) => client.SendPageAsync(NewRequest(EndpointCatalog.LoyaltyUsers, users), "users",
                        u => JsonValues.ToBool(u.GetValue("voided", StringComparison.OrdinalIgnoreCase)) == true, token), owner, out var page)
                    ? page.Items.Count(voided => !voided) : (long?)null;
            }

            var label = isCampaign ? "campaign" : "loyalty card";
            var named = string.IsNullOrEmpty(name) ? $"{label} {owner}" : $"{label} '{name}' ({owner})";
            var noun = isCampaign ? "coupon session" : "active user";
            return count.HasValue
                ? $"all {count.Value} {noun}{(count.Value == 1 ? "" : "s")} of {named}"
                : $"every {noun} of {named} (the API does not say how many)";
        }

        /// <summary>Sends one push in the request window; an unknown outcome is reported, never re-sent.</summary>
        private void Push(Endpoint endpoint, IDictionary<string, object?> body, string target, string description, string recipients)
        {
            var campaign = Campaign;
            var card = LoyaltyCard;
            var message = Message;
            StartRequest(target, (client, token) => client.SendAsync(NewRequest(endpoint, body), token),
                payload => WriteObject(PushResult.FromJson(payload, campaign, card, recipients, message)),
                error => error is CoupontoolsApiException ex && ex.Failure == ApiFailure.OutcomeUnknown ? UnknownOutcome(ex, target, description) : null);
        }

        private static ErrorRecord UnknownOutcome(CoupontoolsApiException ex, string target, string description)
        {
            var record = ErrorMapper.ToRecord(ex, target);
            record.ErrorDetails = new ErrorDetails(
                $"The push notification to {description} may or may not have been sent: {ex.Message} " +
                "It was not sent again, because a duplicate push is worse than an error.")
            {
                RecommendedAction = "The API cannot tell whether a push went out. Ask a recipient, or look at the push history of the " +
                    "campaign or loyalty card in the Coupontools dashboard, before sending it again.",
            };
            return record;
        }

        private static string Shorten(string text)
        {
            var flat = text.Replace("\r", " ").Replace("\n", " ");
            return flat.Length > 60 ? flat.Substring(0, 60) + "…" : flat;
        }
    }

    /// <summary>A push message: not empty or blank, at most <see cref="SendCtPushNotification.MaxMessageLength"/> characters.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePushMessageAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments) as string;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ValidationMetadataException("The message is empty. Give the text of the push notification.");
            }

            if (text!.Length > SendCtPushNotification.MaxMessageLength)
            {
                throw new ValidationMetadataException(
                    $"The message has {text.Length} characters; a push notification takes at most {SendCtPushNotification.MaxMessageLength}.");
            }
        }
    }
}
