namespace Coupontools.Simulator;

/// <summary>Webhook verification and account SSO (teammate SSO is with the subaccounts; sending and contact lists in MessagingHandlers).</summary>
static class MiscHandlers
{
    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/webhook/verification"] = Verify;
        map["/v4/webhook/verification"] = VerifyV4;
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
