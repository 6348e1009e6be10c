using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Coupontools.PowerShell
{
    /// <summary>An ISO 3166-1 alpha-2 country code (<c>BE</c>, <c>us</c>); anything else fails binding with a clear message.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateCountryCodeAttribute : ValidateArgumentsAttribute
    {
        // ISO 3166-1 alpha-2, officially assigned codes.
        internal static readonly HashSet<string> Codes = new HashSet<string>((
            "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
            "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
            "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
            "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
            "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
            "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
            "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' '), StringComparer.OrdinalIgnoreCase);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments) as string;
            if (text == null || !Codes.Contains(text.Trim()))
            {
                throw new ValidationMetadataException(
                    $"'{CtIdAttribute.Shorten(text)}' is not an ISO 3166-1 alpha-2 country code. Use two letters such as BE, NL, US or FR.");
            }
        }
    }

    /// <summary>An e-mail address of the plain <c>name@domain.tld</c> form.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEmailAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^[^@\s,;<>""]+@[^@\s,;<>""]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant);

        /// <summary>Each element of an array parameter is checked on its own.</summary>
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject wrapped ? wrapped.BaseObject : element) as string;
            if (text == null || text.Length > 254 || !Shape.IsMatch(text.Trim()))
            {
                throw new ValidationMetadataException($"'{CtIdAttribute.Shorten(text)}' is not an e-mail address (name@example.com).");
            }
        }
    }

    /// <summary>
    /// A phone number in E.164 notation as the vendor's page describes it: '+', a country code that does not start with 0,
    /// digits only (7 to 15 in all), no spaces, dashes, brackets or national leading 0.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateE164Attribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant);

        internal static bool IsE164(string? phone) => phone != null && Shape.IsMatch(phone.Trim());

        /// <summary>Each element of an array parameter is checked on its own.</summary>
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject wrapped ? wrapped.BaseObject : element) as string;
            if (!IsE164(text))
            {
                throw new ValidationMetadataException(
                    $"'{CtIdAttribute.Shorten(text)}' is not a phone number in E.164 notation: a '+', the country code and the number, digits only, without spaces, dashes, brackets or the national leading 0 (for example +447911123456).");
            }
        }
    }

    /// <summary>A loyalty user search term: at least 3 characters, only letters, digits and <c>- _ @ .</c>.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateLoyaltySearchAttribute : ValidateArgumentsAttribute
    {
        private static readonly Regex Allowed = new Regex(@"^[A-Za-z0-9\-_@.]{3,100}$", RegexOptions.CultureInvariant);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments) as string ?? string.Empty;
            if (!Allowed.IsMatch(text))
            {
                var bad = new string(text.Where(c => !(c < 128 && (char.IsLetterOrDigit(c) || "-_@.".IndexOf(c) >= 0))).Distinct().ToArray());
                throw new ValidationMetadataException(text.Length < 3 || text.Length > 100
                    ? $"The search term '{CtIdAttribute.Shorten(text)}' has {text.Length} character(s); give 3 to 100 letters, digits or - _ @ . characters."
                    : $"The search term '{CtIdAttribute.Shorten(text)}' contains '{CtIdAttribute.Shorten(bad)}'; only letters A-Z a-z, digits and - _ @ . are allowed.");
            }
        }
    }

    /// <summary>
    /// Text of at most <see cref="MaxLength"/> characters, or nothing: unlike ValidateLength, a null (a property a piped
    /// object has but left empty) passes, and the parameter is then not sent.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateOptionalTextAttribute : ValidateArgumentsAttribute
    {
        public ValidateOptionalTextAttribute(int maxLength)
        {
            MaxLength = maxLength;
        }

        public int MaxLength { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if ((arguments is PSObject wrapped ? wrapped.BaseObject : arguments) is string text && text.Length > MaxLength)
            {
                throw new ValidationMetadataException($"The text has {text.Length} characters; give at most {MaxLength}.");
            }
        }
    }
}
