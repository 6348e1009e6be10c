using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Calls any API path with any body: the way out when a cmdlet does not cover something yet.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CtApi")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeCtApi : CtApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern(@"^/?v[34](/[A-Za-z0-9_\-]+)+$")]
        public string Path { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipeline = true)]
        public IDictionary? Body { get; set; }

        /// <summary>Lets a call to a path outside the catalogue be retried like a read.</summary>
        [Parameter]
        public SwitchParameter Read { get; set; }

        protected override void ProcessRecord()
        {
            var secrets = new List<string>();
            Dictionary<string, object?> fields;
            try
            {
                fields = PsConvert.ToBody(Body, secrets);
            }
            catch (ArgumentException ex)
            {
                ThrowInvalidArgument(ex.Message, "InvalidBody", Path);
                return;
            }

            // A value given as a SecureString is a secret whatever its field is called: mask it in traces.
            foreach (var secret in secrets)
            {
                Client.Redactor.AddSecret(secret);
            }

            var request = new ApiRequest(Path, fields, safeToRepeat: false);
            request.SafeToRepeat = Read || (request.Endpoint?.IsRead ?? false);
            if (TryCall((client, token) => client.SendAsync(Observe(request), token), Path, out var payload))
            {
                WriteObject(PsConvert.FromJson(payload));
            }
        }
    }
}
