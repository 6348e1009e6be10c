using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Sends a v4 directory's link by e-mail (POST …/send/email; needs e-mail credit) or SMS (…/send/sms; needs an SMS
    /// integration), one request per receiver; phone numbers are checked for E.164 before anything is sent.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CtDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = EmailSet)]
    [OutputType(typeof(DirectoryDelivery))]
    public sealed class SendCtDirectory : CtV4DirectoryCmdlet
    {
        private const string EmailSet = "Email";
        private const string SmsSet = "Sms";

        /// <summary>The receivers' e-mail addresses; from a CSV row, its Email column.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Receiver")]
        [ValidateEmail]
        public string[] Email { get; set; } = Array.Empty<string>();

        /// <summary>The sender's address; without it, the API's noreply address of the white-label domain.</summary>
        [Parameter(ParameterSetName = EmailSet)]
        [ValidateEmail]
        public string? Sender { get; set; }

        [Parameter(ParameterSetName = EmailSet)]
        [ValidateLength(1, 255)]
        public string? Subject { get; set; }

        /// <summary>The e-mail body (HTML with -BodyType Html) or the SMS text, to which the API adds the directory's URL.</summary>
        [Parameter]
        [ValidateLength(1, 10000)]
        public string? Body { get; set; }

        [Parameter(ParameterSetName = EmailSet)]
        [ValidateSet("Text", "Html")]
        public string? BodyType { get; set; }

        /// <summary>The button's text; the API's default is "View deals".</summary>
        [Parameter(ParameterSetName = EmailSet)]
        [ValidateLength(1, 100)]
        public string? ButtonText { get; set; }

        /// <summary>The receivers' phone numbers in E.164 (+447911123456); from a CSV row, its Phone column.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SmsSet, ValueFromPipelineByPropertyName = true)]
        [ValidateE164]
        public string[] Phone { get; set; } = Array.Empty<string>();

        /// <summary>Sends without asking (not under -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var sms = ParameterSetName == SmsSet;
            var directory = Directory;
            foreach (var raw in sms ? Phone : Email)
            {
                var receiver = raw.Trim();
                if (!IsV4Directory(directory) || (!SkipsConfirmation(Force) && !ShouldProcess(receiver, $"Send directory {directory} by {(sms ? "SMS" : "e-mail")}")))
                {
                    continue;
                }

                var body = sms
                    ? new Dictionary<string, object?> { ["receiver"] = receiver, ["body"] = Body }
                    : new Dictionary<string, object?>
                    {
                        ["receiver"] = receiver,
                        ["sender"] = Sender,
                        ["type"] = BodyType?.ToLowerInvariant(),
                        ["subject"] = Subject,
                        ["body"] = Body,
                        ["button_text"] = ButtonText,
                    };
                var request = Observe(DirectoryRest.Request(sms ? DirectoryRest.SendSms : DirectoryRest.SendEmail, body, directory));
                var channel = sms ? "Sms" : "Email";
                StartRequest(receiver, (client, token) => client.SendRestObjectAsync(request, json => DirectoryDelivery.FromJson(json, directory, channel), token), WriteObject);
            }
        }
    }
}
