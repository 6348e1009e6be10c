using System;
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
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WriteList(EndpointCatalog.DirectoryList, null, "directories", Coupontools.Directory.FromJson, null);
                return;
            }

            WriteEach(Id, EndpointCatalog.DirectoryInfo, "directory", "directory", Coupontools.Directory.FromJson);
        }
    }
}
