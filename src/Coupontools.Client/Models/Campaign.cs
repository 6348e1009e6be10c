using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A coupon campaign (<c>coupon_info</c>).</summary>
    public sealed class Campaign : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Status { get; set; }

        public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

        public string? Url { get; set; }

        /// <summary>With usage statistics: custom codes in the campaign.</summary>
        public long? CustomCodeCount { get; set; }

        /// <summary>With usage statistics: custom codes claimed.</summary>
        public long? CustomCodeClaimedCount { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        public static Campaign FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var campaign = new Campaign
            {
                Id = r.String("ID") ?? string.Empty,
                Code = r.String("code"),
                Name = r.String("name"),
                Title = r.String("title"),
                Status = r.String("status"),
                Url = r.String("url"),
                CustomCodeCount = r.Long("amount_custom_codes"),
                CustomCodeClaimedCount = r.Long("amount_custom_codes_claimed"),
            };
            campaign.KeepRest(r);
            return campaign;
        }
    }
}
