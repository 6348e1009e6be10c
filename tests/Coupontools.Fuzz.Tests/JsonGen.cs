using System.Numerics;
using System.Text;
using CsCheck;
using Newtonsoft.Json.Linq;

namespace Coupontools.Fuzz.Tests;

/// <summary>
/// Generators of replies: random JSON built from the API's own field names, envelopes with every
/// error variant, and byte-level mutations of the corpus (truncation, deletion, insertion of
/// hostile snippets and invalid UTF-8, duplication, deep nesting, type flips).
/// </summary>
internal static class JsonGen
{
    /// <summary>Field names the parsers and models look for, so random objects hit real code paths.</summary>
    public static readonly string[] Keys =
    {
        "status", "errors", "error_code", "error_message", "error_message_description", "ID", "id", "code", "name", "title", "url",
        "coupon_info", "data", "session", "sequenceid", "sequence_id", "customid", "campaign", "amount_of_results", "page",
        "amount_of_pages", "created_date_utc", "open_date_utc", "played_date_utc", "claim_date_utc", "validation_date_utc",
        "voided_date_utc", "locked", "claimtype", "value", "validation_value", "own_validation_code", "session_url", "action",
        "subaccount", "subaccounts", "api_key", "api_secret", "campaigns", "access_dashboard", "access_", "expiry_date", "lastlogin",
        "amountlogin", "max_campaigns", "available_campaigns", "has_campaigns", "webhook_endpoint", "loyaltycards", "loyaltycard",
        "users", "user", "points", "stamps", "voided", "directories", "directory", "amount_of_users", "payment_status",
        "registration_date_utc", "single_use_code", "single_use_url", "widget_validation_code", "custom_validation_code", "result",
        "webhook", "date", "datetime", "type", "recipients", "updated", "failed", "token", "url_whitelabel", "categories",
        "main_categories", "amount_custom_codes", "amount_custom_codes_claimed", "password", "Status", "STATUS", "", " ", "\u0000",
        "k\u00e9y", "\ud83d\ude00",
    };

