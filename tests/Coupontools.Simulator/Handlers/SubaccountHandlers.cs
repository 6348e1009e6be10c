namespace Coupontools.Simulator;

static class SubaccountHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
