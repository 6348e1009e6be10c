using System;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtSubaccount", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Subaccount))]
    public sealed class GetCtSubaccount : CtEntityCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SubaccountId")]
        [CtId(IdKind.Subaccount)]
        [ArgumentCompleter(typeof(SubaccountIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WriteList(EndpointCatalog.SubaccountList, null, "subaccount", Subaccount.FromJson, null);
                return;
            }

            WriteEach(Id, EndpointCatalog.SubaccountInfo, "subaccount", "subaccount", Subaccount.FromJson);
        }
    }
}
