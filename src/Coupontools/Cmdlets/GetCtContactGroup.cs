using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Lists the groups of the SMS tool, the e-mail tool, or both.</summary>
    [Cmdlet(VerbsCommon.Get, "CtContactGroup")]
    [OutputType(typeof(ContactGroup))]
    public sealed class GetCtContactGroup : CtContactCmdlet
    {
        /// <summary>Sms or Email; without it both tools are listed, and one the account is not connected to is left out.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public MessageChannel? Channel { get; set; }

        protected override void ProcessRecord()
        {
            if (Channel.HasValue)
            {
                WriteObject(ReadGroups(Channel.Value, skipNotConnected: false), true);
                return;
            }

            var connected = 0;
            foreach (var channel in BothChannels)
            {
                var groups = ReadGroups(channel, skipNotConnected: channel == MessageChannel.Sms || connected > 0);
                if (groups != null)
                {
                    connected++;
                    WriteObject(groups, true);
                }
            }
        }
    }
}
