namespace Coupontools.Simulator;

static class SingleUseHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
