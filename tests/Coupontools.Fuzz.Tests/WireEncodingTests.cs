using System.Net;
using System.Text;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Fuzz.Tests;

/// <summary>What the bad-input table found about request bodies, kept as plain examples.</summary>
public class WireEncodingTests
{
    [Theory]
    [InlineData("half \ud83d of an emoji")]
    [InlineData("\udc00 low first")]
    [InlineData("coupon \ud83c\udf9f \ud835\udd18 \u00e9\u00e8 \u4e2d\u6587")]
    [InlineData("ab\u0000c\u0007d\r\ne\u001b[31m\u007f")]
    [InlineData("\",\"status\":{\"status\":\"OK\"},\"x\":\"")]
    public async Task Every_string_reaches_the_wire_as_ascii_json_that_decodes_to_the_same_utf16(string value)
    {
        // An unpaired surrogate used to be replaced by U+FFFD when the body was encoded as UTF-8.
        var handler = new RecordingHandler();
        using var client = new CoupontoolsClient(new ClientOptions
        {
            BaseUri = new Uri("https://api.example.test/"), ClientId = "client-1", ClientSecret = "secret-1", Handler = handler,
        });
        await client.SendAsync(new ApiRequest(EndpointCatalog.SessionUpdate, new Dictionary<string, object?> { ["value"] = value, [value] = "key" }), CancellationToken.None);
        Assert.All(handler.Body, b => Assert.InRange(b, (byte)0x20, (byte)0x7F));
        var text = Encoding.ASCII.GetString(handler.Body);
        var expected = Newtonsoft.Json.JsonConvert.ToString(value, '"', Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii);
        Assert.Contains("\"value\":" + expected, text);
        Assert.Contains(expected + ":\"key\"", text);
        if (!value.Any(char.IsSurrogate) || value.Any(char.IsHighSurrogate) && value.Any(char.IsLowSurrogate))
        {
            Assert.Equal(value, (string?)JObject.Parse(text)["value"]);
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public byte[] Body { get; private set; } = Array.Empty<byte>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"status\":{\"status\":\"OK\"}}", Encoding.UTF8, "application/json") };
        }
    }
}
