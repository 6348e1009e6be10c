using System;
using System.Collections.Generic;
using System.Linq;
using static Coupontools.Client.Endpoints.EndpointKind;
using static Coupontools.Client.Endpoints.EndpointSource;

namespace Coupontools.Client.Endpoints
{
    /// <summary>
    /// Every endpoint of the API in one place: api/endpoints.json for what the vendor documents,
    /// api/ASSUMED.md where it does not. A wrong guess is corrected here and nowhere else.
    /// </summary>
    public static class EndpointCatalog
    {
        private const string Sub = "Subaccount", Cam = "Campaign", Loy = "Loyalty Card", Dir = "Directory",
            Single = "Single Use", Hook = "Webhooks", Dist = "Distribution", Msg = "Messaging", Acc = "Account", Rest = "V4-REST";

        private static readonly string[] SubaccountFields =
            { "email", "password", "package", "status", "first_name", "last_name", "country", "company_name", "expiry_date" };

        private static readonly string[] SessionDataFields = { "campaign", "page", "start_date", "end_date" };

        private static readonly string[] SessionUpdateFields = { "status", "void", "value", "validation_value" };

        private static readonly string[] SearchFields = { "own_validation_code", "email", "phone" };

        public static readonly Endpoint SubaccountList = new Endpoint("subaccount_list", Sub, "/v4/subaccount/list", Read, Partial, Array.Empty<string>());
        public static readonly Endpoint SubaccountInfo = new Endpoint("subaccount_info", Sub, "/v4/subaccount", Read, Partial, new[] { "subaccount" });
        public static readonly Endpoint SubaccountCreate = new Endpoint("subaccount_create", Sub, "/v4/subaccount/create", Write, Inferred, SubaccountFields);
        public static readonly Endpoint SubaccountUpdate = new Endpoint("subaccount_update", Sub, "/v4/subaccount/update", Write, Assumed, new[] { "subaccount" }.Concat(SubaccountFields).ToArray());
        public static readonly Endpoint SubaccountResetUrl = new Endpoint("subaccount_reset_url", Sub, "/v3/subaccount/reset/url", Write, Inferred, new[] { "subaccount" });
        public static readonly Endpoint SubaccountSso = new Endpoint("subaccount_sso", Sub, "/v3/subaccount/sso", Write, Documented, new[] { "subaccount", "page", "campaign" });

        public static readonly Endpoint CampaignList = new Endpoint("campaign_list", Cam, "/v3/coupon/list", Read, Inferred, new[] { "only_active", "folder", "tags", "category" });
        public static readonly Endpoint CampaignInfo = new Endpoint("campaign_info", Cam, "/v3/coupon/info", Read, Partial, new[] { "campaign", "show_usage_stats" });
        public static readonly Endpoint CampaignData = new Endpoint("campaign_usage_data", Cam, "/v3/campaign/data", Read, Inferred, SessionDataFields);
        public static readonly Endpoint CampaignOpens = new Endpoint("campaign_opens", Cam, "/v3/campaign/opens", Read, Partial, SessionDataFields);
        public static readonly Endpoint CampaignClaims = new Endpoint("campaign_claims", Cam, "/v3/campaign/claims", Read, Partial, SessionDataFields);
        public static readonly Endpoint CampaignValidations = new Endpoint("campaign_validations", Cam, "/v3/campaign/validations", Read, Partial, SessionDataFields);
        public static readonly Endpoint SessionData = new Endpoint("session_data", Cam, "/v3/couponsession/data", Read, Partial, new[] { "couponsession" });
        public static readonly Endpoint SessionUpdate = new Endpoint("session_update", Cam, "/v3/couponsession/update", Write, Partial, new[] { "couponsession" }.Concat(SessionUpdateFields).ToArray());
        public static readonly Endpoint SessionUpdateMultiple = new Endpoint("session_update_multiple", Cam, "/v3/couponsession/update/multiple", Write, Assumed, new[] { "couponsessions" }.Concat(SessionUpdateFields).ToArray());
        public static readonly Endpoint SessionSearch = new Endpoint("session_search", Cam, "/v3/couponsession/search", Read, Partial, SearchFields);
        public static readonly Endpoint SessionSearchInCampaign = new Endpoint("session_search_campaign", Cam, "/v3/campaign/search", Read, Assumed, new[] { "campaign" }.Concat(SearchFields).ToArray());
        public static readonly Endpoint CampaignPushSingle = new Endpoint("campaign_push_single", Cam, "/v3/coupon/pushnotification/single", Write, Documented, new[] { "campaign", "couponsession", "message" });
        public static readonly Endpoint CampaignPushAll = new Endpoint("campaign_push_all", Cam, "/v3/coupon/pushnotification/all", Write, Assumed, new[] { "campaign", "message" });

