using System;
using System.Collections.Generic;
using Coupontools.Client.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>
    /// One coupon session: a coupon issued to one person, with its life cycle dates (UTC).
    /// Read from campaign usage data items, session search items and session data replies.
    /// </summary>
    public sealed class CouponSession : ApiObject
    {
        private bool? opened, played, claimed, validated, voided;

        /// <summary>The 21-character session code.</summary>
        public string Id { get; set; } = string.Empty;

        public string? Campaign { get; set; }

        public long? SequenceId { get; set; }

        public string? CustomId { get; set; }

        /// <summary>The session's URL (<c>session_url</c>, or <c>single_use_url</c> in a search result).</summary>
        public string? Url { get; set; }

        /// <summary>Voided, Validated, Claimed, Played, Opened or Created: the furthest state reached, Voided wins over all.</summary>
        public string Status
        {
            get
            {
                if (IsVoided) return "Voided";
                if (IsValidated) return "Validated";
                if (IsClaimed) return "Claimed";
                if (IsPlayed) return "Played";
                if (IsOpened) return "Opened";
                return "Created";
            }
        }

        public DateTime? CreatedDate { get; set; }

        /// <summary>The <c>opened</c> flag, or an open date when the flag is not sent.</summary>
        public bool IsOpened => opened ?? OpenDate.HasValue;

        public DateTime? OpenDate { get; set; }

        public bool IsPlayed => played ?? PlayedDate.HasValue;

        public DateTime? PlayedDate { get; set; }

        public bool IsClaimed => claimed ?? ClaimDate.HasValue;

        public DateTime? ClaimDate { get; set; }

        public bool IsValidated => validated ?? ValidationDate.HasValue;

        public DateTime? ValidationDate { get; set; }

        public bool IsVoided => voided ?? VoidedDate.HasValue;

        /// <summary>When the session was voided (<c>voided_date_utc</c>; not in the 2025 examples, read when sent).</summary>
        public DateTime? VoidedDate { get; set; }

        /// <summary>When the session was last unvoided (<c>unvoided_date_utc</c>).</summary>
        public DateTime? UnvoidedDate { get; set; }

        /// <summary>The <c>locked</c> flag; null when the reply does not say (the printed session data ends before it).</summary>
        public bool? IsLocked { get; set; }

        public string? ClaimType { get; set; }

        public string? ValidationValue { get; set; }

        /// <summary>The session's own validation code (<c>own_validation_code</c>, or <c>custom_validation_code</c> in a search result).</summary>
        public string? ValidationCode { get; set; }

        /// <summary>The redeem location (<c>redeem_location_ID</c>, a <c>loc_</c> id).</summary>
        public string? RedeemLocation { get; set; }

        public override string ToString() => Id;

        /// <summary>An item of <c>/v3/campaign/data</c> or a search reply: <c>{sequenceid, session, customid, status{…}}</c>.</summary>
        public static CouponSession FromDataItem(JObject json, string? campaign) => FromTree(json, ItemFields, campaign);

        /// <summary>The payload of <c>/v3/couponsession/data</c> (or an update reply): the status sits under <c>data.status</c>.</summary>
        public static CouponSession FromSessionData(JObject json) => FromTree(json, SessionDataFields, null);

        private static CouponSession FromTree(JObject json, Dictionary<string, int> fields, string? campaign)
        {
            using (var reader = json.CreateReader())
            {
                reader.Read();
                return Read(reader, fields, campaign);
            }
        }

        private static readonly Dictionary<string, int> ItemFields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["session"] = 0, ["campaign"] = 1, ["sequenceid"] = 2, ["customid"] = 3, ["session_url"] = 4, ["status"] = 5,
            ["single_use_url"] = 4, ["custom_validation_code"] = 8, ["data"] = 7,
        };

        /// <summary>Session data adds <c>action</c> (dropped); its <c>data.status</c> (as in a search result) is the session's.</summary>
        private static readonly Dictionary<string, int> SessionDataFields = new Dictionary<string, int>(ItemFields, StringComparer.OrdinalIgnoreCase)
        {
            ["action"] = 6,
        };

        private static readonly Dictionary<string, int> DataFields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["status"] = 0 };

        private static readonly Dictionary<string, int> StatusFields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["created_date_utc"] = 0, ["open_date_utc"] = 1, ["played_date_utc"] = 2, ["claim_date_utc"] = 3, ["validation_date_utc"] = 4,
            ["voided_date_utc"] = 5, ["locked"] = 6, ["claimtype"] = 7, ["unvoided_date_utc"] = 8, ["validation_value"] = 9, ["own_validation_code"] = 10,
            ["opened"] = 11, ["played"] = 12, ["claimed"] = 13, ["validated"] = 14, ["voided"] = 15, ["redeem_location_ID"] = 16,
        };

        /// <summary>
        /// A data item read straight from the token stream (the reader on its StartObject, left on its
        /// EndObject), without a JSON tree: how usage pages are parsed. Same result as
        /// <see cref="FromDataItem"/>: lenient values, the first of repeated fields, unknown fields kept.
        /// </summary>
        public static CouponSession ReadDataItem(JsonReader reader, string? campaign) => Read(reader, ItemFields, campaign);

        private static CouponSession Read(JsonReader reader, Dictionary<string, int> fields, string? campaign)
        {
            var session = new CouponSession();
            var seen = 0;
            ReadFields(reader, fields, (index, r) =>
            {
                if (index >= 5 && index <= 7)
                {
                    if (index == 5 && r.TokenType == JsonToken.StartObject)
                    {
                        session.ReadStatus(r);
                    }
                    else if (index == 7 && r.TokenType == JsonToken.StartObject)
                    {
                        ReadFields(r, DataFields, (_, status) =>
                        {
                            if (status.TokenType == JsonToken.StartObject)
                            {
                                session.ReadStatus(status);
                            }
                            else
                            {
                                status.Skip();
                            }
                        }, null);
                    }
                    else
                    {
                        r.Skip();
                    }

                    return;
                }

                var value = JToken.ReadFrom(r, ReplyReader<object>.LoadSettings);
                if ((seen & (1 << index)) != 0)
                {
                    return;
                }

                seen |= 1 << index;
                switch (index)
                {
                    case 0: session.Id = Text(value) ?? string.Empty; break;
                    case 1: session.Campaign = Text(value); break;
                    case 2: session.SequenceId = JsonValues.ToLong(value); break;
                    case 3: session.CustomId = Text(value); break;
                    case 4: session.Url = Text(value); break;
                    case 8: session.ValidationCode ??= Text(value); break;
                }
            }, session);
            session.Campaign ??= campaign;
            return session;
        }

        private void ReadStatus(JsonReader reader)
        {
            var seen = 0;
            ReadFields(reader, StatusFields, (index, r) =>
            {
                var value = JToken.ReadFrom(r, ReplyReader<object>.LoadSettings);
                if ((seen & (1 << index)) != 0)
                {
                    return;
                }

                seen |= 1 << index;
                switch (index)
                {
                    case 0: CreatedDate = JsonValues.ToUtcDate(value); break;
                    case 1: OpenDate = JsonValues.ToUtcDate(value); break;
                    case 2: PlayedDate = JsonValues.ToUtcDate(value); break;
                    case 3: ClaimDate = JsonValues.ToUtcDate(value); break;
                    case 4: ValidationDate = JsonValues.ToUtcDate(value); break;
                    case 5: VoidedDate = JsonValues.ToUtcDate(value); break;
                    case 6: IsLocked = JsonValues.ToBool(value); break;
                    case 7: ClaimType = Text(value); break;
                    case 8: UnvoidedDate = JsonValues.ToUtcDate(value); break;
                    case 9: ValidationValue = Text(value); break;
                    case 10: ValidationCode = Text(value) ?? ValidationCode; break;
                    case 11: opened = JsonValues.ToBool(value); break;
                    case 12: played = JsonValues.ToBool(value); break;
                    case 13: claimed = JsonValues.ToBool(value); break;
                    case 14: validated = JsonValues.ToBool(value); break;
                    case 15: voided = JsonValues.ToBool(value); break;
                    case 16: RedeemLocation = Text(value); break;
                }
            }, this);
        }

        /// <summary>Walks the properties of the object the reader is on: known ones to <paramref name="known"/>, the rest kept on <paramref name="owner"/>.</summary>
        private static void ReadFields(JsonReader reader, Dictionary<string, int> fields, Action<int, JsonReader> known, ApiObject? owner)
        {
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!reader.Read())
                {
                    break;
                }

                if (fields.TryGetValue(name, out var index))
                {
                    known(index, reader);
                }
                else if (owner == null)
                {
                    reader.Skip();
                }
                else
                {
                    var value = JToken.ReadFrom(reader, ReplyReader<object>.LoadSettings);
                    if (!owner.AdditionalProperties.ContainsKey(name))
                    {
                        owner.Keep(name, ModelReader.Plain(value));
                    }
                }
            }

            if (reader.TokenType != JsonToken.EndObject)
            {
                throw new System.IO.InvalidDataException("A coupon session item ends before its JSON is complete.");
            }
        }

        private static string? Text(JToken value)
        {
            var text = JsonValues.ToText(value);
            return string.IsNullOrEmpty(text) ? null : text;
        }
    }
}
