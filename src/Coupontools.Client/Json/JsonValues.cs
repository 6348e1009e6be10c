using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Json
{
    /// <summary>
    /// Lenient conversions for the API's loose typing: numbers as strings, "0"/"1" flags,
    /// <c>yyyy-MM-dd HH:mm:ss</c> UTC dates with "" for none. Unreadable values become null, never an exception.
    /// </summary>
    public static class JsonValues
    {
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ",
            "yyyy-MM-ddTHH:mm:ss.ffffffZ",   // the v4 REST family (v4 directories)
        };

        public static string? ToText(JToken? token)
        {
            switch (token?.Type)
            {
                case null:
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                case JTokenType.String:
                case JTokenType.Integer:
                case JTokenType.Float:
                case JTokenType.Boolean:
                    return Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture);
                case JTokenType.Date:
                    return ((DateTime)((JValue)token).Value!).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                default:
                    return token.ToString(Newtonsoft.Json.Formatting.None);
            }
        }

        public static long? ToLong(JToken? token)
        {
            if (token?.Type == JTokenType.Integer)
            {
                var value = ((JValue)token).Value;
                return value is long l ? l : value is System.Numerics.BigInteger ? (long?)null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }

            if (token?.Type == JTokenType.Float)
            {
                var d = Convert.ToDouble(((JValue)token).Value, CultureInfo.InvariantCulture);
                // 2^63 itself passes "d <= long.MaxValue" (the bound rounds up) and then overflows the cast.
                return d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 && Math.Floor(d) == d ? (long)d : (long?)null;
            }

            var text = token?.Type == JTokenType.String ? ((string?)token)?.Trim() : null;
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        }

        public static int? ToInt(JToken? token)
        {
            var value = ToLong(token);
            return value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int)value.Value : (int?)null;
        }

        public static decimal? ToDecimal(JToken? token)
        {
            var text = ToText(token)?.Trim().Replace(',', '.');
            return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
        }

        /// <summary>JSON booleans, "1"/"0", "true"/"false", "yes"/"no"; anything else null.</summary>
        public static bool? ToBool(JToken? token)
        {
            if (token?.Type == JTokenType.Boolean)
            {
                return (bool)token;
            }

            switch (ToText(token)?.Trim().ToLowerInvariant())
            {
                case "1":
                case "true":
                case "yes":
                    return true;
                case "0":
                case "false":
                case "no":
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>A UTC date, or null for "", "0000-00-00 00:00:00" and anything unreadable.</summary>
        public static DateTime? ToUtcDate(JToken? token)
        {
            if (token?.Type == JTokenType.Date)
            {
                var value = (DateTime)token;
                return value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
            }

            var text = token?.Type == JTokenType.String ? ((string?)token)?.Trim() : null;
            if (string.IsNullOrEmpty(text) || text!.StartsWith("0000", StringComparison.Ordinal))
            {
                return null;
            }

            return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : (DateTime?)null;
        }
    }
}