    /// <summary>Values that have broken parsers before: dates, flags, numbers as text, control and non-BMP characters.</summary>
    public static readonly string[] Strings =
    {
        "", " ", "0", "1", "-1", "OK", "ok", "Ok ", "failed", "true", "false", "yes", "null", "NaN", "Infinity", "-Infinity",
        "1e400", "-0", "0x1F", "1,5", "12.50", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999999", "2026-11-25 12:00:00", "2026-11-25 12:00", "2026-11-25", "2026-11-25T12:00:00Z",
        "0000-00-00 00:00:00", "9999-12-31 23:59:59", "0001-01-01 00:00:00", "2026-02-30 25:61:61", "cam_1", "sub_1",
        "\u0000", "\t\r\n", "\u202e", "\ufeff", "\ud83d\ude00\ud83d\ude00", "\ud800", "\udc00x", "\"", "\\", "{\"status\":", "<html>",
        "'; DROP TABLE sessions; --", "$(Get-Process)", "api_secret=abc123", "password: hunter2",
    };

    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(Strings)),
        (3, Gen.String),
        (1, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int[1, 12000].Select(n => new string('x', n))));

    public static readonly Gen<string> Key = Gen.Frequency((8, Gen.OneOf(Keys)), (1, Text));

    public static readonly Gen<JToken> Scalar = Gen.Frequency(
        (1, Gen.Const(() => (JToken)JValue.CreateNull())),
        (1, Gen.Bool.Select(b => (JToken)new JValue(b))),
        (2, Gen.Long.Select(n => (JToken)new JValue(n))),
        (2, Gen.Int[-3, 3].Select(n => (JToken)new JValue(n))),
        (1, Gen.Double.Select(d => (JToken)new JValue(d))),
        (1, Gen.OneOf(9.2233720368547758E18, -9.2233720368547758E18, 9.2233720368547748E18, 1e300, -0.0, 4.5, 1e-300, double.NaN, double.PositiveInfinity)
            .Select(d => (JToken)new JValue(d))),
        (1, Gen.Decimal.Select(d => (JToken)new JValue(d))),
        (1, Gen.Int[20, 400].Select(digits => (JToken)new JValue(BigInteger.Pow(10, digits) + 7))),
        (6, Text.Select(s => (JToken)new JValue(s))));

    /// <summary>Any JSON value, up to five levels deep.</summary>
    public static readonly Gen<JToken> Token = Gen.Recursive<JToken>((depth, self) => depth >= 5
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (1, self.Array[0, 5].Select(items => (JToken)new JArray(items))),
            (2, Gen.Select(Key, self).Array[0, 6].Select(fields => (JToken)Object(fields)))));

    /// <summary>An object shaped like an API item: known field names with values of any type.</summary>
    public static readonly Gen<JObject> Item = Gen.Select(Key, Token).Array[0, 12].Select(Object);

    /// <summary>The errors block in every variant the docs show, plus wrong types.</summary>
    public static readonly Gen<JToken> Errors = Gen.Frequency(
        (3, Gen.Select(ErrorCode(), Gen.Frequency((3, Text.Select(t => (JToken)t)), (1, Token)), Gen.Frequency(
                (2, Text.Array[0, 3].Select(ts => (JToken)new JArray(ts))), (1, Text.Select(t => (JToken)t)), (1, Token)))
            .Select((code, message, descriptions) => (JToken)new JObject
            {
                ["error_code"] = code,
                ["error_message"] = message,
                ["error_message_description"] = descriptions,
            })),
        (1, Token));

    /// <summary>status: OK, failed with errors inside, failed with errors beside, or anything at all.</summary>
    public static readonly Gen<JObject> Reply = Gen.Select(
            Gen.Frequency((4, Gen.Const("OK")), (3, Gen.Const("failed")), (1, Text)),
            Gen.Int[0, 3],
            Errors,
            Gen.Select(Key, Gen.Frequency((3, Token), (2, Item.Array[0, 6].Select(items => (JToken)new JArray(items))), (1, Item.Select(i => (JToken)i)))).Array[0, 5])
        .Select((status, shape, errors, payload) =>
        {
            var reply = new JObject();
            switch (shape)
            {
                case 0:
                    reply["status"] = new JObject { ["status"] = status };
                    break;
                case 1:
                    reply["status"] = new JObject { ["status"] = status, ["errors"] = errors };
                    break;
                case 2:
                    reply["status"] = new JObject { ["status"] = status };
                    reply["errors"] = errors;
                    break;
            }

            foreach (var (key, value) in payload)
            {
                if (reply.Property(key) == null)
                {
                    reply.Add(key, value);
                }
            }

            return reply;
        });

    /// <summary>Byte snippets that break JSON readers: structure characters, huge numbers, invalid UTF-8, BOMs, comments.</summary>
    private static readonly byte[][] Snippets = new[]
        {
            "{", "}", "[", "]", "\"", "\\", ",", ":", "null", "nul", "true", "1e999", "-1e-999", "99999999999999999999999999999999",
            "NaN", "Infinity", "-", "0x10", "/*", "*/", "//", "\r\n", "\t", "\"status\":", "\"OK\"", "{\"status\":\"OK\"}", "\\u0000",
            "\\ud800", "\\uZZZZ", "'", "<html>", "\u0000", "\ud83d\ude00", "\"errors\":{\"error_code\":[1e99]}", "new Date(1)",
        }.Select(Encoding.UTF8.GetBytes)
        .Concat(new[]
        {
            new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xFE, 0xFF }, new byte[] { 0xED, 0xA0, 0x80 },
            new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xC0, 0x80 }, new byte[] { 0x00 },
        })
        .ToArray();

    /// <summary>One edit of a byte string; positions are taken modulo the length.</summary>
    public static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.Frequency(
        (3, Gen.Int[0, int.MaxValue].Select(p => (Func<byte[], byte[]>)(b => b.Take(p % (b.Length + 1)).ToArray()))),
        (2, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 40]).Select((p, n) => (Func<byte[], byte[]>)(b => Splice(b, p, n, Array.Empty<byte>())))),
        (4, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, Snippets.Length - 1]).Select((p, s) => (Func<byte[], byte[]>)(b => Splice(b, p, 0, Snippets[s])))),
        (2, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Select((p, v) => (Func<byte[], byte[]>)(b => Splice(b, p, 1, new[] { v })))),
        (1, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 60]).Select((p, n) => (Func<byte[], byte[]>)(b =>
        {
            var start = p % (b.Length + 1);
            var piece = b.Skip(start).Take(n).ToArray();
            return Splice(b, start, 0, piece);
        }))),
        (1, Gen.Select(Gen.Int[1, 200], Gen.Bool).Select((levels, array) => (Func<byte[], byte[]>)(b => Nest(b, levels, array)))));

    /// <summary>A corpus reply (or a generated one) with one to four byte-level mutations applied.</summary>
    public static readonly Gen<byte[]> MutatedReply = Gen.Select(
            Gen.Frequency((3, Gen.Int[0, 10000].Select(i => ReplyCorpus.Bytes[i % ReplyCorpus.Bytes.Count])),
                (1, Reply.Select(r => Encoding.UTF8.GetBytes(r.ToString(Newtonsoft.Json.Formatting.None))))),
            Mutation.Array[1, 4])
        .Select((seed, edits) => edits.Aggregate(seed, (bytes, edit) => edit(bytes)));

    /// <summary>A corpus reply with one value somewhere replaced by a value of another type.</summary>
    public static readonly Gen<byte[]> TypeFlippedReply = Gen.Select(Gen.Int[0, 10000], Gen.Int[0, int.MaxValue], Token, Gen.Int[1, 3])
        .Select((seed, at, replacement, times) =>
        {
            var root = JObject.Parse(ReplyCorpus.Texts[seed % ReplyCorpus.Texts.Count]);
            for (var i = 0; i < times; i++)
            {
                var nodes = root.Descendants().Where(t => t.Parent is JProperty || t.Parent is JArray).ToList();
                if (nodes.Count == 0)
                {
                    break;
                }

                var target = nodes[(at + i * 7919) % nodes.Count];
                target.Replace(Flip(target, replacement));
            }

            return Encoding.UTF8.GetBytes(root.ToString(Newtonsoft.Json.Formatting.None));
        });

    /// <summary>Any reply bytes: mutated, type-flipped, generated, or plain noise.</summary>
    public static readonly Gen<byte[]> AnyReply = Gen.Frequency(
        (3, MutatedReply),
        (2, TypeFlippedReply),
        (2, Reply.Select(r => Encoding.UTF8.GetBytes(r.ToString(Newtonsoft.Json.Formatting.None)))),
        (1, Gen.Byte.Array[0, 200]));

    private static Gen<JToken> ErrorCode() => Gen.Frequency(
        (2, Gen.Int[0, 2000].Select(n => (JToken)n)),
        (2, Gen.Int[0, 2000].Array[0, 4].Select(ns => (JToken)new JArray(ns))),
        (1, Text.Select(t => (JToken)t)),
        (1, Text.Array[0, 3].Select(ts => (JToken)new JArray(ts))),
        (1, Token));

    /// <summary>A value of another JSON type than <paramref name="original"/>: numbers ↔ strings ↔ arrays ↔ objects ↔ null.</summary>
    private static JToken Flip(JToken original, JToken candidate)
    {
        if (candidate.Type != original.Type)
        {
            return candidate.DeepClone();
        }

        return original.Type switch
        {
            JTokenType.String => new JArray(original.DeepClone()),
            JTokenType.Object => new JValue(original.ToString(Newtonsoft.Json.Formatting.None)),
            JTokenType.Array => new JObject { ["0"] = original.DeepClone() },
            JTokenType.Null => new JObject(),
            _ => new JValue(original.ToString(Newtonsoft.Json.Formatting.None)),
        };
    }

    private static JObject Object(IEnumerable<(string Key, JToken Value)> fields)
    {
        var obj = new JObject();
        foreach (var (key, value) in fields)
        {
            if (obj.Property(key) == null)
            {
                obj.Add(key, value);
            }
        }

        return obj;
    }

    private static byte[] Splice(byte[] bytes, int position, int remove, byte[] insert)
    {
        var start = position % (bytes.Length + 1);
        var end = Math.Min(bytes.Length, start + remove);
        return bytes.Take(start).Concat(insert).Concat(bytes.Skip(end)).ToArray();
    }

    private static byte[] Nest(byte[] bytes, int levels, bool array)
    {
        var open = Encoding.UTF8.GetBytes(array ? "[" : "{\"data\":");
        var close = Encoding.UTF8.GetBytes(array ? "]" : "}");
        var prefix = Enumerable.Repeat(open, levels).SelectMany(b => b);
        var suffix = Enumerable.Repeat(close, levels).SelectMany(b => b);
        var nested = prefix.Concat(bytes).Concat(suffix).ToArray();
        return array ? Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"OK\"},\"data\":").Concat(nested).Concat(new[] { (byte)'}' }).ToArray() : nested;
    }
}
