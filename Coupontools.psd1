@{
    RootModule           = 'Coupontools.dll'
    ModuleVersion        = '0.1.0'
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
        'Get-CtCampaign'
        'Get-CtCampaignUsage'
        'Get-CtCouponSession'
        'Find-CtCouponSession'
        'Set-CtCouponSession'
        'Send-CtPushNotification'
        'Get-CtLoyaltyCard'
        'Get-CtLoyaltyCardUser'
        'Set-CtLoyaltyCardUser'
        'Get-CtDirectory'
        'Get-CtDirectoryCampaign'
        'Get-CtDirectoryUser'
        'Set-CtDirectoryUser'
        'Get-CtCategory'
        'New-CtSingleUseUrl'
        'Remove-CtSingleUseUrl'
        'Test-CtWebhook'
        'ConvertFrom-CtWebhook'
        'Receive-CtWebhook'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Coupontools', 'Coupons', 'Loyalty', 'Marketing', 'API', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/coupontools-powershell/Coupontools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/coupontools-powershell/Coupontools'
            ReleaseNotes = 'See CHANGELOG.md in the project repository.'
        }
    }
}
