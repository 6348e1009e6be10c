using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Coupontools.Client.Json;
using Coupontools.Client.Paging;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Base of every cmdlet that calls the API: resolves the connection (-Connection or the current
    /// one), owns the cancellation that Ctrl+C triggers, writes request traces on the pipeline
    /// thread, and turns client failures into error records.
    /// </summary>
    public abstract class CtApiCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>Most pages a paged list keeps in flight or buffered ahead of the pipeline (see <see cref="Pager"/>).</summary>
        public const int PagesAhead = 32;

        private static readonly ConcurrentDictionary<Type, bool> SupportsPaging = new ConcurrentDictionary<Type, bool>();
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private QueuedObserver? observer;
        private Connection? connection;
        private RowColumns? rowColumns;
        private long rowNumber;

        /// <summary>The connection to use; without it, the current one made by Connect-CtAccount.</summary>
        [Parameter]
        [ValidateNotNull]
        public Connection? Connection { get; set; }

        protected CancellationToken CancellationToken => cancellation.Token;

        /// <summary>The number of the current pipeline input, from 1, counted by <see cref="BindRow"/>.</summary>
        protected long RowNumber => rowNumber;

        /// <summary>The connection in use; set in BeginProcessing.</summary>
        protected Connection ActiveConnection => connection ?? throw new InvalidOperationException("BeginProcessing has not run.");

        protected CoupontoolsClient Client => ActiveConnection.GetClient();

        /// <summary>False for cmdlets that call the API only with some switches (Receive-CtWebhook without -Verify).</summary>
        protected virtual bool RequiresConnection => true;

        protected override void BeginProcessing()
        {
            connection = Connection ?? ConnectionStore.Current;
            if (connection == null && RequiresConnection)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Not connected to Coupontools. Run Connect-CtAccount first, or pass a connection with -Connection."),
                    "Coupontools.NotConnected", ErrorCategory.ConnectionError, null));
            }

            if (RequiresConnection && connection!.IsDisposed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This connection was closed by Disconnect-CtAccount. Run Connect-CtAccount again."),
                    "Coupontools.Disconnected", ErrorCategory.ConnectionError, connection));
            }

            rowColumns = RowColumns.For(this);
            var verbose = IsOn("Verbose", "VerbosePreference");
            var debug = IsOn("Debug", "DebugPreference");
            DebugWithoutInquire();
            observer = verbose || debug ? new QueuedObserver(debug) : null;
        }

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose()
        {
            cancellation.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>A request for <paramref name="endpoint"/> that reports to this cmdlet's verbose and debug streams.</summary>
        protected ApiRequest NewRequest(Endpoint endpoint, IDictionary<string, object?>? body = null) =>
            new ApiRequest(endpoint, body) { Observer = observer };

        /// <summary>A v4 REST request for <paramref name="endpoint"/>, <paramref name="ids"/> filling its path, that reports to this cmdlet's streams.</summary>
        protected ApiRequest NewRestRequest(Endpoint endpoint, IReadOnlyList<string> ids, IDictionary<string, object?>? body = null) =>
            Observe(ApiRequest.Rest(endpoint, ids, body));

        /// <summary>Attaches this cmdlet's trace observer to a request made elsewhere.</summary>
        protected ApiRequest Observe(ApiRequest request)
        {
            request.Observer = observer;
            return request;
        }

        /// <summary>Runs one call on the pipeline thread; Ctrl+C stops the pipeline instead of surfacing as an error.</summary>
        protected T Wait<T>(Task<T> call)
        {
            try
            {
                return call.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushTrace();
            }
        }

        /// <summary>
        /// Send, map the failure, go on: runs one call and returns true with its result; on an API failure
        /// writes the error ErrorMapper makes of it, naming <paramref name="target"/>, and returns false
        /// (or stops the command when ErrorMapper says the failure would repeat for every input).
        /// </summary>
        protected bool TryCall<T>(Func<CoupontoolsClient, CancellationToken, Task<T>> call, object? target, out T result) =>
            TryCall(call, target, out result, null);

        /// <summary>As above, with advice that replaces ErrorMapper's (the caller knows what the failure leaves behind).</summary>
        protected bool TryCall<T>(Func<CoupontoolsClient, CancellationToken, Task<T>> call, object? target, out T result, string? advice)
        {
            try
            {
                result = Wait(call(Client, CancellationToken));
                return true;
            }
            catch (CoupontoolsApiException ex)
            {
                WriteApiError(ex, target, advice);
                result = default!;
                return false;
            }
        }

        /// <summary>Sends one request and returns its payload; false after writing the error.</summary>
        protected bool TrySend(Endpoint endpoint, IDictionary<string, object?> body, object? target, out JObject payload) =>
            TryCall((client, token) => client.SendAsync(NewRequest(endpoint, body), token), target, out payload);

        /// <summary>
        /// Streams a paged list: the first page is requested when the cmdlet runs, the next ones only once the
        /// pipeline asks for more than it, and then up to <see cref="PagesAhead"/> pages are read ahead while the
        /// pipeline takes the current one (in order); honours -First/-Skip/-IncludeTotalCount when the cmdlet
        /// supports paging, and shows progress when there is more than one page. A failed page is a
        /// non-terminating error, written after every item before it.
        /// </summary>
        protected void WritePages<T>(Func<int, ApiRequest> requestForPage, string arrayName, Func<JObject, T> map,
            int pageSize, object? target, string activity) =>
            WritePages((page, token) => Client.SendPageAsync(Observe(requestForPage(page)), arrayName, map, token), pageSize, target, activity);

        /// <summary>
        /// As above, with the page call given whole (for example <see cref="CoupontoolsClient.ReadPageAsync{T}"/>, which
        /// reads items straight from the token stream): <paramref name="fetchPage"/> gets page N, numbered from 1.
        /// </summary>
        protected void WritePages<T>(Func<int, CancellationToken, Task<Page<T>>> fetchPage, int pageSize, object? target, string activity)
        {
            var paging = SupportsPaging.GetOrAdd(GetType(), type => type.GetCustomAttributes(typeof(CmdletAttribute), false)
                .OfType<CmdletAttribute>().Any(a => a.SupportsPaging)) ? PagingParameters : null;
            var progress = new ProgressRecord(Math.Abs(activity.GetHashCode() % 100000) + 1, activity, "Page 1");
            var showProgress = false;
            var totalWritten = false;
            void OnPage(PageProgress state)
            {
                if (paging?.IncludeTotalCount == true && !totalWritten && state.TotalCount.HasValue)
                {
                    totalWritten = true;
                    WriteObject(paging.NewTotalCount((ulong)state.TotalCount.Value, 1.0));
                }

                if (state.PageCount > 1)
                {
                    showProgress = true;
                    progress.StatusDescription = $"Page {state.PageNumber} of {state.PageCount}, {state.Written} written";
                    progress.PercentComplete = (int)Math.Min(100, 100L * (state.PageNumber - 1) / state.PageCount.Value);
                    WriteProgress(progress);
                }
                else if (state.PageCount == null && state.PageNumber > 1)
                {
                    // A reply without a page count (campaign usage in 2025): the page number and the sessions so far.
                    showProgress = true;
                    progress.StatusDescription = $"Page {state.PageNumber}, {state.Written} written";
                    WriteProgress(progress);
                }
            }

            try
            {
                foreach (var item in Pager.Enumerate(fetchPage, Wait, pageSize, paging?.Skip ?? 0, paging?.First ?? ulong.MaxValue, OnPage,
                    PagesAhead, CancellationToken))
                {
                    WriteObject(item);
                }
            }
            catch (CoupontoolsApiException ex)
            {
                WriteApiError(ex, target);
            }
            finally
            {
                if (showProgress)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        /// <summary>ShouldProcess that, when the question cannot be asked (a non-interactive session), stops with the fix instead of the host's error.</summary>
        protected new bool ShouldProcess(string target, string action) =>
            AskOrExplain(() => base.ShouldProcess(target, action), $"{action} on '{target}'");

        /// <summary>As above, with the texts of a ShouldProcess that words its own question.</summary>
        protected new bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) =>
            AskOrExplain(() => base.ShouldProcess(verboseDescription, verboseWarning, caption), verboseDescription.TrimEnd('.'));

        /// <summary>ShouldContinue with the same explanation when it cannot ask.</summary>
        protected new bool ShouldContinue(string query, string caption) =>
            AskOrExplain(() => base.ShouldContinue(query, caption), query.TrimEnd('?'));

        private bool AskOrExplain(Func<bool> ask, string what)
        {
            try
            {
                return ask();
            }
            catch (Exception ex) when (ex is HostException || ex is PSInvalidOperationException || ex is PSNotImplementedException)
            {
                var skip = MyInvocation.MyCommand.Parameters.ContainsKey("Force") ? "-Force (or -Confirm:$false)" : "-Confirm:$false";
                var message = $"{MyInvocation.MyCommand.Name} asks before it does this ({what}), and this session cannot show the question " +
                    $"(it is non-interactive: a scheduled task, a service, pwsh -NonInteractive). Add {skip} to go ahead without asking, or -WhatIf to see what it would do.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, ex), "Coupontools.ConfirmationNotPossible", ErrorCategory.InvalidOperation, what)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Add {skip} to the command." },
                });
                return false;
            }
        }

        /// <summary>
        /// For a cmdlet with <see cref="TakesRowsAttribute"/>, first thing in ProcessRecord with the piped object: binds the
        /// row's columns PowerShell missed (<c>E-mail</c>, <c>Customer ID</c>, <c>Email </c>), stops the command with one error
        /// when the rows have no column naming what the cmdlet needs (columns found, columns accepted, -Delimiter), and
        /// returns false after writing this row's error when its cell is empty or not valid. True for anything else.
        /// </summary>
        protected bool BindRow(object? input)
        {
            rowNumber++;
            if (rowColumns == null)
            {
                return true;
            }

            var error = rowColumns.Bind(input, rowNumber, out var stops);
            if (error == null)
            {
                return true;
            }

            if (stops)
            {
                ThrowTerminatingError(error);
            }

            WriteError(error);
            return false;
        }

        /// <summary>True when -WhatIf is on, from the switch or from $WhatIfPreference.</summary>
        protected bool IsWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? ((SwitchParameter)whatIf).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// True when a change may go ahead without ShouldProcess: -Force (unless -Confirm is given) or
        /// -Confirm:$false. Never under -WhatIf, which must always show what would happen and send nothing.
        /// </summary>
        protected bool SkipsConfirmation(bool force)
        {
            if (IsWhatIf())
            {
                return false;
            }

            var confirmExplicit = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) ? (bool?)((SwitchParameter)confirm).IsPresent : null;
            return (force && confirmExplicit != true) || confirmExplicit == false;
        }

        /// <summary>The object named <paramref name="name"/> in a reply; writes an InvalidReply error when it is missing.</summary>
        protected JObject? ObjectIn(JObject payload, string name, Endpoint endpoint, object? target)
        {
            if (payload[name] is JObject value)
            {
                return value;
            }

            WriteError(new ErrorRecord(
                new CoupontoolsApiException(ApiFailure.InvalidReply, endpoint.Path!, $"{endpoint.Path}: the reply for '{target}' has no '{name}' object."),
                "Coupontools.InvalidReply", ErrorCategory.InvalidResult, target));
            return null;
        }

        /// <summary>Writes queued trace lines and bodies. Only ever called on the pipeline thread.</summary>
        protected void FlushTrace() => observer?.Drain(WriteVerbose, WriteDebug);

        /// <summary>
        /// Writes the error ErrorMapper makes of <paramref name="ex"/>; throws it as a terminating error
        /// instead when ErrorMapper says it stops the command. Every API failure a cmdlet reports goes here.
        /// </summary>
        protected void WriteApiError(CoupontoolsApiException ex, object? target, string? advice = null)
        {
            var record = ErrorMapper.ToRecord(ex, target, advice);
            if (ErrorMapper.StopsCommand(ex))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }

        /// <summary>Throws a terminating error for bad input found after binding (before any request).</summary>
        protected void ThrowInvalidArgument(string message, string errorId, object? target) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "Coupontools." + errorId, ErrorCategory.InvalidArgument, target));

        /// <summary>
        /// -Debug makes PowerShell ask "Continue with this operation?" at the first verbose record (and, before 7.4, at the
        /// first debug record), which fails under -NonInteractive (a scheduled task). The module's records are traces,
        /// never a reason to stop: with -Debug, debug records are written as with 'Continue', and verbose ones as with
        /// -Verbose (what -Debug has always implied), unless -Verbose is given itself.
        /// </summary>
        private void DebugWithoutInquire()
        {
            var bound = MyInvocation.BoundParameters;
            if (!(bound.TryGetValue("Debug", out var value) && LanguagePrimitives.IsTrue(value is SwitchParameter s ? s.IsPresent : value)))
            {
                return;
            }

            var runtime = CommandRuntime;
            var type = runtime?.GetType();
            var debug = type?.GetProperty("DebugPreference", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (debug != null && debug.CanWrite && debug.PropertyType == typeof(ActionPreference) && Equals(debug.GetValue(runtime), ActionPreference.Inquire))
            {
                debug.SetValue(runtime, ActionPreference.Continue);
            }

            var verbose = type?.GetProperty("Verbose", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (!bound.ContainsKey("Verbose") && verbose != null && verbose.CanWrite)
            {
                // The setter also marks -Verbose as given, which is what makes PowerShell stop asking.
                verbose.SetValue(runtime, verbose.PropertyType == typeof(SwitchParameter) ? (object)new SwitchParameter(true) : true);
            }
        }

        private bool IsOn(string switchName, string preference)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out var value))
            {
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            }

            var current = GetVariableValue(preference);
            return current is ActionPreference action
                ? action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore
                : current != null && !string.Equals(current.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
        }
    }
}
