using System.Collections.Generic;
using System.Text.RegularExpressions;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools.Client.Bulk
{
    /// <summary>One coupon to send (<c>/v3/send/email</c> or <c>/v3/send/sms</c>).</summary>
    public sealed class CouponSend
    {
        public string Campaign { get; set; } = string.Empty;

        public MessageChannel Channel { get; set; }

        /// <summary>The e-mail address or the E.164 phone number.</summary>
        public string Recipient { get; set; } = string.Empty;

        /// <summary>An existing coupon session to send instead of a new one.</summary>
        public string? Session { get; set; }

        public string? Subject { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        /// <summary>The SMS text; the API appends the coupon URL.</summary>
        public string? Body { get; set; }

        /// <summary>E-mail only: <c>check_unique</c>, nothing is sent to an address that already received the coupon.</summary>
        public bool CheckUnique { get; set; }
    }

    /// <summary>One contact to add to an SMS or e-mail group.</summary>
    public sealed class NewContact
    {
        public string Group { get; set; } = string.Empty;

        public MessageChannel Channel { get; set; }

        public string Recipient { get; set; } = string.Empty;

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        /// <summary><c>customfield1</c>…<c>7</c> (SMS) or <c>custom1</c>…<c>10</c> (e-mail), in order; null entries are not sent.</summary>
        public IList<string?> CustomFields { get; } = new List<string?>();
    }

    /// <summary>The requests of the SMS and e-mail tools and of coupon distribution, and the checks made before any of them.</summary>
    public static class MessagingRequests
    {
        private static readonly Regex E164Shape = new Regex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant);

        /// <summary>A phone number in E.164: '+', a country code that does not start with 0, 7 to 15 digits in all, nothing else.</summary>
        public static bool IsE164(string? phone) => phone != null && E164Shape.IsMatch(phone);

        /// <summary>Why a phone is not E.164, in the words of the vendor's page (no spaces, dashes, brackets or national 0).</summary>
        public static string E164Problem(string? phone) =>
            $"'{phone}' is not a phone number in E.164 notation: a '+', the country code and the number, digits only, without spaces, dashes, brackets or the national leading 0 (for example +447911123456).";

        public static Endpoint GroupList(MessageChannel channel) => channel == MessageChannel.Sms ? EndpointCatalog.SmsGroupList : EndpointCatalog.EmailGroupList;

        public static Endpoint UserList(MessageChannel channel) => channel == MessageChannel.Sms ? EndpointCatalog.SmsUserList : EndpointCatalog.EmailUserList;

        public static Endpoint AddGroupEndpoint(MessageChannel channel) => channel == MessageChannel.Sms ? EndpointCatalog.SmsAddGroup : EndpointCatalog.EmailAddGroup;

        /// <summary>The field naming a group: <c>smsgroup</c> or <c>emailgroup</c>.</summary>
        public static string GroupField(MessageChannel channel) => channel == MessageChannel.Sms ? "smsgroup" : "emailgroup";

        public static ApiRequest Contacts(MessageChannel channel, string group) =>
            new ApiRequest(UserList(channel), new Dictionary<string, object?> { [GroupField(channel)] = group });

        public static ApiRequest AddGroup(MessageChannel channel, string name) =>
            new ApiRequest(AddGroupEndpoint(channel), new Dictionary<string, object?> { ["group_name"] = name });

        /// <summary>An addcontact request. The API has no duplicate check here, so it is never re-sent after a lost reply.</summary>
        public static ApiRequest AddContact(NewContact contact)
        {
            var sms = contact.Channel == MessageChannel.Sms;
            var body = new Dictionary<string, object?>
            {
                [GroupField(contact.Channel)] = contact.Group,
                [sms ? "phone" : "email"] = contact.Recipient,
                ["first_name"] = contact.FirstName,
                ["last_name"] = contact.LastName,
            };
            for (var i = 0; i < contact.CustomFields.Count; i++)
            {
                body[(sms ? "customfield" : "custom") + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = contact.CustomFields[i];
            }

            return new ApiRequest(sms ? EndpointCatalog.SmsAddContact : EndpointCatalog.EmailAddContact, body);
        }

        /// <summary>
        /// A send request. A send is a write: after a lost reply it is not sent again, except an e-mail with
        /// <c>check_unique</c>, which the API does not send twice to the same address, so a repeat is safe.
        /// </summary>
        public static ApiRequest Send(CouponSend send)
        {
            var email = send.Channel == MessageChannel.Email;
            var body = new Dictionary<string, object?>
            {
                ["campaign"] = send.Campaign,
                [email ? "email" : "phone"] = send.Recipient,
                ["couponsession"] = send.Session,
            };
            if (email)
            {
                body["subject"] = send.Subject;
                body["firstname"] = send.FirstName;
                body["lastname"] = send.LastName;
                body["check_unique"] = send.CheckUnique ? (object)true : null;
            }
            else
            {
                body["body"] = send.Body;
            }

            return new ApiRequest(email ? EndpointCatalog.SendEmail : EndpointCatalog.SendSms, body) { SafeToRepeat = email && send.CheckUnique };
        }
    }
}
