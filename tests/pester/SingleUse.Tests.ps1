# New-CtSingleUseUrl and Remove-CtSingleUseUrl against the simulator: CSV round trips, the
# in-flight window, idempotent retries under injected 502s, bad rows, -WhatIf, -Count batches, Ctrl+C.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url

    $script:CreatePath = '/v3/singleuse/create'

    function New-TestCampaign([string]$TimeZone = 'UTC') {
        # An empty campaign of its own, so the simulator's count of created sessions is exact.
        (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = 'Pester single-use'; sessions = 0; timezone = $TimeZone }).id
    }

    function Get-StoredSession([string]$Session) {
        Invoke-CtSimControl -Path "session/$Session"
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
            [pscustomobject]@{ Campaign = $campaign; CustomId = 'B-3'; Email = 'b3@example.com'; ValidationCode = ('x' * 101) }
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

Describe 'New-CtSingleUseUrl, the 2025 fields' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'stores custom fields, UTM tags and the expiry of a CSV row, under the API names' {
        $campaign = New-TestCampaign
        $row = [pscustomobject]@{ CustomId = 'U-1'; CustomField1 = 'Gold'; CustomField7 = 'Store 12'; utm_source = 'newsletter'; UtmMedium = 'email'
            UtmCampaign = 'spring'; UtmTerm = 'pizza'; UtmContent = 'button'; ExpiryDate = '2026-12-31 23:59' }
        $url = $row | New-CtSingleUseUrl -Campaign $campaign
        $stored = Get-StoredSession $url.Session
        $stored.customfield1 | Should -Be 'Gold'
        $stored.customfield2 | Should -Be ''
        $stored.customfield7 | Should -Be 'Store 12'
        @($stored.utm_source, $stored.utm_medium, $stored.utm_campaign, $stored.utm_term, $stored.utm_content) | Should -Be @('newsletter', 'email', 'spring', 'pizza', 'button')
        $stored.expiry_date | Should -Be '2026-12-31 23:59:00'
    }

    It '-AutoValidationCode <Kind> makes the API generate a code of <Digits> digits' -TestCases @(
        @{ Kind = '6Digits'; Digits = 6 }, @{ Kind = '8Digits'; Digits = 8 }, @{ Kind = '10Digits'; Digits = 10 }
    ) {
        param($Kind, $Digits)
        $urls = New-Row 5 | New-CtSingleUseUrl -Campaign (New-TestCampaign) -AutoValidationCode $Kind
        @($urls | Where-Object { $_.ValidationCode -notmatch "^\d{$Digits}$" }) | Should -BeNullOrEmpty
        @($urls.ValidationCode | Sort-Object -Unique).Count | Should -Be 5
    }

    It 'refuses -ValidationCode with -AutoValidationCode before any request' {
        { New-CtSingleUseUrl -Campaign 1001 -CustomId 'V-1' -ValidationCode 'OWN-1' -AutoValidationCode 6Digits -ErrorAction Stop } |
            Should -Throw -ErrorId 'Coupontools.InvalidArgument,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'makes a row with a ValidationCode column an error of its own under -AutoValidationCode, and sends the others' {
        $campaign = New-TestCampaign
        $rows = @([pscustomobject]@{ CustomId = 'A-1' }, [pscustomobject]@{ CustomId = 'A-2'; ValidationCode = 'OWN-2' })
        $urls = $rows | New-CtSingleUseUrl -Campaign $campaign -AutoValidationCode 6Digits -ErrorVariable failed -ErrorAction SilentlyContinue
        $urls.CustomId | Should -Be 'A-1'
        $failed.Count | Should -Be 1
        $failed[0].TargetObject.CustomId | Should -Be 'A-2'
        $failed[0].Exception.Message | Should -Match 'AutoValidationCode'
        Get-PathCount $CreatePath | Should -Be 1
    }

    It 'checks duplicates on the first field a row has by default: a rerun returns the same sessions, DuplicateFound set' {
        $campaign = New-TestCampaign
        $rows = @(New-Row 5)
        $first = $rows | New-CtSingleUseUrl -Campaign $campaign
        $again = $rows | New-CtSingleUseUrl -Campaign $campaign
        $first.Count | Should -Be 5
        @($first | Where-Object { $_.DuplicateFound -ne $false }) | Should -BeNullOrEmpty
        @($again | Where-Object { $_.DuplicateFound -ne $true }) | Should -BeNullOrEmpty
        $again.Session | Should -Be $first.Session
        Get-CreatedCount $campaign | Should -Be 5
    }

    It '-DuplicateCheck CustomId finds a recipient whose e-mail changed; the default (e-mail) does not' {
        $campaign = New-TestCampaign
        $first = New-CtSingleUseUrl -Campaign $campaign -CustomId 'D-1' -Email 'old@example.com'
        $byId = New-CtSingleUseUrl -Campaign $campaign -CustomId 'D-1' -Email 'new@example.com' -DuplicateCheck CustomId
        $byId.Session | Should -Be $first.Session
        $byId.DuplicateFound | Should -BeTrue
        $byMail = New-CtSingleUseUrl -Campaign $campaign -CustomId 'D-1' -Email 'new@example.com'
        $byMail.Session | Should -Not -Be $first.Session
        $byMail.DuplicateFound | Should -BeFalse
        Get-CreatedCount $campaign | Should -Be 2
    }

    It '-DuplicateCheck None makes a new session every time and reports no check' {
        $campaign = New-TestCampaign
        $a = New-CtSingleUseUrl -Campaign $campaign -CustomId 'N-1' -DuplicateCheck None
        $b = New-CtSingleUseUrl -Campaign $campaign -CustomId 'N-1' -DuplicateCheck None
        $a.Session | Should -Not -Be $b.Session
        $b.DuplicateFound | Should -BeNullOrEmpty
        Get-CreatedCount $campaign | Should -Be 2
    }

    It '-DuplicateCheck None rows are never re-sent after a 502: OutcomeUnknown, even with a custom id' {
        $campaign = New-TestCampaign
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $CreatePath; fault = @{ status = 502; after = $true } }
        $null = New-CtSingleUseUrl -Campaign $campaign -CustomId 'N-2' -DuplicateCheck None -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown,*'
        Get-PathCount $CreatePath | Should -Be 1
        Get-CreatedCount $campaign | Should -Be 1
    }

    It 'makes a row an error when -DuplicateCheck names a field it does not have, with no request for it' {
        $campaign = New-TestCampaign
        $rows = @([pscustomobject]@{ CustomId = 'P-1'; Phone = '+32470111222' }, [pscustomobject]@{ CustomId = 'P-2' })
        $urls = $rows | New-CtSingleUseUrl -Campaign $campaign -DuplicateCheck Phone -ErrorVariable failed -ErrorAction SilentlyContinue
        $urls.CustomId | Should -Be 'P-1'
        $failed[0].TargetObject.CustomId | Should -Be 'P-2'
        $failed[0].Exception.Message | Should -Match 'DuplicateCheck Phone'
        Get-PathCount $CreatePath | Should -Be 1
    }
}

