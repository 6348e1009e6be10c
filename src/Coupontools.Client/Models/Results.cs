using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A single-use coupon URL, with the recipient fields it was issued for.</summary>
    public sealed class SingleUseUrl : ApiObject
    {
        public string Campaign { get; set; } = string.Empty;

        /// <summary>The coupon session code (<c>single_use_code</c>).</summary>
        public string Session { get; set; } = string.Empty;

        public string? Url { get; set; }

        /// <summary>The 6-character code shown in the widget.</summary>
        public string? WidgetValidationCode { get; set; }

        public string? ValidationCode { get; set; }

        public long? SequenceId { get; set; }

        public string? CustomId { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        /// <summary>
        /// True when the API found an earlier session by <c>duplicate_check</c> and returned it instead of a new one;
        /// false when it looked and found none; null when no check was asked for.
        /// </summary>
        public bool? DuplicateFound { get; set; }

        public override string ToString() => Url ?? Session;

        public static SingleUseUrl FromJson(JObject json, string? campaign)
        {
            var r = new ModelReader(json);
            r.Token("action");
            var url = new SingleUseUrl
            {
                Campaign = r.String("campaign") ?? campaign ?? string.Empty,
                Session = r.String("single_use_code") ?? r.String("session") ?? string.Empty,
                Url = r.String("single_use_url"),
                WidgetValidationCode = r.String("widget_validation_code"),
                ValidationCode = r.String("custom_validation_code"),
                SequenceId = r.Long("sequence_id") ?? r.Long("sequenceid"),
                CustomId = r.String("customid"),
                DuplicateFound = r.Bool("duplicate_found"),
            };
            url.KeepRest(r);
            return url;
        }
    }

    /// <summary>The result of a push notification.</summary>
    public sealed class PushResult : ApiObject
    {
        public string? Campaign { get; set; }

        public string? LoyaltyCard { get; set; }

        /// <summary>The session or user pushed to, or <c>*</c> for everyone.</summary>
        public string Target { get; set; } = string.Empty;

        /// <summary>How many received it, when the API says.</summary>
        public long? Recipients { get; set; }

        public string? Message { get; set; }

        public bool Sent { get; set; }

        public override string ToString() => $"{Campaign ?? LoyaltyCard} -> {Target}";

        /// <summary>
        /// A push the API accepted. The campaign pushes answer with the status envelope only (2025); a reply that
        /// says how many received it (<c>recipients</c>, the wallet push's <c>total_recipients</c>) fills <see cref="Recipients"/>.
        /// </summary>
        public static PushResult FromJson(JObject payload, string? campaign, string? loyaltyCard, string target, string? message)
        {
            var r = new ModelReader(payload);
            var result = new PushResult
            {
                Campaign = campaign,
                LoyaltyCard = loyaltyCard,
                Target = target,
                Recipients = r.Long("recipients") ?? r.Long("total_recipients"),
                Message = message,
                Sent = true,
            };
            result.KeepRest(r);
            return result;
        }
    }

    /// <summary>What <c>/v4/webhook/verification</c> says of an event (its reply calls the campaign <c>coupon</c> and the session <c>statcode</c>).</summary>
    public sealed class WebhookVerification : ApiObject
    {
        public string EventId { get; set; } = string.Empty;

        public bool IsValid { get; set; }

        public string? Type { get; set; }

        public DateTime? Date { get; set; }

        public string? Campaign { get; set; }

        public string? Session { get; set; }

        public override string ToString() => $"{EventId}: {(IsValid ? "valid" : "not valid")}";

        public static WebhookVerification FromJson(JObject json, string eventId)
        {
            var r = new ModelReader(json);
            var result = new WebhookVerification
            {
                EventId = r.String("webhook") ?? eventId,
                Type = r.String("type"),
                Date = r.Date("datetime") ?? r.Date("date"),
                Campaign = r.String("coupon") ?? r.String("campaign"),
                Session = r.String("statcode") ?? r.String("session"),
            };

            // The 2025 reply has no 'result': an OK reply naming the event is the answer "valid".
            var said = r.String("result");
            result.IsValid = said == null ? !string.IsNullOrEmpty(r.String("webhook")) : string.Equals(said, "valid", StringComparison.OrdinalIgnoreCase);
            result.KeepRest(r);
            return result;
        }
    }
}
