using System;
using System.IO;
using System.Text;
using Coupontools.Client.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Webhooks
{
    /// <summary>
    /// Reads a delivered webhook body into a <see cref="WebhookEvent"/>. Tolerant of unknown event
    /// types, extra fields (kept in AdditionalProperties) and missing fields; anything that is not a
    /// JSON object is a <see cref="CoupontoolsApiException"/> with <see cref="ApiFailure.InvalidReply"/>.
    /// </summary>
    public static class WebhookParser
    {
        /// <summary>The name used as the "endpoint" of parse errors.</summary>
        public const string Source = "webhook delivery";

        private const int MaxShown = 80;

        public static WebhookEvent Parse(string? body)
        {
            if (body == null || body.Trim().Length == 0)
            {
                throw Invalid("The webhook delivery is empty; a JSON object was expected.", null);
            }

            JToken token;
            try
            {
                using (var text = new StringReader(body))
                using (var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 64 })
                {
                    token = JToken.ReadFrom(reader, ReplyReader<object>.LoadSettings);
                    if (reader.Read() && reader.TokenType != JsonToken.Comment)
                    {
                        throw Invalid($"The webhook delivery has text after its JSON object: {Shorten(body)}", null);
                    }
                }
            }
            catch (JsonException ex)
            {
                throw Invalid($"The webhook delivery is not valid JSON ({ex.Message.Split('\n')[0].Trim()}): {Shorten(body)}", ex);
            }

            if (!(token is JObject json))
            {
                throw Invalid($"The webhook delivery is JSON but not an object ({token.Type}): {Shorten(body)}", null);
            }

            return WebhookEvent.FromJson(json);
        }

        /// <summary>Parses UTF-8 bytes (a BOM is skipped).</summary>
        public static WebhookEvent Parse(byte[] body, int count)
        {
            try
            {
                var text = new UTF8Encoding(false, true).GetString(body, 0, count);
                return Parse(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
            }
            catch (DecoderFallbackException ex)
            {
                throw Invalid("The webhook delivery is not UTF-8 text.", ex);
            }
        }

        private static CoupontoolsApiException Invalid(string message, Exception? inner) =>
            new CoupontoolsApiException(ApiFailure.InvalidReply, Source, message, inner: inner);

        private static string Shorten(string body)
        {
            var flat = body.Replace('\r', ' ').Replace('\n', ' ').Trim();
            return flat.Length > MaxShown ? flat.Substring(0, MaxShown) + "…" : flat;
        }
    }
}
