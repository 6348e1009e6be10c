namespace Coupontools.Simulator;

/// <summary>
/// The single-use examples (/v3/singleuse/create, /v3/multiplesingleuse/create): their campaign cam_12345 (the reply's id;
/// the printed requests send cam_123456), seeded by SeedCampaigns, and the session the single-create reply returns, so
/// that a create with duplicate_check email finds it (duplicate_found true, as printed). Its printed URL shows the
/// campaign code abc123 where the session examples print v6n7gn for the same campaign: the session keeps abc123.
/// </summary>
static partial class VendorExamples
{
    /// <summary>The e-mail address of the printed session: not printed, chosen for the fixture's request.</summary>
    public const string SingleUseEmail = "customer@example.com";

    static partial void SeedSingleUse(Store store)
    {
        // Time zone not printed for this campaign: UTC, the simulator's default.
        var c = store.FindCampaign(SessionCampaign)!;
        long created = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        store.CreateSessions(c, 1, n => SingleUseHandlers.NewSession(store, c, n, created) with
        {
            Code = "c43403t2fv7qz27in745p",
            OwnCode = "102030405060708",
            Email = SingleUseEmail,
            PrintedCampaignCode = "abc123",
        });
    }
}
