namespace Coupontools.Simulator;

/// <summary>
/// The subaccount, teammate and push examples of vendor-2025/account.txt and coupon.txt: sub_1536 as the list and
/// info examples print it, teammate 1234 with the sub_12345 its sign-on reply names, the next subaccount created
/// being sub_123456 (the create and update examples).
/// </summary>
static partial class VendorExamples
{
    /// <summary>The sign-on token both SSO examples print (cut at the page's edge; kept as printed).</summary>
    const string PrintedSsoToken = "Nu5oAs7QDdCPLN7mkFUAQzPp66JJ8wwDCUd312GeFvZrDlLhf";

    static partial void SeedSubaccounts(Store store)
    {
        store.Subaccounts.Add(1536, "info@companyname.com", s => s with
        {
            Username = "subaccount1",
            CompanyName = "Company name",
            FirstName = "First name",
            LastName = "Last Name",
            Package = "pac_123456",
            Language = "en",
            LastLogin = "2017-01-26 19:29:00",
            AmountLogin = 5,
            Currency = "USD",
            MaxCampaigns = 4,
            ExpiryDate = "2021-12-31",
            ApiKey = "XXX",
            ApiSecret = "XXX",
            SsoToken = PrintedSsoToken,
            // The printed list box ends after the first campaign, the info box inside the second (after its code).
            Printed =
            [
                new PrintedCampaign("cam_123456", "abc123", "https://digicpn.com/p/123456", "example"),
                new PrintedCampaign("cam_123457", "abc456", null, null, InList: false),
            ],
        });
        store.Subaccounts.NextNumber = 123456;
        store.Subaccounts.Teammates.Add(new Teammate(1234, "sub_12345", PrintedSsoToken));

        // The push examples send to cam_123456 (push to all) and cam_12345 (the legacy single push): SeedCampaigns and
        // SeedSessions seed both campaigns and their sessions first.
    }
}
