using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Bulk;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Base of every cmdlet that makes one request per input: up to -ThrottleLimit requests in flight,
    /// output in input order (unless <see cref="Ordered"/> is false), one output or one error per input,
    /// progress on long runs, and on Ctrl+C the requests already sent run to their end and are reported
    /// on the host. Retries stay the client's: a write whose outcome is unknown is never re-sent.
    /// </summary>
    public abstract class CtPerInputCmdlet : CtApiCmdlet
    {
        private readonly CancellationTokenSource inFlight = new CancellationTokenSource();
        private RequestWindow<Work, object?>? window;
        private ThrottledProgress? progress;
        private long succeeded;
        private long failed;
        private Task<object?>? first;
        private Work? firstWork;

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>False to write each result as soon as it is ready (a cmdlet's -Unordered).</summary>
        protected virtual bool Ordered => true;

        /// <summary>The word for a success in progress and in the Ctrl+C report ("issued", "updated").</summary>
        protected virtual string DoneWord => "done";

        /// <summary>A last line for the Ctrl+C report: what a rerun does with the inputs reported there.</summary>
        protected virtual string? StopAdvice => null;

        /// <summary>
        /// Starts the request for one input once the window has room, writing what finished meanwhile.
        /// <paramref name="write"/> runs later on the pipeline thread, in input order, with the result.
        /// A failure is written as the error <paramref name="toError"/> makes of it, or else the one
        /// <see cref="ErrorMapper"/> makes, naming <paramref name="target"/> (the id, row or recipient).
        /// </summary>
        protected void StartRequest<T>(object? target, Func<CoupontoolsClient, CancellationToken, Task<T>> call, Action<T> write,
            Func<Exception, ErrorRecord?>? toError = null)
        {
            var client = Client;
            Start(new Work(target, result => write((T)result!), toError), async token => await call(client, token).ConfigureAwait(false));
        }

        /// <summary>Sends one request for one input in the window; <paramref name="write"/> gets its payload, in input order.</summary>
        protected void SendEach(Endpoint endpoint, IDictionary<string, object?> body, object? target, Action<JObject> write) =>
            StartRequest(target, (client, token) => client.SendAsync(NewRequest(endpoint, body), token), write);

        /// <summary>An input refused before any request: its error waits its turn, so the output keeps the input order.</summary>
        protected void StartRefused(object? target, ErrorRecord error) =>
            Start(new Work(target, _ => { }, _ => error), _ => Task.FromException<object?>(new InvalidOperationException(error.ToString())));

        protected override void EndProcessing()
        {
            if (window == null)
            {
                return;
            }

            if (!window.WriteAll(Write, CancellationToken))
            {
                throw new PipelineStoppedException();
            }

            FlushTrace();
            ShowProgress(true);
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            var name = MyInvocation.MyCommand.Name;
            if (window == null && first is { IsCompleted: false } running && firstWork is { } work)
            {
                ReportFirst(name, running, work);
                return;
            }

            WindowStop.Report(window, inFlight, Host, name, item => ReportLine(item.Index, item.Input.Target, item.Succeeded,
                item.Succeeded ? item.Result : null, item.IsFinished ? item.Error?.Message : "still running; outcome unknown"), StopAdvice);
        }

        /// <summary>One input's line in the Ctrl+C report.</summary>
        private string ReportLine(long index, object? target, bool succeeded, object? result, string? error) => succeeded
            ? $"  {DoneWord,-7} {Describe(index, target)}{Detail(DescribeResult(result))}"
            : $"  failed  {Describe(index, target)}{Detail(error)}";

        /// <summary>How the input at <paramref name="index"/> (from 0) is named in the Ctrl+C report.</summary>
        protected virtual string Describe(long index, object? target) => Convert.ToString(target, CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>
        /// How a result is shown in the Ctrl+C report. A reply itself is not shown (it may carry a secret,
        /// such as a subaccount's API secret), nor a type name: a cmdlet that has more to say overrides this.
        /// </summary>
        protected virtual string DescribeResult(object? result)
        {
            if (result is null or JToken)
            {
                return string.Empty;
            }

            var text = Convert.ToString(result, CultureInfo.InvariantCulture) ?? string.Empty;
            return text == result.GetType().ToString() ? string.Empty : text;
        }

        private static string Detail(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : ": " + text;

        private void Start(Work work, Func<CancellationToken, Task<object?>> call)
        {
            if (firstWork == null)
            {
                // The first input is sent on the pipeline thread: a single call costs what a plain call costs, and a
                // long input loses only one round trip of overlap. From the second input on, requests go in the window.
                RunNow(work, call);
                return;
            }

            if (window == null)
            {
                window = new RequestWindow<Work, object?>(ThrottleLimit, Ordered);
                progress = new ThrottledProgress(Math.Abs(MyInvocation.MyCommand.Name.GetHashCode() % 100000) + 1, MyInvocation.MyCommand.Name);
                progress.Start();
            }

            var token = inFlight.Token;
            if (!window.WaitForRoom(Write, CancellationToken) || CancellationToken.IsCancellationRequested || !window.Start(work, () => call(token)))
            {
                throw new PipelineStoppedException();
            }

            window.WriteReady(Write);
            ShowProgress(false);
        }

        /// <summary>
        /// Sends one input and writes its result or its error now. Like a request in the window, it runs to its end on
        /// Ctrl+C (cancelling it would leave its outcome unknown), and <see cref="ReportFirst"/> reports it.
        /// </summary>
        private void RunNow(Work work, Func<CancellationToken, Task<object?>> call)
        {
            object? result;
            try
            {
                firstWork = work;
                first = call(inFlight.Token);
                result = Wait(first);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                failed++;
                WriteFailure(work, ex);
                return;
            }

            succeeded++;
            work.Write(result);
        }

        /// <summary>Ctrl+C while the first input's request runs: it ends (or gives up after the grace), and its line goes to the host.</summary>
        private void ReportFirst(string name, Task<object?> running, Work work)
        {
            inFlight.CancelAfter(WindowStop.Grace);
            ((IAsyncResult)running).AsyncWaitHandle.WaitOne(WindowStop.Grace + TimeSpan.FromSeconds(5));
            var succeeded = running.Status == TaskStatus.RanToCompletion;
            var line = ReportLine(0, work.Target, succeeded, succeeded ? running.Result : null,
                running.IsCompleted ? running.Exception?.GetBaseException().Message ?? "cancelled" : "still running; outcome unknown");
            if (Host?.UI is { } ui)
            {
                WindowStop.Write(ui, name, new[] { line }, StopAdvice);
            }
        }

        /// <summary>Writes one finished input: its result or its error. Pipeline thread only.</summary>
        private void Write(WindowItem<Work, object?> item)
        {
            FlushTrace();
            if (item.Succeeded)
            {
                succeeded++;
                item.Input.Write(item.Result);
            }
            else
            {
                failed++;
                WriteFailure(item.Input, item.Error);
            }

            ShowProgress(false);
        }

        private void WriteFailure(Work work, Exception? error)
        {
            var record = (error != null ? work.ToError?.Invoke(error) : null) ?? FailureRecord(error, work.Target);
            if (record.Exception is CoupontoolsApiException api && ErrorMapper.StopsCommand(api))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }

        /// <summary>The error of a failed input: ErrorMapper's for an API failure (with <paramref name="advice"/> when given), else a stop or a plain failure.</summary>
        protected static ErrorRecord FailureRecord(Exception? error, object? target, string? advice = null) => error switch
        {
            CoupontoolsApiException api => ErrorMapper.ToRecord(api, target, advice),
            OperationCanceledException _ => new ErrorRecord(new OperationCanceledException("The request was still running when the command was stopped; its outcome is unknown."),
                "Coupontools.OutcomeUnknown", ErrorCategory.OperationStopped, target is InputLabel stopped ? stopped.Input : target),
            _ => new ErrorRecord(error ?? new InvalidOperationException("The request failed."), "Coupontools.Failed", ErrorCategory.NotSpecified, target is InputLabel label ? label.Input : target),
        };

        private void ShowProgress(bool done)
        {
            if (progress?.Next(done, () => string.Format(CultureInfo.InvariantCulture, "{0} {1}, {2} failed, {3:0.0} per second, {4} in flight",
                succeeded, DoneWord, failed, progress.ElapsedMilliseconds > 0 ? (succeeded + failed) * 1000.0 / progress.ElapsedMilliseconds : 0,
                window?.InFlight ?? 0)) is { } record)
            {
                WriteProgress(record);
            }
        }

        /// <summary>One input in the window: what its error and report name, and how its result is written.</summary>
        private sealed class Work
        {
            public Work(object? target, Action<object?> write, Func<Exception, ErrorRecord?>? toError)
            {
                Target = target;
                Write = write;
                ToError = toError;
            }

            public object? Target { get; }

            public Action<object?> Write { get; }

            public Func<Exception, ErrorRecord?>? ToError { get; }
        }
    }
}
