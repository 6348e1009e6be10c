using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;

namespace Coupontools.PowerShell
{
    /// <summary>Runs once when the module is imported; kept tiny so import stays fast.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport()
        {
            // Windows PowerShell 5.1 on older .NET Framework does not offer TLS 1.2 unless asked.
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", System.StringComparison.Ordinal))
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
                if (ServicePointManager.DefaultConnectionLimit < 64)
                {
                    ServicePointManager.DefaultConnectionLimit = 64;
                }
            }
        }
    }
}
