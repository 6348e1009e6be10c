using System.Text;
using Coupontools.Client.Json;
using CsCheck;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Coupontools.Fuzz.Tests;

/// <summary>
/// The envelope parser, the payload and page readers, the lenient value readers and every model
/// mapper against random, mutated, truncated, type-flipped, deep and huge replies: a reply is either
/// read or refused with the parser's own failure, models never throw, and strict JSON is never refused.
/// </summary>
public class ParserFuzzTests
{
    private readonly ITestOutputHelper output;

    public ParserFuzzTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void The_corpus_holds_every_documented_example_and_every_assumed_shape()
    {
        Assert.True(ReplyCorpus.DocumentedCount >= 25, $"only {ReplyCorpus.DocumentedCount} documented examples found");
        Assert.True(ReplyCorpus.Texts.Count >= ReplyCorpus.DocumentedCount + 20);
        Assert.True(Targets.Mappers.Count >= 13, "mappers found: " + string.Join(", ", Targets.Mappers.Select(m => m.Name)));
    }

    [Fact]
    public void Every_corpus_reply_is_read_and_its_status_agrees_with_a_strict_reading()
    {
        foreach (var bytes in ReplyCorpus.Bytes)
        {
            var envelope = Targets.ParseEverything(bytes);
            Assert.NotNull(envelope);
            Assert.Equal(Targets.StrictOk(bytes), envelope.IsOk);
        }

        Fuzz.Record(ReplyCorpus.Bytes.Count, output, "corpus replies");
    }

