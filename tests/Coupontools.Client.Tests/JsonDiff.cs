#nullable enable
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Tests;

/// <summary>Paths, leaves and an ordered comparison of JSON trees, for the vendor fixtures.</summary>
internal static class JsonDiff
{
    /// <summary>Parses JSON keeping date-like strings as strings and numbers exact.</summary>
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The token at a path such as <c>a.b[0].c</c>; the whole tree for "".</summary>
    public static JToken? At(JToken root, string path)
    {
        var token = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var index = part.IndexOf('[', StringComparison.Ordinal);
            var indexes = new List<int>();
            if (index >= 0)
            {
                name = part[..index];
                indexes.AddRange(part[index..].Split('[', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.TrimEnd(']'), CultureInfo.InvariantCulture)));
            }

            if (name.Length > 0)
            {
                token = (token as JObject)?[name];
            }

            foreach (var i in indexes)
            {
                token = token is JArray array && i < array.Count ? array[i] : null;
            }

            if (token == null)
            {
                return null;
            }
        }

        return token;
    }

    /// <summary>Every scalar with its path; null as "", booleans as true/false, numbers invariant.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(JToken token, string path)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var p in obj.Properties())
                {
                    foreach (var leaf in Leaves(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JValue value:
                yield return (path, Text(value));
                break;
        }
    }

    public static string Text(JValue value) => value.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => string.Empty,
        JTokenType.Boolean => (bool)value! ? "true" : "false",
        _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// Differences between two trees: the same keys in the same order, the same types and values.
    /// At a path in <paramref name="completed"/>, an actual string that starts with the expected one
    /// is accepted when <paramref name="prefixOk"/> (a printed value clipped at the page's edge).
    /// </summary>
    public static List<string> Compare(JToken expected, JToken actual, IReadOnlyCollection<string> completed, bool prefixOk)
    {
        var differences = new List<string>();
        Walk(expected, actual, string.Empty, completed, prefixOk, differences);
        return differences;
    }

    private static void Walk(JToken expected, JToken actual, string path, IReadOnlyCollection<string> completed, bool prefixOk, List<string> differences)
    {
        var where = path.Length == 0 ? "(root)" : path;
        if (expected is JObject eo && actual is JObject ao)
        {
            var expectedNames = eo.Properties().Select(p => p.Name).ToList();
            var actualNames = ao.Properties().Select(p => p.Name).ToList();
            if (!expectedNames.SequenceEqual(actualNames, StringComparer.Ordinal))
            {
                differences.Add($"{where}: keys [{string.Join(", ", actualNames)}], expected [{string.Join(", ", expectedNames)}]");
                return;
            }

            foreach (var name in expectedNames)
            {
                Walk(eo[name]!, ao[name]!, path.Length == 0 ? name : path + "." + name, completed, prefixOk, differences);
            }
        }
        else if (expected is JArray ea && actual is JArray aa)
        {
            if (ea.Count != aa.Count)
            {
                differences.Add($"{where}: {aa.Count} items, expected {ea.Count}");
                return;
            }

            for (var i = 0; i < ea.Count; i++)
            {
                Walk(ea[i], aa[i], $"{path}[{i}]", completed, prefixOk, differences);
            }
        }
        else if (expected is JValue ev && actual is JValue av && ev.Type == av.Type)
        {
            var e = Text(ev);
            var a = Text(av);
            var clipped = prefixOk && completed.Contains(path) && ev.Type == JTokenType.String && a.StartsWith(e, StringComparison.Ordinal);
            if (e != a && !clipped)
            {
                differences.Add($"{where}: {av.ToString(Formatting.None)}, expected {ev.ToString(Formatting.None)}");
            }
        }
        else
        {
            differences.Add($"{where}: {actual.Type} {actual.ToString(Formatting.None)}, expected {expected.Type} {expected.ToString(Formatting.None)}");
        }
    }
}
