using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>The fields of New-CtSubaccount and their wire form (Set-CtSubaccount can change only the package).</summary>
    public abstract class SubaccountWriteCmdlet : CtApiCmdlet
    {
        [Parameter]
        [ValidateNotNull]
        public SecureString? Password { get; set; }

        [Parameter]
        [CtId(IdKind.Package)]
        [ValidateNotNullOrEmpty]
        public string? Package { get; set; }

        [Parameter]
        [ValidateSet("Trial", "Customer")]
        public string? Status { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 100)]
        public string? FirstName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 100)]
        public string? LastName { get; set; }

        [Parameter]
        [ValidateCountryCode]
        public string? Country { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        public string? CompanyName { get; set; }

        /// <summary>Sent as its calendar date, <c>yyyy-MM-dd</c> (the time of day is ignored).</summary>
        [Parameter]
        [ValidateNotNull]
        public DateTime? ExpiryDate { get; set; }

        /// <summary>The wire fields for the parameters given; the password only in the body, never in a message.</summary>
        protected Dictionary<string, object?> Fields(string? email)
        {
            var body = new Dictionary<string, object?>
            {
                ["email"] = email,
                ["password"] = Password == null ? null : PsConvert.Plain(Password),
                ["package"] = Package,
                ["status"] = Status?.ToLowerInvariant(),
                ["first_name"] = FirstName,
                ["last_name"] = LastName,
                ["country"] = Country?.Trim().ToUpperInvariant(),
                ["company_name"] = CompanyName,
                ["expiry_date"] = ExpiryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            return body.Where(p => p.Value != null).ToDictionary(p => p.Key, p => p.Value);
        }

        /// <summary>Names of the fields being set, for -WhatIf and verbose text (values left out: one is a password).</summary>
        protected static string Describe(IDictionary<string, object?> fields) =>
            string.Join(", ", fields.Keys.Where(k => k != "subaccount").Select(k => k == "password" ? "password" : k + "=" + fields[k]));
    }
}
