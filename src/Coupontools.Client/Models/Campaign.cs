using System;
using System.Collections.Generic;
using System.Linq;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A coupon campaign (<c>coupon_info</c> of <c>/v3/coupon/list</c> and <c>/v3/coupon/info</c>).</summary>
    public sealed class Campaign : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Subtitle { get; set; }

        /// <summary>active, archived, example, test, … as the API says.</summary>
        public string? Status { get; set; }

        public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

        public string? Url { get; set; }

        /// <summary>The owning subaccount (<c>sub_</c> id); null for the main account's campaigns.</summary>
        public string? Subaccount { get; set; }

        /// <summary>The campaign's time zone (IANA name, <c>America/New_York</c>): single-use expiry dates are read in it.</summary>
        public string? TimeZone { get; set; }

        /// <summary>When the campaign expires, UTC (<c>expirydate</c>).</summary>
        public DateTime? ExpiryDate { get; set; }

        public string? Description { get; set; }

        public string? Terms { get; set; }

        public string? TermsShort { get; set; }

        public string? PoweredBy { get; set; }

        public string? PoweredByLink { get; set; }

        /// <summary>The tags as sent: comma separated (<c>coupon_tags</c>).</summary>
        public string? Tags { get; set; }

        public string? Category { get; set; }

        public string? CategoryName { get; set; }

        public string? LogoUrl { get; set; }

        public string? ImageUrl { get; set; }

        /// <summary>banner1 to banner5, those that are set.</summary>
        public IReadOnlyList<string> Banners { get; set; } = Array.Empty<string>();

        /// <summary>The ids of the campaign's redeem locations (<c>locations[].ID</c>).</summary>
        public IReadOnlyList<string> Locations { get; set; } = Array.Empty<string>();

        /// <summary>With usage statistics: custom codes in the campaign (key name unconfirmed, see api/ASSUMED.md).</summary>
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
                Url = r.String("url"),
                Status = r.String("status"),
                Subaccount = r.String("subaccount"),
                TimeZone = r.String("timezone"),
                ExpiryDate = r.Date("expirydate"),
                Name = r.String("name"),
                Title = r.String("title"),
                Subtitle = r.String("subtitle"),
                Description = r.String("description"),
                Terms = r.String("terms"),
                TermsShort = r.String("terms_short"),
                PoweredBy = r.String("poweredby"),
                PoweredByLink = r.String("poweredbylink"),
                Tags = r.String("coupon_tags"),
                Category = r.String("coupon_category"),
                CategoryName = r.String("coupon_category_name"),
                LogoUrl = r.String("logo_url"),
                ImageUrl = r.String("coupon_image"),
                Banners = Enumerable.Range(1, 5).Select(i => r.String("banner" + i)).Where(b => b != null).Select(b => b!).ToList(),
                CustomCodeCount = r.Long("amount_custom_codes"),
                CustomCodeClaimedCount = r.Long("amount_custom_codes_claimed"),
            };
            if (r.Token("locations") is JArray locations)
            {
                campaign.Locations = locations.Select(l => l is JObject o ? JsonValues.ToText(o["ID"]) : JsonValues.ToText(l))
                    .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
            }

            campaign.KeepRest(r);
            return campaign;
        }
    }
}
