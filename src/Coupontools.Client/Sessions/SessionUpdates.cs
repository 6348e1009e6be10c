using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>The states a coupon session can be set to.</summary>
    public enum CouponSessionStatus
    {
        Claimed,
        Validated,
    }
}

namespace Coupontools.Client.Sessions
{
    /// <summary>One change to coupon sessions: the update fields of <c>/v3/couponsession/update</c> (and <c>/update/multiple</c>).</summary>
    public sealed class SessionChange
    {
        public SessionChange(CouponSessionStatus? status = null, bool? voided = null, string? value = null, string? validationValue = null)
        {
            Status = status;
            Void = voided;
            Value = value;
            ValidationValue = validationValue;
        }

        public CouponSessionStatus? Status { get; }

        public bool? Void { get; }

        public string? Value { get; }

        public string? ValidationValue { get; }

        /// <summary>True when nothing would change.</summary>
        public bool IsEmpty => Status == null && Void == null && Value == null && ValidationValue == null;

        /// <summary>The update fields as sent (null fields are left out of the request).</summary>
        public IDictionary<string, object?> Fields() => new Dictionary<string, object?>
        {
            ["status"] = Status?.ToString().ToLowerInvariant(),
            ["void"] = Void,
            ["value"] = Value,
            ["validation_value"] = ValidationValue,
        };

        /// <summary>Equal for equal changes: sessions with the same key can share one batch call.</summary>
        public string Key => string.Join("\u001f", Fields().Select(f => f.Key + "=" + (f.Value == null ? "\u0000" : Convert.ToString(f.Value, CultureInfo.InvariantCulture))));

