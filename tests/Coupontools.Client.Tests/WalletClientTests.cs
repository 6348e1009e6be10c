using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>
/// The client pieces the wallet loyalty cmdlets stand on: a JSON array body (bulk create), typed object and list
/// reads of bare REST replies, and what an unreadable reply becomes for a read and for a write.
/// </summary>
public class WalletClientTests
{
    [Fact]
    public async Task A_bulk_body_is_a_json_array_of_objects_without_their_null_fields()
    {
        var handler = new FakeHandler().Reply(200, "[{\"id\":1,\"first_name\":\"Ann\"},{\"id\":2}]");
        var request = ApiRequest.Rest(WalletEndpoints.CreateUsers, new[] { "7" });
        request.Items = new[]
        {
            new Dictionary<string, object?> { ["first_name"] = "Ann", ["email"] = null },
            new Dictionary<string, object?> { ["custom_1"] = "gold" },
        };
        var users = await handler.Client().ReadRestListAsync(request, json => LoyaltyCardUser.FromWalletJson(json, "7"), CancellationToken.None);
        var (sent, body) = handler.Sent.Single();
        Assert.Equal("/v4/loyalty/loyalty-cards/7/stats/bulk", sent.RequestUri!.AbsolutePath);
        Assert.Equal("[{\"first_name\":\"Ann\"},{\"custom_1\":\"gold\"}]", body);
        Assert.Equal(new[] { "1", "2" }, users.Select(u => u.Id));
        Assert.All(users, u => Assert.Equal(LoyaltyCardKind.Wallet, u.Kind));
    }

    [Fact]
    public async Task A_wallet_user_reply_maps_its_dates_rewards_and_voided_state()
    {
        var handler = new FakeHandler().Reply(200,
            "{\"id\":9,\"code\":\"abc\",\"stamps\":4,\"created_at\":\"2024-02-12 12:31:06\",\"voided_at\":null," +
            "\"rewards\":[{\"id\":1,\"name\":\"A\",\"added_at\":\"2024-02-14 12:20:00\",\"used_at\":\"2024-03-06 14:45:08\"}],\"extra\":\"kept\"}");
        var user = await handler.Client().ReadRestObjectAsync(ApiRequest.Rest(WalletEndpoints.User, new[] { "1", "9" }),
            json => LoyaltyCardUser.FromWalletJson(json, "1"), CancellationToken.None);
        Assert.NotNull(user);
        Assert.Equal(new DateTime(2024, 2, 12, 12, 31, 6, DateTimeKind.Utc), user!.CreatedDate);
        Assert.False(user.Voided);
        Assert.Null(user.VoidedDate);
        Assert.Equal(4, user.Stamps);
        Assert.Equal(new DateTime(2024, 3, 6, 14, 45, 8, DateTimeKind.Utc), user.Rewards.Single().UsedDate);
        Assert.Equal("kept", user.AdditionalProperties["extra"]);
    }

    [Theory]
    [InlineData("GET", "[1,2]", ApiFailure.InvalidReply)]
    [InlineData("POST", "[1,2]", ApiFailure.OutcomeUnknown)]
    public async Task An_object_read_of_an_array_is_an_invalid_reply_for_a_read_and_an_unknown_outcome_for_a_write(string method, string reply, ApiFailure expected)
    {
        var handler = new FakeHandler().Reply(200, reply);
        var endpoint = method == "GET" ? WalletEndpoints.User : WalletEndpoints.AddStamps;
        var request = ApiRequest.Rest(endpoint, new[] { "1", "2" }, method == "POST" ? new Dictionary<string, object?> { ["amount"] = 1 } : null);
        var ex = await Assert.ThrowsAsync<CoupontoolsApiException>(() => handler.Client().ReadRestObjectAsync(request, json => json, CancellationToken.None));
        Assert.Equal(expected, ex.Failure);
    }

    [Fact]
    public void The_wallet_endpoints_are_the_catalogue_entries_with_the_documented_fields()
    {
        Assert.Equal("/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}/rewards", WalletEndpoints.UseRewards.Path);
        Assert.Contains("reward_ids", WalletEndpoints.UseRewards.Parameters);
        Assert.Equal("DELETE", WalletEndpoints.DeleteUser.Method);
        Assert.Throws<ArgumentException>(() => EndpointCatalog.RestAction("v4_no_such_action"));
    }
}