Describe 'New-CtSingleUseUrl -ExpiryDate in the campaign''s time zone' -Tag 'WinPS51' {
    # Windows PowerShell 5.1 (.NET Framework) knows no IANA zone but UTC: there the module refuses, it does not
    # convert, so each platform runs the test of what it does (the -Skip conditions are read at discovery).

    BeforeEach { Reset-CtSimulator }

    It 'sends a date without a zone as the campaign''s wall time, without reading the campaign' {
        $campaign = New-TestCampaign -TimeZone 'America/New_York'
        $url = New-CtSingleUseUrl -Campaign $campaign -CustomId 'E-1' -ExpiryDate ([datetime]'2026-12-31 23:59')
        (Get-StoredSession $url.Session).expiry_date | Should -Be '2026-12-31 23:59:00'
        Get-PathCount '/v3/coupon/info' | Should -Be 0
    }

    It 'refuses a UTC date for an IANA zone on Windows PowerShell 5.1, sending nothing' -Skip:($PSVersionTable.PSEdition -ne 'Desktop') {
        $campaign = New-TestCampaign -TimeZone 'America/New_York'
        $utc = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc')
        { New-CtSingleUseUrl -Campaign $campaign -CustomId 'W-0' -ExpiryDate $utc -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.CampaignTimeZoneUnknown,*'
        Get-PathCount $CreatePath | Should -Be 0
    }

    It 'converts a UTC date into the campaign''s zone (<Zone>), summer and winter' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') -TestCases @(
        @{ Zone = 'America/New_York'; Summer = '2026-07-01 23:59:00'; Winter = '2026-12-31 23:59:00' }
        @{ Zone = 'Europe/Brussels'; Summer = '2026-07-02 05:59:00'; Winter = '2027-01-01 05:59:00' }
        @{ Zone = 'UTC'; Summer = '2026-07-02 03:59:00'; Winter = '2027-01-01 04:59:00' }
    ) {
        param($Zone, $Summer, $Winter)
        $campaign = New-TestCampaign -TimeZone $Zone
        $rows = @(
            [pscustomobject]@{ CustomId = 'S-1'; ExpiryDate = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc') }
            [pscustomobject]@{ CustomId = 'W-1'; ExpiryDate = [datetime]::SpecifyKind([datetime]'2027-01-01 04:59', 'Utc') }
        )
        $urls = $rows | New-CtSingleUseUrl -Campaign $campaign
        (Get-StoredSession $urls[0].Session).expiry_date | Should -Be $Summer
        (Get-StoredSession $urls[1].Session).expiry_date | Should -Be $Winter
    }

    It 'converts a local date the same way as its UTC equal' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $campaign = New-TestCampaign -TimeZone 'America/New_York'
        $local = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc').ToLocalTime()
        $url = New-CtSingleUseUrl -Campaign $campaign -CustomId 'L-1' -ExpiryDate $local
        (Get-StoredSession $url.Session).expiry_date | Should -Be '2026-07-01 23:59:00'
    }

    It 'reads each campaign''s zone once per command, however many rows' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $campaign = New-TestCampaign -TimeZone 'America/New_York'
        $expiry = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc')
        $urls = 1..40 | ForEach-Object { [pscustomobject]@{ CustomId = "Z-$_"; ExpiryDate = $expiry } } | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit 16
        $urls.Count | Should -Be 40
        Get-PathCount '/v3/coupon/info' | Should -Be 1
    }

    It 'stops before any create when the campaign''s zone is unknown here and the UTC date is on the command line' {
        $campaign = New-TestCampaign -TimeZone 'Mars/Olympus_Mons'
        $utc = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc')
        { New-Row 3 | New-CtSingleUseUrl -Campaign $campaign -ExpiryDate $utc -ErrorAction Stop } |
            Should -Throw -ErrorId 'Coupontools.CampaignTimeZoneUnknown,*' -ExpectedMessage "*'Mars/Olympus_Mons'*"
        Get-PathCount $CreatePath | Should -Be 0
        Get-CreatedCount $campaign | Should -Be 0
    }

    It 'stops before any create when the campaign of a UTC date on the command line does not exist' {
        $utc = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc')
        { New-Row 2 | New-CtSingleUseUrl -Campaign cam_99999 -ExpiryDate $utc -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.NotFound,*'
        Get-PathCount $CreatePath | Should -Be 0
    }

    It 'makes each row with a UTC date an error naming the zone, sends none of them, and sends the wall-time rows' {
        $campaign = New-TestCampaign -TimeZone 'Mars/Olympus_Mons'
        $rows = @(
            [pscustomobject]@{ CustomId = 'M-1'; ExpiryDate = [datetime]::SpecifyKind([datetime]'2026-07-02 03:59', 'Utc') }
            [pscustomobject]@{ CustomId = 'M-2'; ExpiryDate = '2026-07-01 23:59' }
            [pscustomobject]@{ CustomId = 'M-3'; ExpiryDate = [datetime]::SpecifyKind([datetime]'2026-07-03 03:59', 'Utc') }
        )
        $urls = $rows | New-CtSingleUseUrl -Campaign $campaign -ErrorVariable failed -ErrorAction SilentlyContinue
        $urls.CustomId | Should -Be 'M-2'
        $failed.Count | Should -Be 2
        $failed.TargetObject.CustomId | Should -Be @('M-1', 'M-3')
        $failed | ForEach-Object { $_.FullyQualifiedErrorId } | Sort-Object -Unique | Should -BeLike 'Coupontools.CampaignTimeZoneUnknown,*'
        $failed[0].Exception.Message | Should -Match 'Mars/Olympus_Mons'
        Get-PathCount $CreatePath | Should -Be 1
        Get-PathCount '/v3/coupon/info' | Should -Be 1
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

    It 'reads a one-URL reply, which comes in the shape the 2025 print shows, as one URL' {
        $campaign = New-TestCampaign
        $urls = @(New-CtSingleUseUrl -Campaign $campaign -Count 1 -CodeLength 15 -CodeType Numeric -Status Activated)
        $urls.Count | Should -Be 1
        $urls[0].Session | Should -Match '^\w{21}$'
        $urls[0].ValidationCode | Should -Match '^\d{15}$'
        $urls[0].Campaign | Should -Be $campaign
        Get-CreatedCount $campaign | Should -Be 1
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
