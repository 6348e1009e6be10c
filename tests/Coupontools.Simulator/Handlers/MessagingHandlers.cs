using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coupontools.Simulator;

/// <summary>
/// Coupons by e-mail and SMS (/v3/send/*) and the SMS and e-mail tools' groups and contacts, as the 2025 print shows them.
/// Failures the print lists, and how to get them: integration off (/_sim/integration) 103 or 104; an e-mail at
/// bounce.example 604; a number with country code 999 602; a number an SMS contact unsubscribed with 605.
/// </summary>
static partial class MessagingHandlers
{
    public const string BounceDomain = "@bounce.example", UnreachablePrefix = "999";

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/send/email"] = SendEmail;
        map["/v3/send/sms"] = SendSms;
        foreach (var (tool, groupField, book) in new (string, string, Func<Store, ContactBook>)[]
                 { ("smstool", "smsgroup", s => s.Messaging.Sms), ("emailtool", "emailgroup", s => s.Messaging.Email) })
        {
            map[$"/v3/{tool}/grouplist"] = r => GroupList(book(r.Store));
            map[$"/v3/{tool}/userlist"] = r => UserList(r, book(r.Store), groupField);
            map[$"/v3/{tool}/addgroup"] = r => AddGroup(r, book(r.Store));
            map[$"/v3/{tool}/addcontact"] = r => AddContact(r, book(r.Store), groupField);
        }
    }

    /// <summary>
    /// check_unique true and the address already received this campaign: nothing is sent, the earlier session comes back
    /// with action "email_not_sent_not_unique" (the print shows no reply for this case; api/ASSUMED.md).
    /// </summary>
    static Reply SendEmail(ApiRequest r)
    {
        var messaging = r.Store.Messaging;
        if (!messaging.Email.Enabled)
            throw new ApiError(104, "No Email integration has been setup in your Coupontools account. Go to 'integrations' and 'Email marketing' to setup an Email provider");
        var c = r.Campaign();
        string email = r.Req("email");
        if (!ApiRequest.IsEmail(email)) throw new ApiError(305, "Email address is not valid");
        string subject = r.Opt("subject") ?? "";
        var earlier = (r.Bool("check_unique") ?? false) ? messaging.EmailedBefore(c, email) : null;
        if (earlier != null) return Delivered(w => w.WriteString("subject", subject), c, "receiver", email, earlier, "email_not_sent_not_unique");
        var session = r.Has("couponsession") ? r.Session(within: c, notFound: 513) : null;
        if (email.EndsWith(BounceDomain, StringComparison.OrdinalIgnoreCase))
            throw new ApiError(604, $"Email not sent to '{email}'. Reason: mailbox unavailable");
        session ??= NewSession(r, c, s => s with { Email = email, FirstName = r.Opt("firstname") ?? "", LastName = r.Opt("lastname") ?? "" });
        messaging.RecordEmail(c, email, session);
        r.Wrote();
        return Delivered(w => w.WriteString("subject", subject), c, "receiver", email, session, "email_sent");
    }

    /// <summary>The reply's phone has no '+' (printed 441234567890); message is the body with the coupon URL appended.</summary>
    static Reply SendSms(ApiRequest r)
    {
        if (!r.Store.Messaging.Sms.Enabled)
            throw new ApiError(103, "No SMS integration has been setup in your Coupontools account. Go to 'integrations' and 'SMS marketing' to setup an SMS provider");
        var c = r.Campaign();
        string phone = r.Req("phone");
        if (!E164().IsMatch(phone)) throw new ApiError(301, "Phone number not valid");
        var session = r.Has("couponsession") ? r.Session(within: c, notFound: 513) : null;
        string digits = ContactBook.Digits(phone);
        if (r.Store.Messaging.Sms.OptedOut(phone))
            throw new ApiError(605, $"SMS not sent to '{digits}'. Reason: This number is on the blacklist or opt-out list.");
        if (digits.StartsWith(UnreachablePrefix, StringComparison.Ordinal))
            throw new ApiError(602, $"SMS not sent to '{digits}'. Reason: no network for this number");
        session ??= NewSession(r, c, s => s with { Phone = phone });
        string body = r.Opt("body") ?? "";
        r.Wrote();
        return Delivered(w => w.WriteString("message", body.Length == 0 ? session.Url : body + " " + session.Url), c, "phone", digits, session, "sms_sent");
    }

    static SessionState NewSession(ApiRequest r, Campaign c, Func<SessionState, SessionState> with)
    {
        long now = J.NowSeconds();
        return r.Store.CreateSessions(c, 1, n => with(SingleUseHandlers.NewSession(r.Store, c, n, now)))[0];
    }

    /// <summary>The printed order: campaign, subject|message, receiver|phone, single_use_code, single_use_url, action.</summary>
    static Reply Delivered(Action<Utf8JsonWriter> text, Campaign c, string recipientKey, string recipient, SessionState session, string action) => Reply.Ok(w =>
    {
        w.WriteString("campaign", c.Id);
        text(w);
        w.WriteString(recipientKey, recipient);
        w.WriteString("single_use_code", session.Code);
        w.WriteString("single_use_url", session.Url);
        w.WriteString("action", action);
    });

    static Reply GroupList(ContactBook book)
    {
        book.RequireEnabled();
        var groups = book.Groups();
        return Reply.Ok(w =>
        {
            w.WriteNumber("amount_of_groups", groups.Length);
            w.Objects("group", groups, g =>
            {
                w.WriteString("ID", g.Id);
                w.WriteString("name", g.Name);
            });
        });
    }

    static long Group(ApiRequest r, string field) => r.Id(field, "gro_");

    static ApiError NoGroup() => new(514, "Group ID not found");

    /// <summary>amount_of_contacts is a string (amount_of_groups a number), as printed; keys without a value are left out.</summary>
    static Reply UserList(ApiRequest r, ContactBook book, string field)
    {
        book.RequireEnabled();
        long number = Group(r, field);
        var (name, contacts) = book.Find(number) ?? throw NoGroup();
        return Reply.Ok(w =>
        {
            w.WriteString("group_id", "gro_" + number);
            w.WriteString("group_name", name);
            w.Num("amount_of_contacts", contacts.Length);
            w.Objects("contact", contacts, c =>
            {
                w.WriteString("ID", c.Id);
                if (c.Phone.Length > 0) w.WriteString("phone", c.Phone);
                if (c.Email.Length > 0) w.WriteString("email", c.Email);
                w.WriteString("first_name", c.FirstName);
                w.WriteString("last_name", c.LastName);
                w.WriteString("unsubscribed", c.Unsubscribed ? "1" : "0");
                if (c.UnsubscribedDate != null) w.WriteString("unsubscribedate", c.UnsubscribedDate);
            });
        });
    }

    /// <summary>The SMS tool returns the new id as 'groupid', a bare number; the e-mail tool as 'group_id', a gro_ string.</summary>
    static Reply AddGroup(ApiRequest r, ContactBook book)
    {
        book.RequireEnabled();
        long number = book.AddGroup(r.Req("group_name"));
        r.Wrote();
        bool sms = book == r.Store.Messaging.Sms;
        return Reply.Ok(w =>
        {
            w.WriteString("result", "saved_successfully");
            if (sms) w.WriteNumber("groupid", number);
            else w.WriteString("group_id", "gro_" + number);
        });
    }

    /// <summary>SMS: phone (E.164, kept without '+'), customfield1-7; e-mail: email, custom1-10. birthday (yyyy-MM-dd) gives 303 when malformed.</summary>
    static Reply AddContact(ApiRequest r, ContactBook book, string field)
    {
        book.RequireEnabled();
        long number = Group(r, field);
        bool sms = book == r.Store.Messaging.Sms;
        string recipient = r.Req(sms ? "phone" : "email");
        if (sms && !E164().IsMatch(recipient)) throw new ApiError(301, "Phone number not valid");
        if (!sms && !ApiRequest.IsEmail(recipient)) throw ApiError.BadChars("email");
        r.Date("birthday", "yyyy-MM-dd");
        var custom = Enumerable.Range(1, sms ? 7 : 10).Select(i => r.Opt((sms ? "customfield" : "custom") + i) ?? "").ToArray();
        string first = r.Opt("first_name") ?? "", last = r.Opt("last_name") ?? "";
        var contact = book.AddContact(number, id => sms
            ? new SimContact(id, ContactBook.Digits(recipient), "", first, last, custom)
            : new SimContact(id, "", recipient, first, last, custom)) ?? throw NoGroup();
        r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("group_id", "gro_" + number);
            w.WriteString(sms ? "phone" : "email", sms ? contact.Phone : contact.Email);
            w.WriteString("first_name", contact.FirstName);
            w.WriteString("last_name", contact.LastName);
            w.WriteString("result", "saved_successfully");
            w.WriteString("contact_id", contact.Id);
        });
    }
}
