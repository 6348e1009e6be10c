using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools.Client.Bulk
{
    /// <summary>Which field of a row <c>duplicate_check</c> names.</summary>
    public enum DuplicateCheck
    {
        /// <summary>The first of e-mail, phone and custom id the row has.</summary>
        Default,
        Email,
        Phone,
        CustomId,

        /// <summary>No duplicate check: every send makes a new session, so the create is never repeated.</summary>
        None,
    }

    /// <summary>One recipient of a single-use URL, as read from a row of input.</summary>
    public sealed class SingleUseRecipient
    {
        /// <summary>The campaign id with its prefix (<c>cam_123</c>).</summary>
        public string? Campaign { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? CustomId { get; set; }

        /// <summary><c>customfield1</c> to <c>customfield7</c>; index 0 is customfield1.</summary>
        public string?[] CustomFields { get; } = new string?[SingleUseRequests.CustomFieldCount];

        /// <summary>A custom validation code (<c>customvalcode</c>).</summary>
        public string? ValidationCode { get; set; }

        /// <summary>A code the server generates (<c>autovalcode</c>): <c>6Digits</c>, <c>8Digits</c> or <c>10Digits</c>.</summary>
        public string? AutoValidationCode { get; set; }

        public DuplicateCheck DuplicateCheck { get; set; }

        public string? UtmSource { get; set; }

        public string? UtmMedium { get; set; }

        public string? UtmCampaign { get; set; }

        public string? UtmTerm { get; set; }

        public string? UtmContent { get; set; }

        /// <summary>
        /// When the URL stops working. Sent in the campaign's time zone: a UTC or local value is converted, an
        /// unspecified one is the campaign's wall time already.
        /// </summary>
        public DateTime? ExpiryDate { get; set; }

        /// <summary>True when the expiry must be converted into the campaign's zone (so the zone must be known).</summary>
        public bool ExpiryNeedsZone => ExpiryDate.HasValue && ExpiryDate.Value.Kind != DateTimeKind.Unspecified;

        /// <summary>
        /// The field sent as <c>duplicate_check</c> (<c>email</c>, <c>phone</c>, <c>customid</c>), or null. With one, repeating the
        /// create returns the session already made instead of a second one.
        /// </summary>
        public string? DuplicateField
        {
            get
            {
                switch (DuplicateCheck)
                {
                    case DuplicateCheck.None:
                        return null;
                    case DuplicateCheck.Email:
                        return SingleUseRequests.IsBlank(Email) ? null : "email";
                    case DuplicateCheck.Phone:
                        return SingleUseRequests.IsBlank(Phone) ? null : "phone";
                    case DuplicateCheck.CustomId:
                        return SingleUseRequests.IsBlank(CustomId) ? null : "customid";
                    default:
                        return !SingleUseRequests.IsBlank(Email) ? "email" : !SingleUseRequests.IsBlank(Phone) ? "phone" : !SingleUseRequests.IsBlank(CustomId) ? "customid" : null;
                }
            }
        }

        /// <summary>True when the create is keyed by <c>duplicate_check</c>, so it may be repeated after an unknown outcome.</summary>
        public bool HasKey => DuplicateField != null;
    }

    /// <summary>What is wrong with an input, found before any request.</summary>
    public sealed class InputProblem
    {
        public InputProblem(string field, bool missing, string message)
        {
            Field = field;
            Missing = missing;
            Message = message;
        }

        /// <summary>The parameter at fault (<c>Campaign</c>, <c>Email</c>, …).</summary>
        public string Field { get; }

        /// <summary>True when the value is missing, false when it is malformed.</summary>
        public bool Missing { get; }

        public string Message { get; }
    }

    /// <summary>
    /// The rules for single-use URL calls, kept apart from PowerShell so they are unit-tested: what a row
    /// must hold, how a create is made idempotent, how a large <c>-Count</c> is split.
    /// </summary>
    public static class SingleUseRequests
    {
        /// <summary>The most codes one <c>/v3/multiplesingleuse/create</c> call may ask for.</summary>
        public const int MaxCodesPerCall = 100000;

        public const int MinCodeLength = 10;

        public const int MaxCodeLength = 25;

        /// <summary>Longest custom validation code the API accepts (2025: 100).</summary>
        public const int MaxValidationCodeLength = 100;

        /// <summary>Longest custom id and custom field value the API accepts.</summary>
        public const int MaxFieldLength = 50;

        public const int CustomFieldCount = 7;

        /// <summary>The <c>autovalcode</c> values, as the API spells them.</summary>
        public static readonly IReadOnlyList<string> AutoValidationCodes = new[] { "6digits", "8digits", "10digits" };

        /// <summary>How <c>expiry_date</c> is written: the campaign's wall time.</summary>
        public const string ExpiryFormat = "yyyy-MM-dd HH:mm:ss";

        private static readonly Regex CampaignId = new Regex("^cam_[0-9]{1,19}$", RegexOptions.CultureInvariant);
        private static readonly Regex EmailAddress = new Regex(@"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant);
        private static readonly Regex CodeText = new Regex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex PhoneNumber = new Regex(@"^\+?[0-9][0-9 ()./-]{3,30}$", RegexOptions.CultureInvariant);

        /// <summary>The first problem of a row, or null when it can be sent.</summary>
        public static InputProblem? Validate(SingleUseRecipient row)
        {
            if (string.IsNullOrEmpty(row.Campaign))
            {
                return new InputProblem("Campaign", true, "The row has no campaign: give -Campaign, or a Campaign column.");
            }

            if (!CampaignId.IsMatch(row.Campaign))
            {
                return new InputProblem("Campaign", false, $"'{row.Campaign}' is not a campaign id (cam_<digits>, or the number alone).");
            }

            if (!string.IsNullOrEmpty(row.Email) && (row.Email!.Length > 254 || !EmailAddress.IsMatch(row.Email)))
            {
                return new InputProblem("Email", false, $"'{row.Email}' is not an e-mail address.");
            }

            if (!string.IsNullOrEmpty(row.Phone) && !PhoneNumber.IsMatch(row.Phone))
            {
                return new InputProblem("Phone", false, $"'{row.Phone}' is not a phone number (digits, optionally with a leading +).");
            }

            if (!string.IsNullOrEmpty(row.ValidationCode)
                && (row.ValidationCode!.Length > MaxValidationCodeLength || !CodeText.IsMatch(row.ValidationCode)))
            {
                return new InputProblem("ValidationCode", false,
                    $"'{row.ValidationCode}' is not a validation code the API accepts: only letters, digits, '-' and '_', at most {MaxValidationCodeLength} characters.");
            }

            if (!string.IsNullOrEmpty(row.AutoValidationCode))
            {
                if (!AutoValidationCodes.Contains(row.AutoValidationCode!.ToLowerInvariant()))
                {
                    return new InputProblem("AutoValidationCode", false, $"-AutoValidationCode '{row.AutoValidationCode}' is not one of 6Digits, 8Digits, 10Digits.");
                }

                if (!string.IsNullOrEmpty(row.ValidationCode))
                {
                    return new InputProblem("AutoValidationCode", false,
                        $"The row has both a ValidationCode ('{row.ValidationCode}') and -AutoValidationCode {row.AutoValidationCode}: the API takes one or the other.");
                }
            }

            if (!string.IsNullOrEmpty(row.CustomId) && row.CustomId!.Length > MaxFieldLength)
            {
                return new InputProblem("CustomId", false, $"The CustomId has {row.CustomId.Length} characters; the API takes at most {MaxFieldLength}.");
            }

            for (var i = 0; i < CustomFieldCount; i++)
            {
                var value = row.CustomFields[i];
                if (value != null && value.Length > MaxFieldLength)
                {
                    return new InputProblem("CustomField" + (i + 1), false, $"CustomField{i + 1} has {value.Length} characters; the API takes at most {MaxFieldLength}.");
                }
            }

            var wanted = row.DuplicateCheck;
            if (wanted != DuplicateCheck.Default && wanted != DuplicateCheck.None && row.DuplicateField == null)
            {
                return new InputProblem("DuplicateCheck", false, $"-DuplicateCheck {wanted} names a field the row does not have: give the row a {wanted}, or choose another -DuplicateCheck.");
            }

            return null;
        }

        /// <summary>
        /// The expiry as the API reads it: <c>yyyy-MM-dd HH:mm:ss</c> in the campaign's zone. A UTC or local value is
        /// converted into <paramref name="campaignZone"/>; an unspecified one is the campaign's wall time and is sent as it is.
        /// </summary>
        public static string FormatExpiry(DateTime value, TimeZoneInfo? campaignZone)
        {
            if (value.Kind != DateTimeKind.Unspecified)
            {
                if (campaignZone == null)
                {
                    throw new ArgumentNullException(nameof(campaignZone), "A UTC or local expiry needs the campaign's time zone.");
                }

                value = TimeZoneInfo.ConvertTime(value, campaignZone);
            }

            return value.ToString(ExpiryFormat, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// The create request for a valid row. When the row has the field its <c>duplicate_check</c> names (by default the
        /// first of e-mail, phone and custom id) it carries that check and is marked safe to repeat, so the client may retry
        /// it after a 5xx or a lost connection; without one it is never re-sent (a lost reply becomes an OutcomeUnknown error).
        /// <paramref name="campaignZone"/> is needed only when the expiry is a UTC or local time.
        /// </summary>
        public static ApiRequest Create(SingleUseRecipient row, TimeZoneInfo? campaignZone = null)
        {
            var body = new Dictionary<string, object?>
            {
                ["campaign"] = row.Campaign,
                ["firstname"] = Blank(row.FirstName),
                ["lastname"] = Blank(row.LastName),
                ["email"] = Blank(row.Email),
                ["phone"] = Blank(row.Phone),
                ["customid"] = Blank(row.CustomId),
            };
            for (var i = 0; i < CustomFieldCount; i++)
            {
                body["customfield" + (i + 1)] = Blank(row.CustomFields[i]);
            }

            body["customvalcode"] = Blank(row.ValidationCode);
            body["autovalcode"] = Blank(row.AutoValidationCode)?.ToLowerInvariant();
            body["duplicate_check"] = row.DuplicateField;
            body["utm_source"] = Blank(row.UtmSource);
            body["utm_medium"] = Blank(row.UtmMedium);
            body["utm_campaign"] = Blank(row.UtmCampaign);
            body["utm_term"] = Blank(row.UtmTerm);
            body["utm_content"] = Blank(row.UtmContent);
            body["expiry_date"] = row.ExpiryDate.HasValue ? FormatExpiry(row.ExpiryDate.Value, campaignZone) : null;
            return new ApiRequest(EndpointCatalog.SingleUseCreate, body) { SafeToRepeat = row.HasKey };
        }

        /// <summary>Splits <paramref name="count"/> codes into calls of at most <see cref="MaxCodesPerCall"/>.</summary>
        public static IReadOnlyList<int> SplitCount(long count, int perCall = MaxCodesPerCall)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "At least one code must be asked for.");
            }

            var calls = new List<int>();
            for (var left = count; left > 0; left -= perCall)
            {
                calls.Add((int)Math.Min(left, perCall));
            }

            return calls;
        }

        /// <summary>
        /// Checks the automated-code options together; null when they fit. The code length defaults to
        /// <see cref="MinCodeLength"/>; the prefix must leave room for enough distinct codes for <paramref name="count"/>.
        /// </summary>
        public static string? ValidateAutomatedCodes(string? prefix, int? length, bool numeric, long count)
        {
            var size = length ?? MinCodeLength;
            if (size < MinCodeLength || size > MaxCodeLength)
            {
                return $"-CodeLength must be {MinCodeLength} to {MaxCodeLength}.";
            }

            prefix ??= string.Empty;
            if (prefix.Length > 0 && !Regex.IsMatch(prefix, numeric ? "^[0-9]+$" : "^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant))
            {
                return numeric
                    ? $"-CodePrefix '{prefix}' must be digits only with -CodeType Numeric."
                    : $"-CodePrefix '{prefix}' may hold only letters, digits, '-' and '_'.";
            }

            var free = size - prefix.Length;
            if (free < 1)
            {
                return $"-CodePrefix '{prefix}' ({prefix.Length} characters) must be shorter than the code length ({size}).";
            }

            // Alphanumeric codes avoid look-alike characters: count 32 symbols, not 36.
            var distinct = Math.Pow(numeric ? 10 : 32, free);
            if (distinct < count)
            {
                return $"Codes of {size} characters with the prefix '{prefix}' leave {free} free character(s): at most {distinct.ToString("0", CultureInfo.InvariantCulture)} distinct {(numeric ? "numeric" : "alphanumeric")} codes, fewer than the {count} asked for. Use a longer -CodeLength or a shorter -CodePrefix.";
            }

            return null;
        }

        /// <summary>The create-many request for one call.</summary>
        public static ApiRequest CreateMany(string campaign, int amount, string? status, bool automatedCodes, string? prefix, int? length, bool numeric)
        {
            var body = new Dictionary<string, object?>
            {
                ["campaign"] = campaign,
                ["amount"] = amount,
                ["status"] = status?.ToLowerInvariant(),
            };
            if (automatedCodes)
            {
                body["automated_codes"] = true;
                body["code_prefix"] = Blank(prefix);
                body["code_length"] = length ?? MinCodeLength;
                body["code_type"] = numeric ? "numeric" : "alphanumeric";
            }

            return new ApiRequest(EndpointCatalog.SingleUseCreateMultiple, body);
        }

        /// <summary>The remove request.</summary>
        public static ApiRequest Remove(string campaign, string session) =>
            new ApiRequest(EndpointCatalog.SingleUseRemove, new Dictionary<string, object?> { ["campaign"] = campaign, ["couponsession"] = session });

        private static string? Blank(string? value)
        {
            var text = value?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        internal static bool IsBlank(string? value) => string.IsNullOrEmpty(value?.Trim());

        /// <summary>The recipient's identifying fields, for messages: <c>CustomId=…, Email=…</c>.</summary>
        public static string Describe(SingleUseRecipient row)
        {
            var parts = new[] { ("CustomId", row.CustomId), ("Email", row.Email), ("Phone", row.Phone) }
                .Where(p => !IsBlank(p.Item2)).Select(p => p.Item1 + "=" + p.Item2).ToList();
            if (parts.Count > 0)
            {
                return string.Join(", ", parts);
            }

            var name = string.Join(" ", new[] { row.FirstName, row.LastName }.Where(n => !IsBlank(n)));
            return name.Length > 0 ? name + " (no e-mail, phone or custom id)" : "(no e-mail, phone or custom id)";
        }
    }
}
