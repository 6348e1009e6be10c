using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools
{
    /// <summary>The <c>operation</c> values of <c>/v3/couponsession/update</c> and <c>/v3/batch/update</c>.</summary>
    public enum SessionOperation
    {
        Void,
        Unvoid,
        Lock,
        Unlock,
        Claim,
        Validate,
        Unvalidate,
        Activate,
    }
}

namespace Coupontools.Client.Sessions
{
    /// <summary>One change to coupon sessions: an operation and/or custom fields (and, for one session, a custom id and money spent).</summary>
    public sealed class SessionChange
    {
        /// <summary>The longest custom field and custom id the API takes.</summary>
        public const int MaxFieldLength = 50;

        private static readonly Regex CustomIdText = new Regex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

        public SessionChange(SessionOperation? operation = null, IReadOnlyList<string?>? customFields = null, string? customId = null, decimal? moneySpent = null)
        {
            Operation = operation;
            CustomFields = Enumerable.Range(0, 7).Select(i => customFields != null && i < customFields.Count ? customFields[i] : null).ToList();
            CustomId = customId;
            MoneySpent = moneySpent;
        }

        public SessionOperation? Operation { get; }

        /// <summary>customfield1 to customfield7; null leaves a field as it is.</summary>
        public IReadOnlyList<string?> CustomFields { get; }

        public string? CustomId { get; }

        public decimal? MoneySpent { get; }

        /// <summary>True when nothing would change.</summary>
        public bool IsEmpty => Operation == null && CustomFields.All(f => f == null) && CustomId == null && MoneySpent == null;

        /// <summary>What is wrong with the change, before any request; null when it can be sent.</summary>
        public string? Problem()
        {
            if (IsEmpty)
            {
                return "Nothing to change: give -Operation, a -CustomField1 to -CustomField7, -CustomId or -MoneySpent.";
            }

            for (var i = 0; i < CustomFields.Count; i++)
            {
                if (CustomFields[i] != null && CustomFields[i]!.Length > MaxFieldLength)
                {
                    return $"-CustomField{i + 1} is {CustomFields[i]!.Length} characters long; the API takes at most {MaxFieldLength}.";
                }
            }

            if (CustomId != null && (CustomId.Length > MaxFieldLength || !CustomIdText.IsMatch(CustomId)))
            {
                return $"-CustomId '{CustomId}' is not a custom id the API takes: 1 to {MaxFieldLength} letters A-Z, a-z and digits 0-9.";
            }

            if (MoneySpent.HasValue && MoneySpent.Value < 0)
            {
                return $"-MoneySpent {MoneySpent.Value.ToString(CultureInfo.InvariantCulture)} is negative; the API takes an amount such as 12.500.";
            }

            return null;
        }

        /// <summary>The wire value of an operation: <c>validate</c>.</summary>
        public static string WireName(SessionOperation operation) => operation.ToString().ToLowerInvariant();

        /// <summary><c>money_spent</c> as the API asks for it: <c>0.000</c>, invariant, no thousands separator.</summary>
        public static string FormatMoney(decimal amount) => amount.ToString("0.000", CultureInfo.InvariantCulture);

        /// <summary>The change's fields (null ones are left out of the request).</summary>
        public IDictionary<string, object?> Fields()
        {
            var fields = new Dictionary<string, object?> { ["operation"] = Operation.HasValue ? WireName(Operation.Value) : null };
            for (var i = 0; i < CustomFields.Count; i++)
            {
                fields["customfield" + (i + 1).ToString(CultureInfo.InvariantCulture)] = CustomFields[i];
            }

            fields["customid"] = CustomId;
            fields["money_spent"] = MoneySpent.HasValue ? FormatMoney(MoneySpent.Value) : null;
            return fields;
        }

        /// <summary>For -WhatIf and -Confirm: "Validate, customfield2 'paid'".</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (Operation.HasValue) parts.Add(Operation.Value.ToString());
            for (var i = 0; i < CustomFields.Count; i++)
            {
                if (CustomFields[i] != null) parts.Add($"customfield{i + 1} '{CustomFields[i]}'");
            }

            if (CustomId != null) parts.Add($"custom id '{CustomId}'");
            if (MoneySpent.HasValue) parts.Add("money spent " + FormatMoney(MoneySpent.Value));
            return string.Join(", ", parts);
        }
    }

    /// <summary>
    /// The session write requests and what their error codes mean. Neither is keyed, so neither is
    /// ever re-sent after an unknown outcome (a 5xx or a lost connection): the API might have applied it.
    /// </summary>
    public static class SessionRequests
    {
        /// <summary>One session: <c>/v3/couponsession/update</c>.</summary>
        public static ApiRequest Update(string session, SessionChange change)
        {
            var body = change.Fields();
            body["couponsession"] = session;
            return new ApiRequest(EndpointCatalog.SessionUpdate, body);
        }

        /// <summary>
        /// A sequence range of one campaign: <c>/v3/batch/update</c>, <c>startsequence</c> and/or
        /// <c>endsequence</c> (at least one), the operation and custom fields.
        /// </summary>
        public static ApiRequest BatchUpdate(string campaign, long? fromSequence, long? toSequence, SessionChange change)
        {
            if (!fromSequence.HasValue && !toSequence.HasValue)
            {
                throw new ArgumentException("A range needs a first or a last sequence id, or both.");
            }

            var body = new Dictionary<string, object?>
            {
                ["campaign"] = campaign,
                ["startsequence"] = fromSequence?.ToString(CultureInfo.InvariantCulture),
                ["endsequence"] = toSequence?.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var field in change.Fields().Where(f => f.Key != "customid" && f.Key != "money_spent"))
            {
                body[field.Key] = field.Value;
            }

            return new ApiRequest(EndpointCatalog.SessionBatchUpdate, body);
        }

        /// <summary>
        /// True when the API code means the session already is where the operation would take it
        /// (a rerun of a scheduled task): Claim+352, Unvalidate+353, Lock+354, Void+355, Unlock+356,
        /// Unvoid+357, Validate+358.
        /// </summary>
        public static bool IsAlreadyInState(SessionOperation? operation, int code)
        {
            switch (operation)
            {
                case SessionOperation.Claim: return code == 352;
                case SessionOperation.Unvalidate: return code == 353;
                case SessionOperation.Lock: return code == 354;
                case SessionOperation.Void: return code == 355;
                case SessionOperation.Unlock: return code == 356;
                case SessionOperation.Unvoid: return code == 357;
                case SessionOperation.Validate: return code == 358;
                default: return false;
            }
        }

        /// <summary>
        /// The ErrorId (without the <c>Coupontools.</c> prefix) of a session-state code, or null for
        /// codes that are not about a session's state.
        /// </summary>
        public static string? StateErrorId(SessionOperation? operation, int code)
        {
            switch (code)
            {
                case 351: return "SessionExpired";
                case 352: return operation == SessionOperation.Lock ? "SessionNotClaimed" : "SessionAlreadyClaimed";
                case 353: return "SessionAlreadyUnvalidated";
                case 354: return "SessionLocked";
                case 355: return "SessionVoided";
                case 356: return "SessionNotLocked";
                case 357: return "SessionNotVoided";
                case 358: return "SessionAlreadyValidated";
                case 359: return "SessionNotClaimed";
                case 360: return "SessionNotStarted";
                case 512:
                case 513: return "SessionNotFound";
                default: return null;
            }
        }
    }
}
