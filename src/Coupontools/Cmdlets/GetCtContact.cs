using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Bulk;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Lists the contacts of an SMS or e-mail group; a group piped in carries its channel.</summary>
    [Cmdlet(VerbsCommon.Get, "CtContact")]
    [OutputType(typeof(Contact))]
    public sealed class GetCtContact : CtContactCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "GroupId")]
        [CtId(IdKind.ContactGroup)]
        [ArgumentCompleter(typeof(ContactGroupIdCompleter))]
        public string Group { get; set; } = string.Empty;

        /// <summary>Sms or Email; without it the group is looked up in both tools' group lists.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MessageChannel? Channel { get; set; }

        protected override void ProcessRecord()
        {
            if (!(ChannelOf(Group, Channel, Group) is { } channel))
            {
                return;
            }

            var asked = Group;
            var request = Observe(MessagingRequests.Contacts(channel, asked));
            StartRequest(asked, (client, token) => client.SendAsync(request, token), payload =>
            {
                var group = payload.Value<string>("group_id") ?? asked;
                var name = payload.Value<string>("group_name");
                var contacts = (payload["contact"] as JArray ?? new JArray()).OfType<JObject>();
                WriteObject(contacts.Select(c => Contact.FromJson(c, channel, group, name)), true);
            });
        }
    }
}
