using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Adds contacts to an SMS or e-mail group, one request per contact (rows from Import-Csv bind by name).
    /// The group's tool decides the fields: SMS takes -Phone (E.164) and -CustomField1…7, e-mail takes -Email
    /// and -Custom1…10.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Contact))]
    public sealed class AddCtContact : CtRecipientCmdlet<Contact>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "GroupId")]
        [CtId(IdKind.ContactGroup)]
        [ArgumentCompleter(typeof(ContactGroupIdCompleter))]
        public string Group { get; set; } = string.Empty;

        /// <summary>Sms or Email; without it the group is looked up in both tools' group lists.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MessageChannel? Channel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PhoneNumber", "Mobile")]
        public string? Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "Mail")]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GivenName", "First_Name")]
        public string? FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Surname", "Last_Name")]
        public string? LastName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField2 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField3 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField4 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField5 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField6 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? CustomField7 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom2 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom3 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom4 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom5 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom6 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom7 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom8 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom9 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)] public string? Custom10 { get; set; }

        protected override string DoneWord => "added";

        protected override void ProcessRecord()
        {
            var given = (Phone ?? Email ?? string.Empty).Trim();
            if (!(ChannelOf(Group, Channel, InputObject ?? (object)given) is { } channel))
            {
                return;
            }

            var sms = channel == MessageChannel.Sms;
            var recipient = ((sms ? Phone : Email) ?? string.Empty).Trim();
            var smsFields = new[] { CustomField1, CustomField2, CustomField3, CustomField4, CustomField5, CustomField6, CustomField7 };
            var emailFields = new[] { Custom1, Custom2, Custom3, Custom4, Custom5, Custom6, Custom7, Custom8, Custom9, Custom10 };
            var problem = recipient.Length == 0 ? (sms ? $"Group {Group} is an SMS group: give -Phone (E.164, for example +447911123456)." : $"Group {Group} is an e-mail group: give -Email.")
                : sms && !MessagingRequests.IsE164(recipient) ? "-Phone " + MessagingRequests.E164Problem(CtIdAttribute.Shorten(recipient))
                : MessagingRequests.AnyText(sms ? emailFields : smsFields) ? (sms
                    ? $"Group {Group} is an SMS group, which has -CustomField1 to -CustomField7; -Custom1 to -Custom10 belong to e-mail groups."
                    : $"Group {Group} is an e-mail group, which has -Custom1 to -Custom10; -CustomField1 to -CustomField7 belong to SMS groups.")
                : null;
            if (problem != null)
            {
                Reject(recipient.Length == 0 ? given : recipient, problem, recipient.Length == 0 ? "MissingParameter" : "InvalidArgument");
                return;
            }

            if (!ShouldProcess($"{recipient} in {channel} group {Group}", "Add the contact"))
            {
                return;
            }

            var contact = new NewContact { Group = Group, Channel = channel, Recipient = recipient, FirstName = Blank(FirstName), LastName = Blank(LastName) };
            foreach (var field in (sms ? smsFields : emailFields).Select(Blank))
            {
                contact.CustomFields.Add(field);
            }

            var request = Observe(MessagingRequests.AddContact(contact));
            Start(recipient, async (client, token) =>
                Contact.FromJson(await client.SendAsync(request, token).ConfigureAwait(false), channel, Group, null));
        }

        protected override string OutcomeUnknownAdvice(string recipient) =>
            $"'{recipient}' may or may not have been added to group {Group}, and the request was not sent again. Check the group with Get-CtContact -Group {Group} before adding that row again.";
    }
}