        public static readonly Endpoint LoyaltyList = new Endpoint("loyalty_list", Loy, "/v3/loyalty/list", Read, Partial, new[] { "only_active", "sorting" });
        public static readonly Endpoint LoyaltyInfo = new Endpoint("loyalty_info", Loy, "/v3/loyalty/info", Read, Partial, new[] { "loyaltycard" });
        public static readonly Endpoint LoyaltyUsers = new Endpoint("loyalty_users", Loy, "/v3/loyaltyusers/list", Read, Partial, new[] { "loyaltycard" });
        public static readonly Endpoint LoyaltyUserSearch = new Endpoint("loyaltyusers_search", Loy, "/v3/loyaltyusers/search", Read, Partial, new[] { "loyaltycard", "search" });
        public static readonly Endpoint LoyaltyUserUpdate = new Endpoint("loyalty_user_update", Loy, "/v3/loyaltyusers/update", Write, Partial, new[] { "loyaltycard", "user", "points", "stamps", "voided" });
        public static readonly Endpoint LoyaltyUserCreate = new Endpoint("loyaltyusers_create", Loy, "/v3/loyaltyusers/create", Write, Partial, new[] { "email", "password", "phone", "first_Name", "last_Name", "gender", "birthday", "city" });
        public static readonly Endpoint LoyaltyUserLink = new Endpoint("loyaltyusers_link", Loy, "/v3/loyaltyusers/link", Write, Partial, new[] { "loyaltycard", "user" });
        public static readonly Endpoint LoyaltyPushSingle = new Endpoint("loyalty_push_single", Loy, "/v3/loyalty/pushnotification/single", Write, Assumed, new[] { "loyaltycard", "user", "message" });
        public static readonly Endpoint LoyaltyPushAll = new Endpoint("loyalty_push_all", Loy, "/v3/loyalty/pushnotification/all", Write, Assumed, new[] { "loyaltycard", "message" });

        public static readonly Endpoint DirectoryList = new Endpoint("directory_list", Dir, "/v3/directory/list", Read, Inferred, Array.Empty<string>());
        public static readonly Endpoint DirectoryInfo = new Endpoint("directory_info", Dir, "/v3/directory/info", Read, Partial, new[] { "directory" });
        public static readonly Endpoint DirectoryCampaigns = new Endpoint("directory_campaigns", Dir, "/v3/directory/campaigns", Read, Assumed, new[] { "directory" });
        public static readonly Endpoint DirectoryUsers = new Endpoint("directory_users", Dir, "/v3/directoryusers/list", Read, Partial, new[] { "directory", "page" });
        public static readonly Endpoint DirectoryUserUpdate = new Endpoint("directory_user_payment_status", Dir, "/v3/directoryusers/update", Write, Partial, new[] { "directory", "user", "payment_status" });
        public static readonly Endpoint CategoryList = new Endpoint("categories_list", Dir, "/v3/category/list", Read, Partial, Array.Empty<string>());
        public static readonly Endpoint CategoryThirdLevelList = new Endpoint("categories_3rd_level", Dir, "/v3/category/main/list", Read, Documented, Array.Empty<string>());
        public static readonly Endpoint DirectoryCampaignFromTemplate = new Endpoint("directory_campaign_from_template", Dir, null, Write, Unknown, Array.Empty<string>());

        public static readonly Endpoint SingleUseCreate = new Endpoint("singleuse_create", Single, "/v3/singleuse/create", Write, Inferred,
            new[] { "campaign", "firstname", "lastname", "email", "phone", "customid", "customvalcode", "autovalcode", "duplicate_check", "expiry_date" });
        public static readonly Endpoint SingleUseCreateMultiple = new Endpoint("singleuse_create_multiple", Single, "/v3/multiplesingleuse/create", Write, Partial,
            new[] { "campaign", "amount", "status", "automated_codes", "code_prefix", "code_length", "code_type" });
        public static readonly Endpoint SingleUseRemove = new Endpoint("singleuse_remove", Single, "/v3/singleuse/remove", Write, Assumed, new[] { "campaign", "couponsession" });

        public static readonly Endpoint WebhookVerification = new Endpoint("webhook_verification", Hook, "/v3/webhook/verification", Read, Documented, new[] { "webhook", "session" });

