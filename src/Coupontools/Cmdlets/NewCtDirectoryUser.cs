using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Registers users in a v4 directory (POST /v4/directory/{id}/users), one request per user; Import-Csv rows bind by
    /// column name (Email, FirstName or first_name, …). Without -Password the API makes up a random one.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DirectoryUser))]
    public sealed class NewCtDirectoryUser : CtV4DirectoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateEmail]
        public string Email { get; set; } = string.Empty;

        [Parameter]
        public SecureString? Password { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        [ValidateLength(1, 255)]
        public string? FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        [ValidateLength(1, 255)]
        public string? LastName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 64)]
        public string? Phone { get; set; }

        /// <summary>Sent as yyyy-MM-dd; the time of day is not sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("birth_date", "Birthday")]
        public DateTime? BirthDate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 255)]
        public string? Address { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 32)]
        public string? Zip { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 255)]
        public string? City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_1")]
        [ValidateLength(1, 255)]
        public string? Custom1 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_2")]
        [ValidateLength(1, 255)]
        public string? Custom2 { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("custom_3")]
        [ValidateLength(1, 255)]
        public string? Custom3 { get; set; }

        protected override void ProcessRecord()
        {
            var directory = Directory;
            var email = Email.Trim();
            if (!IsV4Directory(directory) || !ShouldProcess($"directory {directory}", $"Register user {email}"))
            {
                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["email"] = email,
                ["password"] = Password == null ? null : PsConvert.Plain(Password),
                ["first_name"] = FirstName,
                ["last_name"] = LastName,
                ["phone"] = Phone,
                ["birth_date"] = BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["address"] = Address,
                ["zip"] = Zip,
                ["city"] = City,
                ["custom_1"] = Custom1,
                ["custom_2"] = Custom2,
                ["custom_3"] = Custom3,
            };
            var request = Observe(DirectoryRest.Request(DirectoryRest.UserCreate, body, directory));
            Run(email, (client, token) => client.SendRestObjectAsync(request, json => DirectoryUser.FromV4Json(json, directory), token), WriteObject);
        }
    }
}
