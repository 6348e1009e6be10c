namespace Coupontools.Simulator;

static class SessionHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