    [Fact]
    public void A_corpus_reply_cut_at_any_byte_is_refused_never_misread()
    {
        long cuts = 0;
        foreach (var bytes in ReplyCorpus.Bytes)
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                var envelope = Targets.ParseEverything(bytes.AsSpan(0, length).ToArray());
                Assert.True(envelope == null, $"A reply cut to {length} of {bytes.Length} bytes was accepted: {Encoding.UTF8.GetString(bytes, 0, length)}");
                cuts++;
            }
        }

        Fuzz.Record(cuts, output, "truncation at every byte");
    }

    [Fact]
    public void Mutated_and_random_replies_are_read_or_refused_and_strict_json_is_always_read()
    {
        Fuzz.Run(JsonGen.AnyReply, bytes =>
        {
            var envelope = Targets.ParseEverything(bytes);
            var strict = Targets.StrictOk(bytes);
            if (strict.HasValue)
            {
                Assert.True(envelope != null, "strict JSON refused");
                Assert.Equal(strict.Value, envelope.IsOk);
            }
        }, 3000, output, "mutated and random replies", Show);
    }

    [Fact]
    public void Generated_envelopes_are_read_with_the_right_status_and_error_codes()
    {
        Fuzz.Run(JsonGen.Reply, reply =>
        {
            var bytes = Encoding.UTF8.GetBytes(reply.ToString(Newtonsoft.Json.Formatting.None));
            var envelope = Targets.ParseEverything(bytes);
            var strict = Targets.StrictOk(bytes);
            if (strict.HasValue)
            {
                // Not strict only for NaN and Infinity literals, which the generator may write.
                Assert.NotNull(envelope);
                Assert.Equal(strict.Value, envelope.IsOk);
            }

            if (envelope == null)
            {
                return;
            }

            Assert.All(envelope.Descriptions, d => Assert.False(string.IsNullOrWhiteSpace(d)));
            Assert.Equal(envelope.ErrorCodes.Count, envelope.ErrorCodes.Distinct().Count());
        }, 1000, output, "generated envelopes", r => r.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void Models_map_any_object_without_throwing()
    {
        Fuzz.Run(JsonGen.Item, item => Targets.MapAll(item), 2000, output, "model mapping of random objects",
            i => i.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void Lenient_value_readers_never_throw_and_stay_in_range()
    {
        Fuzz.Run(JsonGen.Token, token =>
        {
            _ = JsonValues.ToText(token);
            _ = JsonValues.ToDecimal(token);
            _ = JsonValues.ToBool(token);
            _ = JsonValues.ToUtcDate(token);
            var number = JsonValues.ToLong(token);
            var small = JsonValues.ToInt(token);
            if (small.HasValue)
            {
                Assert.Equal(number, small);
            }

            if (number.HasValue && token.Type == JTokenType.Float && ((JValue)token).Value is double d)
            {
                Assert.Equal(d, (double)number.Value);
            }

            var date = JsonValues.ToUtcDate(token);
            if (date.HasValue)
            {
                Assert.Equal(DateTimeKind.Utc, date.Value.Kind);
            }
        }, 4000, output, "lenient value readers", t => t.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("1E+400")]
    [InlineData("-1e400")]
    [InlineData("1.7976931348623157e309")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-123456789012345678901234567890123456789")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("9.223372036854775807e18")]
    [InlineData("1e-400")]
    [InlineData("0.0000000000000000000000000000001")]
    [InlineData("-0")]
    public void Huge_and_tiny_numbers_anywhere_are_read(string number)
    {
        var places = new[]
        {
            "{\"status\":{\"status\":\"OK\"},\"x\":N}",
            "{\"status\":{\"status\":\"OK\"},\"amount_of_results\":N,\"page\":N,\"amount_of_pages\":N,\"data\":[{\"sequenceid\":N,\"session\":N,\"status\":{\"locked\":N,\"value\":N,\"open_date_utc\":N}}]}",
            "{\"status\":{\"status\":\"failed\",\"errors\":{\"error_code\":N,\"error_message\":N,\"error_message_description\":[N]}}}",
            "{\"status\":{\"status\":\"failed\"},\"errors\":{\"error_code\":[N,505]}}",
            "{\"status\":{\"status\":\"OK\"},\"subaccounts\":[{\"ID\":N,\"amountlogin\":N,\"max_campaigns\":N,\"access_x\":N,\"api_secret\":N,\"campaigns\":[{\"ID\":N}]}]}",
            "{\"status\":{\"status\":\"OK\"},\"users\":[{\"ID\":N,\"points\":N,\"stamps\":N,\"voided\":N}],\"coupon_info\":[{\"amount_custom_codes\":N}]}",
        };
        foreach (var place in places)
        {
            var bytes = Encoding.UTF8.GetBytes(place.Replace("N", number));
            var envelope = Targets.ParseEverything(bytes);
            Assert.True(envelope != null, "refused: " + place.Replace("N", number));
            Assert.Equal(Targets.StrictOk(bytes), envelope.IsOk);
        }

        Fuzz.Record(places.Length, output, "huge numbers " + number);
    }

    [Fact]
    public void An_integer_beyond_the_readers_limit_is_refused_as_unreadable_not_a_crash()
    {
        var digits = new string('9', Targets.MaxIntegerLiteral + 20);
        Assert.Null(Targets.ParseEverything(Encoding.UTF8.GetBytes("{\"status\":{\"status\":\"OK\"},\"page\":" + digits + "}")));
        Assert.NotNull(Targets.ParseEverything(Encoding.UTF8.GetBytes(string.Concat("{\"status\":{\"status\":\"OK\"},\"page\":", digits.AsSpan(0, 300), "}"))));
        Fuzz.Record(2, output, "overlong integers");
    }

    [Fact]
    public void Deep_nesting_is_read_up_to_the_limit_and_refused_beyond_it_without_a_crash()
    {
        var limitSeen = 0;
        var runs = 0;
        foreach (var array in new[] { true, false })
        {
            for (var depth = 1; depth <= 5000; depth = depth < 100 ? depth + 1 : depth * 2)
            {
                var open = string.Concat(Enumerable.Repeat(array ? "[" : "{\"a\":", depth));
                var close = new string(array ? ']' : '}', depth);
                var text = "{\"status\":{\"status\":\"OK\"},\"data\":" + open + "1" + close + "}";
                var envelope = Targets.ParseEverything(Encoding.UTF8.GetBytes(text));
                runs++;
                if (envelope != null)
                {
                    limitSeen = Math.Max(limitSeen, depth);
                }
                else
                {
                    Assert.True(depth >= 50, $"nesting of {depth} refused");
                }
            }
        }

        Assert.InRange(limitSeen, 50, 70);
        Fuzz.Record(runs, output, "deep nesting");
    }

    private static string Show(byte[] bytes) =>
        bytes.Length > 600 ? $"{bytes.Length} bytes: {Encoding.UTF8.GetString(bytes, 0, 600)}…" : Encoding.UTF8.GetString(bytes);
}
