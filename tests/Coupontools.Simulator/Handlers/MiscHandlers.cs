using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>Webhook verification, distribution (send e-mail/SMS), SMS and e-mail tools, account SSO (teammate SSO is with the subaccounts).</summary>
static class MiscHandlers
{
    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/webhook/verification"] = Verify;
        map["/v4/webhook/verification"] = VerifyV4;
        map["/v3/send/email"] = SendEmail;
        map["/v3/send/sms"] = SendSms;
        map["/v3/smstool/grouplist"] = r => GroupList(r.Store.Sms.Groups());
        map["/v3/smstool/userlist"] = SmsUsers;
        map["/v3/smstool/addgroup"] = AddGroup;
        map["/v3/smstool/addcontact"] = AddContact;
        map["/v3/emailtool/grouplist"] = _ => GroupList([("5001", "Newsletter"), ("5002", "Customers")]);
        map["/v3/account/sso"] = Sso;
    }

    /// <summary>Valid for event ids the simulator issued; a given session must match (else 509).</summary>
    static Reply Verify(ApiRequest r)
    {
        string id = r.Req("webhook");
        if (!r.Store.Events.TryGetValue(id, out var ev)) throw ApiError.Webhook();
        string? session = r.Opt("session");
        if (session != null && !session.Equals(ev.Session, StringComparison.OrdinalIgnoreCase) && !ev.Session.StartsWith(session, StringComparison.OrdinalIgnoreCase))
            throw ApiError.Webhook();
        return Reply.Ok(w =>
        {
            w.WriteString("result", "valid");
            w.WriteString("webhook", ev.Id);
            w.WriteString("date", ev.Date);
            w.WriteString("campaign", ev.Campaign);
            w.WriteString("session", ev.Session);
            w.WriteString("type", ev.Type);
        });
    }

    /// <summary>The 2025 verification: only 'webhook'; 509 unless the simulator issued the event. statcode is the session, coupon the campaign.</summary>
    static Reply VerifyV4(ApiRequest r)
    {
        string id = r.Req("webhook");
        if (!r.Store.Events.TryGetValue(id, out var ev)) throw ApiError.Webhook();
        return Reply.Ok(w =>
        {
            w.WriteString("webhook", ev.Id);
            w.WriteString("datetime", ev.Date);
            w.WriteString("type", ev.Type);
            w.WriteString("coupon", ev.Campaign);
            w.WriteString("statcode", ev.Session);
        });
    }

    /// <summary>campaign may be a campaign (cam_) or a directory (dir_); 502 when neither is known.</summary>
    static Reply SendEmail(ApiRequest r)
    {
        string target = r.Req("campaign");
        string email = r.Req("email");
        bool known = target.StartsWith("dir_", StringComparison.OrdinalIgnoreCase)
            ? (ApiRequest.ParseId(target, "dir_") ?? throw ApiError.BadChars("campaign")) is var d && r.Store.Directories.Find(d) != null
            : r.Store.FindCampaign(ApiRequest.ParseId(target, "cam_") ?? throw ApiError.BadChars("campaign")) != null;
        if (!known) throw ApiError.Campaign();
        if (!ApiRequest.IsEmail(email)) throw new ApiError(305, "Invalid e-mail address.");
        if (r.Has("couponsession")) r.Session();
        r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("campaign", target);
            w.WriteString("email", email);
            w.WriteString("action", "email_sent");
        });
    }

    /// <summary>Sends a new single-use URL by SMS: creates a real session in the campaign.</summary>
    static Reply SendSms(ApiRequest r)
    {
        var c = r.Campaign();
        string phone = r.Req("phone");
        if (!System.Text.RegularExpressions.Regex.IsMatch(phone, @"^\+[1-9][0-9]{6,14}$")) throw ApiError.Format("phone", "+447911123456");
        string message = r.Opt("message") ?? r.Opt("text") ?? "";
        long now = J.NowSeconds();
        var s = r.Store.CreateSessions(c, 1, n => SingleUseHandlers.NewSession(r.Store, c, n, now) with { Phone = phone })[0];
        r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("campaign", c.Id);
            w.WriteString("message", message);
            w.WriteString("phone", phone);
            w.WriteString("single_use_code", s.Code);
            w.WriteString("single_use_url", s.Url);
            w.WriteString("action", "sms_sent");
        });
    }

    static Reply GroupList((string Id, string Name)[] groups) => Reply.Ok(w =>
    {
        w.WriteNumber("amount_of_groups", groups.Length);
        w.WriteStartArray("group");
        foreach (var (id, name) in groups)
        {
            w.WriteStartObject();
            w.WriteString("ID", id);
            w.WriteString("name", name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    static string SmsGroup(ApiRequest r) => r.Id("smsgroup", "gro_").ToString(System.Globalization.CultureInfo.InvariantCulture);

    static Reply SmsUsers(ApiRequest r)
    {
        var contacts = r.Store.Sms.Contacts(SmsGroup(r)) ?? throw new ApiError(514, "SMS group not found.");
        return Reply.Ok(w =>
        {
            w.Num("amount_of_users", contacts.Length);
            w.WriteStartArray("users");
            foreach (var c in contacts) WriteContact(w, c);
            w.WriteEndArray();
        });
    }

    static void WriteContact(Utf8JsonWriter w, SmsContact c)
    {
        w.WriteStartObject();
        w.WriteString("phone", c.Phone);
        w.WriteString("first_name", c.FirstName);
        w.WriteString("last_name", c.LastName);
        w.WriteEndObject();
    }

    static Reply AddGroup(ApiRequest r)
    {
        string name = r.Req("group_name");
        string id = r.Store.Sms.AddGroup(name);
        r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteStartObject("group");
            w.WriteString("ID", id);
            w.WriteString("name", name);
            w.WriteEndObject();
        });
    }

    static Reply AddContact(ApiRequest r)
    {
        string group = SmsGroup(r);
        string phone = r.Req("phone");
        r.Date("birthday", "yyyy-MM-dd");
        var contact = new SmsContact(phone, r.Opt("first_name") ?? "", r.Opt("last_name") ?? "");
        if (!r.Store.Sms.AddContact(group, contact)) throw new ApiError(514, "SMS group not found.");
        r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteString("smsgroup", "gro_" + group);
            w.WritePropertyName("contact");
            WriteContact(w, contact);
        });
    }

    static Reply Sso(ApiRequest r)
    {
        string token = r.Store.Random62(49);
        return Reply.Ok(w =>
        {
            w.WriteString("token", token);
            w.WriteString("url", "https://app.coupontools.com/en/sso/" + token);
        });
    }
}
