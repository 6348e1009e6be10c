using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A loyalty card (stamp or points card).</summary>
    public sealed class LoyaltyCard : ApiObject
    {
        public string Id { get; set; } = string.Empty;

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

        public override string ToString() => Email == null ? Id : $"{Email} ({Id})";

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
