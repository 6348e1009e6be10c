using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Sessions;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Claims, validates, voids or revalues coupon sessions. One session uses the single update; many
    /// sessions get the same change through <c>/v3/couponsession/update/multiple</c> in calls of at
    /// most 1000, each sent as soon as it is full. Every input ends as exactly one success (an output
    /// with -PassThru) or one error naming it.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtCouponSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CouponSession))]
    public sealed class SetCtCouponSession : CtApiCmdlet
    {
        private SessionChange change = new SessionChange();
        private SessionBatcher batcher = new SessionBatcher();
        private ProgressRecord? progress;
        private long sent;
        private long failed;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Session", "CouponSession")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public CouponSessionStatus? Status { get; set; }

        [Parameter]
        public bool? Void { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, 100)]
        public string? Value { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, 100)]
        public string? ValidationValue { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            change = new SessionChange(Status, Void, Value, ValidationValue);
            if (change.IsEmpty)
            {
                ThrowInvalidArgument("Nothing to change: give -Status, -Void, -Value or -ValidationValue.", "NothingToChange", null);
            }

            batcher = new SessionBatcher();
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (!ShouldProcess($"coupon session {id}", "Set " + change))
                {
                    continue;
                }

                foreach (var batch in batcher.Add(id, change))
                {
                    Send(batch);
                }
            }
        }

        protected override void EndProcessing()
        {
            foreach (var batch in batcher.Flush())
            {
                Send(batch);
            }

            if (progress != null)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void Send(SessionBatch batch)
        {
            if (batch.IsSingle)
            {
                SendSingle(batch);
            }
            else
            {
                SendMultiple(batch);
            }

            sent += batch.Sessions.Count;
            if (sent >= SessionBatcher.ApiMaxBatchSize)
            {
                progress ??= new ProgressRecord(0x5e7c, "Updating coupon sessions", "Starting");
                progress.StatusDescription = $"{sent} sent, {failed} failed";
                WriteProgress(progress);
            }
        }

        private void SendSingle(SessionBatch batch)
        {
            var id = batch.Sessions[0];
            if (TryCall((client, token) => client.SendAsync(NewRequest(EndpointCatalog.SessionUpdate, batch.Body()), token), id, out var payload))
            {
                if (PassThru)
                {
                    WriteObject(CouponSession.FromSessionData(payload));
                }
            }
            else
            {
                failed++;
            }
        }

        private void SendMultiple(SessionBatch batch)
        {
            Newtonsoft.Json.Linq.JObject payload;
            try
            {
                payload = Wait(Client.SendAsync(NewRequest(EndpointCatalog.SessionUpdateMultiple, batch.Body()), CancellationToken));
            }
            catch (CoupontoolsApiException ex)
            {
                // The call failed as a whole: each of its sessions gets its own error, with the same cause.
                var advice = ex.Failure == ApiFailure.OutcomeUnknown
                    ? $"This batch of {batch.Sessions.Count} sessions may or may not have been updated. Check the sessions with Get-CtCouponSession before running it again."
                    : null;
                foreach (var session in batch.Sessions)
                {
                    WriteApiError(ex, session, advice);
                }

                failed += batch.Sessions.Count;
                return;
            }

            var outcome = BatchOutcome.Read(payload, batch.Sessions);
            foreach (var failure in outcome.Failed)
            {
                var words = failure.Message ?? "The API did not update this session.";
                var error = new CoupontoolsApiException(ApiFailure.ApiError, EndpointCatalog.SessionUpdateMultiple.Path!,
                    $"{EndpointCatalog.SessionUpdateMultiple.Path}: session '{failure.Session}': {words}" +
                    (failure.ErrorCode.HasValue ? $" (API error {failure.ErrorCode})." : "."),
                    errorCodes: failure.ErrorCode.HasValue ? new[] { failure.ErrorCode.Value } : null,
                    descriptions: failure.Message == null ? null : new[] { failure.Message });
                WriteApiError(error, failure.Session);
            }

            failed += outcome.Failed.Count;
            if (outcome.CountsDisagree || outcome.Unmatched.Count > 0)
            {
                WriteWarning($"The API reported {outcome.ReportedUpdated?.ToString(CultureInfo.InvariantCulture) ?? "no"} updated and {outcome.Failed.Count + outcome.Unmatched.Count} failed " +
                    $"for a batch of {batch.Sessions.Count}; sessions not named as failed are reported as updated. Check them with Get-CtCouponSession.");
            }

            if (PassThru)
            {
                // The batch reply names no session data: read each updated session back (reads are safe to retry).
                foreach (var session in outcome.Updated)
                {
                    var body = new Dictionary<string, object?> { ["couponsession"] = session };
                    if (TryCall((client, token) => client.SendAsync(NewRequest(EndpointCatalog.SessionData, body), token), session, out var data,
                            "The session was updated, but reading it back failed. Get it with Get-CtCouponSession."))
                    {
                        WriteObject(CouponSession.FromSessionData(data));
                    }
                }
            }
        }
    }
}