        /// <summary>For -WhatIf and -Confirm: "status Validated, void False".</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (Status != null) parts.Add("status " + Status);
            if (Void != null) parts.Add("void " + (Void.Value ? "true" : "false"));
            if (Value != null) parts.Add("value '" + Value + "'");
            if (ValidationValue != null) parts.Add("validation value '" + ValidationValue + "'");
            return string.Join(", ", parts);
        }
    }

    /// <summary>Sessions that get the same change in one call.</summary>
    public sealed class SessionBatch
    {
        internal SessionBatch(SessionChange change, IReadOnlyList<string> sessions)
        {
            Change = change;
            Sessions = sessions;
        }

        public SessionChange Change { get; }

        public IReadOnlyList<string> Sessions { get; }

        /// <summary>One session goes through the single update, which also returns it.</summary>
        public bool IsSingle => Sessions.Count == 1;

        /// <summary>The request fields: <c>couponsession</c> for one, <c>couponsessions</c> (comma separated) for many.</summary>
        public IDictionary<string, object?> Body()
        {
            var body = Change.Fields();
            if (IsSingle)
            {
                body["couponsession"] = Sessions[0];
            }
            else
            {
                body["couponsessions"] = string.Join(",", Sessions);
            }

            return body;
        }
    }

    /// <summary>
    /// Groups sessions by change into batches of at most <see cref="MaxBatchSize"/>. A batch is handed
    /// out as soon as it is full, so memory stays flat however many sessions stream in; the rest come
    /// out of <see cref="Flush"/>. A session given twice for the same change goes into a later batch,
    /// so every input is counted in exactly one reply.
    /// </summary>
    public sealed class SessionBatcher
    {
        /// <summary>The most sessions <c>/v3/couponsession/update/multiple</c> takes in one call.</summary>
        public const int ApiMaxBatchSize = 1000;

        private readonly Dictionary<string, Pending> groups = new Dictionary<string, Pending>(StringComparer.Ordinal);
        private readonly List<string> order = new List<string>();

        public SessionBatcher(int maxBatchSize = ApiMaxBatchSize)
        {
            if (maxBatchSize < 1 || maxBatchSize > ApiMaxBatchSize)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBatchSize), $"A batch holds 1 to {ApiMaxBatchSize} sessions.");
            }

            MaxBatchSize = maxBatchSize;
        }

        public int MaxBatchSize { get; }

        /// <summary>Sessions added and not yet handed out in a batch.</summary>
        public int PendingCount => groups.Values.Sum(g => g.Sessions.Count);

        /// <summary>Adds a session; returns the batches that are ready (none, or one, or two when a repeat closes a batch early).</summary>
        public IReadOnlyList<SessionBatch> Add(string session, SessionChange change)
        {
            if (string.IsNullOrEmpty(session))
            {
                throw new ArgumentException("A session code is required.", nameof(session));
            }

            var ready = new List<SessionBatch>();
            var key = change.Key;
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Pending(change);
                groups[key] = group;
                order.Add(key);
            }

            if (!group.Seen.Add(session))
            {
                ready.Add(group.Take());
                group.Seen.Add(session);
            }

            group.Sessions.Add(session);
            if (group.Sessions.Count >= MaxBatchSize)
            {
                ready.Add(group.Take());
            }

            return ready;
        }

        /// <summary>Every batch not handed out yet, groups in the order they were first seen.</summary>
        public IReadOnlyList<SessionBatch> Flush()
        {
            var ready = order.Select(k => groups[k]).Where(g => g.Sessions.Count > 0).Select(g => g.Take()).ToList();
            groups.Clear();
            order.Clear();
            return ready;
        }

        private sealed class Pending
        {
            public Pending(SessionChange change)
            {
                Change = change;
            }

            public SessionChange Change { get; }

            public List<string> Sessions { get; private set; } = new List<string>();

            public HashSet<string> Seen { get; private set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public SessionBatch Take()
            {
                var batch = new SessionBatch(Change, Sessions);
                Sessions = new List<string>();
                Seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                return batch;
            }
        }
    }

    /// <summary>A session the API named in <c>failed[]</c> of a batch update.</summary>
    public sealed class SessionFailure
    {
        public SessionFailure(string session, int? errorCode, string? message)
        {
            Session = session;
            ErrorCode = errorCode;
            Message = message;
        }

        public string Session { get; }

        public int? ErrorCode { get; }

        public string? Message { get; }
    }

    /// <summary>
    /// What a <c>/v3/couponsession/update/multiple</c> reply says of each session of the batch: every
    /// session is either updated or failed, never both and never neither.
    /// </summary>
    public sealed class BatchOutcome
    {
        private BatchOutcome(List<string> updated, List<SessionFailure> failed, long? reportedUpdated, List<SessionFailure> unmatched)
        {
            Updated = updated;
            Failed = failed;
            ReportedUpdated = reportedUpdated;
            Unmatched = unmatched;
        }

        /// <summary>Sessions of the batch that are not in <c>failed[]</c>, in input order.</summary>
        public IReadOnlyList<string> Updated { get; }

        /// <summary>Sessions of the batch named in <c>failed[]</c>, in input order, with the input's spelling.</summary>
        public IReadOnlyList<SessionFailure> Failed { get; }

        /// <summary>The reply's <c>updated</c> number, when given.</summary>
        public long? ReportedUpdated { get; }

        /// <summary>Entries of <c>failed[]</c> that name no session of the batch.</summary>
        public IReadOnlyList<SessionFailure> Unmatched { get; }

        /// <summary>True when the reply's <c>updated</c> number disagrees with what <c>failed[]</c> implies.</summary>
        public bool CountsDisagree => ReportedUpdated.HasValue && ReportedUpdated.Value != Updated.Count;

        /// <summary>Reads the payload (the reply without its envelope) against the sessions that were sent.</summary>
        public static BatchOutcome Read(JObject payload, IReadOnlyList<string> sessions)
        {
            var reported = JsonValues.ToLong(payload.GetValue("updated", StringComparison.OrdinalIgnoreCase));
            var failures = new Dictionary<string, SessionFailure>(StringComparer.OrdinalIgnoreCase);
            var unmatched = new List<SessionFailure>();
            var sent = new HashSet<string>(sessions, StringComparer.OrdinalIgnoreCase);
            if (payload.GetValue("failed", StringComparison.OrdinalIgnoreCase) is JArray list)
            {
                foreach (var item in list)
                {
                    var failure = ReadFailure(item);
                    if (failure == null)
                    {
                        continue;
                    }

                    var key = Match(failure.Session, sent);
                    if (key == null)
                    {
                        unmatched.Add(failure);
                    }
                    else if (!failures.ContainsKey(key))
                    {
                        failures[key] = failure;
                    }
                }
            }

            var updated = new List<string>();
            var failed = new List<SessionFailure>();
            foreach (var session in sessions)
            {
                if (failures.TryGetValue(session, out var failure))
                {
                    failed.Add(new SessionFailure(session, failure.ErrorCode, failure.Message));
                }
                else
                {
                    updated.Add(session);
                }
            }

            return new BatchOutcome(updated, failed, reported, unmatched);
        }

        /// <summary>The sent session a failure names: the same code, or the 6-character short form of either.</summary>
        private static string? Match(string named, HashSet<string> sent)
        {
            if (sent.Contains(named))
            {
                return named;
            }

            foreach (var session in sent)
            {
                if ((named.Length == 6 && session.Length > 6 && session.StartsWith(named, StringComparison.OrdinalIgnoreCase))
                    || (session.Length == 6 && named.Length > 6 && named.StartsWith(session, StringComparison.OrdinalIgnoreCase)))
                {
                    return session;
                }
            }

            return null;
        }

        private static SessionFailure? ReadFailure(JToken item)
        {
            if (item is JObject obj)
            {
                var reader = new ModelReader(obj);
                var session = reader.String("session") ?? reader.String("couponsession");
                if (session == null)
                {
                    return null;
                }

                var code = reader.Token("error_code");
                var codeValue = code is JArray codes ? JsonValues.ToInt(codes.FirstOrDefault()) : JsonValues.ToInt(code);
                var message = reader.String("error_message") ?? reader.String("error_message_description");
                return new SessionFailure(session, codeValue, message);
            }

            var text = JsonValues.ToText(item);
            return string.IsNullOrEmpty(text) ? null : new SessionFailure(text!, null, null);
        }
    }
}
