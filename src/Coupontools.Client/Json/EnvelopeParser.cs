using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Json
{
    /// <summary>The parts of a reply's envelope: <c>status.status</c> and the <c>errors</c> block, wherever it sits.</summary>
    public sealed class EnvelopeStatus
    {
        public string? Status { get; internal set; }

        public List<int> ErrorCodes { get; } = new List<int>();

        public List<string> Descriptions { get; } = new List<string>();

        public string? ErrorMessage { get; internal set; }

        public bool IsOk => string.Equals(Status, "OK", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Walks a reply with a streaming reader: <c>status</c> and <c>errors</c> go into
    /// <see cref="EnvelopeStatus"/>, every other top-level property to the payload reader.
    /// Anything that is not a JSON object becomes an <see cref="ApiFailure.InvalidReply"/>.
    /// </summary>
    public static class EnvelopeParser
    {
        public static EnvelopeStatus Parse<T>(Stream body, ReplyReader<T> payload)
        {
            var status = new EnvelopeStatus();
            using (var text = new StreamReader(body, new UTF8Encoding(false), true, BufferSizeFor(body), leaveOpen: true))
            // Floats as double: as decimal, any number beyond ±7.9e28 (valid JSON) made the whole reply unreadable.
            using (var reader = new JsonTextReader(text)
            {
                DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 64, PropertyNameTable = JsonNames.Table,
            })
            {
                if (!reader.Read())
                {
                    throw new InvalidDataException("The reply is empty.");
                }

                if (reader.TokenType != JsonToken.StartObject)
                {
                    throw new InvalidDataException("The reply is not a JSON object.");
                }

                bool more;
                while ((more = reader.Read()) && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (name == "status")
                    {
                        ReadStatus(JToken.ReadFrom(reader, ReplyReader<T>.LoadSettings), status);
                    }
                    else if (name == "errors")
                    {
                        ReadErrors(JToken.ReadFrom(reader, ReplyReader<T>.LoadSettings), status);
                    }
                    else
                    {
                        payload.ReadProperty(name, reader);
                    }
                }

                // At the end of the text the reader keeps its last token, which may be a nested value's
                // EndObject: only a read that returned the top-level EndObject means the reply is complete.
                if (!more || reader.TokenType != JsonToken.EndObject)
                {
                    throw new InvalidDataException("The reply ends before its JSON is complete.");
                }

                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        throw new InvalidDataException("The reply has content after its JSON object.");
                    }
                }
            }

            return status;
        }

        // Small replies get a small buffer: most calls answer a few hundred bytes.
        private static int BufferSizeFor(Stream body) =>
            body.CanSeek ? (int)Math.Max(256, Math.Min(16 * 1024, body.Length - body.Position)) : 16 * 1024;

        private static void ReadStatus(JToken token, EnvelopeStatus status)
        {
            if (token is JObject obj)
            {
                status.Status = JsonValues.ToText(obj["status"]);
                if (obj["errors"] != null)
                {
                    ReadErrors(obj["errors"]!, status);
                }
            }
            else
            {
                status.Status = JsonValues.ToText(token);
            }
        }

        private static void ReadErrors(JToken token, EnvelopeStatus status)
        {
            if (!(token is JObject errors))
            {
                status.ErrorMessage ??= JsonValues.ToText(token);
                return;
            }

            foreach (var code in Flatten(errors["error_code"]))
            {
                var value = JsonValues.ToInt(code);
                if (value.HasValue && !status.ErrorCodes.Contains(value.Value))
                {
                    status.ErrorCodes.Add(value.Value);
                }
            }

            foreach (var description in Flatten(errors["error_message_description"]))
            {
                var text = JsonValues.ToText(description);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    status.Descriptions.Add(text!);
                }
            }

            status.ErrorMessage ??= JsonValues.ToText(errors["error_message"]);
        }

        private static IEnumerable<JToken> Flatten(JToken? token)
        {
            if (token is JArray array)
            {
                foreach (var item in array)
                {
                    yield return item;
                }
            }
            else if (token != null && token.Type != JTokenType.Null)
            {
                yield return token;
            }
        }
    }
}
