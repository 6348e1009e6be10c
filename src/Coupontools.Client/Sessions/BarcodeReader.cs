using System;
using System.IO;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Coupontools.Client.Json;
using Newtonsoft.Json;

namespace Coupontools.Client.Sessions
{
    /// <summary>
    /// Reads a <c>/v3/couponsession/barcode</c> reply, whose shape the vendor does not print: an image (or
    /// any other binary media type) is kept as bytes, a JSON reply goes through the envelope and its
    /// fields are kept on the <see cref="Barcode"/>.
    /// </summary>
    public sealed class BarcodeReader : ReplyReader<Barcode>
    {
        private readonly PayloadReader payload = new PayloadReader();
        private readonly string session;
        private readonly string type;
        private Barcode? image;

        public BarcodeReader(string session, string type)
        {
            this.session = session;
            this.type = type;
        }

        /// <summary>The request for one session and symbology (<c>code39</c>, <c>qrcode</c>, …).</summary>
        public static ApiRequest Request(string session, string type) =>
            new ApiRequest(EndpointCatalog.SessionBarcode, new System.Collections.Generic.Dictionary<string, object?> { ["couponsession"] = session, ["type"] = type });

        public override bool TakesRaw(string? mediaType) =>
            mediaType != null && (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                || string.Equals(mediaType, "application/pdf", StringComparison.OrdinalIgnoreCase)
                || string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase));

        public override void ReadRaw(string? mediaType, Stream body)
        {
            using (var bytes = new MemoryStream())
            {
                body.CopyTo(bytes);
                image = new Barcode { Session = session, Type = type, ContentType = mediaType, Content = bytes.ToArray() };
            }
        }

        public override void ReadProperty(string name, JsonReader reader) => payload.ReadProperty(name, reader);

        public override Barcode GetResult() => image ?? Barcode.FromJson(payload.GetResult(), session, type);
    }
}
