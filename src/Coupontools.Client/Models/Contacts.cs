using System;
using System.Globalization;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>How a coupon or a contact list reaches people: the SMS tool or the e-mail tool.</summary>
    public enum MessageChannel
    {
        Sms,
        Email,
    }

    /// <summary>A group of the SMS tool or of the e-mail tool (<c>gro_…</c>).</summary>
    public sealed class ContactGroup : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Name { get; set; }

        public MessageChannel Channel { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        /// <summary>One item of a group list (<c>ID</c>, <c>name</c>).</summary>
        public static ContactGroup FromJson(JObject json, MessageChannel channel)
        {
            var r = new ModelReader(json);
            var group = new ContactGroup { Id = GroupId(r.String("ID")), Name = r.String("name"), Channel = channel };
            group.KeepRest(r);
            return group;
        }

        /// <summary>
        /// An addgroup reply: the SMS tool names the new id <c>groupid</c>, a bare number; the e-mail tool
        /// <c>group_id</c>, a <c>gro_</c> string. Both become <c>gro_…</c>.
        /// </summary>
        public static ContactGroup FromCreated(JObject json, MessageChannel channel, string? name)
        {
            var r = new ModelReader(json);
            var group = new ContactGroup { Id = GroupId(r.String("group_id") ?? r.String("groupid")), Name = name, Channel = channel };
            group.KeepRest(r);
            return group;
        }

        /// <summary>A group id in its wire form: <c>gro_</c> and the number, whichever form the API used.</summary>
        public static string GroupId(string? id)
        {
            var text = id?.Trim() ?? string.Empty;
            return text.Length > 0 && char.IsDigit(text[0]) ? "gro_" + text : text;
        }
    }

    /// <summary>A contact of an SMS or e-mail group (<c>con_…</c>).</summary>
    public sealed class Contact : ApiObject
    {
        private const string UnsubscribedFormat = "dd/MM/yyyy HH:mm 'UTC'";

        public string Id { get; set; } = string.Empty;

        public string? Group { get; set; }

        public string? GroupName { get; set; }

        public MessageChannel Channel { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public bool Unsubscribed { get; set; }

        /// <summary>When the contact unsubscribed (UTC); the API sends it only for unsubscribed contacts.</summary>
        public DateTime? UnsubscribedDate { get; set; }

        /// <summary>The recipient the channel uses: the phone number or the e-mail address.</summary>
        public string? Recipient => Channel == MessageChannel.Sms ? Phone : Email;

        public override string ToString() => string.IsNullOrEmpty(Id) ? Recipient ?? string.Empty : $"{Recipient} ({Id})";

        /// <summary>One item of a userlist reply; <paramref name="group"/> and its name come from the reply around it.</summary>
        public static Contact FromJson(JObject json, MessageChannel channel, string? group, string? groupName)
        {
            var r = new ModelReader(json);
            var contact = new Contact
            {
                Id = r.String("ID") ?? r.String("contact_id") ?? string.Empty,
                Group = ContactGroup.GroupId(r.String("group_id") ?? group),
                GroupName = groupName,
                Channel = channel,
                Phone = r.String("phone"),
                Email = r.String("email"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                Unsubscribed = r.Bool("unsubscribed") ?? false,
            };
            var date = r.String("unsubscribedate");
            if (date != null && DateTime.TryParseExact(date, UnsubscribedFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                contact.UnsubscribedDate = parsed;
            }
            else if (date != null)
            {
                contact.Keep("unsubscribedate", date);
            }

            contact.KeepRest(r);
            return contact;
        }
    }

    /// <summary>A coupon sent by e-mail or SMS (<c>/v3/send/email</c>, <c>/v3/send/sms</c>).</summary>
    public sealed class CouponDelivery : ApiObject
    {
        public string Campaign { get; set; } = string.Empty;

        public MessageChannel Channel { get; set; }

        /// <summary>The e-mail address or phone number, as the API names it (an SMS reply prints the number without '+').</summary>
        public string? Recipient { get; set; }

        /// <summary>The coupon session sent: a new one, or the one given with -Session.</summary>
        public string? Session { get; set; }

        public string? Url { get; set; }

        public string? Subject { get; set; }

        /// <summary>The SMS text as sent, with the coupon URL appended by the API.</summary>
        public string? Message { get; set; }

        /// <summary>
        /// False when the API did not send (an e-mail with <c>check_unique</c> to an address that already received
        /// the coupon): the reply's action is then not <c>email_sent</c>/<c>sms_sent</c>.
        /// </summary>
        public bool Sent { get; set; }

        public override string ToString() => $"{Recipient}: {Url}";

        public static CouponDelivery FromJson(JObject json, MessageChannel channel)
        {
            var r = new ModelReader(json);
            var action = r.String("action");
            var delivery = new CouponDelivery
            {
                Campaign = r.String("campaign") ?? string.Empty,
                Channel = channel,
                Recipient = channel == MessageChannel.Email ? r.String("receiver") ?? r.String("email") : r.String("phone"),
                Session = r.String("single_use_code"),
                Url = r.String("single_use_url"),
                Subject = r.String("subject"),
                Message = r.String("message"),
                Sent = action == null || action == "email_sent" || action == "sms_sent",
            };
            delivery.KeepRest(r);
            return delivery;
        }
    }
}
