using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Coupontools.PowerShell
{
    /// <summary>The id kinds of the API, their wire prefixes and the words used in messages.</summary>
    public enum IdKind
    {
        Campaign,
        Subaccount,
        Directory,
        DirectoryUser,
        Category,
        Package,
        LoyaltyCard,
        LoyaltyCardUser,
        CouponSession,
        WebhookEvent,
        ContactGroup,
        Contact,
    }

    internal static class Ids
    {
        private static readonly Regex SessionCode = new Regex("^(?:[A-Za-z0-9]{21}|[A-Za-z0-9]{6})$", RegexOptions.CultureInvariant);
        private static readonly Regex EventId = new Regex("^(?:evt_[A-Za-z0-9]{1,64}|[0-9]{1,19})$", RegexOptions.CultureInvariant);   // directory_registration ids are plain numbers

        public static string? Prefix(IdKind kind) => kind switch
        {
            IdKind.Campaign => "cam_",
            IdKind.Subaccount => "sub_",
            IdKind.Directory => "dir_",
            IdKind.DirectoryUser => "reg_",
            IdKind.Category => "cat_",
            IdKind.Package => "pac_",
            IdKind.ContactGroup => "gro_",
            IdKind.Contact => "con_",
            _ => null,
        };

        public static string Describe(IdKind kind) => kind switch
        {
            IdKind.Campaign => "a campaign id (cam_<digits>, or the number alone)",
            IdKind.Subaccount => "a subaccount id (sub_<digits>, or the number alone)",
            IdKind.Directory => "a directory id (dir_<digits> for a legacy directory, the number alone for a v4 one)",
            IdKind.DirectoryUser => "a directory user id (reg_<digits> for a legacy directory's user, the number alone for a v4 one's)",
            IdKind.Category => "a category id (cat_<digits>, or the number alone)",
            IdKind.Package => "a package id (pac_<letters or digits>)",
            IdKind.LoyaltyCard => "a loyalty card id (loy_<letters or digits> for a web card, the number alone for a wallet card)",
            IdKind.LoyaltyCardUser => "a loyalty card user id (lus_<letters or digits> for a web card's user, the number alone for a wallet card's)",
            IdKind.CouponSession => "a coupon session code (21 letters or digits, or its first 6)",
            IdKind.WebhookEvent => "a webhook event id (evt_<letters or digits>, or a number for directory_registration)",
            IdKind.ContactGroup => "an SMS or e-mail group id (gro_<digits>, or the number alone)",
            IdKind.Contact => "a contact id (con_<digits>, or the number alone)",
            _ => kind.ToString(),
        };

        /// <summary>The id as sent on the wire: prefixed where the kind has a prefix; null when it is not such an id.</summary>
        public static string? Normalize(IdKind kind, string? value)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text) || text!.Length > 64)
            {
                return null;
            }

            switch (kind)
            {
                case IdKind.CouponSession:
                    return SessionCode.IsMatch(text) ? text : null;
                case IdKind.WebhookEvent:
                    return EventId.IsMatch(text) ? text : null;
                case IdKind.Package:
                    return Lettered("pac_", text);
                case IdKind.LoyaltyCard:
                    return Lettered("loy_", text) ?? Number(text);
                case IdKind.LoyaltyCardUser:
                    return Lettered("lus_", text) ?? Number(text);
                case IdKind.Directory:
                case IdKind.DirectoryUser:
                    // dir_/reg_ name the legacy (v3) generation; a bare number is a v4 directory or user and stays bare.
                    return Number(text) ?? (text.StartsWith(Prefix(kind)!, StringComparison.OrdinalIgnoreCase) && Number(text.Substring(4)) is { } legacy
                        ? Prefix(kind) + legacy : null);
            }

            var prefix = Prefix(kind);
            var digits = prefix != null && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text.Substring(prefix.Length) : text;
            return Number(digits) is { } number ? prefix + number : null;
        }

        /// <summary>
        /// True for the id of the second product generation, a bare number (v4 REST): a wallet loyalty card or user, a v4
        /// directory or user. The first generation's ids carry <c>loy_</c>/<c>lus_</c> or <c>dir_</c>/<c>reg_</c> (v3). Takes a normalized id.
        /// </summary>
        public static bool IsSecondGeneration(string id) => Number(id) != null;

        private static string? Number(string text) =>
            text.Length > 0 && text.Length <= 19 && text.All(c => c >= '0' && c <= '9') ? text : null;

        /// <summary><paramref name="prefix"/> and letters or digits, the prefix in lower case; null otherwise.</summary>
        private static string? Lettered(string prefix, string text) =>
            text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && text.Skip(prefix.Length).All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                ? prefix + text.Substring(prefix.Length) : null;
    }

    /// <summary>
    /// Turns an id parameter's values into their wire form (<c>123</c> → <c>cam_123</c>) and rejects
    /// anything else during parameter binding, so no request goes out for a malformed id.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CtIdAttribute : ArgumentTransformationAttribute
    {
        public CtIdAttribute(IdKind kind)
        {
            Kind = kind;
        }

        public IdKind Kind { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null)
            {
                return null;
            }

            if (OtherKindOfObject(value))
            {
                // A campaign piped to a parameter that takes a loyalty card id (Send-CtPushNotification -All takes
                // either): not this parameter's input, so it stays unbound here instead of failing the pipeline.
                return inputData;
            }

            if (value is string || !(value is IEnumerable list))
            {
                return NormalizeOne(inputData);
            }

            return list.Cast<object?>().Select(NormalizeOne).ToArray();
        }

        private string NormalizeOne(object? item)
        {
            // A PSCustomObject (an Import-Csv row) keeps its properties on the wrapper, not the base object.
            var value = item is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : item;
            if (!(value is string) && value != null && !value.GetType().IsPrimitive)
            {
                // An object piped whole (a campaign, a session): its Id is what is meant; a single-use URL
                // names its coupon session in Session.
                var properties = PSObject.AsPSObject(value).Properties;
                value = (Kind == IdKind.CouponSession ? properties["Session"]?.Value : null) ?? properties["Id"]?.Value ?? value;
            }

            var text = value is string s ? s : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            return Ids.Normalize(Kind, text) ?? throw new ArgumentTransformationMetadataException(
                $"'{Shorten(text)}' is not {Ids.Describe(Kind)}.");
        }

        /// <summary>True for a model object (Coupontools.Campaign, ...) of another kind than this id, which has no id of this kind.</summary>
        private bool OtherKindOfObject(object value)
        {
            var type = value.GetType();
            if (type.Namespace != "Coupontools" || !(value is ApiObject) || type.Name == Kind.ToString())
            {
                return false;
            }

            return !(Kind == IdKind.CouponSession && type.GetProperty("Session") != null);
        }

        internal static string Shorten(string? text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            var printable = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
            return printable.Length > 60 ? printable.Substring(0, 60) + "…" : printable;
        }
    }
}
