using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Changes a subaccount's permission package, the only field /v4/subaccount/update takes (2025). Its reply
    /// is printed without the status envelope and carries only the id and <c>updated</c>; -PassThru reads the
    /// subaccount back.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtSubaccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subaccount))]
    public sealed class SetCtSubaccount : CtEntityCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SubaccountId")]
        [CtId(IdKind.Subaccount)]
        [ArgumentCompleter(typeof(SubaccountIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, Position = 1)]
        [CtId(IdKind.Package)]
        [ValidateNotNullOrEmpty]
        public string Package { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, $"Set the permission package to {Package}"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["subaccount"] = id, ["package"] = Package };
                var passThru = PassThru.IsPresent;
                StartRequest(id, (client, token) => UpdateAsync(client, body, id, passThru, token), info =>
                {
                    if (info != null && ObjectIn(info, "subaccount", EndpointCatalog.SubaccountInfo, id) is { } json)
                    {
                        WriteObject(Subaccount.FromJson(json));
                    }
                });
            }
        }

        /// <summary>The update, then with -PassThru the subaccount read back (the update's reply has only the id).</summary>
        private async Task<JObject?> UpdateAsync(CoupontoolsClient client, Dictionary<string, object?> body, string id, bool passThru, CancellationToken token)
        {
            await client.SendAsync(NewRequest(EndpointCatalog.SubaccountUpdate, body), token).ConfigureAwait(false);
            return passThru
                ? await client.SendAsync(NewRequest(EndpointCatalog.SubaccountInfo, new Dictionary<string, object?> { ["subaccount"] = id }), token).ConfigureAwait(false)
                : null;
        }
    }
}
