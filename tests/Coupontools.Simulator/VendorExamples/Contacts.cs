namespace Coupontools.Simulator;

/// <summary>
/// The SMS and e-mail tool examples (others.txt) and the distribution examples (coupon.txt, Distribution). Both tools
/// print the same group list (gro_123456, gro_1243434); their userlist examples name gro_123456 differently ("Subscribers
/// to keyword pizza", "Subscribers to pizza coupon") and the e-mail example's contacts carry phones, as printed. The two
/// send examples return sessions of cam_123456 whose URLs show the campaign code abc123: they are seeded so that a send
/// with that couponsession gets the printed reply.
/// </summary>
static partial class VendorExamples
{
    public const string EmailedSession = "0ist0ywa4t9z7rj0g8mf7", TextedSession = "d8ysxk1wqy6ajzh65atx7";

    static partial void SeedContacts(Store store)
    {
        string[] none = [];
        var m = store.Messaging;
        m.Sms.Add(123456, "Subscribers keyword pizza", "Subscribers to keyword pizza",
            new SimContact("con_123456", "123456789012", "", "John", "Doe", none, true, "13/07/2018 19:47 UTC"),
            new SimContact("con_1234567", "441234567890", "", "Jeff", "Jefferson", none));
        m.Sms.Add(1243434, "Subscribers keyword burger", null);
        m.Email.Add(123456, "Subscribers keyword pizza", "Subscribers to pizza coupon",
            new SimContact("con_123456", "123456789012", "", "John", "Doe", none, true),
            new SimContact("con_1234567", "441234567890", "", "Jeff", "Jefferson", none));
        m.Email.Add(1243434, "Subscribers keyword burger", null);

        // Sequence ids below the batch-update example's range (1000000 on), which must keep counting 3 sessions.
        var c = store.FindCampaign(ListedCampaign)!;
        long created = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Add(store, c, EmailedSession, 999_998, s => s with { Created = created, PrintedCampaignCode = "abc123" });
        Add(store, c, TextedSession, 999_999, s => s with { Created = created, PrintedCampaignCode = "abc123" });
    }
}
