using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommunications.Disconnect, "CtAccount")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCtAccount : PSCmdlet
    {
        /// <summary>The connection to close; without it, the current one.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public Connection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var target = Connection ?? ConnectionStore.Current;
            if (target == null)
            {
                WriteVerbose("There is no current connection to close.");
                return;
            }

            if (ReferenceEquals(target, ConnectionStore.Current))
            {
                ConnectionStore.Current = null;
            }

            target.Dispose();
            WriteVerbose($"Disconnected {target}.");
        }
    }
}
