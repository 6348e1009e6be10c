using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Json;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Creates a subaccount. The create reply carries only the new id and <c>created</c>, so the subaccount is read
    /// back and written whole; when that read fails, the new id is still written (with a warning) so it is not lost.
    /// </summary>
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

            if (!TrySend(EndpointCatalog.SubaccountCreate, body, email, out var payload) ||
                !(ObjectIn(payload, "subaccount", EndpointCatalog.SubaccountCreate, email) is { } created))
            {
                return;
            }

            var id = JsonValues.ToText(created["ID"]) ?? string.Empty;
            if (ReadBack(id, out var subaccount))
            {
                WriteObject(subaccount);
                return;
            }

            WriteObject(new Subaccount { Id = id, Email = email, Package = Package, Status = Status?.ToLowerInvariant() });
        }

        private bool ReadBack(string id, out Subaccount subaccount)
        {
            subaccount = null!;
            try
            {
                var info = Wait(Client.SendAsync(NewRequest(EndpointCatalog.SubaccountInfo, new Dictionary<string, object?> { ["subaccount"] = id }), CancellationToken));
                if (info["subaccount"] is Newtonsoft.Json.Linq.JObject json)
                {
                    subaccount = Subaccount.FromJson(json);
                    return true;
                }

                WriteWarning($"Subaccount {id} was created, but reading it back gave no 'subaccount' object; only its id and the values given are shown.");
            }
            catch (CoupontoolsApiException ex)
            {
                WriteWarning($"Subaccount {id} was created, but reading it back failed ({ex.Message}); only its id and the values given are shown.");
            }

            return false;
        }
    }
}
