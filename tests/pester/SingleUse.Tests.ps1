# New-CtSingleUseUrl and Remove-CtSingleUseUrl against the simulator: CSV round trips, the
# in-flight window, idempotent retries under injected 502s, bad rows, -WhatIf, -Count batches, Ctrl+C.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url

    $script:CreatePath = '/v3/singleuse/create'

    function New-TestCampaign {
        # An empty campaign of its own, so the simulator's count of created sessions is exact.
        (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = 'Pester single-use'; sessions = 0 }).id
    }

    function Get-CreatedCount([string]$Campaign) {
        (Invoke-CtSimControl -Path "campaign/$Campaign").created
    }

    function Get-PathCount([string]$Path, [string]$Kind = 'requests') {
        $stats = Get-CtSimStats
        $value = $stats.$Kind.PSObject.Properties[$Path]
        if ($value) { [int]$value.Value } else { 0 }
    }

    function Join-Object($Left, $Right) {
        # The mail-merge join: each customer with the issued row of the same CustomId.
        $byId = @{}; foreach ($row in $Right) { $byId[$row.CustomId] = $row }
        foreach ($row in $Left) {
            $match = $byId[$row.CustomId]
            if ($match) { [pscustomobject]@{ CustomId = $row.CustomId; Email = $row.Email; FirstName = $row.FirstName; IssuedEmail = $match.Email; IssuedFirstName = $match.FirstName } }
        }
    }

    function New-Row([int]$Count, [switch]$NoKey, [string]$Prefix = 'C') {
        foreach ($i in 1..$Count) {
            if ($NoKey) { [pscustomobject]@{ FirstName = "First$i"; LastName = "Last$i" } }
            else { [pscustomobject]@{ CustomId = "$Prefix-$i"; Email = "$($Prefix.ToLower())$i@example.com"; FirstName = "First$i" } }
        }
    }
}

AfterAll {
    Stop-CtSimulator $Sim
}

