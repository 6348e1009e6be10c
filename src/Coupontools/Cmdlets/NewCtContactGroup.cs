using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Creates a group in the SMS tool or the e-mail tool.</summary>
    [Cmdlet(VerbsCommon.New, "CtContactGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ContactGroup))]
    public sealed class NewCtContactGroup : CtPerInputCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public MessageChannel Channel { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 255)]
        public string Name { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var name = Name.Trim();
            if (name.Length == 0)
            {
                WriteError(new ErrorRecord(new PSArgumentException("-Name is blank; give the group a name."), "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, Name));
                return;
            }

            if (!ShouldProcess($"{Channel} group '{name}'", "Create"))
            {
                return;
            }

            var channel = Channel;
            var request = Observe(MessagingRequests.AddGroup(channel, name));
            StartRequest(name, (client, token) => client.SendAsync(request, token), payload => WriteObject(ContactGroup.FromCreated(payload, channel, name)));
        }
    }
}
