namespace Coupontools.Simulator;

static class LoyaltyHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
