using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;
using Coupontools.Client.Sessions;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Changes coupon sessions through <c>/v3/couponsession/update</c>, one request per session with up to
    /// -ThrottleLimit in flight (output in input order, one output or one error per input), or a sequence
    /// range of one campaign in one <c>/v3/batch/update</c> call. A session that already is in the state
    /// asked for is a warning, not an error: a rerun of a scheduled task finds its earlier work done.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtCouponSession", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SessionUpdateResult), ParameterSetName = new[] { SessionSet })]
    [OutputType(typeof(BatchUpdateResult), ParameterSetName = new[] { RangeSet })]
    [TakesRows("coupon session", nameof(Id))]
    public sealed class SetCtCouponSession : CtPerInputCmdlet
    {
        private const string SessionSet = "Session";
        private const string RangeSet = "Range";

        private SessionChange change = new SessionChange();

        // Not Mandatory, and taken by value through InputObject: a CSV row without a session column must reach
        // ProcessRecord, where BindRow stops the command with one error, instead of failing once per row in binding.
        [Parameter(Position = 0, ParameterSetName = SessionSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Session", "CouponSession", "SessionId", "Code", "CouponCode")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The piped object: a session code as text, a session, or a row whose columns bind the parameters.</summary>
        [Parameter(ParameterSetName = SessionSet, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        // Not from the pipeline: a piped session carries a Campaign too, and must select the session set.
        [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Campaign { get; set; } = string.Empty;

        [Parameter(ParameterSetName = RangeSet)]
        [Alias("StartSequence")]
        [ValidateRange(1L, long.MaxValue)]
        public long? FromSequence { get; set; }

        [Parameter(ParameterSetName = RangeSet)]
        [Alias("EndSequence")]
        [ValidateRange(1L, long.MaxValue)]
        public long? ToSequence { get; set; }

        [Parameter]
        public SessionOperation? Operation { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField1 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField2 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField3 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField4 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField5 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField6 { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateLength(0, SessionChange.MaxFieldLength)]
        public string? CustomField7 { get; set; }

        [Parameter(ParameterSetName = SessionSet)]
        [ValidatePattern("^[A-Za-z0-9]{1,50}$")]
        public string? CustomId { get; set; }

        [Parameter(ParameterSetName = SessionSet)]
        public decimal? MoneySpent { get; set; }

        [Parameter(ParameterSetName = SessionSet)]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            change = new SessionChange(Operation,
                new[] { CustomField1, CustomField2, CustomField3, CustomField4, CustomField5, CustomField6, CustomField7 }, CustomId, MoneySpent);
            var problem = change.Problem();
            if (problem != null)
            {
                ThrowInvalidArgument(problem, change.IsEmpty ? "NothingToChange" : "InvalidArgument", null);
            }

            if (ParameterSetName == RangeSet)
            {
                if (!FromSequence.HasValue && !ToSequence.HasValue)
                {
                    ThrowInvalidArgument("A range needs -FromSequence, -ToSequence or both.", "MissingParameter", Campaign);
                }

                if (FromSequence > ToSequence)
                {
                    ThrowInvalidArgument($"-ToSequence {ToSequence} comes before -FromSequence {FromSequence}.", "InvalidArgument", Campaign);
                }
            }

            base.BeginProcessing();
        }

        protected override string DoneWord => "updated";

        protected override void ProcessRecord()
        {
            if (ParameterSetName == RangeSet)
            {
                UpdateRange();
                return;
            }

            if (!BindRow(InputObject))
            {
                return;
            }

            foreach (var id in Id.Length > 0 ? Id : PipedIds())
            {
                if (!ShouldProcess($"coupon session {id}", "Set " + change))
                {
                    continue;
                }

                var request = Observe(SessionRequests.Update(id, change));
                var operation = Operation;
                StartRequest(id, (client, token) => UpdateAsync(client, request, id, operation, token), Write, error => ToRecord(error, id, operation));
            }
        }

        /// <summary>The session code piped as text (no -Id bound); an error for that input when it is not a code.</summary>
        private string[] PipedIds()
        {
            if (InputObject == null)
            {
                ThrowInvalidArgument("Give the coupon sessions with -Id, or pipe sessions, codes or rows with a session column.", "MissingParameter", null);
            }

            var text = Convert.ToString(InputObject!.BaseObject is PSCustomObject ? null : InputObject.BaseObject, CultureInfo.InvariantCulture);
            var id = Ids.Normalize(IdKind.CouponSession, text);
            if (id != null)
            {
                return new[] { id };
            }

            var message = $"Input {RowNumber}: '{CtIdAttribute.Shorten(text ?? InputObject.ToString())}' is not {Ids.Describe(IdKind.CouponSession)}.";
            StartRefused(InputObject, new ErrorRecord(new ArgumentException(message), "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, InputObject)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the input and run it again; no request was sent for it." },
            });
            return Array.Empty<string>();
        }

        protected override string DescribeResult(object? result) => result is SessionUpdateResult update ? update.Result ?? string.Empty : base.DescribeResult(result);

        /// <summary>One update; an "already in that state" answer is a result, not a failure.</summary>
        private static async Task<SessionUpdateResult> UpdateAsync(CoupontoolsClient client, ApiRequest request, string id, SessionOperation? operation, CancellationToken token)
        {
            try
            {
                var payload = await client.SendAsync(request, token).ConfigureAwait(false);
                var result = SessionUpdateResult.FromJson(payload, operation?.ToString());
                result.Session = string.IsNullOrEmpty(result.Session) ? id : result.Session;
                return result;
            }
            catch (CoupontoolsApiException ex) when (ex.Failure == ApiFailure.ApiError && ex.ErrorCodes.Any(c => SessionRequests.IsAlreadyInState(operation, c)))
            {
                return new SessionUpdateResult { Session = id, Operation = operation, AlreadyInState = true, Result = ex.ApiText ?? ex.Message };
            }
        }

        /// <summary>Writes one updated session: a warning when it already was in that state, and its result with -PassThru.</summary>
        private void Write(SessionUpdateResult result)
        {
            if (result.AlreadyInState)
            {
                WriteWarning($"Coupon session {result.Session} is already in the state {result.Operation} leads to ({result.Result}); nothing changed.");
            }

            if (PassThru)
            {
                WriteObject(result);
            }
        }

        private static ErrorRecord ToRecord(Exception error, string session, SessionOperation? operation) => error switch
        {
            CoupontoolsApiException api when api.Failure == ApiFailure.OutcomeUnknown => FailureRecord(api, session,
                $"Coupon session {session} may or may not have been updated: it was not sent again. Check it with Get-CtCouponSession before running it again."),
            CoupontoolsApiException api => StateRecord(api, session, operation, "Coupon session " + session) ?? FailureRecord(api, session),
            _ => FailureRecord(error, session),
        };

        /// <summary>An error with its own ErrorId for a session-state code (expired 351, locked 354, voided 355, not found 512/513, …); null for other codes.</summary>
        private static ErrorRecord? StateRecord(CoupontoolsApiException api, object target, SessionOperation? operation, string what)
        {
            var code = api.ErrorCodes.Count > 0 ? api.ErrorCodes[0] : 0;
            var id = api.Failure == ApiFailure.ApiError ? SessionRequests.StateErrorId(operation, code) : null;
            if (id == null)
            {
                return null;
            }

            var notFound = code == 512 || code == 513;
            var record = new ErrorRecord(api, "Coupontools." + id, notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidOperation, target);
            var advice = notFound
                ? "Check the code; find sessions with Find-CtCouponSession or Get-CtCampaignUsage."
                : "See the session's current state with Get-CtCouponSession.";
            record.ErrorDetails = new ErrorDetails($"{what}: {api.ApiText} ({api.CodeText}).") { RecommendedAction = advice };
            return record;
        }

        private void UpdateRange()
        {
            var range = $"sequence {FromSequence?.ToString(CultureInfo.InvariantCulture) ?? "(first)"} to {ToSequence?.ToString(CultureInfo.InvariantCulture) ?? "(last)"} of {Campaign}";
            if (!ConfirmHigh(range, "Set " + change + " on every session in the range"))
            {
                return;
            }

            var request = Observe(SessionRequests.BatchUpdate(Campaign, FromSequence, ToSequence, change));
            try
            {
                var payload = Wait(Client.SendAsync(request, CancellationToken));
                WriteObject(BatchUpdateResult.FromJson(payload, Campaign, FromSequence, ToSequence, Operation?.ToString()));
            }
            catch (CoupontoolsApiException ex) when (ex.Failure == ApiFailure.OutcomeUnknown)
            {
                WriteApiError(ex, range, "The range may or may not have been updated: it was not sent again. Check its sessions with Get-CtCampaignUsage before running it again.");
            }
            catch (CoupontoolsApiException ex) when (ex.HasErrorCode(513))
            {
                var record = new ErrorRecord(ex, "Coupontools.SequenceRangeInvalid", ErrorCategory.InvalidArgument, range);
                record.ErrorDetails = new ErrorDetails($"The {range}: {ex.ApiText} ({ex.CodeText}).")
                {
                    RecommendedAction = "Give sequence ids of this campaign's sessions (SequenceId of Get-CtCampaignUsage), the first before the last.",
                };
                WriteError(record);
            }
            catch (CoupontoolsApiException ex)
            {
                WriteError(StateRecord(ex, range, Operation, "Some sessions of the " + range) ?? ErrorMapper.ToRecord(ex, range));
            }
        }

        /// <summary>
        /// ShouldProcess with the weight of ConfirmImpact High: a range changes every session in it, so it asks
        /// unless -Confirm:$false (or $ConfirmPreference None) says not to; -WhatIf only describes it.
        /// </summary>
        private bool ConfirmHigh(string target, string action)
        {
            if (!ShouldProcess(target, action))
            {
                return false;
            }

            if (MyInvocation.BoundParameters.ContainsKey("Confirm") || IsWhatIf())
            {
                return true;
            }

            var preference = GetVariableValue("ConfirmPreference");
            var level = preference is ConfirmImpact impact ? impact
                : Enum.TryParse<ConfirmImpact>(Convert.ToString(preference, CultureInfo.InvariantCulture), true, out var parsed) ? parsed : ConfirmImpact.High;
            // Below High, ShouldProcess has asked already (this cmdlet is Medium); at High it has not.
            return level != ConfirmImpact.High || ShouldContinue($"{action}: {target}?", "Update a range of coupon sessions");
        }
    }
}
