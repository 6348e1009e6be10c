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
            Single = "Single Use", Hook = "Webhooks", Dist = "Distribution", Msg = "Messaging", Acc = "Account", RestGroup = "V4-REST";

        private static readonly string[] SubaccountFields =
            { "email", "password", "package", "status", "first_name", "last_name", "country", "company_name", "expiry_date" };

        private static readonly string[] SessionDataFields = { "campaign", "page", "start_date", "end_date" };

        private static readonly string[] CustomFields =
            { "customfield1", "customfield2", "customfield3", "customfield4", "customfield5", "customfield6", "customfield7" };

        private static readonly string[] SearchFields = { "code", "email", "phone" };

        public static readonly Endpoint SubaccountList = new Endpoint("subaccount_list", Sub, "/v4/subaccount/list", Read, Documented, Array.Empty<string>());
        public static readonly Endpoint SubaccountInfo = new Endpoint("subaccount_info", Sub, "/v4/subaccount", Read, Documented, new[] { "subaccount" });
        public static readonly Endpoint SubaccountCreate = new Endpoint("subaccount_create", Sub, "/v4/subaccount/create", Write, Documented, SubaccountFields);
        public static readonly Endpoint SubaccountUpdate = new Endpoint("subaccount_update", Sub, "/v4/subaccount/update", Write, Documented, new[] { "subaccount", "package" })
            .AcceptingReplyWithoutEnvelope();
        public static readonly Endpoint SubaccountResetUrl = new Endpoint("subaccount_reset_url", Sub, "/v3/subaccount/reset/url", Write, Documented, new[] { "subaccount" });
        public static readonly Endpoint SubaccountSso = new Endpoint("subaccount_sso", Sub, "/v3/subaccount/sso", Write, Documented, new[] { "subaccount", "page", "campaign" });

        public static readonly Endpoint CampaignList = new Endpoint("campaign_list", Cam, "/v3/coupon/list", Read, Inferred, new[] { "only_active", "folder", "tags", "category" });
        public static readonly Endpoint CampaignInfo = new Endpoint("campaign_info", Cam, "/v3/coupon/info", Read, Partial, new[] { "campaign", "show_usage_stats" });
        public static readonly Endpoint CampaignData = new Endpoint("campaign_usage_data", Cam, "/v3/campaign/data", Read, Inferred, SessionDataFields);
        public static readonly Endpoint CampaignOpens = new Endpoint("campaign_opens", Cam, "/v3/campaign/opens", Read, Partial, SessionDataFields);
        public static readonly Endpoint CampaignClaims = new Endpoint("campaign_claims", Cam, "/v3/campaign/claims", Read, Partial, SessionDataFields);
        public static readonly Endpoint CampaignValidations = new Endpoint("campaign_validations", Cam, "/v3/campaign/validations", Read, Partial, SessionDataFields);
        public static readonly Endpoint SessionData = new Endpoint("session_data", Cam, "/v3/couponsession/data", Read, Documented, new[] { "couponsession" });
        public static readonly Endpoint SessionUpdate = new Endpoint("session_update", Cam, "/v3/couponsession/update", Write, Documented,
            new[] { "couponsession", "operation" }.Concat(CustomFields).Concat(new[] { "customid", "money_spent" }).ToArray());

        /// <summary>The older contract's guess of a list update (<c>/v3/couponsession/update/multiple</c>); 2025 documents <see cref="SessionBatchUpdate"/> instead.</summary>
        public static readonly Endpoint SessionUpdateMultiple = new Endpoint("session_update_multiple", Cam, null, Write, Unknown, Array.Empty<string>());
        public static readonly Endpoint SessionBatchUpdate = new Endpoint("batch_update", Cam, "/v3/batch/update", Write, Documented,
            new[] { "campaign", "startsequence", "endsequence", "operation" }.Concat(CustomFields).ToArray());
        public static readonly Endpoint SessionSearch = new Endpoint("session_search", Cam, "/v3/couponsession/search", Read, Documented, new[] { "campaign" }.Concat(SearchFields).ToArray());
        public static readonly Endpoint SessionSearchInCampaign = new Endpoint("session_search_campaign", Cam, "/v3/campaignsession/search", Read, Documented, new[] { "campaign" }.Concat(SearchFields).ToArray());
        public static readonly Endpoint SessionBarcode = new Endpoint("couponsession_barcode", Cam, "/v3/couponsession/barcode", Read, Partial, new[] { "couponsession", "type" });
        public static readonly Endpoint CampaignPushSingle = new Endpoint("campaign_push_single", Cam, "/v3/coupon/pushnotification/single", Write, Documented, new[] { "campaign", "couponsession", "message" });
        public static readonly Endpoint CampaignPushAll = new Endpoint("campaign_push_all", Cam, "/v3/coupon/pushnotification/list", Write, Documented, new[] { "campaign", "message" });

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
            new[] { "campaign", "firstname", "lastname", "email", "phone", "customid", "customfield1", "customfield2", "customfield3", "customfield4", "customfield5",
                "customfield6", "customfield7", "customvalcode", "autovalcode", "duplicate_check", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "expiry_date" });
        public static readonly Endpoint SingleUseCreateMultiple = new Endpoint("singleuse_create_multiple", Single, "/v3/multiplesingleuse/create", Write, Partial,
            new[] { "campaign", "amount", "status", "automated_codes", "code_prefix", "code_length", "code_type" });
        public static readonly Endpoint SingleUseRemove = new Endpoint("singleuse_remove", Single, "/v3/singleuse/remove", Write, Documented, new[] { "campaign", "couponsession" });

        public static readonly Endpoint WebhookVerification = new Endpoint("webhook_verification_v4", Hook, "/v4/webhook/verification", Read, Documented, new[] { "webhook" });

        /// <summary>The older contract's verification, superseded in 2025; no cmdlet calls it (kept for Invoke-CtApi and the older contract's table).</summary>
        public static readonly Endpoint WebhookVerificationLegacy = new Endpoint("webhook_verification", Hook, "/v3/webhook/verification", Read, Documented, new[] { "webhook", "session" });

        public static readonly Endpoint SendEmail = new Endpoint("send_email", Dist, "/v3/send/email", Write, Documented, new[] { "campaign", "email", "couponsession", "subject", "firstname", "lastname", "check_unique" });
        public static readonly Endpoint SendSms = new Endpoint("send_sms", Dist, "/v3/send/sms", Write, Documented, new[] { "campaign", "phone", "couponsession", "body" });
        public static readonly Endpoint SmsGroupList = new Endpoint("smstool_grouplist", Msg, "/v3/smstool/grouplist", Read, Documented, Array.Empty<string>());
        public static readonly Endpoint SmsUserList = new Endpoint("smstool_userlist", Msg, "/v3/smstool/userlist", Read, Documented, new[] { "smsgroup" });
        public static readonly Endpoint SmsAddGroup = new Endpoint("smstool_addgroup", Msg, "/v3/smstool/addgroup", Write, Documented, new[] { "group_name" });
        public static readonly Endpoint SmsAddContact = new Endpoint("smstool_addcontact", Msg, "/v3/smstool/addcontact", Write, Documented,
            new[] { "smsgroup", "phone", "first_name", "last_name" }.Concat(CustomFields).ToArray());
        public static readonly Endpoint EmailGroupList = new Endpoint("emailtool_grouplist", Msg, "/v3/emailtool/grouplist", Read, Documented, Array.Empty<string>());
        public static readonly Endpoint EmailUserList = new Endpoint("emailtool_userlist", Msg, "/v3/emailtool/userlist", Read, Documented, new[] { "emailgroup" });
        public static readonly Endpoint EmailAddGroup = new Endpoint("emailtool_addgroup", Msg, "/v3/emailtool/addgroup", Write, Documented, new[] { "group_name" });
        public static readonly Endpoint EmailAddContact = new Endpoint("emailtool_addcontact", Msg, "/v3/emailtool/addcontact", Write, Documented,
            new[] { "emailgroup", "email", "first_name", "last_name" }.Concat(Enumerable.Range(1, 10).Select(i => "custom" + i)).ToArray());
        public static readonly Endpoint AccountSso = new Endpoint("account_sso", Acc, "/v3/account/sso", Write, Partial, Array.Empty<string>());
        public static readonly Endpoint TeammateSso = new Endpoint("teammate_sso", Acc, "/v3/teammate/sso", Write, Documented, new[] { "teammate" });

        private const string Get = "GET", Post = "POST", Put = "PUT", Delete = "DELETE";

        private static readonly string[] WalletUserFields =
            { "first_name", "last_name", "address", "zip", "city", "phone", "email", "custom_1", "custom_2", "custom_3", "custom_4", "custom_5", "custom_6", "custom_7", "custom_8" };

        /// <summary>The v4 REST family of api/contract-2025.json (wallet loyalty, v4 directories): templates, methods, body fields.</summary>
        private static readonly Endpoint[] RestFamily =
        {
            Rest("v4_loyalty_cards_list", Get, "/v4/loyalty/loyalty-cards", Documented),
            Rest("v4_loyalty_card_copy", Post, "/v4/loyalty/loyalty-cards/{id}/copy", Documented, "name"),
            Rest("v4_loyalty_users_list", Get, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats", Partial, "filter", "pagination", "include_voided"),
            Rest("v4_loyalty_user_get", Get, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}", Partial),
            Rest("v4_loyalty_user_create", Post, "/v4/loyalty/loyalty-cards/{id}/stats", Partial, WalletUserFields),
            Rest("v4_loyalty_users_bulk", Post, "/v4/loyalty/loyalty-cards/{id}/stats/bulk", Partial),
            Rest("v4_loyalty_user_update", Put, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}", Documented, WalletUserFields),
            Rest("v4_loyalty_user_add_stamps", Post, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}", Documented, "amount"),
            Rest("v4_loyalty_user_use_rewards", Put, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}/rewards", Documented, "reward_ids"),
            Rest("v4_loyalty_user_void", Put, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}/void", Documented),
            Rest("v4_loyalty_user_delete", Delete, "/v4/loyalty/loyalty-cards/{loyaltyCardId}/stats/{userId}", Partial),
            Rest("v4_loyalty_push", Post, "/v4/loyalty/loyalty-cards/{id}/push-notifications", Documented, "message", "recipient_stat_ids"),
            Rest("v4_directory_list", Get, "/v4/directory", Partial),
            Rest("v4_directory_get", Get, "/v4/directory/{id}", Partial),
            Rest("v4_directory_users", Get, "/v4/directory/{id}/users", Partial),
            Rest("v4_directory_user_get", Get, "/v4/directory/{id}/users/{userId}", Partial),
            Rest("v4_directory_user_create", Post, "/v4/directory/{id}/users", Partial,
                "email", "password", "first_name", "last_name", "phone", "address", "zip", "city", "birth_date", "custom_1", "custom_2", "custom_3"),
            Rest("v4_directory_user_update", Post, "/v4/directory/{id}/users/{userId}", Partial, "block"),
            Rest("v4_directory_access_grant", Post, "/v4/directory/{id}/users/{userId}/access", Partial, "expires_at"),
            Rest("v4_directory_access_revoke", Delete, "/v4/directory/{id}/users/{userId}/access", Partial),
            // The 2025 sample prints the update path for SSO (a copy error, api/CONTRACT-2025.md inconsistency 10): the older path is kept.
            Rest("v4_directory_user_sso", Post, "/v4/directory/{id}/users/{userId}/sso", Partial),
            Rest("v4_directory_send_email", Post, "/v4/directory/{id}/send/email", Documented, "receiver", "sender", "type", "subject", "body", "button_text"),
            Rest("v4_directory_send_sms", Post, "/v4/directory/{id}/send/sms", Documented, "receiver", "body"),
        };

        private static Endpoint Rest(string action, string method, string path, EndpointSource source, params string[] fields) =>
            new Endpoint(action, RestGroup, path, method == Get ? Read : Write, source, fields, method, false);

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

        /// <summary>The v3-style paths under /v4 (api/CONTRACT-2025.md, "Families").</summary>
        private static readonly string[] V4EnvelopePrefixes = { "/v4/subaccount", "/v4/webhook/" };

        /// <summary>
        /// The family of a concrete path: a catalogued envelope path, <c>/v4/subaccount…</c> and <c>/v4/webhook/…</c> are
        /// envelope; any other <c>/v4/</c> path is REST, the rest v3 envelope.
        /// </summary>
        public static WireFamily FamilyOf(string path)
        {
            var key = "/" + path.Trim().TrimStart('/');
            if (FindByPath(key) is { } legacy)
            {
                return legacy.Family;
            }

            if (!key.StartsWith("/v4/", StringComparison.OrdinalIgnoreCase))
            {
                return WireFamily.V3Envelope;
            }

            return V4EnvelopePrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? WireFamily.V4Envelope : WireFamily.V4Rest;
        }

        /// <summary>The REST entry named <paramref name="action"/> (<c>v4_loyalty_cards_list</c>...); throws for an unknown name.</summary>
        public static Endpoint RestAction(string action) =>
            RestFamily.FirstOrDefault(e => e.Action == action) ?? throw new ArgumentException($"No REST endpoint '{action}' in the catalogue.", nameof(action));

        /// <summary>The REST entry whose method and path template match a concrete path (ids filled in), or null.</summary>
        public static Endpoint? FindRest(string method, string path)
        {
            var segments = path.Trim().Trim('/').Split('/');
            return RestFamily.FirstOrDefault(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase) && Matches(e.Path!, segments));
        }

        private static bool Matches(string template, string[] segments)
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length != segments.Length)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                var placeholder = parts[i].StartsWith("{", StringComparison.Ordinal);
                if (placeholder ? segments[i].Length == 0 : !string.Equals(parts[i], segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The catalogue entry for a legacy path (with or without the leading slash), or null.</summary>
        public static Endpoint? FindByPath(string path)
        {
            var key = "/" + path.Trim().TrimStart('/');
            return ByPath.Value.TryGetValue(key, out var endpoint) ? endpoint : null;
        }
    }
}
