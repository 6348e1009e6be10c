#nullable enable
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Tests;

/// <summary>One file of tests/fixtures/vendor-2025 (format in its README.md).</summary>
internal sealed class VendorFixture
{
    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);
    private static readonly Lazy<JArray> Contract = new(() => (JArray)JsonDiff.Parse(File.ReadAllText(Path.Combine(RepoRoot.Value, "api", "contract-2025.json"))));

    private readonly JObject json;

    private VendorFixture(string name, JObject json)
    {
        Name = name;
        this.json = json;
    }

    public string Name { get; }

    public string? ContractId => (string?)json["contract"];

    public string? EventType => (string?)json["event"];

    /// <summary>The contract id, or <c>webhook_deliveries:&lt;type&gt;</c> for a webhook payload.</summary>
    public string Key => ContractId ?? "webhook_deliveries:" + EventType;

    public JToken Reply => json["reply"] ?? throw new InvalidDataException($"{Name}: no 'reply'.");

    public IReadOnlyCollection<string> Completed => Names(json["completed"]);

    public string ParseType => (string?)json["parse"]?["type"] ?? throw new InvalidDataException($"{Name}: no 'parse.type'.");

    public static string Directory => Path.Combine(RepoRoot.Value, "tests", "fixtures", "vendor-2025");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(Path.GetFileName)
            .Where(n => n != "pending.json")
            .Select(n => n!)
            .OrderBy(n => n, StringComparer.Ordinal);

    public static VendorFixture Load(string name) => new(name, (JObject)JsonDiff.Parse(File.ReadAllText(Path.Combine(Directory, name))));

    /// <summary>Endpoints (and webhook event types) whose reply is printed but that have no fixture yet, with why.</summary>
    public static Dictionary<string, string> Pending() =>
        ((JObject)JsonDiff.Parse(File.ReadAllText(Path.Combine(Directory, "pending.json")))).Properties()
            .ToDictionary(p => p.Name, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Every key that has a printed example: contract ids, and <c>webhook_deliveries:&lt;type&gt;</c>.</summary>
    public static IEnumerable<string> PrintedKeys()
    {
        foreach (var endpoint in Contract.Value.OfType<JObject>())
        {
            if (endpoint["example_reply"] is JObject or JArray)
            {
                yield return (string)endpoint["id"]!;
            }

            foreach (var evt in endpoint["events"] as JArray ?? new JArray())
            {
                if (evt["example_payload"] is JObject)
                {
                    yield return "webhook_deliveries:" + (string)evt["type"]!;
                }
            }
        }
    }

    public JToken? PrintedExample()
    {
        if (EventType != null)
        {
            return Contract.Value.OfType<JObject>().SelectMany(e => e["events"] as JArray ?? new JArray())
                .FirstOrDefault(e => (string?)e["type"] == EventType)?["example_payload"];
        }

        return Contract.Value.OfType<JObject>().FirstOrDefault(e => (string?)e["id"] == ContractId)?["example_reply"];
    }

    /// <summary>Calls the fixture's parse method on each selected JSON object.</summary>
    public List<object> Parse()
    {
        var spec = json["parse"] as JObject ?? throw new InvalidDataException($"{Name}: no 'parse'.");
        var type = typeof(CoupontoolsApiException).Assembly.GetType(ParseType)
            ?? throw new InvalidDataException($"{Name}: no type {ParseType} in the client assembly.");
        var methodName = (string?)spec["method"] ?? "FromJson";
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m => m.Name == methodName)
            ?? throw new InvalidDataException($"{Name}: {ParseType} has no single public static {methodName}.");
        var args = spec["args"] as JArray ?? new JArray();
        var results = new List<object>();
        foreach (var selected in Select((string?)spec["select"] ?? string.Empty))
        {
            var parameters = method.GetParameters();
            var values = new object?[parameters.Length];
            values[0] = selected;
            for (var i = 1; i < parameters.Length; i++)
            {
                values[i] = i - 1 < args.Count ? Argument(args[i - 1], parameters[i].ParameterType) : null;
            }

            var result = method.Invoke(null, values) ?? throw new InvalidDataException($"{Name}: {methodName} returned null.");
            if (result is System.Collections.IEnumerable many and not string)
            {
                results.AddRange(many.Cast<object>());
            }
            else
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>The reply's non-empty scalar values that the typed object must keep (not the envelope's status, not notModelled paths).</summary>
    public IEnumerable<(string Path, string Value)> AccountedLeaves()
    {
        var skipped = Names(json["notModelled"]).ToHashSet(StringComparer.Ordinal);
        skipped.Add("status");
        return JsonDiff.Leaves(Reply, string.Empty)
            .Where(leaf => !skipped.Any(s => leaf.Path == s || leaf.Path.StartsWith(s + ".", StringComparison.Ordinal) || leaf.Path.StartsWith(s + "[", StringComparison.Ordinal)))
            .Where(leaf => leaf.Value.Length > 0);
    }

    private IEnumerable<JToken> Select(string select)
    {
        if (select.EndsWith("[]", StringComparison.Ordinal))
        {
            var array = JsonDiff.At(Reply, select[..^2]) as JArray ?? throw new InvalidDataException($"{Name}: '{select}' is not an array of the reply.");
            return array;
        }

        return new[] { JsonDiff.At(Reply, select) ?? throw new InvalidDataException($"{Name}: no '{select}' in the reply.") };
    }

    private object? Argument(JToken arg, Type target)
    {
        var value = arg.Type == JTokenType.String && ((string)arg!).StartsWith('$') ? JsonDiff.At(Reply, ((string)arg!)[1..]) : arg;
        return value == null || value.Type == JTokenType.Null ? null : value.ToObject(Nullable.GetUnderlyingType(target) ?? target);
    }

    private static IReadOnlyCollection<string> Names(JToken? token) =>
        token switch
        {
            JObject map => map.Properties().Select(p => p.Name).ToList(),
            JArray list => list.Select(t => (string)t!).ToList(),
            _ => Array.Empty<string>(),
        };

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coupontools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Coupontools.sln not found above " + AppContext.BaseDirectory);
    }
}
