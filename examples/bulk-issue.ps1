<#
.SYNOPSIS
Issue personalised single-use URLs from a CSV, resumably.

.DESCRIPTION
Each row of the input CSV (columns such as Email, FirstName, LastName, Phone, CustomId) gets
one URL; the output CSV carries the row's CustomId and Email next to the URL and codes, in
input order, for a mail merge. Rows that fail are written to a CSV of their own: run the script
again on that file. Rows with an e-mail, phone or custom id are sent with the API's duplicate
check, so a rerun never issues a second URL to someone who already got one.
#>
param(
    [string]$Campaign,
    [string]$InputPath,
    [string]$OutputPath = (Join-Path (Get-Location) 'issued.csv'),
    [string]$FailedPath = (Join-Path (Get-Location) 'failed.csv'),
    [int]$ThrottleLimit = 16
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module Coupontools
Connect-CtAccount
if (-not $Campaign) { $Campaign = (Get-CtCampaign -ActiveOnly | Select-Object -First 1).Id }
if (-not $InputPath) {
    # A small sample, so the script runs as it is against the simulator.
    $InputPath = Join-Path (Get-Location) 'customers.csv'
    1..25 | ForEach-Object { [pscustomobject]@{ CustomId = "CRM-$_"; Email = "customer$_@example.com"; FirstName = "Customer$_" } } |
        Export-Csv -LiteralPath $InputPath -NoTypeInformation
}

Import-Csv -LiteralPath $InputPath |
    New-CtSingleUseUrl -Campaign $Campaign -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable failed |
    Export-Csv -LiteralPath $OutputPath -NoTypeInformation

$issued = @(Import-Csv -LiteralPath $OutputPath).Count
"Issued $issued single-use URLs to $OutputPath"
if ($failed) {
    $failed.TargetObject | Export-Csv -LiteralPath $FailedPath -NoTypeInformation
    Write-Warning "$($failed.Count) rows failed; they are in $FailedPath. Run again with -InputPath $FailedPath."
}
