using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtDirectoryCampaign")]
    [OutputType(typeof(Campaign))]
    public sealed class GetCtDirectoryCampaign : CtEntityCmdlet
    {
        /// <summary>The directory; from the pipeline, a directory's Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Directory { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var directory in Directory)
            {
                if (Ids.IsSecondGeneration(directory))
                {
                    StartRefused(directory, new ErrorRecord(new ArgumentException(
                        $"'{directory}' is a v4 directory: the API lists campaigns of legacy directories (dir_ ids) only. List those with Get-CtDirectory -Kind Legacy."),
                        "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, directory));
                    continue;
                }

                var body = new Dictionary<string, object?> { ["directory"] = directory };
                WriteList(EndpointCatalog.DirectoryCampaigns, body, "coupon_info", Campaign.FromJson, directory);
            }
        }
    }
}
