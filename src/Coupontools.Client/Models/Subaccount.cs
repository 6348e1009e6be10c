using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>
    /// A subaccount. Its own API key and secret are kept as <see cref="SecureString"/> so they never
    /// show in a view, a string form or a JSON conversion; use them with Connect-CtAccount.
    /// </summary>
    public sealed class Subaccount : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? CompanyName { get; set; }

        public string? Username { get; set; }

        public string? Language { get; set; }

        public string? Currency { get; set; }

        public DateTime? LastLogin { get; set; }

        public long? LoginCount { get; set; }

        public long? MaxCampaigns { get; set; }

        public long? AvailableCampaigns { get; set; }

        /// <summary>The expiry date (a calendar date; <c>expiry_date</c> is <c>yyyy-MM-dd</c>).</summary>
        public DateTime? ExpiryDate { get; set; }

        /// <summary>How many campaigns the subaccount has (<c>has_campaigns</c>, a number sent as a string).</summary>
        public long? CampaignCount { get; set; }

        /// <summary>True when the subaccount has at least one campaign.</summary>
        public bool? HasCampaigns { get; set; }

        /// <summary><c>trial</c> or <c>customer</c>, when the API says.</summary>
        public string? Status { get; set; }

        /// <summary>ISO 3166 alpha-2 country code, when the API says.</summary>
        public string? Country { get; set; }

        /// <summary>The permission package (<c>pac_…</c>), when the API says.</summary>
        public string? Package { get; set; }

        public string? WebhookEndpoint { get; set; }

        public IReadOnlyList<Campaign> Campaigns { get; set; } = Array.Empty<Campaign>();

        /// <summary>The <c>access_*</c> flags, keyed without the prefix (for example <c>dashboard</c>).</summary>
        public IReadOnlyDictionary<string, bool> Access { get; set; } = new Dictionary<string, bool>();

        /// <summary>The subaccount's API key (client id), as a SecureString.</summary>
        public SecureString? ApiKey { get; set; }

        /// <summary>The subaccount's API secret, as a SecureString.</summary>
        public SecureString? ApiSecret { get; set; }

        public override string ToString() => Email == null ? Id : $"{Email} ({Id})";

        public static Subaccount FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var subaccount = new Subaccount
            {
                Id = r.String("ID") ?? string.Empty,
                Email = r.String("email"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                CompanyName = r.String("company_name"),
                Username = r.String("username"),
                Language = r.String("language"),
                Currency = r.String("currency"),
                LastLogin = r.Date("lastlogin"),
                LoginCount = r.Long("amountlogin"),
                MaxCampaigns = r.Long("max_campaigns"),
                AvailableCampaigns = r.Long("available_campaigns"),
                ExpiryDate = r.Date("expiry_date"),
                CampaignCount = r.Long("has_campaigns"),
                Status = r.String("status"),
                Country = r.String("country"),
                Package = r.String("package"),
                WebhookEndpoint = r.String("webhook_endpoint"),
                ApiKey = Secure(r.String("api_key")),
                ApiSecret = Secure(r.String("api_secret")),
            };
            // has_campaigns is a count ("2") in the documented example; a flag ("0"/"1", true/false) also reads.
            subaccount.HasCampaigns = subaccount.CampaignCount.HasValue ? subaccount.CampaignCount > 0 : r.Bool("has_campaigns");
            if (r.Token("campaigns") is JArray campaigns)
            {
                subaccount.Campaigns = campaigns.OfType<JObject>().Select(Campaign.FromJson).ToList();
            }

            var access = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in json.Properties().Where(p => p.Name.StartsWith("access_", StringComparison.OrdinalIgnoreCase)))
            {
                var value = r.Bool(property.Name);
                if (value.HasValue && !access.ContainsKey(property.Name.Substring(7)))
                {
                    access[property.Name.Substring(7)] = value.Value;
                }
            }

            subaccount.Access = access;
            subaccount.KeepRest(r);

            // The documented example has "available_campaigns": "en": keep a value that is not a number rather than lose it.
            var available = JsonValues.ToText(r.Token("available_campaigns"));
            if (subaccount.AvailableCampaigns == null && !string.IsNullOrEmpty(available))
            {
                subaccount.AdditionalProperties["available_campaigns"] = available;
            }
            return subaccount;
        }

        internal static SecureString? Secure(string? value)
        {
            // A SecureString holds at most 65536 characters (AppendChar throws past that); no real key
            // or token is that long, so such a value is dropped rather than failing the whole reply.
            if (value == null || value.Length > 65536)
            {
                return null;
            }

            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }

    /// <summary>A one-time link that lets a subaccount user set a new password.</summary>
    public sealed class PasswordResetUrl : ApiObject
    {
        public string Subaccount { get; set; } = string.Empty;

        public string? Url { get; set; }

        public override string ToString() => Url ?? Subaccount;

        public static PasswordResetUrl FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var result = new PasswordResetUrl { Subaccount = r.String("ID") ?? string.Empty, Url = r.String("url") };
            result.KeepRest(r);
            return result;
        }
    }

    /// <summary>A single sign-on link into a subaccount's or a teammate's dashboard.</summary>
    public sealed class SsoUrl : ApiObject
    {
        /// <summary>
        /// The reply's <c>ID</c>: the subaccount (<c>sub_…</c>). A teammate's reply carries an <c>ID</c> too, printed as a
        /// <c>sub_</c> id for a numeric teammate (api/CONTRACT-2025.md, inconsistency 9): it is kept here as sent.
        /// </summary>
        public string Subaccount { get; set; } = string.Empty;

        /// <summary>The numeric teammate id the link was made for (New-CtTeammateSsoUrl); null for a subaccount's link.</summary>
        public string? Teammate { get; set; }

        public string? Page { get; set; }

        /// <summary>The v4 directory the link signs in to (New-CtDirectoryUserSsoUrl); null for the other links.</summary>
        public string? Directory { get; set; }

        /// <summary>The v4 directory user the link signs in as (New-CtDirectoryUserSsoUrl).</summary>
        public string? DirectoryUser { get; set; }

        public string? Url { get; set; }

        public string? WhiteLabelUrl { get; set; }

        /// <summary>The sign-on token, as a SecureString (it is part of the URLs too).</summary>
        public SecureString? Token { get; set; }

        public override string ToString() => Url ?? Teammate ?? DirectoryUser ?? Subaccount;

        /// <summary>A v4 directory user's single sign-on reply: <c>sso_token</c> and <c>sso_url</c>.</summary>
        public static SsoUrl FromDirectoryJson(JObject json, string directory, string user)
        {
            var r = new ModelReader(json);
            var result = new SsoUrl
            {
                Directory = directory,
                DirectoryUser = user,
                Url = r.String("sso_url"),
                Token = Coupontools.Subaccount.Secure(r.String("sso_token")),
            };
            result.KeepRest(r);
            return result;
        }

        public static SsoUrl FromJson(JObject json, string? page, string? teammate = null)
        {
            var r = new ModelReader(json);
            var result = new SsoUrl
            {
                Subaccount = r.String("ID") ?? string.Empty,
                Teammate = teammate,
                Page = page,
                Url = r.String("url"),
                WhiteLabelUrl = r.String("url_whitelabel"),
                Token = Coupontools.Subaccount.Secure(r.String("token")),
            };
            result.KeepRest(r);
            return result;
        }
    }
}
