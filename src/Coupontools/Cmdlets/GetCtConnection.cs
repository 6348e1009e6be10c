using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtConnection")]
    [OutputType(typeof(Connection))]
    public sealed class GetCtConnection : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var current = ConnectionStore.Current;
            if (current == null)
            {
                WriteVerbose("Not connected. Run Connect-CtAccount.");
                return;
            }

            WriteObject(current);
        }
    }
}
