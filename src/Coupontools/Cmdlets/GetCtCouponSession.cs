using System;
using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Gets coupon sessions by code (the 21-character code or its first 6 characters).</summary>
    [Cmdlet(VerbsCommon.Get, "CtCouponSession")]
    [OutputType(typeof(CouponSession))]
    public sealed class GetCtCouponSession : CtPerInputCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Session", "CouponSession")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                var body = new Dictionary<string, object?> { ["couponsession"] = id };
                SendEach(EndpointCatalog.SessionData, body, id, payload => WriteObject(CouponSession.FromSessionData(payload)));
            }
        }
    }
}
