namespace Coupontools.Simulator;

static class MiscHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