Describe 'New-CtSingleUseUrl for recipients' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'turns a CSV into a CSV that joins back on CustomId, in input order' {
        $campaign = New-TestCampaign
        $in = Join-Path $TestDrive 'customers.csv'
        $out = Join-Path $TestDrive 'issued.csv'
        New-Row 60 | Export-Csv -Path $in -NoTypeInformation

        Import-Csv -Path $in | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit 16 | Export-Csv -Path $out -NoTypeInformation

        $customers = Import-Csv -Path $in
        $issued = Import-Csv -Path $out
        $issued.Count | Should -Be 60
        $issued.CustomId | Should -Be $customers.CustomId
        $joined = Join-Object -Left $customers -Right $issued
        $joined.Count | Should -Be 60
        @($joined | Where-Object { $_.Email -ne $_.IssuedEmail -or $_.FirstName -ne $_.IssuedFirstName }) | Should -BeNullOrEmpty
        @($issued | Where-Object { $_.Url -notmatch '^https://digicpn\.com/p/\w+/\w{21}$' -or $_.Campaign -ne $campaign }) | Should -BeNullOrEmpty
        @($issued.Session | Sort-Object -Unique).Count | Should -Be 60
        Get-CreatedCount $campaign | Should -Be 60
        Get-PathCount $CreatePath | Should -Be 60
    }

    It 'gives the same set and order with -ThrottleLimit 1 and 16' {
        $rows = @(New-Row 40)
        $one = $rows | New-CtSingleUseUrl -Campaign (New-TestCampaign) -ThrottleLimit 1
        $sixteen = $rows | New-CtSingleUseUrl -Campaign (New-TestCampaign) -ThrottleLimit 16
        $one.Count | Should -Be 40
        $sixteen.Count | Should -Be 40
        ($one | ForEach-Object { "$($_.CustomId)|$($_.Email)" }) | Should -Be ($sixteen | ForEach-Object { "$($_.CustomId)|$($_.Email)" })
        $sixteen.CustomId | Should -Be $rows.CustomId
    }

    It '-Unordered writes every row once, in any order' {
        $rows = @(New-Row 40)
        $urls = $rows | New-CtSingleUseUrl -Campaign (New-TestCampaign) -ThrottleLimit 8 -Unordered
        ($urls.CustomId | Sort-Object) | Should -Be ($rows.CustomId | Sort-Object)
    }

    It 'outputs typed objects carrying the recipient fields' {
        $url = New-CtSingleUseUrl -Campaign (New-TestCampaign) -Email 'ann@example.com' -Phone '+32470111222' -CustomId 'A-1' -FirstName Ann -LastName Smith -ValidationCode 'ANN-1'
        $url | Should -BeOfType ([Coupontools.SingleUseUrl])
        $url.PSObject.TypeNames[0] | Should -Be 'Coupontools.SingleUseUrl'
        $url.Email | Should -Be 'ann@example.com'
        $url.Phone | Should -Be '+32470111222'
        $url.LastName | Should -Be 'Smith'
        $url.ValidationCode | Should -Be 'ANN-1'
        $url.WidgetValidationCode | Should -Be $url.Session.Substring(0, 6)
    }

    It 'with custom ids, 1,000 rows under 5% injected 502s (after processing) end with exactly one URL each and 1,000 sessions' {
        $campaign = New-TestCampaign
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $CreatePath; rate = 0.05; fault = @{ status = 502; after = $true } }
        $rows = @(New-Row 1000)

        $urls = $rows | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit 16 -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 0
        $urls.Count | Should -Be 1000
        $urls.CustomId | Should -Be $rows.CustomId
        @($urls.Session | Sort-Object -Unique).Count | Should -Be 1000
        (Get-CtSimStats).faultsApplied | Should -BeGreaterThan 20
        Get-PathCount $CreatePath | Should -BeGreaterThan 1000
        Get-CreatedCount $campaign | Should -Be 1000
    }

    It 'without keys, the 502 rows are OutcomeUnknown errors naming their row, never re-sent, and the others succeed' {
        $campaign = New-TestCampaign
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $CreatePath; rate = 0.05; fault = @{ status = 502; after = $true } }
        $rows = @(New-Row 1000 -NoKey)

        $urls = @($rows | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit 16 -ErrorVariable failed -ErrorAction SilentlyContinue)

        $faults = (Get-CtSimStats).faultsApplied
        $faults | Should -BeGreaterThan 20
        $failed.Count | Should -Be $faults
        $urls.Count | Should -Be (1000 - $faults)
        Get-PathCount $CreatePath | Should -Be 1000
        Get-CreatedCount $campaign | Should -Be 1000
        $failed | ForEach-Object { $_.FullyQualifiedErrorId } | Sort-Object -Unique |
            Should -Be 'Coupontools.OutcomeUnknown,Coupontools.PowerShell.Cmdlets.NewCtSingleUseUrl'
        $failed[0].Exception.Message | Should -Match 'not known whether'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'no e-mail, phone or custom id'
        @($failed | Where-Object { $rows -notcontains $_.TargetObject }) | Should -BeNullOrEmpty
        $seen = @($urls.FirstName) + @($failed.TargetObject.FirstName) | Sort-Object
        $seen | Should -Be ($rows.FirstName | Sort-Object)
    }

    It 'reports bad rows as errors for that row only and sends no request for them' {
        $campaign = New-TestCampaign
        $rows = @(
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'G-1'; Email = 'g1@example.com'; ValidationCode = '' }
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'B-1'; Email = 'not an address'; ValidationCode = '' }
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'B-2'; Email = 'b2@example.com'; ValidationCode = 'bad code!' }
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'B-3'; Email = 'b3@example.com'; ValidationCode = ('x' * 51) }
            [pscustomobject]@{ Campaign = 'cam_abc'; CustomId = 'B-4'; Email = 'b4@example.com'; ValidationCode = '' }
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'G-2'; Email = 'g2@example.com'; ValidationCode = 'OK-code_2' }
        )
        $urls = $rows | New-CtSingleUseUrl -ErrorVariable failed -ErrorAction SilentlyContinue

        $urls.CustomId | Should -Be @('G-1', 'G-2')
        $urls[1].ValidationCode | Should -Be 'OK-code_2'
        $failed.Count | Should -Be 4
        $failed.TargetObject.CustomId | Should -Be @('B-1', 'B-2', 'B-3', 'B-4')
        [object]::ReferenceEquals($failed[0].TargetObject, $rows[1]) | Should -BeTrue
        $failed | ForEach-Object { $_.FullyQualifiedErrorId } | Sort-Object -Unique |
            Should -Be 'Coupontools.InvalidArgument,Coupontools.PowerShell.Cmdlets.NewCtSingleUseUrl'
        $failed[0].Exception.Message | Should -Match 'not an e-mail address'
        $failed[1].Exception.Message | Should -Match 'validation code'
        $failed[3].Exception.Message | Should -Match 'not a campaign id'
        Get-PathCount $CreatePath | Should -Be 2
    }

    It 'reports a row without a campaign as MissingParameter, with no request' {
        $failed = $null
        $null = [pscustomobject]@{ CustomId = 'N-1' } | New-CtSingleUseUrl -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.MissingParameter,*'
        $failed[0].TargetObject.CustomId | Should -Be 'N-1'
        Get-PathCount $CreatePath | Should -Be 0
    }

    It 'stops before any request when -Campaign is malformed on the command line' {
        { New-Row 3 | New-CtSingleUseUrl -Campaign 'cam_x1' -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.InvalidArgument,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'rejects -ThrottleLimit above 64 at binding' {
        { New-CtSingleUseUrl -Campaign 1001 -Email 'a@example.com' -ThrottleLimit 65 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        $urls = New-Row 5 | New-CtSingleUseUrl -Campaign 1001 -WhatIf
        $urls | Should -BeNullOrEmpty
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'keeps nothing lost and nothing doubled when stopped with Ctrl+C and run again' {
        $campaign = New-TestCampaign
        $rows = @(New-Row 300 -Prefix 'S')
        $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 40 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Url, $Id, $Secret, $Campaign, $Rows)
                    Import-Module $Module
                    Connect-CtAccount -ClientId $Id -ClientSecret (ConvertTo-SecureString $Secret -AsPlainText -Force) -BaseUri $Url
                    $Rows | New-CtSingleUseUrl -Campaign $Campaign -ThrottleLimit 8
                }).AddParameters(@{ Module = (Get-CtTestModulePath); Url = $Sim.Url; Id = $Sim.ClientId; Secret = $Sim.ClientSecret; Campaign = $campaign; Rows = $rows })
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new(); $noInput.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke($noInput, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($output.Count -lt 40 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            $written = @($output)
            $written.Count | Should -BeGreaterOrEqual 40
            $written.Count | Should -BeLessThan 300
            # Stop returned only after the requests in flight ended: nothing arrives afterwards.
            $sent = Get-PathCount $CreatePath
            $created = Get-CreatedCount $campaign
            $created | Should -Be $sent
            $created - $written.Count | Should -BeLessOrEqual 8
            Start-Sleep -Milliseconds 200
            Get-PathCount $CreatePath | Should -Be $sent
        }
        finally { $ps.Dispose() }
        $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 }

        # The resume: run every row again; rows already issued get their URL back, none twice.
        $again = $rows | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit 8
        $again.Count | Should -Be 300
        Get-CreatedCount $campaign | Should -Be 300
        $first = @{}; foreach ($url in $written) { $first[$url.CustomId] = $url.Session }
        @($again | Where-Object { $first.ContainsKey($_.CustomId) -and $first[$_.CustomId] -ne $_.Session }) | Should -BeNullOrEmpty
        @($again.Session | Sort-Object -Unique).Count | Should -Be 300
    }
}

