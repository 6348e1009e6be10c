using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Registers users in a v4 directory (POST /v4/directory/{id}/users), one request per user; Import-Csv rows bind by
    /// column name (Email, FirstName or first_name, …); empty cells are left out. Without -Password the API makes up a random one.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class NewCtDirectoryUser : CtV4DirectoryCmdlet
    {
        private static readonly DateTime EarliestBirthDate = new DateTime(1900, 1, 1);

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateEmail]
        public string Email { get; set; } = string.Empty;

        [Parameter]
        public SecureString? Password { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        [ValidateLength(0, 255)]
        public string? FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        [ValidateLength(0, 255)]
        public string? LastName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(0, 64)]
        public string? Phone { get; set; }

        /// <summary>Sent as yyyy-MM-dd; the time of day is not sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("birth_date", "Birthday")]
        public DateTime? BirthDate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(0, 255)]
        public string? Address { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(0, 32)]
        public string? Zip { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(0, 255)]
        public string? City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_1")]
        [ValidateLength(0, 255)]
        public string? Custom1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_2")]
        [ValidateLength(0, 255)]
        public string? Custom2 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_3")]
        [ValidateLength(0, 255)]
        public string? Custom3 { get; set; }

        /// <summary>An empty cell of a CSV row (or blank text) is a field not given, not one to clear.</summary>
        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        protected override void ProcessRecord()
        {
            var directory = Directory;
            var email = Email.Trim();
            if (BirthDate is { } birth && (birth.Date < EarliestBirthDate || birth.Date > DateTime.Today))
            {
                Refuse(email, $"-BirthDate {birth:yyyy-MM-dd} of {email} is not a birth date: give a date from {EarliestBirthDate:yyyy-MM-dd} up to today.");
                return;
            }

            if (!IsV4Directory(directory) || !ShouldProcess($"directory {directory}", $"Register user {email}"))
            {
                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["email"] = email,
                ["password"] = Password == null ? null : PsConvert.Plain(Password),
                ["first_name"] = Given(FirstName),
                ["last_name"] = Given(LastName),
                ["phone"] = Given(Phone),
                ["birth_date"] = BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["address"] = Given(Address),
                ["zip"] = Given(Zip),
                ["city"] = Given(City),
                ["custom_1"] = Given(Custom1),
                ["custom_2"] = Given(Custom2),
                ["custom_3"] = Given(Custom3),
            };
            var request = Observe(DirectoryRest.Request(DirectoryRest.UserCreate, body, directory));
            StartRequest(email, (client, token) => client.SendRestObjectAsync(request, json => DirectoryUser.FromV4Json(json, directory), token), WriteObject);
        }
    }
}
