using System.Management.Automation;
using Coupontools.Client.Endpoints;

namespace Coupontools.PowerShell.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CtCategory")]
    [OutputType(typeof(Category))]
    public sealed class GetCtCategory : CtApiCmdlet
    {
        [Parameter]
        public SwitchParameter ThirdLevel { get; set; }

        protected override void ProcessRecord()
        {
            var endpoint = ThirdLevel ? EndpointCatalog.CategoryThirdLevelList : EndpointCatalog.CategoryList;
            var name = ThirdLevel ? "main_categories" : "categories";
            if (TrySend(endpoint, new System.Collections.Generic.Dictionary<string, object?>(), null, out var payload))
            {
                WriteObject(Category.FromMap(payload[name], ThirdLevel ? 3 : (int?)null), true);
            }
        }
    }
}
