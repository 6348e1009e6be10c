using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.New, "CtSubaccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subaccount))]
    public sealed class NewCtSubaccount : SubaccountWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateEmail]
        public string Email { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var email = Email.Trim();
            var body = Fields(email);
            if (!ShouldProcess(email, "Create subaccount (" + Describe(body) + ")"))
            {
                return;
            }

            if (TrySend(EndpointCatalog.SubaccountCreate, body, email, out var payload) &&
                ObjectIn(payload, "subaccount", EndpointCatalog.SubaccountCreate, email) is { } json)
            {
                WriteObject(Subaccount.FromJson(json));
            }
        }
    }
}
