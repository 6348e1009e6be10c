<#
.SYNOPSIS
Logs every redeemed (validated) coupon that Coupontools reports by webhook.

.DESCRIPTION
Listens for webhook deliveries, verifies each one with the API (deliveries are not signed),
and appends "<date> <campaign> <session>" to a log file for every coupon_validated event.
Reads the account from COUPONTOOLS_CLIENT_ID, COUPONTOOLS_CLIENT_SECRET and (optionally)
COUPONTOOLS_BASE_URI, like examples/quickstart.ps1. Runs until stopped, or for -Timeout
seconds / -Count events.

Point the account's webhook URL at this listener (in the Coupontools dashboard). Against the
local simulator, register it with its control API and validate a session:
    Invoke-RestMethod -Method Post -Uri "$env:COUPONTOOLS_BASE_URI/_sim/webhook" -ContentType application/json -Body '{"url":"http://127.0.0.1:8080/"}'
    ./examples/redeemed-listener.ps1 -Timeout 30
    # in another shell: Set-CtCouponSession -Id <session> -Status Validated

RUN AS A SYSTEMD SERVICE (Linux)
  /etc/systemd/system/coupontools-redeemed.service:
    [Unit]
    Description=Coupontools redeemed-coupon listener
    After=network-online.target
    Wants=network-online.target

    [Service]
    User=coupontools
    WorkingDirectory=/var/lib/coupontools
    EnvironmentFile=/etc/coupontools/account.env
    ExecStart=/usr/bin/pwsh -NoProfile -NonInteractive -File /opt/coupontools/redeemed-listener.ps1 -Port 8080 -LogPath /var/lib/coupontools/redeemed.log
    Restart=always
    RestartSec=5

    [Install]
    WantedBy=multi-user.target
  /etc/coupontools/account.env (chmod 600, owned by root) holds the three
  COUPONTOOLS_* variables. Then: systemctl daemon-reload; systemctl enable --now coupontools-redeemed;
  journalctl -u coupontools-redeemed shows errors (rejected or malformed deliveries).

RUN AS A SCHEDULED TASK (Windows)
  Store the secret for the account the task runs as (not in the script), for example as
  user environment variables set while logged on as that account, then, as administrator:
    $action  = New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-NoProfile -NonInteractive -File C:\Coupontools\redeemed-listener.ps1 -Port 8080 -LogPath C:\Coupontools\redeemed.log'
    $trigger = New-ScheduledTaskTrigger -AtStartup
    $settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) -ExecutionTimeLimit ([TimeSpan]::Zero)
    Register-ScheduledTask -TaskName 'Coupontools redeemed listener' -Action $action -Trigger $trigger -Settings $settings -User 'DOMAIN\svc-coupontools' -Password (Read-Host 'Password')
  Windows PowerShell 5.1 (powershell.exe) works as well.
#>
[CmdletBinding()]
param(
    # Port on 127.0.0.1; use -Prefix for all interfaces.
    [int]$Port = 8080,
    # For example 'http://+:8080/' to accept deliveries from other computers.
    [string]$Prefix,
    [string]$LogPath = './redeemed.log',
    # Stop after this many events (0: never).
    [int]$Count = 0,
    # Stop after this many seconds (0: never).
    [int]$Timeout = 0
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module Coupontools
Connect-CtAccount

$listen = @{ Verify = $true }
if ($Prefix) { $listen.Prefix = $Prefix } else { $listen.Port = $Port }
if ($Count -gt 0) { $listen.Count = $Count }
if ($Timeout -gt 0) { $listen.Timeout = $Timeout }

# Rejected, malformed or oversized deliveries are errors: report them and keep listening.
Receive-CtWebhook @listen -ErrorAction Continue |
    Where-Object Type -eq 'coupon_validated' |
    ForEach-Object {
        $line = '{0:yyyy-MM-dd HH:mm:ss} {1} {2}' -f $_.Date, $_.Campaign, $_.Session
        Add-Content -LiteralPath $LogPath -Value $line
        Write-Verbose "Redeemed: $line"
    }

# example: not run (a listener that waits for webhook deliveries; tests/pester/Webhooks.Tests.ps1 runs it with -Count 1 and a delivery from the simulator)
