using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtDirectory", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Directory))]
    public sealed class GetCtDirectory : CtEntityCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Directory", "DirectoryId")]
        [CtId(IdKind.Directory)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                if (TryCall((client, token) => client.SendPageAsync(NewRequest(EndpointCatalog.DirectoryList), "directories", Coupontools.Directory.FromJson, token),
                        null, out var page))
                {
                    WriteObject(page.Items, true);
                }

                return;
            }

            foreach (var id in Id)
            {
                var body = new Dictionary<string, object?> { ["directory"] = id };
                if (TrySend(EndpointCatalog.DirectoryInfo, body, id, out var payload) &&
                    ObjectIn(payload, "directory", EndpointCatalog.DirectoryInfo, id) is { } json)
                {
                    WriteObject(Coupontools.Directory.FromJson(json));
                }
            }
        }
    }
}
