namespace Coupontools.Simulator;

/// <summary>
/// Campaign pushes: /v3/coupon/pushnotification/list (2025: to everyone who saved the coupon; campaign not found is
/// 505 here, 507 when nobody saved it) and the legacy /v3/coupon/pushnotification/single. Both answer the envelope only.
/// </summary>
static class PushHandlers
{
    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/coupon/pushnotification/single"] = PushSingle;
        map["/v3/coupon/pushnotification/list"] = PushList;
    }

    static Reply PushSingle(ApiRequest r)
    {
        var c = r.Campaign();
        r.Session(within: c);
        r.Req("message");
        r.Wrote();
        return Reply.Ok();
    }

    static Reply PushList(ApiRequest r)
    {
        var c = r.Store.FindCampaign(r.Id("campaign", "cam_")) ?? throw new ApiError(505, "Campaign ID not found");
        r.Req("message");
        if (c.VisibleCount(r.Store) == 0) throw new ApiError(507, "0 users have saved the campaign");
        r.Wrote();
        return Reply.Ok();
    }
}
