using System;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>What <c>/v3/couponsession/update</c> did to one session (Set-CtCouponSession -PassThru).</summary>
    public sealed class SessionUpdateResult : ApiObject
    {
        /// <summary>The session code.</summary>
        public string Session { get; set; } = string.Empty;

        public string? Campaign { get; set; }

        /// <summary>The operation asked for; null when only fields were set.</summary>
        public SessionOperation? Operation { get; set; }

        /// <summary>The API's word on the operation (<c>validate_successful</c>), or the warning when it was already in that state.</summary>
        public string? Result { get; set; }

        /// <summary>True when the session already was in the state the operation asks for (the API answered 352 to 358): nothing changed.</summary>
        public bool AlreadyInState { get; set; }

        public string? CustomId { get; set; }

        /// <summary>When the API applied the change, UTC (<c>action_date</c>).</summary>
        public DateTime? Date { get; set; }

        public override string ToString() => $"{Session}: {Result}";

        /// <summary>The reply payload: <c>{campaign, action, action_date, session, customid, operation}</c>.</summary>
        public static SessionUpdateResult FromJson(JObject json, string? operation = null)
        {
            var r = new ModelReader(json);
            r.Token("action");
            var result = new SessionUpdateResult
            {
                Campaign = r.String("campaign"),
                Date = r.Date("action_date"),
                Session = r.String("session") ?? string.Empty,
                CustomId = r.String("customid"),
                Result = r.String("operation"),
                Operation = ParseOperation(operation) ?? OperationOf(r.String("operation")),
            };
            result.KeepRest(r);
            return result;
        }

        /// <summary><c>validate_successful</c> → Validate.</summary>
        private static SessionOperation? OperationOf(string? echoed)
        {
            if (echoed == null)
            {
                return null;
            }

            var cut = echoed.IndexOf('_');
            return ParseOperation(cut > 0 ? echoed.Substring(0, cut) : echoed);
        }

        private static SessionOperation? ParseOperation(string? text) =>
            text != null && Enum.TryParse<SessionOperation>(text, true, out var op) && Enum.IsDefined(typeof(SessionOperation), op) ? op : (SessionOperation?)null;
    }

    /// <summary>What <c>/v3/batch/update</c> did to a sequence range of one campaign.</summary>
    public sealed class BatchUpdateResult : ApiObject
    {
        public string Campaign { get; set; } = string.Empty;

        public long? FromSequence { get; set; }

        public long? ToSequence { get; set; }

        public SessionOperation? Operation { get; set; }

        /// <summary>How many sessions were updated (<c>action_quantity</c>).</summary>
        public long? Count { get; set; }

        /// <summary>When the API applied the change, UTC (<c>action_date</c>).</summary>
        public DateTime? Date { get; set; }

        public override string ToString() => $"{Campaign} {FromSequence}..{ToSequence}: {Count}";

        /// <summary>The reply payload <c>{action_date, action_quantity}</c>, with the range that was asked for (the reply does not repeat it).</summary>
        public static BatchUpdateResult FromJson(JObject json, string campaign, long? fromSequence, long? toSequence, string? operation)
        {
            var r = new ModelReader(json);
            var result = new BatchUpdateResult
            {
                Campaign = campaign,
                FromSequence = fromSequence,
                ToSequence = toSequence,
                Operation = operation != null && Enum.TryParse<SessionOperation>(operation, true, out var op) ? op : (SessionOperation?)null,
                Date = r.Date("action_date"),
                Count = r.Long("action_quantity"),
            };
            result.KeepRest(r);
            return result;
        }
    }

    /// <summary>
    /// A session's barcode from <c>/v3/couponsession/barcode</c>. The reply's shape is not documented:
    /// an image reply is kept as bytes (<see cref="Content"/>), a JSON reply's fields are kept in
    /// AdditionalProperties (and a <c>url</c> or <c>barcode</c> field in <see cref="Url"/>/<see cref="Data"/>).
    /// </summary>
    public sealed class Barcode : ApiObject
    {
        public string Session { get; set; } = string.Empty;

        /// <summary>code39, code128b, pdf417, aztec or qrcode, as sent.</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>The reply's media type (<c>image/png</c>, <c>application/json</c>).</summary>
        public string? ContentType { get; set; }

        /// <summary>The image bytes, when the reply was an image.</summary>
        public byte[]? Content { get; set; }

        /// <summary>A URL of the image, when a JSON reply names one.</summary>
        public string? Url { get; set; }

        /// <summary>The encoded text or image data, when a JSON reply carries it.</summary>
        public string? Data { get; set; }

        /// <summary>The file the image was saved to (Get-CtCouponSessionBarcode -OutFile).</summary>
        public string? Path { get; set; }

        public override string ToString() => $"{Session} {Type}";

        /// <summary>A JSON reply payload.</summary>
        public static Barcode FromJson(JObject json, string session, string type)
        {
            var r = new ModelReader(json);
            var barcode = new Barcode
            {
                Session = r.String("couponsession") ?? r.String("session") ?? session,
                Type = r.String("type") ?? type,
                ContentType = "application/json",
                Url = r.String("url") ?? r.String("barcode_url"),
                Data = r.String("barcode") ?? r.String("data"),
            };
            barcode.KeepRest(r);
            return barcode;
        }
    }
}
