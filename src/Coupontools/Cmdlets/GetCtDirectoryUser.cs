using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Json;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Users of a directory: a legacy directory's pages of 100 from /v3/directoryusers/list, a v4 directory's whole list in
    /// one reply (the API prints no paging for it: -First/-Skip apply to that list), or the v4 users given by -Id.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtDirectoryUser", SupportsPaging = true)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class GetCtDirectoryUser : CtApiCmdlet
    {
        /// <summary>Users per page, as the API pages a legacy directory's users.</summary>
        public const int PageSize = 100;

        /// <summary>The directory; from the pipeline, a directory (its Id) or a user's Directory.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        /// <summary>One or more users of a v4 directory, by id; without it, every user.</summary>
        [Parameter(Position = 1)]
        [Alias("User", "UserId")]
        [CtId(IdKind.DirectoryUser)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var directory = Directory;
            if (!Ids.IsSecondGeneration(directory))
            {
                if (Id != null)
                {
                    WriteError(new ErrorRecord(new ArgumentException(
                        $"-Id reads one user of a v4 directory (a numeric id); '{directory}' is a legacy directory. List its users without -Id and filter them, for example with Where-Object Email -eq ..."),
                        "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, directory));
                    return;
                }

                WritePages(
                    page => NewRequest(EndpointCatalog.DirectoryUsers, new Dictionary<string, object?> { ["directory"] = directory, ["page"] = page }),
                    "users", json => DirectoryUser.FromJson(json, directory), PageSize, directory, $"Users of directory {directory}");
                return;
            }

            if (Id == null)
            {
                // One reply holds every user: its count is the total -IncludeTotalCount reports.
                WritePages(
                    async (page, token) =>
                    {
                        var all = await Client.ReadRestItemsAsync(Observe(DirectoryRest.Request(DirectoryRest.Users, null, directory)),
                            json => DirectoryUser.FromV4Json(json, directory), token).ConfigureAwait(false);
                        return new Page<DirectoryUser>(all.Items, all.Items.Count, 1, 1);
                    },
                    int.MaxValue, directory, $"Users of directory {directory}");
                return;
            }

            foreach (var user in Id)
            {
                if (!Ids.IsSecondGeneration(user))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{user}' is a legacy directory user id; v4 directory {directory} takes numeric user ids."),
                        "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, user));
                }
                else if (TryCall((client, token) => client.SendRestObjectAsync(Observe(DirectoryRest.Request(DirectoryRest.UserGet, null, directory, user)),
                    json => DirectoryUser.FromV4Json(json, directory), token), user, out var found))
                {
                    WriteObject(found);
                }
            }
        }
    }
}
