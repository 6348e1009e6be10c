namespace Coupontools.Simulator;

/// <summary>
/// The single-use examples (/v3/singleuse/create, /v3/multiplesingleuse/create): their campaign cam_12345 (the reply's id;
/// the printed requests send cam_123456), whose code abc123 the printed URL shows, and the session the single-create
/// reply returns, so that a create with duplicate_check email finds it (duplicate_found true, as printed).
/// </summary>
static partial class VendorExamples
{
    /// <summary>The e-mail address of the printed session: not printed, chosen for the fixture's request.</summary>
    public const string SingleUseEmail = "customer@example.com";

    static partial void SeedSingleUse(Store store)
    {
        // Time zone not printed for this campaign: UTC.
        var c = store.AddExampleCampaign(12345, "abc123", "Single-use example campaign", "UTC");
        long created = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        store.CreateSessions(c, 1, n => SingleUseHandlers.NewSession(store, c, n, created) with
        {
            Code = "c43403t2fv7qz27in745p",
            OwnCode = "102030405060708",
            Email = SingleUseEmail,
        });
    }
}
