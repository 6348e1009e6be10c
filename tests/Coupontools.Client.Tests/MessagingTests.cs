using Coupontools.Client.Bulk;
using Coupontools.Client.Endpoints;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

public class MessagingTests
{
    [Theory]
    [InlineData("+447911123456", true)]
    [InlineData("+3247012345", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+123456", false)]
    [InlineData("447911123456", false)]
    [InlineData("+44 7911 123456", false)]
    [InlineData("+44-7911-123456", false)]
    [InlineData("+(44)7911123456", false)]
    [InlineData("+07911123456", false)]
    [InlineData("07911 123456", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void E164_is_a_plus_a_country_code_and_digits_only(string? phone, bool valid) =>
        Assert.Equal(valid, MessagingRequests.IsE164(phone));

    [Fact]
    public void An_email_send_is_safe_to_repeat_only_with_check_unique()
    {
        var plain = MessagingRequests.Send(new CouponSend { Campaign = "cam_1", Channel = MessageChannel.Email, Recipient = "a@example.com" });
        var unique = MessagingRequests.Send(new CouponSend { Campaign = "cam_1", Channel = MessageChannel.Email, Recipient = "a@example.com", CheckUnique = true });
        var sms = MessagingRequests.Send(new CouponSend { Campaign = "cam_1", Channel = MessageChannel.Sms, Recipient = "+32470123456", CheckUnique = true });
        Assert.False(plain.SafeToRepeat);
        Assert.True(unique.SafeToRepeat);
        Assert.False(sms.SafeToRepeat);
        Assert.Equal(true, unique.Body["check_unique"]);
        Assert.Null(plain.Body["check_unique"]);
        Assert.Same(EndpointCatalog.SendSms, sms.Endpoint);
        Assert.False(sms.Body.ContainsKey("check_unique"));
    }

    [Fact]
    public void A_send_names_its_fields_as_the_2025_print_does()
    {
        var email = MessagingRequests.Send(new CouponSend
        {
            Campaign = "cam_1", Channel = MessageChannel.Email, Recipient = "a@example.com", Session = "ac6s7u3g8a25ja7x9qg87",
            Subject = "S", FirstName = "F", LastName = "L",
        });
        Assert.Equal(new[] { "campaign", "email", "couponsession", "subject", "firstname", "lastname" }, email.Body.Where(p => p.Value != null).Select(p => p.Key));
        var sms = MessagingRequests.Send(new CouponSend { Campaign = "cam_1", Channel = MessageChannel.Sms, Recipient = "+32470123456", Body = "Hi" });
        Assert.Equal(new[] { "campaign", "phone", "body" }, sms.Body.Where(p => p.Value != null).Select(p => p.Key));
        Assert.All(email.Body.Keys.Concat(sms.Body.Keys), k => Assert.Contains(k, EndpointCatalog.SendEmail.Parameters.Concat(EndpointCatalog.SendSms.Parameters)));
    }

    [Fact]
    public void Contact_custom_fields_take_each_tools_wire_names()
    {
        var sms = new NewContact { Group = "gro_1", Channel = MessageChannel.Sms, Recipient = "+32470123456" };
        sms.CustomFields.Add(null);
        sms.CustomFields.Add("two");
        var email = new NewContact { Group = "gro_2", Channel = MessageChannel.Email, Recipient = "a@example.com" };
        email.CustomFields.Add("one");
        var smsBody = MessagingRequests.AddContact(sms).Body;
        var emailBody = MessagingRequests.AddContact(email).Body;
        Assert.Equal("two", smsBody["customfield2"]);
        Assert.Equal("gro_1", smsBody["smsgroup"]);
        Assert.Equal("one", emailBody["custom1"]);
        Assert.Equal("gro_2", emailBody["emailgroup"]);
        Assert.False(MessagingRequests.AddContact(sms).SafeToRepeat);
    }

    [Fact]
    public void Group_ids_become_gro_whatever_form_the_tool_answers_with()
    {
        Assert.Equal("gro_119251", ContactGroup.FromCreated(JObject.Parse("""{"result":"saved_successfully","groupid":119251}"""), MessageChannel.Sms, "A").Id);
        Assert.Equal("gro_119251", ContactGroup.FromCreated(JObject.Parse("""{"result":"saved_successfully","group_id":"gro_119251"}"""), MessageChannel.Email, "A").Id);
    }

    [Fact]
    public void A_contact_reads_its_unsubscribe_date_as_utc_and_keeps_an_unreadable_one()
    {
        var read = Contact.FromJson(JObject.Parse("""{"ID":"con_1","phone":"1","unsubscribed":"1","unsubscribedate":"13/07/2018 19:47 UTC"}"""), MessageChannel.Sms, "gro_1", null);
        Assert.True(read.Unsubscribed);
        Assert.Equal(new DateTime(2018, 7, 13, 19, 47, 0, DateTimeKind.Utc), read.UnsubscribedDate);
        Assert.Equal(DateTimeKind.Utc, read.UnsubscribedDate!.Value.Kind);
        var odd = Contact.FromJson(JObject.Parse("""{"ID":"con_2","unsubscribed":"1","unsubscribedate":"yesterday"}"""), MessageChannel.Sms, "gro_1", null);
        Assert.Null(odd.UnsubscribedDate);
        Assert.Equal("yesterday", odd.AdditionalProperties["unsubscribedate"]);
    }

    [Fact]
    public void A_delivery_is_sent_unless_the_action_says_otherwise()
    {
        var sent = CouponDelivery.FromJson(JObject.Parse("""{"campaign":"cam_1","receiver":"a@example.com","single_use_code":"x","action":"email_sent"}"""), MessageChannel.Email);
        var kept = CouponDelivery.FromJson(JObject.Parse("""{"campaign":"cam_1","receiver":"a@example.com","single_use_code":"x","action":"email_not_sent_not_unique"}"""), MessageChannel.Email);
        Assert.True(sent.Sent);
        Assert.False(kept.Sent);
        Assert.Equal("a@example.com", kept.Recipient);
    }
}