        public static readonly Endpoint SendEmail = new Endpoint("send_email", Dist, "/v3/send/email", Write, Partial, new[] { "campaign", "email", "subject", "firstname", "lastname", "check_unique", "couponsession" });
        public static readonly Endpoint SendSms = new Endpoint("send_sms", Dist, "/v3/send/sms", Write, Inferred, new[] { "campaign", "phone", "sender" });
        public static readonly Endpoint SmsGroupList = new Endpoint("smstool_grouplist", Msg, "/v3/smstool/grouplist", Read, Documented, Array.Empty<string>());
        public static readonly Endpoint SmsUserList = new Endpoint("smstool_userlist", Msg, "/v3/smstool/userlist", Read, Partial, new[] { "smsgroup" });
        public static readonly Endpoint SmsAddGroup = new Endpoint("smstool_addgroup", Msg, "/v3/smstool/addgroup", Write, Partial, new[] { "group_name" });
        public static readonly Endpoint SmsAddContact = new Endpoint("smstool_addcontact", Msg, "/v3/smstool/addcontact", Write, Partial, new[] { "smsgroup", "phone", "first_name", "last_name" });
        public static readonly Endpoint EmailGroupList = new Endpoint("emailtool_grouplist", Msg, "/v3/emailtool/grouplist", Read, Partial, Array.Empty<string>());
        public static readonly Endpoint AccountSso = new Endpoint("account_sso", Acc, "/v3/account/sso", Write, Partial, Array.Empty<string>());
        public static readonly Endpoint TeammateSso = new Endpoint("teammate_sso", Acc, "/v3/teammate/sso", Write, Partial, new[] { "teammate" });

        private static readonly Endpoint[] RestFamily =
        {
            new Endpoint("v4_loyalty_cards_list", Rest, "/v4/loyalty/loyalty-cards", Read, Documented, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_loyalty_card_copy", Rest, "/v4/loyalty/loyalty-cards/{id}/copy", Write, Documented, new[] { "name" }, "POST", false),
            new Endpoint("v4_loyalty_users_list", Rest, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats", Read, Partial, new[] { "filter", "pagination", "include_voided" }, "GET", false),
            new Endpoint("v4_loyalty_user_get", Rest, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}", Read, Partial, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_loyalty_user_create", Rest, "/v4/loyalty/loyalty-cards/{id}/stats", Write, Partial, new[] { "first_name", "last_name", "address", "zip", "city", "phone", "email" }, "POST", false),
            new Endpoint("v4_loyalty_users_bulk", Rest, "/v4/loyalty/loyalty-cards/{id}/stats/bulk", Write, Partial, Array.Empty<string>(), "POST", false),
            new Endpoint("v4_directory_list", Rest, "/v4/directory", Read, Partial, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_directory_get", Rest, "/v4/directory/{id}", Read, Partial, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_directory_users", Rest, "/v4/directory/{id}/users", Read, Partial, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_directory_user_get", Rest, "/v4/directory/{id}/users/{userId}", Read, Partial, Array.Empty<string>(), "GET", false),
            new Endpoint("v4_directory_user_create", Rest, "/v4/directory/{id}/users", Write, Partial, new[] { "email", "password", "first_name", "last_name", "phone", "address", "zip", "city", "birth_date" }, "POST", false),
            new Endpoint("v4_directory_user_update", Rest, "/v4/directory/{id}/users/{userId}", Write, Partial, new[] { "block" }, "POST", false),
            new Endpoint("v4_directory_access_grant", Rest, "/v4/directory/{id}/users/{userId}/access", Write, Partial, new[] { "expires_at" }, "POST", false),
            new Endpoint("v4_directory_access_revoke", Rest, "/v4/directory/{id}/users/{userId}/access", Write, Partial, Array.Empty<string>(), "DELETE", false),
            new Endpoint("v4_directory_user_sso", Rest, "/v4/directory/{id}/users/{userId}/sso", Write, Partial, Array.Empty<string>(), "POST", false),
        };

        private static readonly Lazy<IReadOnlyList<Endpoint>> AllEndpoints = new Lazy<IReadOnlyList<Endpoint>>(() =>
            typeof(EndpointCatalog).GetFields()
                .Where(f => f.IsStatic && f.FieldType == typeof(Endpoint))
                .Select(f => (Endpoint)f.GetValue(null))
                .Concat(RestFamily)
                .ToList());

        private static readonly Lazy<Dictionary<string, Endpoint>> ByPath = new Lazy<Dictionary<string, Endpoint>>(() =>
            All.Where(e => e.IsLegacy && e.Path != null).ToDictionary(e => e.Path!, StringComparer.OrdinalIgnoreCase));

        /// <summary>Every endpoint, legacy and REST family, including those whose path is unknown.</summary>
        public static IReadOnlyList<Endpoint> All => AllEndpoints.Value;

        /// <summary>The catalogue entry for a legacy path (with or without the leading slash), or null.</summary>
        public static Endpoint? FindByPath(string path)
        {
            var key = "/" + path.Trim().TrimStart('/');
            return ByPath.Value.TryGetValue(key, out var endpoint) ? endpoint : null;
        }
    }
}
