using System;
using System.Collections.Generic;
using System.Linq;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>The product generation of a loyalty card: web (v3, <c>loy_</c> ids) or wallet (v4 REST, numeric ids).</summary>
    public enum LoyaltyCardKind
    {
        Web,
        Wallet,
    }

    /// <summary>A loyalty card: a web card (stamp or points) or a wallet card (stamp, membership...).</summary>
    public sealed class LoyaltyCard : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public LoyaltyCardKind Kind { get; set; }

        /// <summary>The wallet card's short code.</summary>
        public string? Code { get; set; }

        /// <summary>The wallet card's domain (<c>save2wallet.link</c>, a custom domain...).</summary>
        public string? Domain { get; set; }

        public string? Name { get; set; }

        public string? Type { get; set; }

        public string? Status { get; set; }

        public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

        public DateTime? CreatedDate { get; set; }

        /// <summary>How many users the card has (<c>amount_of_users</c>; sent by the info call).</summary>
        public long? UserCount { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        public static LoyaltyCard FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var card = new LoyaltyCard
            {
                Id = r.String("ID") ?? string.Empty,
                Name = r.String("name"),
                Type = r.String("type"),
                Status = r.String("status"),
                CreatedDate = r.Date("created_date_utc"),
                UserCount = r.Long("amount_of_users"),
            };
            card.KeepRest(r);
            return card;
        }

        /// <summary>A wallet card of <c>GET /v4/loyalty/loyalty-cards</c> or of a copy: id, code, name, domain, type.</summary>
        public static LoyaltyCard FromWalletJson(JObject json)
        {
            var r = new ModelReader(json);
            var card = new LoyaltyCard
            {
                Id = r.String("id") ?? string.Empty,
                Kind = LoyaltyCardKind.Wallet,
                Code = r.String("code"),
                Name = r.String("name"),
                Domain = r.String("domain"),
                Type = r.String("type"),
            };
            card.KeepRest(r);
            return card;
        }
    }

    /// <summary>A reward a wallet card user earned: to use, used (<see cref="UsedDate"/>) or expired.</summary>
    public sealed class LoyaltyReward : ApiObject
    {
        public long Id { get; set; }

        public string? Name { get; set; }

        public DateTime? AddedDate { get; set; }

        public DateTime? ExpiredDate { get; set; }

        public DateTime? UsedDate { get; set; }

        public override string ToString() => Name == null ? Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Name} ({Id})";

        public static LoyaltyReward FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var reward = new LoyaltyReward
            {
                Id = r.Long("id") ?? 0,
                Name = r.String("name"),
                AddedDate = r.Date("added_at"),
                ExpiredDate = r.Date("expired_at"),
                UsedDate = r.Date("used_at"),
            };
            reward.KeepRest(r);
            return reward;
        }
    }

    /// <summary>A user of a loyalty card, with their points and stamps.</summary>
    public sealed class LoyaltyCardUser : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? LoyaltyCard { get; set; }

        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public long? Points { get; set; }

        public long? Stamps { get; set; }

        public bool? Voided { get; set; }

        /// <summary>Web for a <c>lus_</c> user of a web card, Wallet for a numeric user ("stat") of a wallet card.</summary>
        public LoyaltyCardKind Kind { get; set; }

        /// <summary>The wallet user's card code.</summary>
        public string? Code { get; set; }

        public string? Phone { get; set; }

        public string? Address { get; set; }

        public string? Zip { get; set; }

        public string? City { get; set; }

        public string? Custom1 { get; set; }

        public string? Custom2 { get; set; }

        public string? Custom3 { get; set; }

        public string? Custom4 { get; set; }

        public string? Custom5 { get; set; }

        public string? Custom6 { get; set; }

        public string? Custom7 { get; set; }

        public string? Custom8 { get; set; }

        /// <summary>Where the user adds the card to a phone's wallet.</summary>
        public string? DownloadUrl { get; set; }

        public DateTime? CreatedDate { get; set; }

        public DateTime? VoidedDate { get; set; }

        public DateTime? ExpiredDate { get; set; }

        /// <summary>The wallet user's rewards (sent by the add-stamps and use-rewards replies).</summary>
        public IReadOnlyList<LoyaltyReward> Rewards { get; set; } = Array.Empty<LoyaltyReward>();

        public override string ToString() => Email == null ? Id : $"{Email} ({Id})";

        /// <summary>
        /// A wallet card user (a "stat") of the v4 REST replies: every key the printed examples show, the timestamps
        /// (<c>yyyy-MM-dd HH:mm:ss</c>, zone not stated: read as UTC) and the rewards when the reply has them.
        /// </summary>
        public static LoyaltyCardUser FromWalletJson(JObject json, string? loyaltyCard)
        {
            var r = new ModelReader(json);
            var user = new LoyaltyCardUser
            {
                Id = r.String("id") ?? string.Empty,
                Kind = LoyaltyCardKind.Wallet,
                LoyaltyCard = loyaltyCard,
                Code = r.String("code"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                Address = r.String("address"),
                Zip = r.String("zip"),
                City = r.String("city"),
                Phone = r.String("phone"),
                Email = r.String("email"),
                Custom1 = r.String("custom_1"),
                Custom2 = r.String("custom_2"),
                Custom3 = r.String("custom_3"),
                Custom4 = r.String("custom_4"),
                Custom5 = r.String("custom_5"),
                Custom6 = r.String("custom_6"),
                Custom7 = r.String("custom_7"),
                Custom8 = r.String("custom_8"),
                Stamps = r.Long("stamps"),
                DownloadUrl = r.String("download_url"),
                CreatedDate = r.Date("created_at"),
                VoidedDate = r.Date("voided_at"),
                ExpiredDate = r.Date("expired_at"),
                Rewards = r.Token("rewards") is JArray rewards ? rewards.OfType<JObject>().Select(LoyaltyReward.FromJson).ToList() : (IReadOnlyList<LoyaltyReward>)Array.Empty<LoyaltyReward>(),
            };
            user.Voided = json.GetValue("voided_at", StringComparison.OrdinalIgnoreCase) is { } voided ? voided.Type != JTokenType.Null : (bool?)null;
            user.KeepRest(r);
            return user;
        }

        public static LoyaltyCardUser FromJson(JObject json, string? loyaltyCard)
        {
            var r = new ModelReader(json);
            var user = new LoyaltyCardUser
            {
                Id = r.String("ID") ?? string.Empty,
                LoyaltyCard = r.String("loyaltycard") ?? loyaltyCard,
                Email = r.String("email"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                Points = r.Long("points"),
                Stamps = r.Long("stamps"),
                Voided = r.Bool("voided"),
            };
            user.KeepRest(r);
            return user;
        }
    }
}
