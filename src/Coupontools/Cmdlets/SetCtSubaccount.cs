using System;
using System.Collections.Generic;
using System.Management.Automation;
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
                if (TrySend(EndpointCatalog.SubaccountUpdate, body, id, out _) && PassThru)
                {
                    WriteEach(new[] { id }, EndpointCatalog.SubaccountInfo, "subaccount", "subaccount", Subaccount.FromJson);
                }
            }
        }
    }
}
