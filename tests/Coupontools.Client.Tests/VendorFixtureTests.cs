#nullable enable
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>
/// Every example reply printed in the vendor's 2025 documentation (tests/fixtures/vendor-2025) is
/// the printed example and parses into its typed object with nothing lost.
/// </summary>
public class VendorFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in VendorFixture.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Printed_reply_parses_with_nothing_lost(string name)
    {
        var fixture = VendorFixture.Load(name);
        var parsed = fixture.Parse();
        Assert.NotEmpty(parsed);

        var found = new ValueSet();
        foreach (var item in parsed)
        {
            found.AddGraph(item);
        }

        var lost = fixture.AccountedLeaves()
            .Where(leaf => !found.Contains(leaf.Value))
            .Select(leaf => $"{leaf.Path} = {leaf.Value}")
            .ToList();
        Assert.True(lost.Count == 0, $"{name}: values of the printed reply not found in the parsed {fixture.ParseType}:\n  " + string.Join("\n  ", lost));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_is_the_printed_example(string name)
    {
        var fixture = VendorFixture.Load(name);
        var printed = fixture.PrintedExample();
        Assert.True(printed != null, $"{name}: api/contract-2025.json has no printed example for '{fixture.ContractId}'.");
        var differences = JsonDiff.Compare(printed!, fixture.Reply, fixture.Completed, prefixOk: true);
        Assert.True(differences.Count == 0, $"{name}: the fixture differs from the printed example:\n  " + string.Join("\n  ", differences));
    }

    [Fact]
    public void Every_printed_reply_has_a_fixture_or_a_reason()
    {
        var covered = VendorFixture.Names().Select(n => VendorFixture.Load(n).Key).ToHashSet(StringComparer.Ordinal);
        var pending = VendorFixture.Pending();
        var missing = VendorFixture.PrintedKeys().Where(k => !covered.Contains(k) && !pending.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Printed replies with no fixture in tests/fixtures/vendor-2025 and no reason in pending.json:\n  " + string.Join("\n  ", missing));
        var stale = pending.Keys.Where(covered.Contains).ToList();
        Assert.True(stale.Count == 0, "pending.json names endpoints that now have a fixture: " + string.Join(", ", stale));
    }
}
