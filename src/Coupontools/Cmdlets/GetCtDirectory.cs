using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Directories of both generations: dir_ ids from the legacy v3 endpoints, bare numbers from v4.</summary>
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

        /// <summary>Only the legacy or only the v4 directories; without it, both.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ProductGeneration? Kind { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                var lists = new List<GenerationList<Directory>>();
                if (Kind != ProductGeneration.V4)
                {
                    lists.Add(new GenerationList<Directory>("Legacy", async (client, token) =>
                        (await client.SendPageAsync(NewRequest(EndpointCatalog.DirectoryList), "directories", Coupontools.Directory.FromJson, token).ConfigureAwait(false)).Items));
                }

                if (Kind != ProductGeneration.Legacy)
                {
                    lists.Add(new GenerationList<Directory>("V4", (client, token) =>
                        client.ReadRestListAsync(Observe(DirectoryRest.Request(DirectoryRest.List, null)), Coupontools.Directory.FromV4Json, token)));
                }

                WriteGenerations(Kind != null, "directories", lists.ToArray());
                return;
            }

            foreach (var id in Id)
            {
                if (!Ids.IsSecondGeneration(id))
                {
                    WriteEach(new[] { id }, EndpointCatalog.DirectoryInfo, "directory", "directory", Coupontools.Directory.FromJson);
                }
                else
                {
                    var request = Observe(DirectoryRest.Request(DirectoryRest.Get, null, id));
                    StartRequest(id, (client, token) => client.SendRestObjectAsync(request, Coupontools.Directory.FromV4Json, token), WriteObject);
                }
            }
        }
    }
}
