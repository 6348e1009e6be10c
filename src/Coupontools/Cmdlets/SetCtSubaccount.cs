using System;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Set, "CtSubaccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subaccount))]
    public sealed class SetCtSubaccount : SubaccountWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SubaccountId")]
        [CtId(IdKind.Subaccount)]
        [ArgumentCompleter(typeof(SubaccountIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateEmail]
        public string? Email { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Fields(Email?.Trim()).Count == 0)
            {
                ThrowInvalidArgument(
                    "Nothing to change: give at least one of -Email, -Password, -Package, -Status, -FirstName, -LastName, -Country, -CompanyName, -ExpiryDate.",
                    "NothingToChange", null);
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                var body = Fields(Email?.Trim());
                body["subaccount"] = id;
                if (!ShouldProcess(id, "Update subaccount (" + Describe(body) + ")"))
                {
                    continue;
                }

                if (TrySend(EndpointCatalog.SubaccountUpdate, body, id, out var payload) && PassThru &&
                    ObjectIn(payload, "subaccount", EndpointCatalog.SubaccountUpdate, id) is { } json)
                {
                    WriteObject(Subaccount.FromJson(json));
                }
            }
        }
    }
}
