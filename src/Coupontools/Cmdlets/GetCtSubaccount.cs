using System.Collections.Generic;
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
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                if (TryCall((client, token) => client.SendPageAsync(NewRequest(EndpointCatalog.SubaccountList), "subaccounts", Subaccount.FromJson, token),
                        null, out var page))
                {
                    WriteObject(page.Items, true);
                }

                return;
            }

            foreach (var id in Id)
            {
                var body = new Dictionary<string, object?> { ["subaccount"] = id };
                if (TrySend(EndpointCatalog.SubaccountInfo, body, id, out var payload) &&
                    ObjectIn(payload, "subaccount", EndpointCatalog.SubaccountInfo, id) is { } json)
                {
                    WriteObject(Subaccount.FromJson(json));
                }
            }
        }
    }
}
