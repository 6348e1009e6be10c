using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommunications.Connect, "CtAccount", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(Connection))]
    public sealed class ConnectCtAccount : PSCmdlet
    {
        private const string SecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";
        private const string EnvironmentSet = "Environment";
        private const string SubaccountSet = "Subaccount";
        private const int Megabyte = 1024 * 1024;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SecretSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SecretSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// A subaccount from Get-CtSubaccount: connects with its own API key and secret. Without
        /// -BaseUri the current connection's base URI is used (the API the subaccount came from).
        /// The new connection is written to the pipeline and does not replace the current one.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = SubaccountSet)]
        [ValidateNotNull]
        public Subaccount? Subaccount { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetryCount { get; set; } = 4;

        [Parameter]
        [ValidateRange(0, 60000)]
        public int RetryBaseDelayMilliseconds { get; set; } = 500;

        /// <summary>The longest one call may take, all its attempts and the waits between them together.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int DeadlineSec { get; set; } = (int)ClientOptions.DefaultDeadline.TotalSeconds;

        /// <summary>The largest reply accepted, counted on the wire and again after inflating (MiB).</summary>
        [Parameter]
        [ValidateRange(1, 2047)]
        public int MaxReplySizeMB { get; set; } = (int)(ClientOptions.DefaultMaxReplyBytes / Megabyte);

        /// <summary>The longest string a reply may hold, in Mi characters (1 = 1,048,576 characters).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int MaxStringLengthMB { get; set; } = ClientOptions.DefaultMaxStringLength / Megabyte;

        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var options = new ClientOptions
            {
                BaseUri = BaseUri ?? (ParameterSetName == SubaccountSet ? ConnectionStore.Current?.BaseUri : null) ?? EnvironmentBaseUri() ?? ClientOptions.DefaultBaseUri,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetryCount = MaxRetryCount,
                RetryBaseDelay = TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds),
                Deadline = TimeSpan.FromSeconds(DeadlineSec),
                MaxReplyBytes = (long)MaxReplySizeMB * Megabyte,
                MaxStringLength = MaxStringLengthMB * Megabyte,
                Proxy = Proxy,
                ProxyCredentials = ProxyCredential?.GetNetworkCredential(),
                UserAgent = UserAgent(),
                Subaccount = ParameterSetName == SubaccountSet ? Subaccount!.Id : null,
            };
            (options.ClientId, options.ClientSecret) = ReadCredentials();
            options.BaseUri = ClientOptions.WithoutApiVersion(options.BaseUri, out var removed);
            if (removed != null)
            {
                WriteWarning($"The base URI ended in '{removed}', which every call adds itself; using {options.BaseUri} instead. Give -BaseUri without the API version next time.");
            }

            Connection connection;
            try
            {
                connection = new Connection(options);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "Coupontools.InvalidConnectionSettings", ErrorCategory.InvalidArgument, options.BaseUri));
                return;
            }

            if (!SkipCheck)
            {
                Check(connection);
            }

            // A subaccount's connection is for -Connection: the main account's stays current, so an admin
            // going through many subaccounts keeps managing them.
            if (ParameterSetName != SubaccountSet)
            {
                ConnectionStore.Current = connection;
            }

            WriteVerbose(ParameterSetName == SubaccountSet
                ? $"Connected to {connection.BaseUri} as subaccount {Subaccount!.Id}."
                : $"Connected to {connection.BaseUri} as {connection.ClientId}.");
            if (PassThru || ParameterSetName == SubaccountSet)
            {
                WriteObject(connection);
            }
        }

        private (string Id, string Secret) ReadCredentials()
        {
            switch (ParameterSetName)
            {
                case SecretSet:
                    return (ClientId, PsConvert.Plain(ClientSecret!));
                case CredentialSet:
                    return (Credential!.UserName, PsConvert.Plain(Credential.Password));
                case SubaccountSet:
                    if (Subaccount!.ApiKey == null || Subaccount.ApiKey.Length == 0 || Subaccount.ApiSecret == null || Subaccount.ApiSecret.Length == 0)
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new ArgumentException($"Subaccount '{Subaccount.Id}' carries no API key and secret. Get it with Get-CtSubaccount (main account connection), then pass that object."),
                            "Coupontools.NoSubaccountCredentials", ErrorCategory.InvalidArgument, Subaccount.Id));
                    }

                    return (PsConvert.Plain(Subaccount.ApiKey!), PsConvert.Plain(Subaccount.ApiSecret!));
            }

            var id = Environment.GetEnvironmentVariable("COUPONTOOLS_CLIENT_ID");
            var secret = Environment.GetEnvironmentVariable("COUPONTOOLS_CLIENT_SECRET");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(secret))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("No credentials given. Pass -ClientId and -ClientSecret, or -Credential (user name = client id), or set the environment variables COUPONTOOLS_CLIENT_ID and COUPONTOOLS_CLIENT_SECRET."),
                    "Coupontools.NoCredentials", ErrorCategory.InvalidArgument, null));
            }

            return (id!, secret!);
        }

        private void Check(Connection connection)
        {
            var request = new ApiRequest(EndpointCatalog.CategoryThirdLevelList);
            try
            {
                connection.GetClient().SendAsync(request, default).GetAwaiter().GetResult();
            }
            catch (CoupontoolsApiException ex) when (ex.HasErrorCode(1000))
            {
                connection.Dispose();
                var error = new CoupontoolsApiException(ex.Failure, ex.Endpoint,
                    $"The Coupontools API at {connection.BaseUri} refused the client id '{connection.ClientId}' and its secret ({ex.CodeText}: {ex.ApiText}). " +
                    "Check that the client id and secret are the account's API key and secret, copied whole, and that -BaseUri is right.",
                    ex.HttpStatus, ex.ErrorCodes, ex.Descriptions, ex.ApiMessage, ex.RedactedBody, ex);
                ThrowTerminatingError(ErrorMapper.ToRecord(error, connection.ClientId));
            }
            catch (CoupontoolsApiException ex) when (ex.Failure != ApiFailure.ApiError)
            {
                connection.Dispose();
                ThrowTerminatingError(ErrorMapper.ToRecord(ex, connection.BaseUri,
                    "Check -BaseUri, the network and the proxy, or use -SkipCheck to connect without calling the API."));
            }
            catch (CoupontoolsApiException ex)
            {
                WriteWarning($"Connected, but the check call failed: {ex.Message}");
            }
        }

        private static Uri? EnvironmentBaseUri()
        {
            var text = Environment.GetEnvironmentVariable("COUPONTOOLS_BASE_URI");
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        }

        private static string UserAgent()
        {
            var version = typeof(ConnectCtAccount).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            return $"Coupontools-PowerShell/{version} ({RuntimeInformation.OSDescription.Trim().Replace('(', ' ').Replace(')', ' ')})";
        }

    }
}
