namespace Coupontools.Simulator;

/// <summary>
/// The data set of <c>--data vendor-examples</c>: exactly the entities the vendor's 2025 documentation prints
/// in its example replies, so that each printed request gets the printed reply (tests/fixtures/vendor-2025).
/// Each domain seeds its own entities in its own file of this folder.
/// </summary>
static partial class VendorExamples
{
    public static void Seed(Store store)
    {
        SeedCampaigns(store);
        SeedSessions(store);
        SeedSingleUse(store);
        SeedSubaccounts(store);
        SeedWebhooks(store);
        SeedDirectories(store);
        SeedLoyalty(store);
        SeedContacts(store);
    }

    static partial void SeedCampaigns(Store store);
    static partial void SeedSessions(Store store);
    static partial void SeedSingleUse(Store store);
    static partial void SeedSubaccounts(Store store);
    static partial void SeedWebhooks(Store store);
    static partial void SeedDirectories(Store store);
    static partial void SeedLoyalty(Store store);
    static partial void SeedContacts(Store store);
}
