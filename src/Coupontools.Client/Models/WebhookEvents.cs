using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>
    /// A webhook delivery: one event the API sent to a receiver. The seven types the vendor prints have
    /// their own class (<see cref="CouponClaimedEvent"/>, …); any other type is a plain WebhookEvent with
    /// its fields kept whole in AdditionalProperties.
    /// </summary>
    public class WebhookEvent : ApiObject
    {
        /// <summary>The delivery's <c>id</c>: <c>evt_…</c>, or a plain number for directory_registration.</summary>
        public string EventId { get; set; } = string.Empty;

        /// <summary>The event type as sent (<c>coupon_claimed</c>, …); unknown types are kept as they are.</summary>
        public string? Type { get; set; }

        /// <summary>The delivery's <c>datetime</c> (read as UTC: the vendor does not name a zone).</summary>
        public DateTime? Date { get; set; }

        /// <summary>The campaign (cam_…) the event is about, where the payload names one.</summary>
        public string? Campaign { get; set; }

        /// <summary>The coupon session (statcode) the event is about, where the payload names one.</summary>
        public string? Session { get; set; }

        /// <summary>The subaccount (sub_…) the event belongs to, where the payload names one.</summary>
        public string? Subaccount { get; set; }

        /// <summary>True when verified with the API, false when verification said no, null when not checked.</summary>
        public bool? Verified { get; set; }

        public override string ToString() => $"{Type} {EventId}";

        /// <summary>Reads a delivered payload into the class of its type.</summary>
        public static WebhookEvent FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var type = r.String("type");
            var result = New(type);
            result.EventId = r.String("id") ?? r.String("webhook") ?? string.Empty;
            result.Type = type;
            result.Date = r.Date("datetime") ?? r.Date("date");
            result.Subaccount = r.String("subaccount");
            result.ReadFields(r);
            result.KeepRest(r);
            return result;
        }

        /// <summary>Reads the fields of this type; the base reads <c>campaign</c> and <c>session</c>.</summary>
        private protected virtual void ReadFields(ModelReader r)
        {
            Campaign = r.String("campaign");
            Session = r.String("session");
        }

        private static WebhookEvent New(string? type) => type switch
        {
            "coupon_claimed" => new CouponClaimedEvent(),
            "coupon_created" => new CouponCreatedEvent(),
            "subaccount_created" => new SubaccountCreatedEvent(),
            "loyalty_complete" => new LoyaltyCompleteEvent(),
            "loyalty_v3_created" => new LoyaltyV3CreatedEvent(),
            "lp_submission" => new LandingPageSubmissionEvent(),
            "directory_registration" => new DirectoryRegistrationEvent(),
            _ => new WebhookEvent(),
        };

        private protected static T? Read<T>(ModelReader r, string name, Func<ModelReader, T> map)
            where T : class
        {
            var child = r.Child(name);
            return child == null ? null : map(child);
        }

        private protected static AdditionalProperties? Fields(ModelReader r, string name)
        {
            var child = r.Child(name);
            if (child == null)
            {
                return null;
            }

            var fields = new AdditionalProperties();
            foreach (var field in child.Rest())
            {
                fields[field.Key] = field.Value;
            }

            return fields;
        }
    }

    /// <summary><c>coupon_claimed</c>: a coupon session was claimed. <c>Session</c> is the claimed code.</summary>
    public sealed class CouponClaimedEvent : WebhookEvent
    {
        /// <summary><c>livemode</c>: false for the test deliveries the vendor sends.</summary>
        public bool? LiveMode { get; set; }

        /// <summary>The top-level <c>coupon_code</c> (the session code; <c>Coupon.Code</c> is the campaign's short code).</summary>
        public string? CouponCode { get; set; }

        public string? CouponUrl { get; set; }

        public WebhookCoupon? Coupon { get; set; }

        public WebhookSessionStatus? Status { get; set; }

        public WebhookPerson? Customer { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            LiveMode = r.Bool("livemode");
            CouponCode = r.String("coupon_code");
            CouponUrl = r.String("coupon_url");
            Coupon = Read(r, "coupon", WebhookCoupon.FromReader);
            Status = Read(r, "status", WebhookSessionStatus.FromReader);
            Customer = Read(r, "customer", WebhookPerson.FromReader);
        }
    }

    /// <summary><c>coupon_created</c>: a campaign was created (its <c>coupon</c> is the cam_ id, here <c>Campaign</c>).</summary>
    public sealed class CouponCreatedEvent : WebhookEvent
    {
        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            Campaign = r.Token("coupon") is JValue ? r.String("coupon") : Campaign;
        }
    }

    /// <summary><c>subaccount_created</c>: a subaccount was created; <c>Contact</c> is its <c>data</c>.</summary>
    public sealed class SubaccountCreatedEvent : WebhookEvent
    {
        public WebhookPerson? Contact { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            Contact = Read(r, "data", WebhookPerson.FromReader);
        }
    }

    /// <summary><c>loyalty_complete</c>: a web (legacy) loyalty card was completed; <c>Session</c> is its <c>statcode</c>.</summary>
    public sealed class LoyaltyCompleteEvent : WebhookEvent
    {
        public string? LoyaltyCard { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            LoyaltyCard = r.String("loyaltycard");
            Session = r.String("statcode") ?? Session;
        }
    }

    /// <summary><c>loyalty_v3_created</c>: a wallet loyalty user was created.</summary>
    public sealed class LoyaltyV3CreatedEvent : WebhookEvent
    {
        public long? LoyaltyId { get; set; }

        public WebhookPerson? User { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            LoyaltyId = r.Long("loyalty_id");
            User = Read(r, "user", WebhookPerson.FromReader);
        }
    }

    /// <summary><c>lp_submission</c>: a landing page form was sent; <c>Campaign</c>/<c>Session</c> are its target.</summary>
    public sealed class LandingPageSubmissionEvent : WebhookEvent
    {
        /// <summary><c>landing_id</c> (lp_…).</summary>
        public string? LandingPage { get; set; }

        public string? TargetUrl { get; set; }

        /// <summary>The form's fields, keyed by the form's own labels (<c>data</c>).</summary>
        public AdditionalProperties? Form { get; set; }

        /// <summary><c>utm_tags</c>: utm_source … utm_content and custom1 … custom8.</summary>
        public AdditionalProperties? UtmTags { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            LandingPage = r.String("landing_id");
            Campaign = r.String("target_coupon") ?? Campaign;
            Session = r.String("target_statcode") ?? Session;
            TargetUrl = r.String("target_url");
            Form = Fields(r, "data");
            UtmTags = Fields(r, "utm_tags");
        }
    }

    /// <summary><c>directory_registration</c>: someone registered on a directory page. Its id is a plain number.</summary>
    public sealed class DirectoryRegistrationEvent : WebhookEvent
    {
        public WebhookPerson? User { get; set; }

        private protected override void ReadFields(ModelReader r)
        {
            base.ReadFields(r);
            User = Read(r, "data", WebhookPerson.FromReader);
        }
    }

    /// <summary>The campaign inside a coupon_claimed delivery.</summary>
    public sealed class WebhookCoupon : ApiObject
    {
        /// <summary>The campaign's short code (<c>coupon_code</c>).</summary>
        public string? Code { get; set; }

        /// <summary><c>friendly_name</c>.</summary>
        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Subtitle { get; set; }

        public string? Tags { get; set; }

        public string? Value { get; set; }

        public string? ValidationCode { get; set; }

        public string? CustomId { get; set; }

        public string? TimeZone { get; set; }

        public override string ToString() => Name ?? Code ?? string.Empty;

        internal static WebhookCoupon FromReader(ModelReader r)
        {
            var coupon = new WebhookCoupon
            {
                Code = r.String("coupon_code"),
                Name = r.String("friendly_name"),
                Title = r.String("title"),
                Subtitle = r.String("subtitle"),
                Tags = r.String("tags"),
                Value = r.String("coupon_value"),
                ValidationCode = r.String("custom_validation_code"),
                CustomId = r.String("customid"),
                TimeZone = r.String("timezone"),
            };
            coupon.KeepRest(r);
            return coupon;
        }
    }

    /// <summary>The session's state inside a coupon_claimed delivery.</summary>
    public sealed class WebhookSessionStatus : ApiObject
    {
        public bool? SocialLogin { get; set; }

        public bool? Scratched { get; set; }

        public DateTime? ScratchedDate { get; set; }

        public bool? Claimed { get; set; }

        public DateTime? ClaimedDate { get; set; }

        /// <summary><c>claimed_type</c> (<c>db</c>, …).</summary>
        public string? ClaimType { get; set; }

        public bool? Validated { get; set; }

        public DateTime? ValidatedDate { get; set; }

        public override string ToString() => Validated == true ? "validated" : Claimed == true ? "claimed" : Scratched == true ? "scratched" : "new";

        internal static WebhookSessionStatus FromReader(ModelReader r)
        {
            var status = new WebhookSessionStatus
            {
                SocialLogin = r.Bool("social_login"),
                Scratched = r.Bool("scratched"),
                ScratchedDate = r.Date("scratched_date"),
                Claimed = r.Bool("claimed"),
                ClaimedDate = r.Date("claimed_date"),
                ClaimType = r.String("claimed_type"),
                Validated = r.Bool("validated"),
                ValidatedDate = r.Date("validated_date"),
            };
            status.KeepRest(r);
            return status;
        }
    }

    /// <summary>
    /// A person in a delivery: a coupon_claimed customer, a new subaccount's contact, a wallet loyalty user,
    /// a directory registration. Custom fields and answers stay in AdditionalProperties under their wire names.
    /// </summary>
    public sealed class WebhookPerson : ApiObject
    {
        /// <summary><c>id</c>, or <c>userId</c> in a directory registration.</summary>
        public string? Id { get; set; }

        /// <summary>The wallet loyalty user's code.</summary>
        public string? Code { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? CompanyName { get; set; }

        public string? Gender { get; set; }

        public string? Address { get; set; }

        public string? Zip { get; set; }

        public string? City { get; set; }

        public string? Country { get; set; }

        /// <summary>As sent (<c>yyyy-MM-dd</c>): a birthday has no time zone.</summary>
        public string? Birthday { get; set; }

        public DateTime? CreatedDate { get; set; }

        public string? DownloadUrl { get; set; }

        public override string ToString() => string.Join(" ", new[] { FirstName, LastName, Email }).Trim();

        internal static WebhookPerson FromReader(ModelReader r)
        {
            var person = new WebhookPerson
            {
                Id = r.String("id") ?? r.String("userId"),
                Code = r.String("code"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                Email = r.String("email"),
                Phone = r.String("phone"),
                CompanyName = r.String("company_name"),
                Gender = r.String("gender"),
                Address = r.String("address"),
                Zip = r.String("zip"),
                City = r.String("city"),
                Country = r.String("country"),
                Birthday = r.String("birthday"),
                CreatedDate = r.Date("created_at"),
                DownloadUrl = r.String("download_url"),
            };
            person.KeepRest(r);
            return person;
        }
    }
}
