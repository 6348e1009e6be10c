using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that make one request per recipient (Send-CtCoupon, Add-CtContact), in the request
    /// window of CtPerInputCmdlet. A row refused before sending takes its turn in the output; API errors 103
    /// and 104 stop the command; errors of one recipient (305, 602, 604, 605) and unknown outcomes name it and
    /// say what to do.
    /// </summary>
    public abstract class CtRecipientCmdlet<TResult> : CtPerInputCmdlet
    {
        /// <summary>The input row itself: the TargetObject of its error. Bound from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Starts the request for one recipient; its result or error is written later, in input order.</summary>
        protected void Start(string recipient, Func<CoupontoolsClient, CancellationToken, Task<TResult>> call)
        {
            var target = Target(recipient);
            StartRequest(target, call, WriteResult, error => error is CoupontoolsApiException api
                ? ErrorMapper.ToRecord(api, target, api.Failure == ApiFailure.OutcomeUnknown ? OutcomeUnknownAdvice(recipient) : ErrorMapper.RecipientAdvice(api, recipient))
                : null);
        }

        /// <summary>Refuses one row before any request; the error takes the row's turn in the output.</summary>
        protected void Reject(string recipient, string message, string errorId = "InvalidArgument") =>
            StartRefused(Target(recipient), new ErrorRecord(new ArgumentException(message), "Coupontools." + errorId, ErrorCategory.InvalidArgument, Target(recipient))
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row and run it again; no request was sent for it." },
            });

        /// <summary>The advice for a request whose reply was lost and that was not re-sent.</summary>
        protected abstract string OutcomeUnknownAdvice(string recipient);

        /// <summary>Writes one result; by default the object itself.</summary>
        protected virtual void WriteResult(TResult result) => WriteObject(result);

        /// <summary>A free-text field as sent: null (left out) when blank.</summary>
        protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        private object Target(string recipient) => InputObject != null ? InputObject : (object)recipient;
    }
}
