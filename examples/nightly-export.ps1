<#
.SYNOPSIS
Nightly export: yesterday's validated coupons of every active campaign, to a CSV.

.DESCRIPTION
Meant for a scheduled task. Credentials come from the environment (COUPONTOOLS_CLIENT_ID,
COUPONTOOLS_CLIENT_SECRET) or, better on a shared machine, from SecretManagement:

    $secret = Get-Secret -Name CoupontoolsSecret
    Connect-CtAccount -ClientId $env:COUPONTOOLS_CLIENT_ID -ClientSecret $secret

Failures of single campaigns are logged and the export goes on; the exit code is 1 when any
campaign failed, so the scheduler shows it.
#>
param(
    [string]$Path = (Join-Path (Get-Location) ("validated-{0:yyyy-MM-dd}.csv" -f (Get-Date))),
    [datetime]$Since = (Get-Date).Date.AddDays(-1)
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module Coupontools
Connect-CtAccount

Get-CtCampaign -ActiveOnly |
    Get-CtCampaignUsage -Type Validated -Start $Since -ErrorAction Continue -ErrorVariable failed |
    Select-Object Id, Campaign, CustomId, ValidationCode, ClaimType, ValidationValue, RedeemLocation,
        @{ n = 'ValidationDateUtc'; e = { $_.ValidationDate.ToString('yyyy-MM-dd HH:mm:ss') } } |
    Export-Csv -LiteralPath $Path -NoTypeInformation

$rows = @(Import-Csv -LiteralPath $Path).Count
"Exported $rows validated coupons since $($Since.ToString('yyyy-MM-dd')) to $Path"
if ($failed) {
    $failed | ForEach-Object { Write-Warning "$($_.TargetObject): $($_.Exception.Message)" }
    exit 1
}
