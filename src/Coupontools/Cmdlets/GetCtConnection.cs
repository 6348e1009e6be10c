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
                // Said as a warning: an admin who types Get-CtConnection must see an answer, and a script still gets no output.
                WriteWarning("Not connected to Coupontools. Run Connect-CtAccount (Get-Help Connect-CtAccount -Examples).");
                return;
            }

            WriteObject(current);
        }
    }
}
