using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>A legacy directory user's payment status (/v3/directoryusers/update), or a v4 user blocked or unblocked.</summary>
    [Cmdlet(VerbsCommon.Set, "CtDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = LegacySet)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class SetCtDirectoryUser : CtDirectoryUserCmdlet
    {
        private const string LegacySet = "Legacy";
        private const string V4Set = "V4";

        /// <summary>Legacy directories: paid or unpaid.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LegacySet)]
        [ValidateSet("Paid", "Unpaid")]
        public string PaymentStatus { get; set; } = string.Empty;

        /// <summary>v4 directories: $true blocks the user from the directory, $false lets them in again.</summary>
        [Parameter(Mandatory = true, ParameterSetName = V4Set)]
        public bool Blocked { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var user in User)
            {
                if (ParameterSetName == V4Set)
                {
                    SetBlocked(user);
                }
                else if (Ids.IsSecondGeneration(Directory) || Ids.IsSecondGeneration(user))
                {
                    Refuse(user, $"-PaymentStatus is for legacy directories (dir_/reg_ ids); '{Directory}' / '{user}' is a v4 one: use Grant-CtDirectoryAccess or Revoke-CtDirectoryAccess.");
                }
                else
                {
                    SetPaymentStatus(user);
                }
            }
        }

        private void SetBlocked(string user)
        {
            var action = Blocked ? "Block the user" : "Unblock the user";
            if (!BothV4(user) || !ShouldProcess(Describe(user), action))
            {
                return;
            }

            var directory = Directory;
            var request = Observe(DirectoryRest.Request(DirectoryRest.UserUpdate, new Dictionary<string, object?> { ["block"] = Blocked }, directory, user));
            StartRequest(user, (client, token) => client.SendRestObjectAsync(request, json => DirectoryUser.FromV4Json(json, directory), token), changed =>
            {
                if (PassThru)
                {
                    WriteObject(changed);
                }
            });
        }

        private void SetPaymentStatus(string user)
        {
            var status = PaymentStatus.ToLowerInvariant();
            if (!ShouldProcess(Describe(user), $"Set payment status to {status}"))
            {
                return;
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
