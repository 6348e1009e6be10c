using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Coupontools.Client.Webhooks;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommunications.Receive, "CtWebhook", DefaultParameterSetName = PortSet)]
    [OutputType(typeof(WebhookEvent))]
    public sealed class ReceiveCtWebhook : CtWebhookCmdlet
    {
        private const string PortSet = "Port";
        private const string PrefixSet = "Prefix";
        private const int Slice = 250;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PrefixSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^https?://[^/\s]+(/\S*)?/$")]
        public string[] Prefix { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(@"^/\S*$")]
        public string? Path { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        [ValidateRange(1024, 1073741824)]
        public long MaxBodyBytes { get; set; } = 1024 * 1024;

        /// <summary>Accepts deliveries without checking their x-hmac signature (only behind something that authenticates the sender).</summary>
        [Parameter]
        public SwitchParameter AllowUnsigned { get; set; }

        /// <summary>A file keeping the deliveries already handled, so a restart does not write again what the vendor re-sends.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateFile { get; set; }

        /// <summary>How long handled deliveries are remembered: the vendor re-sends for 24 hours, so twice that.</summary>
        internal static readonly TimeSpan StateKeep = TimeSpan.FromHours(48);

        internal const int StateMaxEntries = 100000;

        /// <summary>Seconds a request's head, and then its body, may take to arrive whole (408 beyond).</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int RequestTimeout { get; set; } = 10;

        /// <summary>Connections open at once; at the limit the one that has waited longest for its client is closed.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxConnections { get; set; } = 1000;

        protected override void ProcessRecord()
        {
            var options = new WebhookListenerOptions
            {
                MaxBodyBytes = MaxBodyBytes,
                MaxConnections = MaxConnections,
                HeaderTimeout = TimeSpan.FromSeconds(RequestTimeout),
                BodyTimeout = TimeSpan.FromSeconds(RequestTimeout),
                Signature = AllowUnsigned ? null : ResolveSignature(),
            };
            if (options.Signature == null && !AllowUnsigned)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Receive-CtWebhook checks the x-hmac signature of every delivery, and there is no secret to check it with."),
                    "Coupontools.WebhookSecretMissing", ErrorCategory.InvalidOperation, null)
                {
                    ErrorDetails = new ErrorDetails("Receive-CtWebhook checks the x-hmac signature of every delivery, and there is no secret to check it with.")
                    {
                        RecommendedAction = "Run Connect-CtAccount (its client secret signs the deliveries), or pass -Secret. " +
                            "-AllowUnsigned accepts deliveries without a check: use it only behind something that authenticates the sender.",
                    },
                });
            }

            foreach (var prefix in ParameterSetName == PortSet ? new[] { $"http://127.0.0.1:{Port}/" } : Prefix)
            {
                if (prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    ThrowInvalidArgument($"The prefix '{prefix}' asks for HTTPS, which Receive-CtWebhook does not serve (it would listen and never answer). " +
                        "Put a reverse proxy that terminates TLS (nginx, Caddy, IIS) in front of it, with the certificate, and point the proxy at " +
                        "-Port or an http:// prefix such as http://127.0.0.1:8080/ (see about_Coupontools_Webhooks).", "HttpsPrefixNotSupported", prefix);
                }

                options.Prefixes.Add(prefix);
            }

            if (Path != null)
            {
                if (!options.Prefixes.Any(p => Under(Path, WebhookListener.PathOfPrefix(p))))
                {
                    ThrowInvalidArgument($"The path '{Path}' is not under any prefix ({string.Join(", ", options.Prefixes)}), so no delivery could reach it.",
                        "PathOutsidePrefix", Path);
                }

                options.Paths.Add(Path);
            }

            using (var ledger = new WebhookLedger(OpenStateFile()))
            using (var listener = CreateListener(options))
            {
                options.Ledger = ledger;
                Start(listener);
                var stopwatch = Stopwatch.StartNew();
                var written = 0;
                try
                {
                    while (Count == 0 || written < Count)
                    {
                        var wait = Slice;
                        if (Timeout > 0)
                        {
                            var left = (long)Timeout * 1000 - stopwatch.ElapsedMilliseconds;
                            if (left <= 0)
                            {
                                WriteVerbose($"Timeout: {Timeout} s passed; {written} event(s) written.");
                                break;
                            }

                            wait = (int)Math.Min(Slice, left);
                        }

                        WebhookDelivery delivery;
                        try
                        {
                            if (!listener.TryTake(out delivery, wait, CancellationToken))
                            {
                                continue;
                            }
                        }
                        catch (OperationCanceledException)
                        {
                            throw new PipelineStoppedException();
                        }

                        if (Handle(delivery))
                        {
                            written++;
                        }
                    }
                }
                finally
                {
                    // Whatever ended the loop (-Count, -Timeout, Ctrl+C, Select-Object -First), later deliveries get 503 and
                    // come again rather than being acknowledged and recorded as handled without being written.
                    ledger.Close();
                }

                listener.Stop(TimeSpan.FromSeconds(1));
                ReportUnwritten(listener);
                if (listener.Unreported > 0)
                {
                    WriteVerbose($"{listener.Unreported} refused request(s) were not reported one by one: the queue was busy.");
                }
            }
        }

        private WebhookListener CreateListener(WebhookListenerOptions options)
        {
            try
            {
                return new WebhookListener(options);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex.Message, "InvalidPrefix", options.Prefixes);
                throw;
            }
        }

        private WebhookStateFile? OpenStateFile()
        {
            if (StateFile == null)
            {
                return null;
            }

            try
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateFile);
                var state = WebhookStateFile.Open(path, StateKeep, StateMaxEntries, DateTime.UtcNow);
                WriteVerbose($"State file {state.Path}: {state.Count} delivery(ies) of the last {StateKeep.TotalHours:0} hours already handled.");
                return state;
            }
            catch (Exception ex) when (ex is WebhookStateFileException || ex is ArgumentException || ex is NotSupportedException
                || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is ItemNotFoundException || ex is ProviderNotFoundException
                || ex is DriveNotFoundException || ex is PSInvalidOperationException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "Coupontools.WebhookStateFileInvalid", ErrorCategory.InvalidData, StateFile)
                {
                    ErrorDetails = new ErrorDetails($"-StateFile '{StateFile}' cannot be used: {ex.Message}"),
                });
                return null;
            }
        }

        private static bool Under(string path, string prefixPath)
        {
            var p = WebhookListener.NormalizePath(path) + "/";
            var root = WebhookListener.NormalizePath(prefixPath) + "/";
            return p.StartsWith(root, StringComparison.Ordinal);
        }

        private void Start(WebhookListener listener)
        {
            try
            {
                listener.Start();
            }
            catch (SocketException ex)
            {
                var prefixes = string.Join(", ", listener.Prefixes);
                var advice = ex.SocketErrorCode == SocketError.AccessDenied
                    ? "Ports below 1024 need administrator or root rights: choose a higher -Port and let a reverse proxy listen on 80 or 443."
                    : ex.SocketErrorCode == SocketError.AddressNotAvailable
                        ? "The -Prefix names an address this computer does not have; use + for every interface, or one of its own addresses."
                        : "Another program may be using the port; choose another -Port, or check the -Prefix.";
                var ports = string.Join(", ", listener.Prefixes.Select(p => Regex.Match(p, @":(\d+)/").Groups[1].Value).Where(p => p.Length > 0).Distinct());
                var message = ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"Cannot listen on {prefixes}: port {ports} is already in use by another program (or another Receive-CtWebhook). Choose another -Port, or stop what listens on port {ports}."
                    : $"Cannot listen on {prefixes} (port {ports}): {ex.Message} {advice}";
                ThrowTerminatingError(new ErrorRecord(ex, "Coupontools.ListenerFailed", ErrorCategory.ResourceUnavailable, prefixes)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice },
                });
            }

            WriteVerbose($"Listening on {string.Join(", ", listener.Prefixes)} for POSTs to {string.Join(", ", listener.AcceptedPaths.Select(p => p.Length == 0 ? "/" : p))}.");
        }

        /// <summary>Writes one delivery's event or error; true when an event was written.</summary>
        private bool Handle(WebhookDelivery delivery)
        {
            switch (delivery.Outcome)
            {
                case DeliveryOutcome.Accepted:
                    break;
                case DeliveryOutcome.Malformed:
                    WriteInvalidWebhook(delivery.Error!, delivery);
                    return false;
                case DeliveryOutcome.TooLarge:
                    WriteError(new ErrorRecord(delivery.Error!, "Coupontools.WebhookTooLarge", ErrorCategory.LimitsExceeded, delivery)
                    {
                        ErrorDetails = new ErrorDetails(delivery.Error!.Message) { RecommendedAction = "Raise -MaxBodyBytes if deliveries this large are expected." },
                    });
                    return false;
                case DeliveryOutcome.SignatureInvalid:
                    WriteSignatureInvalid($"A delivery from {delivery.RemoteEndPoint} was answered 401 and not written: {delivery.Error!.Message}", delivery);
                    return false;
                case DeliveryOutcome.NotRecorded:
                    WriteError(new ErrorRecord(delivery.Error!, "Coupontools.WebhookStateFileFailed", ErrorCategory.WriteError, StateFile)
                    {
                        ErrorDetails = new ErrorDetails(delivery.Error!.Message) { RecommendedAction = "Check that the -StateFile's disk has room and the file can be written." },
                    });
                    return false;
                case DeliveryOutcome.Duplicate:
                    WriteVerbose($"Duplicate delivery of {delivery.Event!.EventId} ({delivery.Event.Type}) from {delivery.RemoteEndPoint}: handled before, answered 200, not written again.");
                    return false;
                default:
                    var request = delivery.Method.Length > 0 ? $"{delivery.Method} {delivery.Path}" : "A request";
                    WriteVerbose($"{request} from {delivery.RemoteEndPoint}: answered {delivery.StatusCode} ({delivery.Outcome}{(delivery.Reason != null ? ": " + delivery.Reason : string.Empty)}).");
                    return false;
            }

            var webhookEvent = delivery.Event!;
            WriteVerbose($"Received {webhookEvent.EventId} ({webhookEvent.Type}) from {delivery.RemoteEndPoint}.");
            if (!Confirm(webhookEvent, webhookEvent))
            {
                return false;
            }

            WriteObject(webhookEvent);
            return true;
        }

        /// <summary>Deliveries answered 200 after -Count was reached are named, not silently dropped.</summary>
        private void ReportUnwritten(WebhookListener listener)
        {
            var left = new List<string>();
            while (listener.TryTake(out var delivery, 0, System.Threading.CancellationToken.None))
            {
                if (delivery.Outcome == DeliveryOutcome.Accepted)
                {
                    left.Add(delivery.Event!.EventId);
                }
            }

            if (left.Count > 0)
            {
                WriteWarning($"{left.Count} delivery(ies) arrived after the listener was done and were not written: {string.Join(", ", left.Take(20))}{(left.Count > 20 ? ", …" : string.Empty)}.");
            }
        }
    }
}