Describe 'New-CtSingleUseUrl -Count' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'splits 250000 into three calls (100000, 100000, 50000) and writes one URL per code' {
        $campaign = New-TestCampaign
        $count = New-CtSingleUseUrl -Campaign $campaign -Count 250000 | Measure-Object
        $count.Count | Should -Be 250000
        Get-PathCount '/v3/multiplesingleuse/create' | Should -Be 3
        Get-CreatedCount $campaign | Should -Be 250000
    }

    It 'makes automated validation codes from -CodePrefix, -CodeLength and -CodeType' {
        $urls = New-CtSingleUseUrl -Campaign (New-TestCampaign) -Count 25 -CodePrefix 77 -CodeLength 12 -CodeType Numeric
        $urls.Count | Should -Be 25
        @($urls | Where-Object { $_.ValidationCode -notmatch '^77\d{10}$' }) | Should -BeNullOrEmpty
        @($urls.ValidationCode | Sort-Object -Unique).Count | Should -Be 25
        $urls[0].SequenceId | Should -BeGreaterThan 0
    }

    It 'rejects code options that do not fit together before any request: <Why>' -TestCases @(
        @{ Why = 'prefix as long as the code'; Options = @{ CodePrefix = '1234567890'; CodeLength = 10 } }
        @{ Why = 'letters in a numeric prefix'; Options = @{ CodePrefix = 'AB'; CodeType = 'Numeric' } }
        @{ Why = 'too few distinct codes'; Options = @{ CodePrefix = '1234567'; CodeLength = 10; CodeType = 'Numeric'; Count = 5000 } }
    ) {
        param($Why, $Options)
        $splat = @{ Campaign = 1001; Count = 10 }
        foreach ($key in $Options.Keys) { $splat[$key] = $Options[$key] }
        { New-CtSingleUseUrl @splat -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.InvalidArgument,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'rejects -CodeLength outside 10..25 at binding' {
        { New-CtSingleUseUrl -Campaign 1001 -Count 5 -CodeLength 9 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        New-CtSingleUseUrl -Campaign 1001 -Count 250000 -WhatIf | Should -BeNullOrEmpty
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'Remove-CtSingleUseUrl' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'sends nothing with -WhatIf, even with -Force' {
        $campaign = New-TestCampaign
        $urls = New-CtSingleUseUrl -Campaign $campaign -Count 3
        $before = Get-PathCount '/v3/singleuse/remove'
        $urls | Remove-CtSingleUseUrl -WhatIf
        $urls | Remove-CtSingleUseUrl -WhatIf -Force
        Get-PathCount '/v3/singleuse/remove' | Should -Be $before
        Get-CreatedCount $campaign | Should -Be 3
    }

    It 'removes piped single-use URLs with -Force and passes them through' {
        $campaign = New-TestCampaign
        $urls = New-CtSingleUseUrl -Campaign $campaign -Count 3
        $removed = $urls | Remove-CtSingleUseUrl -Force -PassThru
        $removed.Session | Should -Be $urls.Session
        $removed[0] | Should -BeOfType ([Coupontools.SingleUseUrl])
        Get-PathCount '/v3/singleuse/remove' 'writes' | Should -Be 3
        Get-CreatedCount $campaign | Should -Be 0
    }

    It 'takes bare session codes and the 6-character code' {
        $campaign = New-TestCampaign
        $urls = New-CtSingleUseUrl -Campaign $campaign -Count 2
        $urls[0].Session | Remove-CtSingleUseUrl -Campaign $campaign -Confirm:$false
        Remove-CtSingleUseUrl -Campaign $campaign -Session $urls[1].WidgetValidationCode -Confirm:$false
        Get-CreatedCount $campaign | Should -Be 0
    }

    It 'reports an unknown session as NotFound naming it, and goes on with the others' {
        $campaign = New-TestCampaign
        $urls = New-CtSingleUseUrl -Campaign $campaign -Count 1
        Remove-CtSingleUseUrl -Campaign $campaign -Session 'zzzzzzzzzzzzzzzzzzzzz', $urls[0].Session -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound,*'
        $failed[0].TargetObject | Should -Be 'zzzzzzzzzzzzzzzzzzzzz'
        Get-CreatedCount $campaign | Should -Be 0
    }

    It 'rejects a malformed session code at binding, with no request' {
        { Remove-CtSingleUseUrl -Campaign 1001 -Session 'not a code' -Force } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
        (Get-CtSimStats).total | Should -Be 0
    }
}
