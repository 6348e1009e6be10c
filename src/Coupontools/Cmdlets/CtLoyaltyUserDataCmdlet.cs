using System.Collections.Generic;
using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>The data of a wallet card user as parameters (New- and Set-CtLoyaltyCardUser), bound by name from CSV rows.</summary>
    public abstract class CtLoyaltyUserDataCmdlet : CtLoyaltyCardCmdlet
    {
        private static readonly (string Parameter, string Field)[] Fields =
        {
            ("FirstName", "first_name"), ("LastName", "last_name"), ("Address", "address"), ("Zip", "zip"), ("City", "city"), ("Phone", "phone"),
            ("Email", "email"), ("Custom1", "custom_1"), ("Custom2", "custom_2"), ("Custom3", "custom_3"), ("Custom4", "custom_4"),
            ("Custom5", "custom_5"), ("Custom6", "custom_6"), ("Custom7", "custom_7"), ("Custom8", "custom_8"),
        };

        private HashSet<string>? fromCommandLine;

        /// <summary>
        /// False when only the data given on the command line counts: a user piped to Set-CtLoyaltyCardUser has
        /// FirstName, Email... of its own, which must not be sent back (or, for a web card's user, refused).
        /// </summary>
        protected virtual bool DataFromPipeline => true;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? LastName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Address { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(32)]
        public string? Zip { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(32)]
        public string? Phone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom2 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom3 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom4 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom5 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom6 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom7 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalText(255)]
        public string? Custom8 { get; set; }

        protected override void BeginProcessing()
        {
            fromCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, System.StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
        }

        /// <summary>The wire fields of the data given (a field not given is not sent).</summary>
        protected Dictionary<string, object?> WalletData()
        {
            var values = new[] { FirstName, LastName, Address, Zip, City, Phone, Email, Custom1, Custom2, Custom3, Custom4, Custom5, Custom6, Custom7, Custom8 };
            var data = new Dictionary<string, object?>();
            for (var i = 0; i < Fields.Length; i++)
            {
                var given = DataFromPipeline || (fromCommandLine ?? new HashSet<string>(MyInvocation.BoundParameters.Keys)).Contains(Fields[i].Parameter);
                data[Fields[i].Field] = given ? values[i] : null;
            }

            return data;
        }
    }
}
