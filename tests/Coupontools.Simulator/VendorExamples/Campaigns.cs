using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>
/// The campaigns of the 2025 coupon examples. The list and the info example both print cam_123456, with different
/// contents (tn91r7, active / abc123, example): the campaign keeps both prints, coupon/list writes the one and
/// coupon/info the other. cam_12345 is the campaign of the session examples; the search example shows its session
/// under cam_12345 but its coupon{} as cam_1010951, so that session lives in cam_1010951, printed as cam_12345.
/// </summary>
static partial class VendorExamples
{
    public const long ListedCampaign = 123456, SessionCampaign = 12345, SearchCampaign = 1010951;

    static partial void SeedCampaigns(Store store)
    {
        store.AddCampaign(b => new Campaign
        {
            Number = ListedCampaign, Seed = store.Seed, Code = "tn91r7", Name = "API EXAMPLE CAMPAIGN", Title = "Coupon title", Active = true,
            Folder = store.Folders[0], Tags = [], Category = 1, Base = b, GenCount = 0, Start = 0, Step = 1,
            PrintedListItem = Json(ListItem), PrintedInfo = Json(InfoItem),
        });
        store.AddCampaign(b => new Campaign
        {
            Number = SessionCampaign, Seed = store.Seed, Code = "v6n7gn", Name = "Session examples", Title = "Session examples", Active = false,
            StatusText = "test", Folder = store.Folders[0], Tags = [], Category = 1, Base = b, GenCount = 0, Start = 0, Step = 1,
        });
        store.AddCampaign(b => new Campaign
        {
            Number = SearchCampaign, Seed = store.Seed, Code = "v6n7gn", Name = "Search example", Title = "Search example", Active = false,
            StatusText = "test", Folder = store.Folders[0], Tags = [], Category = 1, Base = b, GenCount = 0, Start = 0, Step = 1,
            PrintedSearchCampaign = "cam_" + SessionCampaign,
        });
    }

    static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    // coupon/list, coupon_info[0]; terms_short and coupon_image were clipped in the print (see tests/fixtures/vendor-2025/coupon_list.json).
    const string ListItem = """
        {"ID":"cam_123456","code":"tn91r7","url":"https://digicpn.com/p/tn91r7","status":"active","subaccount":"sub_12345",
         "timezone":"America/New_York","expirydate":"2018-01-01 04:59:00","name":"API EXAMPLE CAMPAIGN","title":"Coupon title",
         "subtitle":"Coupon subtitle","description":"Coupon description content goes here",
         "terms":"Coupon full terms and conditions goes here","terms_short":"Coupon short terms and conditions goes here",
         "poweredby":"MyName","poweredbylink":"http://www.mywebsite.com","coupon_tags":"Coupon,tags,here","coupon_category":"1",
         "coupon_category_name":"Other","logo_url":"https://example.com/logo.png","coupon_image":"https://example.com/coupon_image.jpg",
         "banner1":"https://example.com/banner.jpg","locations":[{"ID":"loc 12345"}]}
        """;

    // coupon/info, coupon_info, as printed: the image URLs are cut at the print's edge and their rest is unknown, so they stay cut.
    const string InfoItem = """
        {"ID":"cam_123456","code":"abc123","url":"https://digicpn.com/p/abc123","status":"example","subaccount":"","name":"[NO NAME]","title":"10% OFF","subtitle":"On all pizzas","description":"","expirydate":"2018-08-12 11:19:00","timezone":"UTC","terms":"","terms_short":"Example coupon;","poweredby":"Your Company","poweredbylink":"http://www.yourwebsite.com","coupon_tags":"","coupon_category":"1","coupon_category_name":"","logo_url":"https://hosting4images.com/upload/logo/302_","banner1":"https://www.hosting4images.com/preview/imag","banner2":"https://www.hosting4images.com/preview/imag","banner3":"https://www.hosting4images.com/preview/imag","banner4":"https://www.hosting4images.com/preview/imag","banner5":"https://www.hosting4images.com/preview/imag","coupon_image":"https://hosting4images.com/upload/cust"}
        """;

}
