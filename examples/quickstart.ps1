<#
.SYNOPSIS
A first tour of the module: connect, list campaigns, read usage, issue and redeem a coupon.

.DESCRIPTION
Reads the account from COUPONTOOLS_CLIENT_ID, COUPONTOOLS_CLIENT_SECRET and (optionally)
COUPONTOOLS_BASE_URI. `dotnet pwsh ./build.ps1 -Task Demo` runs it against the local
simulator. With a real account it issues one single-use URL and validates it: point it at a
test campaign (-Campaign) before running it there.
#>
param([string]$Campaign)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module Coupontools

# 1. Connect. With no parameters, Connect-CtAccount reads the environment variables.
Connect-CtAccount

# 2. The current connection (the secret is never shown).
Get-CtConnection | Format-List

# 3. Active campaigns, as a table.
$campaigns = @(Get-CtCampaign -ActiveOnly)
$campaigns | Format-Table
if (-not $Campaign) { $Campaign = $campaigns[0].Id }

# 4. The first five coupon sessions of the campaign: pages are fetched only as needed.
Get-CtCampaignUsage -Campaign $Campaign -First 5 | Format-Table

# 5. Issue a personalised single-use URL; -WhatIf shows what would happen without sending.
$recipient = [pscustomobject]@{ Email = 'anna@example.com'; FirstName = 'Anna'; CustomId = 'CRM-1' }
$recipient | New-CtSingleUseUrl -Campaign $Campaign -WhatIf
$coupon = $recipient | New-CtSingleUseUrl -Campaign $Campaign
$coupon | Format-List

# 6. Redeem it at the till, then read it back.
Set-CtCouponSession -Id $coupon.Session -Operation Validate -PassThru | Format-List Session, Campaign, Operation, Result, Date
Get-CtCouponSession -Id $coupon.Session | Format-List Id, Campaign, Status, IsValidated, ValidationDate

# 7. Errors are objects too: an unknown campaign is a non-terminating error with a stable id.
#    This one is made on purpose and caught by the script, to show what a script sees.
Get-CtCampaign -Id cam_999999 -ErrorAction SilentlyContinue -ErrorVariable notFound
"Caught on purpose: {0}" -f $notFound[0].FullyQualifiedErrorId.Split(',')[0]
"  {0}" -f $notFound[0].ErrorDetails.Message

'Quickstart finished: every step worked.'
