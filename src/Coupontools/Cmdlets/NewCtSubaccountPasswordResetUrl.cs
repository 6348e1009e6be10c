using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.New, "CtSubaccountPasswordResetUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PasswordResetUrl))]
    public sealed class NewCtSubaccountPasswordResetUrl : CtEntityCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SubaccountId")]
        [CtId(IdKind.Subaccount)]
        [ArgumentCompleter(typeof(SubaccountIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Create a password reset URL"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["subaccount"] = id };
                // 2025: the link is a top-level url (the older guess nested it in subaccount{ID, url}).
                SendEach(EndpointCatalog.SubaccountResetUrl, body, id, payload =>
                {
                    var url = PasswordResetUrl.FromJson(payload);
                    url.Subaccount = url.Subaccount.Length == 0 ? id : url.Subaccount;
                    if (url.Url == null)
                    {
                        WriteApiError(new CoupontoolsApiException(ApiFailure.InvalidReply, EndpointCatalog.SubaccountResetUrl.Path!,
                            $"{EndpointCatalog.SubaccountResetUrl.Path}: the reply for '{id}' has no 'url'."), id);
                        return;
                    }

                    WriteObject(url);
                });
            }
        }
    }
}
