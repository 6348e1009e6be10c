using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>A single sign-on link that logs a teammate into the dashboard (/v3/teammate/sso, numeric teammate ids).</summary>
    [Cmdlet(VerbsCommon.New, "CtTeammateSsoUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SsoUrl))]
    public sealed class NewCtTeammateSsoUrl : CtEntityCmdlet
    {
        /// <summary>Teammate ids are numeric only (the vendor sends them as strings: "1234").</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TeammateId", "Teammate")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = Array.Empty<long>();

        protected override void ProcessRecord()
        {
            foreach (var number in Id)
            {
                var id = number.ToString(CultureInfo.InvariantCulture);
                if (!ShouldProcess("teammate " + id, "Create a single sign-on URL"))
                {
                    continue;
                }

                var body = new Dictionary<string, object?> { ["teammate"] = id };
                SendEach(EndpointCatalog.TeammateSso, body, id, payload =>
                {
                    if (ObjectIn(payload, "teammate", EndpointCatalog.TeammateSso, id) is { } json)
                    {
                        WriteObject(SsoUrl.FromJson(json, null, id));
                    }
                });
            }
        }
    }
}
