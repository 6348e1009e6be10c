using System.Management.Automation;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Sends a campaign's coupon by e-mail or SMS, one request per recipient (rows from Import-Csv bind by
    /// name). Phone numbers are checked for E.164 before anything is sent.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CtCoupon", DefaultParameterSetName = EmailSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CouponDelivery))]
    public sealed class SendCtCoupon : CtRecipientCmdlet<CouponDelivery>
    {
        private const string EmailSet = "Email";
        private const string SmsSet = "Sms";
        private string? sessionOnCommandLine;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CampaignId")]
        [CtId(IdKind.Campaign)]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        public string Campaign { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "Mail", "Receiver")]
        public string Email { get; set; } = string.Empty;

        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        public string? Subject { get; set; }

        /// <summary>Replaces [FIRSTNAME] in the e-mail body.</summary>
        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [Alias("GivenName", "First_Name")]
        public string? FirstName { get; set; }

        /// <summary>Replaces [LASTNAME] in the e-mail body.</summary>
        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Surname", "Last_Name")]
        public string? LastName { get; set; }

        /// <summary>Nothing is sent to an address that already received this campaign's coupon (check_unique): a rerun is safe.</summary>
        [Parameter(ParameterSetName = EmailSet)]
        public SwitchParameter CheckUnique { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PhoneNumber", "Mobile")]
        public string Phone { get; set; } = string.Empty;

        /// <summary>The SMS text; the API appends the coupon URL.</summary>
        [Parameter(ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Text")]
        public string? Body { get; set; }

        /// <summary>An existing coupon session to send instead of a new one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CouponSession", "SessionId")]
        public string? Session { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string DoneWord => "sent";

        protected override string? StopAdvice => !IsSms && CheckUnique
            ? "The e-mails were sent with -CheckUnique: run the same rows again and only the addresses that did not receive the coupon get it."
            : null;

        private bool IsSms => ParameterSetName == SmsSet;

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Session)))
            {
                // Given on the command line: a malformed session stops the command before any request.
                sessionOnCommandLine = Ids.Normalize(IdKind.CouponSession, Session);
                if (sessionOnCommandLine == null)
                {
                    ThrowInvalidArgument($"-Session '{CtIdAttribute.Shorten(Session)}' is not {Ids.Describe(IdKind.CouponSession)}.", "InvalidArgument", Session);
                }
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var recipient = (IsSms ? Phone : Email).Trim();
            if (recipient.Length == 0)
            {
                Reject(recipient, IsSms ? "-Phone is blank: give the number in E.164, for example +447911123456." : "-Email is blank: give the address to send the coupon to.", "MissingParameter");
                return;
            }

            if (IsSms && !MessagingRequests.IsE164(recipient))
            {
                Reject(recipient, "-Phone " + MessagingRequests.E164Problem(CtIdAttribute.Shorten(recipient)));
                return;
            }

            var session = sessionOnCommandLine ?? (string.IsNullOrWhiteSpace(Session) ? null : Ids.Normalize(IdKind.CouponSession, Session));
            if (session == null && !string.IsNullOrWhiteSpace(Session))
            {
                Reject(recipient, $"-Session '{CtIdAttribute.Shorten(Session)}' is not {Ids.Describe(IdKind.CouponSession)}.");
                return;
            }

            var channel = IsSms ? MessageChannel.Sms : MessageChannel.Email;
            var what = IsSms ? "Send the coupon by SMS" : "Send the coupon by e-mail";
            if (!SkipsConfirmation(Force) && !ShouldProcess($"{recipient} ({Campaign}{(session == null ? string.Empty : ", session " + session)})", what))
            {
                return;
            }

            var send = new CouponSend
            {
                Campaign = Campaign,
                Channel = channel,
                Recipient = recipient,
                Session = session,
                Subject = IsSms ? null : Blank(Subject),
                FirstName = IsSms ? null : Blank(FirstName),
                LastName = IsSms ? null : Blank(LastName),
                Body = IsSms ? Blank(Body) : null,
                CheckUnique = !IsSms && CheckUnique,
            };
            var request = Observe(MessagingRequests.Send(send));
            Start(recipient, async (client, token) =>
            {
                var delivery = CouponDelivery.FromJson(await client.SendAsync(request, token).ConfigureAwait(false), channel);
                delivery.Campaign = delivery.Campaign.Length == 0 ? send.Campaign : delivery.Campaign;
                delivery.Recipient ??= recipient;
                delivery.Session ??= session;
                return delivery;
            });
        }

        protected override void WriteResult(CouponDelivery result)
        {
            if (!result.Sent)
            {
                WriteVerbose($"{result.Recipient} already received the coupon of {result.Campaign} (session {result.Session}); it was not sent again.");
            }

            WriteObject(result);
        }

        protected override string OutcomeUnknownAdvice(string recipient) => IsSms
            ? $"The SMS to '{recipient}' may or may not have been sent, and it was not sent again: the API has no check against a second SMS. Look for the number with Find-CtCouponSession -Phone before sending that row again."
            : $"The e-mail to '{recipient}' may or may not have been sent, and it was not sent again. Send that row again with -CheckUnique: the API then sends nothing to an address that already received the coupon.";
    }
}
