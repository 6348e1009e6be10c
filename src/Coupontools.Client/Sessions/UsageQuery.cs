using System;
using System.Collections.Generic;
using System.Globalization;
using Coupontools.Client.Endpoints;

namespace Coupontools
{
    /// <summary>Which sessions of a campaign to list: all of them, or those opened, claimed or validated in the date range.</summary>
    public enum CampaignUsageType
    {
        All,
        Opened,
        Claimed,
        Validated,
    }
}

namespace Coupontools.Client.Sessions
{
    /// <summary>
    /// The wire form of a campaign usage read (<c>/v3/campaign/data</c>, <c>/opens</c>, <c>/claims</c>,
    /// <c>/validations</c>): endpoint, page size, and the UTC date filter format of api/ASSUMED.md.
    /// </summary>
    public static class UsageQuery
    {
        /// <summary>Sessions per page, as the API pages usage data: 100 in the 2025 documentation (5000 in the older one).</summary>
        public const int PageSize = 100;

        /// <summary>The array of session items in a usage page.</summary>
        public const string ItemsField = "data";

        /// <summary>
        /// What the API expects in <c>start_date</c>/<c>end_date</c>: UTC, to the minute. The 2025 table prints
        /// <c>yyyy-MM-dd hh-mm</c>, its own error texts <c>yyyy-MM-dd hh:mm</c>; the colon form is sent (see api/ASSUMED.md).
        /// </summary>
        public const string DateFormat = "yyyy-MM-dd HH:mm";

        public static Endpoint EndpointFor(CampaignUsageType type)
        {
            switch (type)
            {
                case CampaignUsageType.Opened:
                    return EndpointCatalog.CampaignOpens;
                case CampaignUsageType.Claimed:
                    return EndpointCatalog.CampaignClaims;
                case CampaignUsageType.Validated:
                    return EndpointCatalog.CampaignValidations;
                default:
                    return EndpointCatalog.CampaignData;
            }
        }

        /// <summary>
        /// The instant as UTC. A UTC value is kept; a local value, and one without a zone (as a
        /// <c>[datetime]'2024-05-01'</c> cast gives), is read as the time of <paramref name="localZone"/>
        /// (default: this machine's zone). A time skipped by a daylight-saving change never throws.
        /// </summary>
        public static DateTime ToUtc(DateTime value, TimeZoneInfo? localZone = null)
        {
            if (value.Kind == DateTimeKind.Utc)
            {
                return value;
            }

            var zone = localZone ?? TimeZoneInfo.Local;
            var wallClock = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
            var utcTicks = wallClock.Ticks - zone.GetUtcOffset(wallClock).Ticks;
            utcTicks = Math.Max(DateTime.MinValue.Ticks, Math.Min(DateTime.MaxValue.Ticks, utcTicks));
            return new DateTime(utcTicks, DateTimeKind.Utc);
        }

        /// <summary>The date filter as sent: UTC, <c>yyyy-MM-dd HH:mm</c>.</summary>
        public static string FormatDate(DateTime value, TimeZoneInfo? localZone = null) =>
            ToUtc(value, localZone).ToString(DateFormat, CultureInfo.InvariantCulture);

        /// <summary>Why a date range cannot be asked for, or null when it can.</summary>
        public static string? CheckRange(DateTime? start, DateTime? end, TimeZoneInfo? localZone = null)
        {
            if (start.HasValue && end.HasValue && ToUtc(end.Value, localZone) < ToUtc(start.Value, localZone))
            {
                return $"-End ({FormatDate(end.Value, localZone)} UTC) is before -Start ({FormatDate(start.Value, localZone)} UTC). Give an end at or after the start.";
            }

            return null;
        }

        /// <summary>The request fields for one page.</summary>
        public static IDictionary<string, object?> Body(string campaign, DateTime? start, DateTime? end, int page, TimeZoneInfo? localZone = null) =>
            new Dictionary<string, object?>
            {
                ["campaign"] = campaign,
                ["page"] = page,
                ["start_date"] = start.HasValue ? FormatDate(start.Value, localZone) : null,
                ["end_date"] = end.HasValue ? FormatDate(end.Value, localZone) : null,
            };
    }
}
