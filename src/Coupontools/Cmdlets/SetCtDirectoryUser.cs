using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Set, "CtDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class SetCtDirectoryUser : CtEntityCmdlet
    {
        /// <summary>The directory; from the pipeline, a directory user's Directory property (never its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        /// <summary>The users; from the pipeline, a directory user's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "UserId")]
        [CtId(IdKind.DirectoryUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true)]
        [ValidateSet("Paid", "Unpaid")]
        public string PaymentStatus { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var status = PaymentStatus.ToLowerInvariant();
            foreach (var user in User)
            {
                if (!ShouldProcess($"user {user} of directory {Directory}", $"Set payment status to {status}"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["directory"] = Directory, ["user"] = user, ["payment_status"] = status };
                var directory = Directory;
                SendEach(EndpointCatalog.DirectoryUserUpdate, body, user, payload =>
                {
                    if (PassThru && ObjectIn(payload, "user", EndpointCatalog.DirectoryUserUpdate, user) is { } json)
                    {
                        WriteObject(DirectoryUser.FromJson(json, directory));
                    }
                });
            }
        }
    }
}
