namespace Coupontools.Simulator;

static partial class VendorExamples
{
    /// <summary>The event the /v4/webhook/verification example reply describes.</summary>
    static partial void SeedWebhooks(Store store) =>
        store.Events["evt_01234567890123456789"] = new WebhookEvent("evt_01234567890123456789", "coupon_claimed", "2020-12-01 01:23:45", "cam_12345", "012345678901234567890");
}
