using System.Reflection;
using System.Text.Json;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Fuzz.Tests;

/// <summary>What the fuzzers feed: the envelope parser with every reader, and every model mapper.</summary>
internal static class Targets
{
    /// <summary>The list properties the module reads with <see cref="PageReader{T}"/>.</summary>
    public static readonly string[] ArrayNames = { "coupon_info", "data", "subaccounts", "loyaltycards", "users", "directories" };

    /// <summary>
    /// Every public static <c>From*(JObject, …)</c> of every model, found by reflection so models added
    /// later are fuzzed too. Extra parameters get a plausible value (a string id) or their default.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, Func<JObject, ApiObject> Map)> Mappers = typeof(ApiObject).Assembly.GetTypes()
        .Where(t => typeof(ApiObject).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.Name.StartsWith("From", StringComparison.Ordinal) && typeof(ApiObject).IsAssignableFrom(m.ReturnType)
            && m.GetParameters().Length > 0 && m.GetParameters()[0].ParameterType == typeof(JObject))
        .Select(m => (m.DeclaringType!.Name + "." + m.Name, (Func<JObject, ApiObject>)(json => Invoke(m, json))))
        .ToList();

    private static ApiObject Invoke(MethodInfo method, JObject json)
    {
        var parameters = method.GetParameters();
        var args = new object?[parameters.Length];
        args[0] = json;
        for (var i = 1; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            args[i] = type == typeof(string) ? "x_1" : type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        try
        {
            return (ApiObject)method.Invoke(null, args)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException != null)
        {
            throw new MapperFailed(method.DeclaringType!.Name + "." + method.Name, ex.InnerException);
        }
    }

    /// <summary>Maps one object with every mapper and renders what a user would see: never throws.</summary>
    public static void MapAll(JObject json)
    {
        foreach (var (_, map) in Mappers)
        {
            var model = map(json);
            _ = model.ToString();
            _ = model.AdditionalProperties.ToString();
            foreach (var field in model.AdditionalProperties)
            {
                if (Coupontools.Client.Redactor.IsSensitiveName(field.Key))
                {
                    Assert.Equal(Coupontools.Client.Redactor.Mask, field.Value);
                }
            }
        }
    }

    /// <summary>Maps every object nested anywhere in <paramref name="token"/> (a payload, an item, a nested block).</summary>
    public static int MapEverything(JToken token)
    {
        var count = 0;
        foreach (var obj in (token is JContainer c ? c.DescendantsAndSelf() : Enumerable.Empty<JToken>()).OfType<JObject>().Take(200))
        {
            MapAll(obj);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Parses <paramref name="bytes"/> with the payload reader and with a page reader for each list
    /// name (items mapped by every model). Returns the envelope when every reader accepted the reply,
    /// null when the reply was refused with one of the parser's two deliberate failures
    /// (<see cref="Newtonsoft.Json.JsonException"/> for bad JSON, <see cref="InvalidDataException"/>
    /// for a reply that is not one JSON object). Anything else escapes and fails the property.
    /// </summary>
    public static EnvelopeStatus? ParseEverything(byte[] bytes)
    {
        EnvelopeStatus? envelope = null;
        var payload = new PayloadReader();
        if (!Refused(() => envelope = EnvelopeParser.Parse(new MemoryStream(bytes), payload)))
        {
            MapEverything(payload.GetResult());
        }

        foreach (var name in ArrayNames)
        {
            var reader = new PageReader<JObject>(name, item =>
            {
                MapAll(item);
                return item;
            });
            var refused = Refused(() => EnvelopeParser.Parse(new MemoryStream(bytes), reader));
            if (refused != (envelope == null))
            {
                Assert.Fail($"The page reader for '{name}' {(refused ? "refused" : "accepted")} a reply the payload reader {(refused ? "accepted" : "refused")}.");
            }

            if (!refused)
            {
                var page = reader.GetResult();
                Assert.NotNull(page.Items);
            }
        }

        return envelope;
    }

    private static bool Refused(Action parse)
    {
        try
        {
            parse();
            return false;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return true;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    /// <summary>
    /// An independent reading of the reply with System.Text.Json: null when it is not strict JSON
    /// (or deeper than the parser's limit), else whether it says OK by the rule "status.status is OK"
    /// (or a bare "status":"OK"); as in the envelope parser, the last top-level "status" wins and
    /// the first "status" inside it.
    /// </summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    public static bool? StrictOk(byte[] bytes)
    {
        try
        {
            _ = StrictUtf8.GetString(bytes);
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 60 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || HasOverlongInteger(doc.RootElement))
            {
                return null;
            }

            var statuses = doc.RootElement.EnumerateObject().Where(p => p.Name == "status").ToList();
            if (statuses.Count == 0)
            {
                return false;
            }

            var status = statuses[statuses.Count - 1].Value;
            if (status.ValueKind == JsonValueKind.String)
            {
                return string.Equals(status.GetString(), "OK", StringComparison.OrdinalIgnoreCase);
            }

            if (status.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var inner = status.EnumerateObject().FirstOrDefault(p => p.Name == "status");
            return inner.Value.ValueKind == JsonValueKind.String && string.Equals(inner.Value.GetString(), "OK", StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException: not UTF-8, so not strict JSON.
            return null;
        }
        catch (InvalidOperationException)
        {
            // A name with an escaped lone surrogate ("\ud800"): System.Text.Json cannot read it as a string.
            return null;
        }
    }

    /// <summary>
    /// Newtonsoft.Json refuses integer literals longer than 380 characters ("too large to parse"): a
    /// limit of the reader, met only by absurd replies, which are then refused as unreadable (tested).
    /// </summary>
    public const int MaxIntegerLiteral = 380;

    private static bool HasOverlongInteger(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasOverlongInteger(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasOverlongInteger),
        JsonValueKind.Number => element.GetRawText().Length > MaxIntegerLiteral && element.GetRawText().All(c => c == '-' || char.IsDigit(c)),
        _ => false,
    };

    internal sealed class MapperFailed : Exception
    {
        public MapperFailed(string mapper, Exception inner)
            : base($"{mapper} threw {inner.GetType().Name}: {inner.Message}", inner)
        {
        }
    }
}
