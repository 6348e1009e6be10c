namespace Coupontools.Simulator;

/// <summary>
/// The wallet loyalty examples of vendor-2025/loyalty.txt. The list prints cards 123456 and 234567, every other
/// example works on cards 1 and 2, which are seeded but left out of the list. Card 1 holds user 2 (get, void, use
/// rewards) and user 123456 (update, add stamps); card 2 holds the John and Jane Doe of the user list. Where two
/// examples print the same user differently (zip, custom fields, voided), the fixture's setup requests make the
/// difference. A new card or a user made alone takes the next free number from 123456 (the copy and create
/// examples), users made in bulk from 123 (the bulk example).
/// </summary>
static partial class VendorExamples
{
    const string John = "John@Doe.com";

    static partial void SeedLoyalty(Store store)
    {
        var wallet = store.Wallet;
        wallet.Add(new WalletCard(123456, "ndoh57", "My membership card", "loyalty.coupontools.com", "membership", "ndoh57"));
        wallet.Add(new WalletCard(234567, "sk878e", "My stamp card", "save2wallet.link", "stamp", "sk878e"));
        wallet.Add(new WalletCard(1, "6epyy9", "Membership card", "save2wallet.link", "membership", "6epyy9", InList: false));
        wallet.Add(new WalletCard(2, "snvczh", "Membership card", "save2wallet.link", "membership", "snvczh", InList: false));

        wallet.AddUser(1, new WalletUser(2, "wvjeykseaswlquco6uta8",
            Person("John", "Amina Course 956", "15242", "+0123456789", John, ("custom_1", "custom value 1"), ("custom_5", "custom value 5"), ("custom_8", "custom value 8")),
            4, "2024-02-12 12:31:06", Rewards: [new WalletReward(1, "rewardA", "2024-02-14 12:20:00")]));
        wallet.AddUser(1, new WalletUser(123456, "wvjeykseaswlquco6uta8",
            Person("John", "Amina Course 956", "123456", "+1234567890", John, ("custom_1", "custom value 1"), ("custom_2", "custom value 2"), ("custom_3", "custom value 3")),
            5, "2024-02-12 12:31:06", ExpiredAt: "2024-02-19 22:59:59",
            Rewards:
            [
                new WalletReward(7, "rewardA", "2024-02-14 12:20:00", ExpiredAt: "2024-02-21 23:59:59"),
                new WalletReward(12, "rewardB", "2024-02-14 12:20:00", UsedAt: "2024-03-06 14:45:08"),
            ]));
        wallet.AddUser(2, new WalletUser(2, "5e8ztlbqexobkoerjpqls", Person("John", "Amina Course 956", "123456", "+0123456789", John), 0, "2023-12-05 14:15:29"));
        wallet.AddUser(2, new WalletUser(3, "q3hvk7ppli4b8iq9ryufz", Person("Jane", "Amina Course 957", "123456", "+0987654321", "Jane@Doe.com"), 0,
            "2023-12-06 09:23:34", ExpiredAt: "2023-12-12 22:59:59"));
    }

    static Dictionary<string, string> Person(string first, string address, string zip, string phone, string email, params (string Field, string Value)[] custom)
    {
        var data = new Dictionary<string, string>
        {
            ["first_name"] = first, ["last_name"] = "Doe", ["address"] = address, ["zip"] = zip, ["city"] = "Central City", ["phone"] = phone, ["email"] = email,
        };
        foreach (var (field, value) in custom) data[field] = value;
        return data;
    }
}
