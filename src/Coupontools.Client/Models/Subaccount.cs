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

        public DateTime? ExpiryDate { get; set; }

        public bool? HasCampaigns { get; set; }

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
                HasCampaigns = r.Bool("has_campaigns"),
                WebhookEndpoint = r.String("webhook_endpoint"),
                ApiKey = Secure(r.String("api_key")),
                ApiSecret = Secure(r.String("api_secret")),
            };
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

    /// <summary>A single sign-on link into a subaccount's dashboard.</summary>
    public sealed class SsoUrl : ApiObject
    {
        public string Subaccount { get; set; } = string.Empty;

        public string? Page { get; set; }

        public string? Url { get; set; }

        public string? WhiteLabelUrl { get; set; }

        /// <summary>The sign-on token, as a SecureString (it is part of the URLs too).</summary>
        public SecureString? Token { get; set; }

        public override string ToString() => Url ?? Subaccount;

        public static SsoUrl FromJson(JObject json, string? page)
        {
            var r = new ModelReader(json);
            var result = new SsoUrl
            {
                Subaccount = r.String("ID") ?? string.Empty,
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
