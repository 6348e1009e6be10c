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

        if ((string?)documented["doc_status"] == "not_found")
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
        Assert.Equal(10, paths.Count);
        foreach (var path in paths)
        {
            var entry = EndpointCatalog.FindByPath(path);
            Assert.NotNull(entry);
            if (path != "/v3/subaccount/reset/url" && path != "/v3/couponsession/search")
            {
                Assert.Equal(EndpointSource.Assumed, entry.Source);
            }
        }
    }

    [Fact]
    public void Reads_and_writes_are_classified()
    {
        Assert.True(EndpointCatalog.CampaignList.IsRead);
        Assert.True(EndpointCatalog.CampaignData.IsRead);
        Assert.True(EndpointCatalog.SessionSearch.IsRead);
        Assert.True(EndpointCatalog.WebhookVerification.IsRead);
        foreach (var write in new[] { EndpointCatalog.SessionUpdate, EndpointCatalog.SessionUpdateMultiple, EndpointCatalog.CampaignPushSingle,
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
