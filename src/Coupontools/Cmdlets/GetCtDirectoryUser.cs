using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtDirectoryUser", SupportsPaging = true)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class GetCtDirectoryUser : CtApiCmdlet
    {
        /// <summary>Users per page, as the API pages them.</summary>
        public const int PageSize = 100;

        /// <summary>The directory; from the pipeline, a directory's Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var directory = Directory;
            WritePages(
                page => NewRequest(EndpointCatalog.DirectoryUsers, new Dictionary<string, object?> { ["directory"] = directory, ["page"] = page }),
                "users", json => DirectoryUser.FromJson(json, directory), PageSize, directory, $"Users of directory {directory}");
        }
    }
}
