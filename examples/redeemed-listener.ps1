<#
.SYNOPSIS
Logs every claimed coupon that Coupontools reports by webhook.

.DESCRIPTION
Listens for webhook deliveries, checks each one's x-hmac signature with the account's API
secret (Receive-CtWebhook does that by default), and appends
"<date> <campaign> <session> <customer e-mail>" to a log file for every coupon_claimed event.
coupon_claimed is the coupon event the vendor's 2025 documentation prints; the redeemed
(validated) coupon event of the older documentation is not among the printed types, so the
script listens for the claim. A delivery the vendor sends again (it re-sends for 24 hours
until it gets a 2xx in time) is logged once, even across restarts: -StateFile keeps the
deliveries already handled.
Reads the account from COUPONTOOLS_CLIENT_ID, COUPONTOOLS_CLIENT_SECRET and (optionally)
COUPONTOOLS_BASE_URI, like examples/quickstart.ps1. Runs until stopped, or for -Timeout
seconds / -Count logged coupons.

Point the account's webhook URL at this listener (in the Coupontools dashboard) and tick the
coupon notifications. Against the local simulator, register it with its control API and fire one:
    Invoke-RestMethod -Method Post -Uri "$env:COUPONTOOLS_BASE_URI/_sim/webhook" -ContentType application/json -Body '{"url":"http://127.0.0.1:8080/"}'
    ./examples/redeemed-listener.ps1 -Timeout 30
    # in another shell:
    Invoke-RestMethod -Method Post -Uri "$env:COUPONTOOLS_BASE_URI/_sim/webhook/fire" -ContentType application/json -Body '{"type":"coupon_claimed"}'

RUN AS A SYSTEMD SERVICE (Linux)
  /etc/systemd/system/coupontools-redeemed.service:
    [Unit]
    Description=Coupontools claimed-coupon listener
    After=network-online.target
    Wants=network-online.target

    [Service]
    User=coupontools
    WorkingDirectory=/var/lib/coupontools
    EnvironmentFile=/etc/coupontools/account.env
    ExecStart=/usr/bin/pwsh -NoProfile -NonInteractive -File /opt/coupontools/redeemed-listener.ps1 -Port 8080 -LogPath /var/lib/coupontools/claimed.log -StateFile /var/lib/coupontools/webhooks.state
    Restart=always
    RestartSec=5

    [Install]
    WantedBy=multi-user.target
  /etc/coupontools/account.env (chmod 600, owned by root) holds the three
  COUPONTOOLS_* variables. Then: systemctl daemon-reload; systemctl enable --now coupontools-redeemed;
  journalctl -u coupontools-redeemed shows errors (deliveries with a bad signature, malformed ones).

RUN AS A SCHEDULED TASK (Windows)
  Store the secret for the account the task runs as (not in the script), for example as
  user environment variables set while logged on as that account, then, as administrator:
    $action  = New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-NoProfile -NonInteractive -File C:\Coupontools\redeemed-listener.ps1 -Port 8080 -LogPath C:\Coupontools\claimed.log -StateFile C:\Coupontools\webhooks.state'
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
    [string]$LogPath = './claimed.log',
    # Deliveries already handled, kept across restarts.
    [string]$StateFile = './webhooks.state',
    # Stop after this many logged coupons (0: never).
    [int]$Count = 0,
    # Stop after this many seconds (0: never).
    [int]$Timeout = 0
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module Coupontools
Connect-CtAccount

$listen = @{ StateFile = $StateFile }
if ($Prefix) { $listen.Prefix = $Prefix } else { $listen.Port = $Port }
if ($Timeout -gt 0) { $listen.Timeout = $Timeout }
$first = if ($Count -gt 0) { @{ First = $Count } } else { @{} }

# Deliveries with a bad signature, malformed or oversized ones are errors: report them and keep listening.
Receive-CtWebhook @listen -ErrorAction Continue |
    Where-Object Type -eq 'coupon_claimed' |
    Select-Object @first |
    ForEach-Object {
        $line = '{0:yyyy-MM-dd HH:mm:ss} {1} {2} {3}' -f $_.Date, $_.Campaign, $_.Session, $_.Customer.Email
        Add-Content -LiteralPath $LogPath -Value $line
        Write-Verbose "Claimed: $line"
    }

# example: not run (a listener that waits for webhook deliveries; tests/pester/Webhooks.Tests.ps1 runs it with -Count 1 and a delivery from the simulator)
