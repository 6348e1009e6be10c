@{
    RootModule           = 'Coupontools.dll'
    ModuleVersion        = '0.2.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b7f6c1e-2d4a-4c39-9a77-3f0e8b1c6d42'
    Author               = 'Coupontools for PowerShell contributors'
    CompanyName          = 'Coupontools for PowerShell contributors'
    Copyright            = '(c) 2026 Coupontools for PowerShell contributors. MIT licence.'
    Description          = 'Manage Coupontools coupon campaigns, coupon sessions, single-use URLs, loyalty cards, directories, subaccounts, push notifications and webhooks from PowerShell: typed objects, pipeline binding, -WhatIf, streaming pages and safe retries.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('Coupontools.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-CtAccount'
        'Disconnect-CtAccount'
        'Get-CtConnection'
        'Invoke-CtApi'
        'Get-CtSubaccount'
        'New-CtSubaccount'
        'Set-CtSubaccount'
        'New-CtSubaccountPasswordResetUrl'
        'New-CtSubaccountSsoUrl'
        'New-CtTeammateSsoUrl'
        'Get-CtCampaign'
        'Get-CtCampaignUsage'
        'Get-CtCouponSession'
        'Find-CtCouponSession'
        'Set-CtCouponSession'
        'Remove-CtCouponSession'
        'Get-CtCouponSessionBarcode'
        'Send-CtPushNotification'
        'Get-CtLoyaltyCard'
        'Copy-CtLoyaltyCard'
        'Get-CtLoyaltyCardUser'
        'New-CtLoyaltyCardUser'
        'Set-CtLoyaltyCardUser'
        'Remove-CtLoyaltyCardUser'
        'Add-CtLoyaltyCardStamp'
        'Use-CtLoyaltyCardReward'
        'Get-CtDirectory'
        'Send-CtDirectory'
        'Get-CtDirectoryCampaign'
        'Get-CtDirectoryUser'
        'New-CtDirectoryUser'
        'Set-CtDirectoryUser'
        'New-CtDirectoryUserSsoUrl'
        'Grant-CtDirectoryAccess'
        'Revoke-CtDirectoryAccess'
        'Get-CtCategory'
        'New-CtSingleUseUrl'
        'Send-CtCoupon'
        'Get-CtContactGroup'
        'New-CtContactGroup'
        'Get-CtContact'
        'Add-CtContact'
        'Test-CtWebhook'
        'ConvertFrom-CtWebhook'
        'Receive-CtWebhook'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Remove-CtSingleUseUrl')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Coupontools', 'Coupons', 'Loyalty', 'Marketing', 'API', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/coupontools-powershell/Coupontools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/coupontools-powershell/Coupontools'
            ReleaseNotes = @'
0.2.0: the API as the vendor documents it in December 2025. Set-CtCouponSession -Operation (void, lock, claim, validate, ...)
per session with requests in flight or over a sequence range; the 2025 searches; Get-CtCouponSessionBarcode;
Remove-CtCouponSession (alias Remove-CtSingleUseUrl); New-CtSingleUseUrl custom fields, UTM, auto codes, -DuplicateCheck and
expiry in the campaign's time zone; subaccounts and New-CtTeammateSsoUrl as printed; Invoke-CtApi -Method for the v4 REST
family; signed webhooks (x-hmac) with -StateFile and seven typed events; a strict listener; no redirects or cookies, bounded
replies and a deadline per call. Removed: Set-CtCouponSession -Status, -Void, -Value, -ValidationValue (the API has no such
fields). Full list: https://github.com/coupontools-powershell/Coupontools/blob/main/CHANGELOG.md
'@
        }
    }
}
