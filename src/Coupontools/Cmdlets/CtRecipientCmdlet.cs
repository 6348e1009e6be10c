using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Bulk;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that make one request per recipient (Send-CtCoupon, Add-CtContact): up to
    /// -ThrottleLimit requests in flight, one output or one error per input, in input order. A row refused
    /// before sending takes its turn in the same order. API errors 103 and 104 stop the command; errors of
    /// one recipient (305, 602, 604, 605) name it and say what to do.
    /// </summary>
    public abstract class CtRecipientCmdlet<TResult> : CtApiCmdlet
    {
        private readonly CancellationTokenSource inFlight = new CancellationTokenSource();
        private RequestWindow<Recipient, TResult>? window;
        private ThrottledProgress? progress;
        private long done;
        private long failed;

        /// <summary>The input row itself: the TargetObject of its error. Bound from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>What the window reports on Ctrl+C, for example "sent".</summary>
        protected abstract string DoneWord { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            window = new RequestWindow<Recipient, TResult>(ThrottleLimit);
            progress = new ThrottledProgress(0x5ce3, MyInvocation.MyCommand.Name);
            progress.Start();
        }

        /// <summary>Starts the request for one recipient; its result or error is written later, in input order.</summary>
        protected void Start(string recipient, Func<CoupontoolsClient, CancellationToken, Task<TResult>> call)
        {
            var client = Client;
            var token = inFlight.Token;
            StartInWindow(window!, new Recipient(recipient, Target(recipient)), () => call(client, token), Write, ShowProgress);
        }

        /// <summary>Refuses one row before any request; the error takes the row's turn in the output.</summary>
        protected void Reject(string recipient, string message, string errorId = "InvalidArgument") =>
            StartInWindow(window!, new Recipient(recipient, Target(recipient)), () => Task.FromException<TResult>(new RowException(message, errorId)), Write, ShowProgress);

        /// <summary>The advice for a request whose reply was lost and that was not re-sent.</summary>
        protected abstract string OutcomeUnknownAdvice(string recipient);

        /// <summary>Writes one result; by default the object itself.</summary>
        protected virtual void WriteResult(TResult result) => WriteObject(result);

        protected override void EndProcessing() => FinishWindow(window, Write, ShowProgress);

        protected override void StopProcessing()
        {
            base.StopProcessing();
            WindowStop.Report(window, inFlight, Host, MyInvocation.MyCommand.Name, item => item.Succeeded
                ? $"  {DoneWord,-7} {item.Input.Name}"
                : $"  failed  {item.Input.Name}: {(item.IsFinished ? item.Error?.Message : "still running; outcome unknown")}");
        }

        private void ShowProgress(bool finished)
        {
            if (progress?.Next(finished, () => $"{done} {DoneWord}, {failed} failed, {window?.InFlight ?? 0} in flight") is { } record)
            {
                WriteProgress(record);
            }
        }

        /// <summary>A free-text field as sent: null (left out) when blank.</summary>
        protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        private object Target(string recipient) => InputObject != null ? InputObject : (object)recipient;

        private void Write(WindowItem<Recipient, TResult> item)
        {
            FlushTrace();
            if (item.Succeeded)
            {
                done++;
                WriteResult(item.Result);
                return;
            }

            failed++;

            if (item.Error is CoupontoolsApiException api && ErrorMapper.StopsCommand(api))
            {
                ThrowTerminatingError(ErrorMapper.ToRecord(api, item.Input.Target));
            }

            WriteError(ToRecord(item.Error, item.Input));
        }

        private ErrorRecord ToRecord(Exception? error, Recipient row)
        {
            switch (error)
            {
                case RowException bad:
                    return new ErrorRecord(new ArgumentException(bad.Message), "Coupontools." + bad.ErrorId, ErrorCategory.InvalidArgument, row.Target)
                    {
                        ErrorDetails = new ErrorDetails(bad.Message) { RecommendedAction = "Correct the row and run it again; no request was sent for it." },
                    };
                case CoupontoolsApiException api:
                    var advice = api.Failure == ApiFailure.OutcomeUnknown ? OutcomeUnknownAdvice(row.Name) : ErrorMapper.RecipientAdvice(api, row.Name);
                    return ErrorMapper.ToRecord(api, row.Target, advice);
                case OperationCanceledException _:
                    return new ErrorRecord(new OperationCanceledException("The request was still running when the command was stopped; its outcome is unknown."),
                        "Coupontools.OutcomeUnknown", ErrorCategory.OperationStopped, row.Target);
                default:
                    return new ErrorRecord(error ?? new InvalidOperationException("The request failed."), "Coupontools.Failed", ErrorCategory.NotSpecified, row.Target);
            }
        }

        /// <summary>One input: the recipient its messages name, and the row its error names.</summary>
        private sealed class Recipient
        {
            public Recipient(string name, object target)
            {
                Name = name;
                Target = target;
            }

            public string Name { get; }

            public object Target { get; }
        }

        private sealed class RowException : Exception
        {
            public RowException(string message, string errorId)
                : base(message)
            {
                ErrorId = errorId;
            }

            public string ErrorId { get; }
        }
    }
}
