<#
.SYNOPSIS
A first tour of the module: connect, look at the connection, list campaigns, show one.

.DESCRIPTION
Reads the account from COUPONTOOLS_CLIENT_ID, COUPONTOOLS_CLIENT_SECRET and (optionally)
COUPONTOOLS_BASE_URI. `dotnet pwsh ./build.ps1 -Task Demo` runs it against the local
simulator; with a real account, set the two variables and run it as it is.
#>
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module Coupontools

# 1. Connect. With no parameters, Connect-CtAccount reads the environment variables.
Connect-CtAccount

# 2. The current connection (the secret is never shown).
Get-CtConnection | Format-List

# 3. Every campaign, as a table.
$campaigns = @(Get-CtCampaign)
$campaigns | Format-Table

# 4. The first campaign with all its properties.
if ($campaigns.Count -gt 0) {
    Get-CtCampaign -Id $campaigns[0].Id | Format-List
}
