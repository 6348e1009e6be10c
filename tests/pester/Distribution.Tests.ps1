# Send-CtCoupon against the simulator: CSV rows as Excel writes them, E.164 checked before sending,
# -CheckUnique making an e-mail rerun safe, integrations missing (103/104) stopping the command,
# per-row errors (305, 602, 604, 605) naming their recipient, -Session, -WhatIf, lost replies.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url -RetryBaseDelayMilliseconds 1

    function Get-PathCount([string]$Path, [string]$Kind = 'requests') {
        $value = (Get-CtSimStats).$Kind.PSObject.Properties[$Path]
        if ($value) { [int]$value.Value } else { 0 }
    }

    function New-ExcelCsv([string]$Path, [string[]]$Header, [object[][]]$Rows) {
        # What Excel's "CSV UTF-8" writes: a BOM, CRLF line ends, every field quoted.
        $lines = @(($Header | ForEach-Object { '"' + $_ + '"' }) -join ',')
        foreach ($row in $Rows) { $lines += ($row | ForEach-Object { '"' + $_ + '"' }) -join ',' }
        [IO.File]::WriteAllText($Path, ($lines -join "`r`n") + "`r`n", [Text.UTF8Encoding]::new($true))
    }

    function Invoke-Collecting([scriptblock]$Script) {
        # Outputs and non-terminating errors of one run, in the order they were written.
        $all = @(& $Script 2>&1)
        [pscustomobject]@{
            All     = $all
            Outputs = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    Stop-CtSimulator $Sim
}

Describe 'Send-CtCoupon by e-mail' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'sends one coupon per row of an Excel CSV, in input order' {
        $csv = Join-Path $TestDrive 'recipients.csv'
        $rows = 1..12 | ForEach-Object { , @("person$_@example.com", "First$_", 'Your coupon') }
        New-ExcelCsv -Path $csv -Header 'Email', 'FirstName', 'Subject' -Rows $rows
        $sent = @(Import-Csv $csv | Send-CtCoupon -Campaign cam_1001 -ThrottleLimit 4 -Force)
        $sent.Count | Should -Be 12
        $sent.Recipient | Should -Be (1..12 | ForEach-Object { "person$_@example.com" })
        $sent | ForEach-Object {
            $_ | Should -BeOfType Coupontools.CouponDelivery
            $_.Channel | Should -Be 'Email'
            $_.Campaign | Should -Be 'cam_1001'
            $_.Sent | Should -BeTrue
            $_.Subject | Should -Be 'Your coupon'
            $_.Url | Should -Be "https://digicpn.com/p/$(($_.Url -split '/')[4])/$($_.Session)"
        }
        @($sent.Session | Sort-Object -Unique).Count | Should -Be 12
        Get-PathCount '/v3/send/email' 'writes' | Should -Be 12
    }

    It 'sends nothing twice with -CheckUnique: a rerun of the same file is safe' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Email = "again$_@example.com" } }
        $first = @($rows | Send-CtCoupon -Campaign cam_1001 -CheckUnique -Force)
        $second = @($rows | Send-CtCoupon -Campaign cam_1001 -CheckUnique -Force)
        Get-PathCount '/v3/send/email' 'writes' | Should -Be 5
        $second.Sent | Should -Not -Contain $true
        $second.Session | Should -Be $first.Session
        # The wire: check_unique is sent as a JSON true.
        $body = (Invoke-CtApi -Path v3/send/email -Body @{ campaign = 'cam_1001'; email = 'again1@example.com'; check_unique = $true })
        $body.action | Should -Be 'email_not_sent_not_unique'
    }

    It 'sends again without -CheckUnique (the contrast that makes the switch worth having)' {
        1..2 | ForEach-Object { Send-CtCoupon -Campaign cam_1001 -Email 'twice@example.com' -Force } | Out-Null
        Get-PathCount '/v3/send/email' 'writes' | Should -Be 2
    }

    It 'reuses a session with -Session instead of making a new one' {
        $url = New-CtSingleUseUrl -Campaign cam_1001 -Count 1 -Confirm:$false
        $before = (Invoke-CtSimControl -Path 'campaign/cam_1001').created
        $sent = Send-CtCoupon -Campaign cam_1001 -Email 'reuse@example.com' -Session $url.Session -Force
        $sent.Session | Should -Be $url.Session
        (Invoke-CtSimControl -Path 'campaign/cam_1001').created | Should -Be $before
    }

    It 'writes an error with its own id and advice naming the recipient for 305 and 604, and goes on' {
        $rows = 'ok1@example.com', 'not-an-address', 'gone@bounce.example', 'ok2@example.com' | ForEach-Object { [pscustomobject]@{ Email = $_ } }
        $run = Invoke-Collecting { $rows | Send-CtCoupon -Campaign cam_1001 -Force }
        $run.Outputs.Recipient | Should -Be 'ok1@example.com', 'ok2@example.com'
        $run.Errors.Count | Should -Be 2
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidEmail,*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match "'not-an-address'"
        $run.Errors[0].TargetObject.Email | Should -Be 'not-an-address'
        $run.Errors[1].FullyQualifiedErrorId | Should -BeLike 'Coupontools.EmailNotSent,*'
        $run.Errors[1].ErrorDetails.RecommendedAction | Should -Match "'gone@bounce.example'"
        # Input order: the errors sit between the outputs where their rows were.
        ($run.All | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.TargetObject.Email } else { $_.Recipient } }) |
            Should -Be ($rows.Email)
    }

    It 'stops the command on API error 104 and says to set up e-mail marketing' {
        $null = Invoke-CtSimControl -Method POST -Path 'integration' -Body @{ email = $false }
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Email = "stop$_@example.com" } }
        $caught = $null
        $out = @(try { $rows | Send-CtCoupon -Campaign cam_1001 -ThrottleLimit 1 -Force -ErrorAction Continue } catch { $caught = $_ })
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'Coupontools.IntegrationRequired*'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Email marketing'
        $caught.ErrorDetails.Message | Should -Match 'no e-mail integration'
        @($out | Where-Object { $_ -is [Coupontools.CouponDelivery] }).Count | Should -Be 0
        Get-PathCount '/v3/send/email' | Should -Be 1
    }

    It 'sends nothing with -WhatIf' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Email = "what$_@example.com" } }
        $rows | Send-CtCoupon -Campaign cam_1001 -WhatIf
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'refuses a malformed -Session before any request' {
        { Send-CtCoupon -Campaign cam_1001 -Email 'x@example.com' -Session 'not a session!' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'Coupontools.InvalidArgument,Coupontools.PowerShell.Cmdlets.SendCtCoupon'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'repeats an e-mail send with -CheckUnique after a lost reply, and sends it once' {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/send/email'; faults = @(@{ drop = 'after' }) }
        $sent = Send-CtCoupon -Campaign cam_1001 -Email 'lost@example.com' -CheckUnique -Force
        $sent.Recipient | Should -Be 'lost@example.com'
        Get-PathCount '/v3/send/email' | Should -Be 2
        Get-PathCount '/v3/send/email' 'writes' | Should -Be 1
    }
}

Describe 'Send-CtCoupon by SMS' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'checks E.164 before sending: a bad number is its row''s error and no request' {
        $rows = '+447911123456', '07911 123456', '+44 7911 123456', '+32470123456' | ForEach-Object { [pscustomobject]@{ Phone = $_ } }
        $run = Invoke-Collecting { $rows | Send-CtCoupon -Campaign cam_1001 -Body 'Hi' -Force }
        $run.Outputs.Count | Should -Be 2
        $run.Errors.Count | Should -Be 2
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument,*'; $_.Exception.Message | Should -Match 'E\.164' }
        $run.Errors.TargetObject.Phone | Should -Be '07911 123456', '+44 7911 123456'
        Get-PathCount '/v3/send/sms' | Should -Be 2
    }

    It 'writes what the API sent: the number without its plus, the text with the URL appended' {
        $sent = Send-CtCoupon -Campaign cam_1001 -Phone '+447911123456' -Body 'Your coupon:' -Force
        $sent.Channel | Should -Be 'Sms'
        $sent.Recipient | Should -Be '447911123456'
        $sent.Message | Should -Be "Your coupon: $($sent.Url)"
    }

    It 'writes 605 and 602 as errors of their rows, naming the number, and goes on' {
        $rows = '+32470000009', '+999123456789', '+32470123456' | ForEach-Object { [pscustomobject]@{ Phone = $_ } }
        $run = Invoke-Collecting { $rows | Send-CtCoupon -Campaign cam_1001 -Force }
        $run.Outputs.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.RecipientOptedOut,*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match "'\+32470000009'"
        $run.Errors[1].FullyQualifiedErrorId | Should -BeLike 'Coupontools.SmsNotSent,*'
        $run.Errors[1].ErrorDetails.RecommendedAction | Should -Match "'\+999123456789'"
    }

    It 'stops the command on API error 103 and says to set up SMS marketing' {
        $null = Invoke-CtSimControl -Method POST -Path 'integration' -Body @{ sms = $false }
        $caught = $null
        try { '+32470123456', '+32470123457' | ForEach-Object { [pscustomobject]@{ Phone = $_ } } | Send-CtCoupon -Campaign cam_1001 -ThrottleLimit 1 -Force }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Coupontools.IntegrationRequired*'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'SMS marketing'
        Get-PathCount '/v3/send/sms' | Should -Be 1
    }

    It 'never sends an SMS twice: a lost reply is an unknown outcome with advice' {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/send/sms'; faults = @(@{ status = 502 }) }
        $run = Invoke-Collecting { Send-CtCoupon -Campaign cam_1001 -Phone '+32470123456' -Force }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown,*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Find-CtCouponSession -Phone'
        Get-PathCount '/v3/send/sms' | Should -Be 1
    }
}
