using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

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

        /// <summary>
        /// The HTTP method. The v3 paths and the v3-style /v4/subaccount… and /v4/webhook/… paths take POST only; the
        /// other /v4 paths (the REST family) take all four, and GET, PUT and DELETE are retried like reads.
        /// </summary>
        [Parameter]
        [ValidateSet("Get", "Post", "Put", "Delete")]
        public string Method { get; set; } = "Post";

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

            var request = new ApiRequest(Path, fields, safeToRepeat: false, Method);
            request.SafeToRepeat |= Read || (request.Endpoint?.IsRead ?? false);
            if (request.Family != WireFamily.V4Rest)
            {
                if (request.Method != "POST")
                {
                    ThrowInvalidArgument(
                        $"{request.Path} answers POST only (the v3 style, with the status envelope); -Method {Method} is for the v4 REST paths such as /v4/directory or /v4/loyalty/loyalty-cards.",
                        "MethodNotAllowed", Path);
                }

                if (TryCall((client, token) => client.SendAsync(Observe(request), token), Path, out var payload))
                {
                    WriteObject(PsConvert.FromJson(payload));
                }

                return;
            }

            // A REST reply comes back as it is: an object, or each item of a bare array.
            if (TryCall((client, token) => client.SendRestAsync(Observe(request), token), Path, out var reply) && reply != null)
            {
                WriteObject(PsConvert.FromJson(reply), reply is JArray);
            }
        }
    }
}
