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
        };

        /// <summary>Session data adds <c>action</c> (dropped) and <c>data</c>, whose <c>status</c> is the session's.</summary>
        private static readonly Dictionary<string, int> SessionDataFields = new Dictionary<string, int>(ItemFields, StringComparer.OrdinalIgnoreCase)
        {
            ["action"] = 6, ["data"] = 7,
        };

        private static readonly Dictionary<string, int> DataFields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["status"] = 0 };

        private static readonly Dictionary<string, int> StatusFields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["created_date_utc"] = 0, ["open_date_utc"] = 1, ["played_date_utc"] = 2, ["claim_date_utc"] = 3, ["validation_date_utc"] = 4,
            ["voided_date_utc"] = 5, ["locked"] = 6, ["claimtype"] = 7, ["value"] = 8, ["validation_value"] = 9, ["own_validation_code"] = 10,
            ["opened"] = 11, ["played"] = 11, ["claimed"] = 11, ["validated"] = 11, ["voided"] = 11,
        };

        /// <summary>
        /// A data item read straight from the token stream (the reader on its StartObject, left on its
        /// EndObject), without a JSON tree: how usage pages of 5000 sessions are parsed. Same result as
        /// <see cref="FromDataItem"/>: lenient values, the first of repeated fields, unknown fields kept.
        /// </summary>
        public static CouponSession ReadDataItem(JsonReader reader, string? campaign) => Read(reader, ItemFields, campaign);

        private static CouponSession Read(JsonReader reader, Dictionary<string, int> fields, string? campaign)
        {
            var session = new CouponSession();
            var seen = 0;
            ReadFields(reader, fields, (index, r) =>
            {
                if (index >= 5)
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
                if (index == 11 || (seen & (1 << index)) != 0)
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
                    case 6: Locked = JsonValues.ToBool(value); break;
                    case 7: ClaimType = Text(value); break;
                    case 8: Value = Text(value); break;
                    case 9: ValidationValue = Text(value); break;
                    case 10: ValidationCode = Text(value); break;
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
