namespace Coupontools.Simulator;

static class DirectoryHandlers
{
    public static void Register(Dictionary<string, Handler> map) { }
}
