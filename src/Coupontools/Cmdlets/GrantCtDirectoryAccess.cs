using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Gives v4 directory users access to the directory's paid content (POST …/users/{userId}/access), until -ExpiresAt or for good.</summary>
    [Cmdlet(VerbsSecurity.Grant, "CtDirectoryAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DirectoryAccessResult))]
    public sealed class GrantCtDirectoryAccess : CtDirectoryUserCmdlet
    {
        /// <summary>When the access ends; a local time unless its Kind is Utc. Sent as UTC yyyy-MM-dd HH:mm:ss. Without it, the access does not end.</summary>
        [Parameter]
        public DateTime? ExpiresAt { get; set; }

        private DateTime? expiresUtc;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ExpiresAt is { } expires)
            {
                expiresUtc = expires.Kind == DateTimeKind.Utc ? expires : expires.ToUniversalTime();
                if (expiresUtc <= DateTime.UtcNow)
                {
                    ThrowInvalidArgument(
                        $"-ExpiresAt {expiresUtc:yyyy-MM-dd HH:mm:ss} UTC has already passed: access would end at once. Give a later time, or leave -ExpiresAt out for access without end.",
                        "InvalidArgument", ExpiresAt);
                }
            }
        }

        protected override void ProcessRecord()
        {
            var wire = expiresUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var user in User)
            {
                var until = wire == null ? "without end" : $"until {wire} UTC";
                if (!BothV4(user) || !ShouldProcess(Describe(user), $"Grant paid access {until}"))
                {
                    continue;
                }

                var directory = Directory;
                var request = Observe(DirectoryRest.Request(DirectoryRest.AccessGrant, new Dictionary<string, object?> { ["expires_at"] = wire }, directory, user));
                var expires = expiresUtc;
                StartRequest(user, (client, token) => client.SendRestObjectAsync(request, json => DirectoryAccessResult.FromJson(json, directory, user, "Granted", expires), token),
                    WriteObject);
            }
        }
    }

    /// <summary>Takes paid access away from v4 directory users (DELETE …/users/{userId}/access).</summary>
    [Cmdlet(VerbsSecurity.Revoke, "CtDirectoryAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DirectoryAccessResult))]
    public sealed class RevokeCtDirectoryAccess : CtDirectoryUserCmdlet
    {
        /// <summary>Revokes without asking (not under -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var user in User)
            {
                if (!BothV4(user) || (!SkipsConfirmation(Force) && !ShouldProcess(Describe(user), "Revoke paid access")))
                {
                    continue;
                }

                var directory = Directory;
                var request = Observe(DirectoryRest.Request(DirectoryRest.AccessRevoke, null, directory, user));
                StartRequest(user, (client, token) => client.SendRestObjectAsync(request, json => DirectoryAccessResult.FromJson(json, directory, user, "Revoked", null), token),
                    WriteObject);
            }
        }
    }

    /// <summary>A single-use sign-on link that signs the browser in as a v4 directory user (POST …/users/{userId}/sso; api/ASSUMED.md).</summary>
    [Cmdlet(VerbsCommon.New, "CtDirectoryUserSsoUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SsoUrl))]
    public sealed class NewCtDirectoryUserSsoUrl : CtDirectoryUserCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var user in User)
            {
                if (!BothV4(user) || !ShouldProcess(Describe(user), "Create a single sign-on URL"))
                {
                    continue;
                }

                var directory = Directory;
                var request = Observe(DirectoryRest.Request(DirectoryRest.UserSso, new Dictionary<string, object?>(), directory, user));
                StartRequest(user, (client, token) => client.SendRestObjectAsync(request, json => SsoUrl.FromDirectoryJson(json, directory, user), token), WriteObject);
            }
        }
    }
}
