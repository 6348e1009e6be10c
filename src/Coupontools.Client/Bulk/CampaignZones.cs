using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Bulk
{
    /// <summary>A campaign's time zone: the name <c>/v3/coupon/info</c> gives, and the zone it names on this system (null when unknown here).</summary>
    public sealed class CampaignZone
    {
        public CampaignZone(string campaign, string? name, TimeZoneInfo? zone)
        {
            Campaign = campaign;
            Name = name;
            Zone = zone;
        }

        public string Campaign { get; }

        /// <summary>The IANA name as the API sends it (<c>America/New_York</c>), or null when the reply has none.</summary>
        public string? Name { get; }

        public TimeZoneInfo? Zone { get; }

        /// <summary>Why a UTC or local expiry cannot be converted for this campaign.</summary>
        public string Problem => Name == null
            ? $"The campaign {Campaign} has no time zone in its /v3/coupon/info reply, so a UTC or local -ExpiryDate cannot be converted into the campaign's time. "
              + "Give the expiry as the campaign's own wall time instead: a date without a zone (kind Unspecified), such as [datetime]'2026-12-31 23:59' or a CSV column, is sent as it is."
            : $"The campaign {Campaign}'s time zone '{Name}' is not known to this system (Windows PowerShell 5.1 knows only Windows zone ids), so a UTC or local -ExpiryDate cannot be converted into it. "
              + "Give the expiry as the campaign's own wall time instead: a date without a zone (kind Unspecified), such as [datetime]'2026-12-31 23:59' or a CSV column, is sent as it is.";
    }

    /// <summary>
    /// The time zones of the campaigns one command touches: each read once from <c>/v3/coupon/info</c> (<c>timezone</c>)
    /// and cached, also when several rows ask at the same time.
    /// </summary>
    public sealed class CampaignZones
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<CampaignZone>>> cache =
            new ConcurrentDictionary<string, Lazy<Task<CampaignZone>>>(StringComparer.OrdinalIgnoreCase);

        private readonly Func<string, TimeZoneInfo?> resolve;

        public CampaignZones(Func<string, TimeZoneInfo?>? resolve = null)
        {
            this.resolve = resolve ?? (name => Find(name));
        }

        /// <summary>The campaign's zone; a failed read (unknown campaign, …) is the error of every row that needs it.</summary>
        public Task<CampaignZone> GetAsync(Func<ApiRequest, CancellationToken, Task<JObject>> send, string campaign, CancellationToken token) =>
            cache.GetOrAdd(campaign, c => new Lazy<Task<CampaignZone>>(() => ReadAsync(send, c, token))).Value;

        private async Task<CampaignZone> ReadAsync(Func<ApiRequest, CancellationToken, Task<JObject>> send, string campaign, CancellationToken token)
        {
            var request = new ApiRequest(EndpointCatalog.CampaignInfo, new Dictionary<string, object?> { ["campaign"] = campaign });
            var payload = await send(request, token).ConfigureAwait(false);
            var name = (payload["coupon_info"] as JObject)?["timezone"]?.Type == JTokenType.String
                ? ((string?)payload["coupon_info"]!["timezone"])?.Trim()
                : null;
            name = string.IsNullOrEmpty(name) ? null : name;
            return new CampaignZone(campaign, name, name == null ? null : resolve(name));
        }

        /// <summary>
        /// The zone an IANA name (or a Windows id) names on this system, or null. .NET on Linux and macOS, and .NET 6+ on
        /// Windows, know IANA names; the .NET Framework under Windows PowerShell 5.1 knows only Windows ids, where the
        /// UTC names still resolve and any other IANA name gives null (the caller then refuses a UTC or local expiry).
        /// </summary>
        public static TimeZoneInfo? Find(string name, Func<string, TimeZoneInfo>? systemLookup = null)
        {
            switch (name.Trim().ToUpperInvariant())
            {
                case "UTC":
                case "ETC/UTC":
                case "ETC/UCT":
                case "UCT":
                case "ETC/ZULU":
                case "ZULU":
                case "GMT":
                case "ETC/GMT":
                case "Z":
                    return TimeZoneInfo.Utc;
            }

            try
            {
                return (systemLookup ?? TimeZoneInfo.FindSystemTimeZoneById)(name.Trim());
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
