namespace Coupontools.PowerShell
{
    /// <summary>The current connection made by Connect-CtAccount, shared by every runspace of the process.</summary>
    internal static class ConnectionStore
    {
        private static volatile Connection? current;

        public static Connection? Current
        {
            get => current;
            set => current = value;
        }
    }
}
