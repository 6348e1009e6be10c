using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Adds contacts to an SMS or e-mail group, one request per contact (rows from Import-Csv bind by name).
    /// The parameter set is the group's tool: SMS takes -Phone (E.164) and -CustomField1…7, e-mail takes
    /// -Email and -Custom1…10.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtContact", DefaultParameterSetName = SmsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Contact))]
    public sealed class AddCtContact : CtRecipientCmdlet<Contact>
    {
        private const string SmsSet = "Sms";
        private const string EmailSet = "Email";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "GroupId")]
        [CtId(IdKind.ContactGroup)]
        [ArgumentCompleter(typeof(ContactGroupIdCompleter))]
        public string Group { get; set; } = string.Empty;

        /// <summary>The group's tool, when known (a piped group carries it): must match -Phone (Sms) or -Email (Email).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MessageChannel? Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PhoneNumber", "Mobile")]
        public string Phone { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "Mail")]
        public string Email { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GivenName", "First_Name")]
        public string? FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Surname", "Last_Name")]
        public string? LastName { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField1 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField2 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField3 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField4 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField5 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField6 { get; set; }

        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)] public string? CustomField7 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom1 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom2 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom3 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom4 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom5 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom6 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom7 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom8 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom9 { get; set; }

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)] public string? Custom10 { get; set; }

        protected override string DoneWord => "added";

        protected override void ProcessRecord()
        {
            var sms = ParameterSetName == SmsSet;
            var channel = sms ? MessageChannel.Sms : MessageChannel.Email;
            var recipient = (sms ? Phone : Email).Trim();
            var problem = recipient.Length == 0 ? (sms ? "-Phone is blank: give the number in E.164, for example +447911123456." : "-Email is blank: give the contact's address.")
                : sms && !MessagingRequests.IsE164(recipient) ? "-Phone " + MessagingRequests.E164Problem(CtIdAttribute.Shorten(recipient))
                : Channel.HasValue && Channel != channel ? $"Group {Group} is an {(Channel == MessageChannel.Sms ? "SMS group: give -Phone" : "e-mail group: give -Email")}, not {(sms ? "-Phone" : "-Email")}."
                : null;
            if (problem != null)
            {
                Reject(recipient, problem, recipient.Length == 0 ? "MissingParameter" : "InvalidArgument");
                return;
            }

            if (!ShouldProcess($"{recipient} in {channel} group {Group}", "Add the contact"))
            {
                return;
            }

            var contact = new NewContact { Group = Group, Channel = channel, Recipient = recipient, FirstName = Blank(FirstName), LastName = Blank(LastName) };
            var fields = sms
                ? new[] { CustomField1, CustomField2, CustomField3, CustomField4, CustomField5, CustomField6, CustomField7 }
                : new[] { Custom1, Custom2, Custom3, Custom4, Custom5, Custom6, Custom7, Custom8, Custom9, Custom10 };
            foreach (var field in fields.Select(Blank))
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
