using System.Collections;
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
            var request = new ApiRequest(Path, PsConvert.ToBody(Body), safeToRepeat: false);
            request.SafeToRepeat = Read || (request.Endpoint?.IsRead ?? false);
            if (TryWait((client, token) => client.SendAsync(Observe(request), token), Path, out var payload))
            {
                WriteObject(PsConvert.FromJson(payload));
            }
        }
    }
}
