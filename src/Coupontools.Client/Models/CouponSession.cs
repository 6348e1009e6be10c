using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>
    /// One coupon session: a coupon issued to one person, with its life cycle dates (UTC).
    /// Read from campaign usage data items, session search items and session data replies.
    /// </summary>
    public sealed class CouponSession : ApiObject
    {
        /// <summary>The 21-character session code.</summary>
        public string Id { get; set; } = string.Empty;

        public string? Campaign { get; set; }

        public long? SequenceId { get; set; }

        public string? CustomId { get; set; }

        public string? Url { get; set; }

        /// <summary>Validated, Claimed, Played, Opened or Created; Voided wins over all.</summary>
        public string Status
        {
            get
            {
                if (IsVoided) return "Voided";
                if (ValidationDate.HasValue) return "Validated";
                if (ClaimDate.HasValue) return "Claimed";
                if (PlayedDate.HasValue) return "Played";
                if (OpenDate.HasValue) return "Opened";
                return "Created";
            }
        }

        public DateTime? CreatedDate { get; set; }

        public DateTime? OpenDate { get; set; }

        public DateTime? PlayedDate { get; set; }

        public DateTime? ClaimDate { get; set; }

        public DateTime? ValidationDate { get; set; }

        public DateTime? VoidedDate { get; set; }

        public bool IsVoided => VoidedDate.HasValue;

        public bool? Locked { get; set; }

        public string? ClaimType { get; set; }

        public string? Value { get; set; }

        public string? ValidationValue { get; set; }

        /// <summary>The session's own validation code (<c>own_validation_code</c>).</summary>
        public string? ValidationCode { get; set; }

        public override string ToString() => Id;

        /// <summary>An item of <c>/v3/campaign/data</c> or a search reply: <c>{sequenceid, session, customid, status{…}}</c>.</summary>
        public static CouponSession FromDataItem(JObject json, string? campaign)
        {
            var r = new ModelReader(json);
            var session = new CouponSession
            {
                Id = r.String("session") ?? string.Empty,
                Campaign = r.String("campaign") ?? campaign,
                SequenceId = r.Long("sequenceid"),
                CustomId = r.String("customid"),
                Url = r.String("session_url"),
            };
            session.ReadStatus(r.Child("status"));
            session.KeepRest(r);
            return session;
        }

        /// <summary>The payload of <c>/v3/couponsession/data</c> (or an update reply): the status sits under <c>data.status</c>.</summary>
        public static CouponSession FromSessionData(JObject json)
        {
            var r = new ModelReader(json);
            var session = new CouponSession
            {
                Id = r.String("session") ?? string.Empty,
                Campaign = r.String("campaign"),
                SequenceId = r.Long("sequenceid"),
                CustomId = r.String("customid"),
                Url = r.String("session_url"),
            };
            r.Token("action");
            var data = r.Child("data");
            session.ReadStatus(data?.Child("status") ?? r.Child("status"));
            session.KeepRest(r);
            return session;
        }

        private void ReadStatus(ModelReader? status)
        {
            if (status == null)
            {
                return;
            }

            CreatedDate = status.Date("created_date_utc");
            OpenDate = status.Date("open_date_utc");
            PlayedDate = status.Date("played_date_utc");
            ClaimDate = status.Date("claim_date_utc");
            ValidationDate = status.Date("validation_date_utc");
            VoidedDate = status.Date("voided_date_utc");
            Locked = status.Bool("locked");
            ClaimType = status.String("claimtype");
            Value = status.String("value");
            ValidationValue = status.String("validation_value");
            ValidationCode = status.String("own_validation_code");
            foreach (var flag in new[] { "opened", "played", "claimed", "validated", "voided" })
            {
                status.Token(flag);
            }

            KeepRest(status);
        }
    }
}
