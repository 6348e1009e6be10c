using System.Text.RegularExpressions;
using Coupontools.Client.Endpoints;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

public class CatalogTests
{
    internal static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coupontools.sln")))
            {
                return Path.Combine(new[] { dir.FullName }.Concat(parts).ToArray());
            }
        }

        throw new FileNotFoundException("Repository root not found.");
    }

    private static readonly JArray Documented = JArray.Parse(File.ReadAllText(RepoFile("api", "endpoints.json")));

    private static readonly JArray Contract2025 = JArray.Parse(File.ReadAllText(RepoFile("api", "contract-2025.json")));

    /// <summary>Paths the 2025 documentation prints (api/contract-2025.json): they supersede the older contract's "not found".</summary>
    private static readonly HashSet<string> Printed2025 = Contract2025
        .Where(e => ((string?)e["status"] ?? string.Empty).StartsWith("documented", StringComparison.Ordinal))
        .Select(e => (string?)e["path"] ?? string.Empty).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<object[]> RestEndpoints2025() =>
        Contract2025.Where(e => (string?)e["family"] == "v4-rest").Select(e => new object[] { (string)e["id"]! });

    [Theory]
    [MemberData(nameof(RestEndpoints2025))]
    public void Every_v4_rest_endpoint_of_2025_is_in_the_catalogue_with_its_method(string id)
    {
        var documented = Contract2025.Single(e => (string?)e["id"] == id);
        var concrete = Regex.Replace((string)documented["path"]!, @"\{[^}]+\}", "1");
        var entry = EndpointCatalog.FindRest((string)documented["method"]!, concrete);
        Assert.NotNull(entry);
        Assert.Equal(WireFamily.V4Rest, entry.Family);
        Assert.Equal(WireFamily.V4Rest, EndpointCatalog.FamilyOf(concrete));
    }

    [Fact]
    public void Envelope_paths_under_v4_keep_the_envelope_family()
    {
        Assert.Equal(WireFamily.V4Envelope, EndpointCatalog.SubaccountList.Family);
        Assert.Equal(WireFamily.V4Envelope, EndpointCatalog.FamilyOf("v4/subaccount"));
        Assert.Equal(WireFamily.V3Envelope, EndpointCatalog.FamilyOf("/v3/teammate/sso"));
        Assert.Equal(WireFamily.V4Rest, EndpointCatalog.FamilyOf("/v4/directory/12"));
    }

    public static IEnumerable<object[]> DocumentedActions() =>
        Documented.Where(e => (string?)e["group"] != "Meta").Select(e => new object[] { (string)e["action"]! });

    [Theory]
    [MemberData(nameof(DocumentedActions))]
    public void Every_endpoint_of_the_contract_is_in_the_catalogue(string action)
    {
        var documented = Documented.Single(e => (string?)e["action"] == action);
        var entry = EndpointCatalog.All.SingleOrDefault(e => e.Action == action);
        Assert.NotNull(entry);
        var path = (string?)documented["path"];
        if (path != null)
        {
            Assert.Equal(path, entry.Path);
            Assert.Equal((string?)documented["method"], entry.Method);
        }

        if ((string?)documented["doc_status"] == "not_found" && !Printed2025.Contains(entry.Path ?? string.Empty))
        {
            Assert.True(entry.Source is EndpointSource.Assumed or EndpointSource.Unknown, action + " has no vendor page, so it must be marked assumed");
        }
    }

    [Fact]
    public void Every_assumed_path_is_in_the_catalogue_and_marked_assumed()
    {
        var assumed = File.ReadAllText(RepoFile("api", "ASSUMED.md"));
        var section = assumed.Substring(assumed.IndexOf("## Missing endpoints", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("## Cut parameter tables", StringComparison.Ordinal));
        var paths = Regex.Matches(section, @"\| `(/v[34]/[a-z/]+)` \|").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(paths);
        var rows = section.Split('\n').Count(line => line.StartsWith("| ", StringComparison.Ordinal)) - 1;
        Assert.Equal(rows, paths.Count);
        foreach (var path in paths)
        {
            var entry = EndpointCatalog.FindByPath(path);
            Assert.NotNull(entry);
            if (path != "/v3/couponsession/search")
            {
                Assert.Equal(EndpointSource.Assumed, entry.Source);
            }
        }

        // And the other way round: what the catalogue still assumes is listed there, with why.
        foreach (var entry in EndpointCatalog.All.Where(e => e.Source == EndpointSource.Assumed && e.Path != null))
        {
            Assert.Contains(entry.Path, paths);
        }
    }

    [Fact]
    public void Reads_and_writes_are_classified()
    {
        Assert.True(EndpointCatalog.CampaignList.IsRead);
        Assert.True(EndpointCatalog.CampaignData.IsRead);
        Assert.True(EndpointCatalog.SessionSearch.IsRead);
        Assert.True(EndpointCatalog.WebhookVerification.IsRead);
        foreach (var write in new[] { EndpointCatalog.SessionUpdate, EndpointCatalog.SessionBatchUpdate, EndpointCatalog.CampaignPushSingle,
                     EndpointCatalog.CampaignPushAll, EndpointCatalog.SingleUseCreate, EndpointCatalog.SingleUseRemove, EndpointCatalog.SubaccountCreate })
        {
            Assert.False(write.IsRead, write.Action);
        }
    }

    [Fact]
    public void Legacy_paths_are_unique_and_findable()
    {
        var legacy = EndpointCatalog.All.Where(e => e.IsLegacy && e.Path != null).ToList();
        Assert.Equal(legacy.Count, legacy.Select(e => e.Path).Distinct().Count());
        Assert.Same(EndpointCatalog.CampaignInfo, EndpointCatalog.FindByPath("v3/coupon/info"));
    }
}
