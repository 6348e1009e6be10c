# Campaign usage and coupon sessions: Get-CtCampaignUsage (streamed pages), Get-/Find-/Set-CtCouponSession
# (one update per session, sequence ranges), Remove-CtCouponSession, Get-CtCouponSessionBarcode and Send-CtPushNotification, end to end against the simulator. Request counts
# come from the simulator's stats.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../tools/Coupontools.Build.psm1')   # Get-CtPwshCommand
    $null = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $script:Secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    $script:WorkDir = Join-Path ([IO.Path]::GetTempPath()) ("ct-sessions-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $WorkDir

    function Connect-Sim { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri $Sim.Url -RetryBaseDelayMilliseconds 1 -SkipCheck }
    function Clear-SimStats { $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true } }
    function Get-StatCount([string]$Kind, [string]$Path) { $p = (Get-CtSimStats).$Kind.PSObject.Properties[$Path]; if ($p) { [int]$p.Value } else { 0 } }
    function Get-Requests([string]$Path) { Get-StatCount 'requests' $Path }
    function Get-Writes([string]$Path) { Get-StatCount 'writes' $Path }
    function Get-TotalRequests { [int](Get-CtSimStats).total }
    function New-SimCampaign([int]$Sessions, [string]$Name = 'Test campaign') {
        (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = $Name; sessions = $Sessions }).id
    }
    function Add-Fault([string]$Path, [hashtable]$Fault) {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $Path; faults = @($Fault) }
    }
    # Well-formed session codes the simulator does not know (its codes decode to a session number).
    function New-UnknownSessionCode([int]$Count) {
        $alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
        $random = [Random]::new(7)
        $codes = [System.Collections.Generic.List[string]]::new()
        while ($codes.Count -lt $Count) {
            $code = 'zz' + -join (1..19 | ForEach-Object { $alphabet[$random.Next(36)] })
            $codes.Add($code)
        }
        $codes
    }

    Connect-Sim
}

AfterAll {
    Stop-CtSimulator $Sim
    Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction Ignore
}

Describe 'Get-CtCampaignUsage' {
    BeforeEach { Reset-CtSimulator }

    It 'exports a nightly CSV of validations with flat columns and UTC dates (user story)' {
        $validated = @(Get-CtCampaignUsage -Campaign cam_1001 -First 3 | Where-Object Status -NE 'Validated' | Select-Object -First 2)
        $validated | Set-CtCouponSession -Operation Validate
        $csv = Join-Path $WorkDir 'validated.csv'

        Get-CtCampaign -ActiveOnly | Get-CtCampaignUsage -Type Validated -Start (Get-Date).AddDays(-1) | Export-Csv $csv

        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 2
        $rows.Id | Sort-Object | Should -Be ($validated.Id | Sort-Object)
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($column in 'Id', 'Campaign', 'CustomId', 'Status', 'CreatedDate', 'ClaimDate', 'ValidationDate', 'ClaimType', 'IsValidated', 'IsLocked', 'RedeemLocation', 'ValidationValue', 'ValidationCode') {
            $columns | Should -Contain $column
        }
        foreach ($row in $rows) {
            $row.Campaign | Should -Be 'cam_1001'
            $row.Status | Should -Be 'Validated'
            $row.AdditionalProperties | Should -Not -Match 'System\.'
            # The cell is the API's UTC time (written in the current culture's date format).
            $raw = (Invoke-CtApi -Path v3/couponsession/data -Body @{ couponsession = $row.Id }).data.status.validation_date_utc
            [datetime]::Parse($row.ValidationDate).ToString('yyyy-MM-dd HH:mm:ss') | Should -Be $raw
        }
        $session = Get-CtCampaignUsage -Campaign cam_1001 -Type Validated -Start (Get-Date).AddDays(-1) | Select-Object -First 1
        $session.ValidationDate.Kind | Should -Be 'Utc'
    }

    It 'binds campaigns piped from Get-CtCampaign and reads every session of each' {
        $campaigns = @(Get-CtCampaign | Select-Object -First 3)
        Clear-SimStats
        $sessions = @($campaigns | Get-CtCampaignUsage)
        $sessions.Count | Should -Be 750
        ($sessions | Group-Object Campaign).Name | Sort-Object | Should -Be ($campaigns.Id | Sort-Object)
        $sessions[0] | Should -BeOfType Coupontools.CouponSession
        $sessions[0].PSObject.TypeNames | Should -Contain 'Coupontools.CouponSession'
        # Pages hold 100 sessions: 100 + 100 + 50 for each campaign. The reply has no count, so the page after the
        # third is read ahead and dropped; cancelled when the short third page arrives, it may never reach the server.
        Get-Requests '/v3/campaign/data' | Should -BeGreaterOrEqual 9
        Get-Requests '/v3/campaign/data' | Should -BeLessOrEqual 12
    }

    It 'makes one request for -First 10 of a 1,000,000-session campaign' {
        $campaign = New-SimCampaign -Sessions 1000000 -Name 'Million'
        Clear-SimStats
        $first = @(Get-CtCampaignUsage -Campaign $campaign -First 10)
        $first.Count | Should -Be 10
        Get-TotalRequests | Should -Be 1
        Get-Requests '/v3/campaign/data' | Should -Be 1
    }

    It 'stops requesting when Select-Object -First has enough' {
        $campaign = New-SimCampaign -Sessions 1000000 -Name 'Million'
        Clear-SimStats
        @(Get-CtCampaignUsage -Campaign $campaign | Select-Object -First 10).Count | Should -Be 10
        Get-Requests '/v3/campaign/data' | Should -Be 1
    }

    It 'pages lazily: -Skip starts on the page that holds the first session wanted' {
        $campaign = New-SimCampaign -Sessions 12000
        $first = Get-CtCampaignUsage -Campaign $campaign -First 1
        Clear-SimStats
        $page = @(Get-CtCampaignUsage -Campaign $campaign -Skip 5003 -First 4)
        $page.SequenceId | Should -Be (0..3 | ForEach-Object { $first.SequenceId + 5003 + $_ })
        Get-Requests '/v3/campaign/data' | Should -Be 1
    }

    It 'reads a multi-page campaign page by page, with progress' {
        $campaign = New-SimCampaign -Sessions 1250
        Clear-SimStats
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Url, $Id, $Secret, $Campaign)
                    Import-Module $Manifest
                    Connect-CtAccount -ClientId $Id -ClientSecret $Secret -BaseUri $Url -SkipCheck
                    Get-CtCampaignUsage -Campaign $Campaign | Measure-Object | Select-Object -ExpandProperty Count
                }).AddArgument((Get-CtTestModulePath)).AddArgument($Sim.Url).AddArgument($Sim.ClientId).AddArgument($Secret).AddArgument($campaign)
            $count = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $count | Should -Be 1250
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 1
            ($progress | Where-Object StatusDescription -Match '^Page 13\b') | Should -Not -BeNullOrEmpty
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
        # The reply has no count: the short 13th page ends the read; pages after it may have been read ahead (and dropped).
        Get-Requests '/v3/campaign/data' | Should -BeGreaterOrEqual 13
        Get-Requests '/v3/campaign/data' | Should -BeLessOrEqual (13 + [Coupontools.PowerShell.CtApiCmdlet]::PagesAhead)
    }

    It 'sends -Start and -End in UTC: the same instant as a UTC, a local or an offset date gives the same sessions' {
        $all = @(Get-CtCampaignUsage -Campaign cam_1001)
        $from = $all[40].CreatedDate
        $to = $all[60].CreatedDate
        $startUtc = [datetime]::SpecifyKind($from.AddSeconds(-$from.Second), 'Utc')
        $endUtc = [datetime]::SpecifyKind($to.AddSeconds(-$to.Second), 'Utc')
        $expected = @($all | Where-Object { $_.CreatedDate -ge $startUtc -and $_.CreatedDate -lt $endUtc.AddMinutes(1) }).Id

        @(Get-CtCampaignUsage -Campaign cam_1001 -Start $startUtc -End $endUtc).Id | Should -Be $expected
        @(Get-CtCampaignUsage -Campaign cam_1001 -Start $startUtc.ToLocalTime() -End $endUtc.ToLocalTime()).Id | Should -Be $expected
        $offset = [DateTimeOffset]::new($startUtc).ToOffset([TimeSpan]::FromHours(-7))
        @(Get-CtCampaignUsage -Campaign cam_1001 -Start $offset.DateTime.ToUniversalTime() -End $endUtc).Id | Should -Be $expected
    }

    It 'reads a date without a time zone as local time, in a process whose zone is not UTC' {
        $from = (Get-CtCampaignUsage -Campaign cam_1001 -Skip 40 -First 1).CreatedDate
        $wall = $from.AddHours(5.5)   # the same instant on a wall clock in Asia/Kolkata (UTC+5:30, no DST)
        $wallText = $wall.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
        $expected = @(Get-CtCampaignUsage -Campaign cam_1001 -Start ([datetime]::SpecifyKind($from.AddSeconds(-$from.Second), 'Utc')) -First 3).Id
        $script = "Import-Module '$(Get-CtTestModulePath)'; " +
        "Connect-CtAccount -ClientId '$($Sim.ClientId)' -ClientSecret (ConvertTo-SecureString '$($Sim.ClientSecret)' -AsPlainText -Force) -BaseUri '$($Sim.Url)' -SkipCheck; " +
        "[TimeZoneInfo]::Local.BaseUtcOffset.TotalMinutes; (Get-CtCampaignUsage -Campaign cam_1001 -Start ([datetime]::ParseExact('$wallText', 'yyyy-MM-dd HH:mm', `$null)) -First 3).Id"
        $saved = $env:TZ
        try {
            $env:TZ = 'Asia/Kolkata'
            $pwsh = Get-CtPwshCommand
            $output = @(& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script)
        }
        finally { $env:TZ = $saved }
        $LASTEXITCODE | Should -Be 0
        $output[0] | Should -Be '330'
        $output[1..3] | Should -Be $expected
    }

    It 'rejects -End before -Start before any request' {
        Clear-SimStats
        $err = { Get-CtCampaignUsage -Campaign cam_1001 -Start '2024-05-02' -End '2024-05-01' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidDateRange*'
        $err.Exception.Message | Should -Match 'before -Start'
        Get-TotalRequests | Should -Be 0
    }

    It 'rejects a malformed campaign id at binding, before any request' {
        Clear-SimStats
        $err = { Get-CtCampaignUsage -Campaign 'dir_12' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        Get-TotalRequests | Should -Be 0
    }

    It 'reports an unknown campaign as Coupontools.NotFound naming it, and goes on with the next' {
        $sessions = @(Get-CtCampaignUsage -Campaign cam_999999, cam_1002 -First 2 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $sessions.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'cam_999999'
    }

    It 'lists opened, claimed and validated sessions from their own endpoints' {
        Clear-SimStats
        $opened = @(Get-CtCampaignUsage -Campaign cam_1001 -Type Opened)
        $claimed = @(Get-CtCampaignUsage -Campaign cam_1001 -Type Claimed)
        $opened | ForEach-Object { $_.OpenDate | Should -Not -BeNullOrEmpty }
        $claimed | ForEach-Object { $_.ClaimDate | Should -Not -BeNullOrEmpty }
        $claimed.Count | Should -BeLessThan $opened.Count
        # Pages of 100; a short page (possibly empty) ends each read.
        Get-Requests '/v3/campaign/opens' | Should -Be ([Math]::Floor($opened.Count / 100) + 1)
        Get-Requests '/v3/campaign/claims' | Should -Be ([Math]::Floor($claimed.Count / 100) + 1)
    }
}

Describe 'Get-CtCouponSession' {
    BeforeEach { Reset-CtSimulator }

    It 'gets sessions by full and by 6-character code, from the pipeline' {
        $listed = @(Get-CtCampaignUsage -Campaign cam_1001 -First 2)
        $full = @($listed | Get-CtCouponSession)
        $full.Id | Should -Be $listed.Id
        $full[0].Url | Should -Match $listed[0].Id
        $full[0].CreatedDate | Should -Be $listed[0].CreatedDate
        (Get-CtCouponSession -Id $listed[1].Id.Substring(0, 6)).Id | Should -Be $listed[1].Id
    }

    It 'writes Coupontools.NotFound naming an unknown code and still returns the others' {
        $known = (Get-CtCampaignUsage -Campaign cam_1001 -First 1).Id
        $unknown = New-UnknownSessionCode 1
        $found = @(Get-CtCouponSession -Id $unknown, $known -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $known
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be $unknown
    }

    It 'rejects a malformed code before any request' {
        Clear-SimStats
        { Get-CtCouponSession -Id 'not a code!' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        Get-TotalRequests | Should -Be 0
    }
}

Describe 'Find-CtCouponSession' {
    BeforeEach { Reset-CtSimulator }

    It 'finds sessions by e-mail address, by phone and by validation code in a campaign' {
        $firstTwo = @(Get-CtCampaignUsage -Campaign cam_1001 -First 2)   # sequence ids 19878460 and 19878461
        Clear-SimStats
        $byEmail = @(Find-CtCouponSession -Email 'liam.desmet.1878460@example.com')
        $byEmail.Count | Should -Be 1
        $byEmail[0].Campaign | Should -Be 'cam_1001'
        $byEmail[0].Id | Should -Be $firstTwo[0].Id
        $byEmail[0].Url | Should -Match $byEmail[0].Id
        $byEmail[0].CreatedDate | Should -Be $firstTwo[0].CreatedDate
        @(Find-CtCouponSession -Phone '+32471878461').Id | Should -Be $firstTwo[1].Id
        Get-Requests '/v3/couponsession/search' | Should -Be 2

        $withCode = Get-CtCampaignUsage -Campaign cam_1001 -First 100 | Where-Object ValidationCode | Select-Object -First 1
        Clear-SimStats
        $found = @(Find-CtCouponSession -Campaign cam_1001 -ValidationCode $withCode.ValidationCode)
        $found.Id | Should -Be $withCode.Id
        $found.ValidationCode | Should -Be $withCode.ValidationCode
        Get-Requests '/v3/campaignsession/search' | Should -Be 1
    }

    It 'takes no match (API error 512) as no output, not an error' {
        $withCode = Get-CtCampaignUsage -Campaign cam_1001 -First 100 | Where-Object ValidationCode | Select-Object -First 1
        $none = @(Find-CtCouponSession -Campaign cam_1002 -ValidationCode $withCode.ValidationCode -ErrorVariable errs)
        $none.Count | Should -Be 0
        $errs.Count | Should -Be 0
        @(Find-CtCouponSession -Email 'nobody.here@example.com' -ErrorVariable errs2).Count | Should -Be 0
        $errs2.Count | Should -Be 0
    }

    It 'narrows with several search fields at once: a session must match all of them' {
        Clear-SimStats
        @(Find-CtCouponSession -Email 'liam.desmet.1878460@example.com').Count | Should -Be 1
        @(Find-CtCouponSession -Phone '+32471878461').Count | Should -Be 1
        @(Find-CtCouponSession -Email 'liam.desmet.1878460@example.com' -Phone '+32471878461' -ErrorVariable errs).Count | Should -Be 0
        $errs.Count | Should -Be 0
        Get-Requests '/v3/couponsession/search' | Should -Be 3
    }

    It 'rejects a malformed e-mail address, a search term under 5 characters and no search term before any request' {
        Clear-SimStats
        { Find-CtCouponSession -Email 'not-an-address' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Find-CtCouponSession -ValidationCode 'ab12' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Find-CtCouponSession -Phone '+324' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Find-CtCouponSession -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.MissingParameter*'
        Get-TotalRequests | Should -Be 0
    }
}

Describe 'Set-CtCouponSession' {
    BeforeEach { Reset-CtSimulator }

    It 'validates sessions from a CSV, one request each, several in flight, output in input order (user story)' {
        $campaign = New-SimCampaign -Sessions 300
        $csv = Join-Path $WorkDir 'redeemed.csv'
        $before = @(Get-CtCampaignUsage -Campaign $campaign -First 250)
        $before | Select-Object @{ n = 'Session'; e = { $_.Id } } | Export-Csv $csv
        $wasValidated = @($before | Where-Object IsValidated).Count
        $voided = @($before | Where-Object { $_.IsVoided -and -not $_.IsValidated }).Id   # refused: 355
        Clear-SimStats

        $out = @(Import-Csv $csv | Set-CtCouponSession -Operation Validate -ThrottleLimit 8 -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)

        $errs.Count | Should -Be $voided.Count
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Coupontools.SessionVoided*' }
        @($errs.TargetObject) | Should -Be $voided
        ($out.Count + $errs.Count) | Should -Be 250
        $out.Session | Should -Be @($before | Where-Object Id -NotIn $voided).Id
        $out | ForEach-Object { $_ | Should -BeOfType Coupontools.SessionUpdateResult }
        @($out | Where-Object AlreadyInState).Count | Should -Be $wasValidated
        @($out | Where-Object { -not $_.AlreadyInState } | Where-Object Result -NE 'validate_successful') | Should -BeNullOrEmpty
        $warnings.Count | Should -Be $wasValidated
        Get-Requests '/v3/couponsession/update' | Should -Be 250
        Get-Writes '/v3/couponsession/update' | Should -Be (250 - $wasValidated - $voided.Count)
        @(Get-CtCampaignUsage -Campaign $campaign -First 250 | Where-Object IsValidated).Count | Should -Be (250 - $voided.Count)
    }

    It 'treats a rerun as done: the already-in-that-state answers are warnings, with AlreadyInState on -PassThru' {
        $ids = @(Get-CtCampaignUsage -Campaign cam_1001 -First 40 | Where-Object { -not $_.IsVoided } | Select-Object -First 5).Id
        $ids | Set-CtCouponSession -Operation Void
        Clear-SimStats
        $again = @($ids | Set-CtCouponSession -Operation Void -PassThru -ErrorVariable errs -WarningVariable warnings -WarningAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $again.Count | Should -Be 5
        $again.AlreadyInState | Should -Be (@($true) * 5)
        $warnings.Count | Should -Be 5
        $warnings[0].Message | Should -Match $ids[0]
        Get-Writes '/v3/couponsession/update' | Should -Be 0
        $ids | Set-CtCouponSession -Operation Unvoid
        @($ids | Get-CtCouponSession | Where-Object IsVoided).Count | Should -Be 0
    }

    It 'sets custom fields, the custom id and the money spent in the same request' {
        $session = Get-CtCampaignUsage -Campaign cam_1001 -First 1
        Clear-SimStats
        $result = $session | Set-CtCouponSession -CustomField2 'paid' -CustomId 'Order42' -MoneySpent 12.5 -PassThru
        $result.CustomId | Should -Be 'Order42'
        $result.Session | Should -Be $session.Id
        (Get-CtCouponSession -Id $session.Id).CustomId | Should -Be 'Order42'
        Get-Requests '/v3/couponsession/update' | Should -Be 1
    }

    It 'writes one error per refused session with its own ErrorId, naming it: inputs = outputs + errors' {
        $sessions = @(Get-CtCampaignUsage -Campaign cam_1001 -First 200)
        $unclaimed = @($sessions | Where-Object { -not $_.IsClaimed -and -not $_.IsVoided } | Select-Object -First 3).Id
        $voided = @($sessions | Where-Object { -not $_.IsClaimed -and -not $_.IsVoided } | Select-Object -Skip 3 -First 2).Id
        $voided | Set-CtCouponSession -Operation Void
        $unknown = @(New-UnknownSessionCode 2)

        $out = @($unclaimed + $unknown | Set-CtCouponSession -Operation Lock -PassThru -ErrorVariable lockErrs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $lockErrs.Count | Should -Be 5
        @($lockErrs | Where-Object FullyQualifiedErrorId -Like 'Coupontools.SessionNotClaimed*').TargetObject | Should -Be $unclaimed
        @($lockErrs | Where-Object FullyQualifiedErrorId -Like 'Coupontools.SessionNotFound*').TargetObject | Should -Be $unknown
        $lockErrs[0].ErrorDetails.Message | Should -Match '352'

        $claimed = @($voided + $unclaimed[0] | Set-CtCouponSession -Operation Claim -PassThru -ErrorVariable claimErrs -ErrorAction SilentlyContinue)
        $claimed.Session | Should -Be $unclaimed[0]
        $claimErrs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'Coupontools.SessionVoided*' }
        ($claimed.Count + $claimErrs.Count) | Should -Be 3
    }

    It 'never re-sends an update whose outcome is unknown, and says so' {
        $ids = @(Get-CtCampaignUsage -Campaign cam_1001 -First 5).Id
        Add-Fault '/v3/couponsession/update' @{ status = 502 }
        Clear-SimStats
        $out = @($ids | Set-CtCouponSession -Operation Activate -PassThru -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown*'
        $errs[0].TargetObject | Should -Be $ids[0]
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-CtCouponSession'
        $out.Session | Should -Be $ids[1..4]
        Get-Requests '/v3/couponsession/update' | Should -Be 5
    }

    It 'sends nothing with -WhatIf, from Get-CtCampaignUsage through the pipeline' {
        Clear-SimStats
        $out = Get-CtCampaignUsage -Campaign cam_1001 -First 20 | Set-CtCouponSession -Operation Validate -WhatIf
        $out | Should -BeNullOrEmpty
        Get-Requests '/v3/campaign/data' | Should -Be 1
        Get-Requests '/v3/couponsession/update' | Should -Be 0
        Set-CtCouponSession -Campaign cam_1001 -FromSequence 19878460 -Operation Void -WhatIf
        Get-Requests '/v3/batch/update' | Should -Be 0
    }

    It 'refuses a call that changes nothing, a malformed session code and a range without ends, before any request' {
        Clear-SimStats
        { Set-CtCouponSession -Id 'meozpr3m8flrzdh0s0s3z' } | Should -Throw -ErrorId 'Coupontools.NothingToChange*'
        { Set-CtCouponSession -Id 'bad code' -Operation Claim } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        { Set-CtCouponSession -Campaign cam_1001 -Operation Void -Confirm:$false } | Should -Throw -ErrorId 'Coupontools.MissingParameter*'
        { Set-CtCouponSession -Campaign cam_1001 -FromSequence 9 -ToSequence 3 -Operation Void -Confirm:$false } | Should -Throw -ErrorId 'Coupontools.InvalidArgument*'
        'x' | Set-CtCouponSession -Operation Claim -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        Get-TotalRequests | Should -Be 0
    }

    It 'no longer has the 0.1 parameters -Status, -Void, -Value and -ValidationValue' {
        $parameters = (Get-Command Set-CtCouponSession).Parameters.Keys
        foreach ($gone in 'Status', 'Void', 'Value', 'ValidationValue') { $parameters | Should -Not -Contain $gone }
        { Set-CtCouponSession -Id 'meozpr3m8flrzdh0s0s3z' -Status Validated } | Should -Throw -ErrorId 'NamedParameterNotFound*'
    }
}

Describe 'Set-CtCouponSession -Campaign -FromSequence -ToSequence' {
    BeforeEach { Reset-CtSimulator }

    It 'updates a sequence range of one campaign in one /v3/batch/update call' {
        $campaign = New-SimCampaign -Sessions 50
        $sessions = @(Get-CtCampaignUsage -Campaign $campaign | Where-Object { -not $_.IsVoided })
        $range = $sessions[0..9]
        $from = ($range | Measure-Object SequenceId -Minimum).Minimum
        $to = ($range | Measure-Object SequenceId -Maximum).Maximum
        $inRange = @(Get-CtCampaignUsage -Campaign $campaign | Where-Object { $_.SequenceId -ge $from -and $_.SequenceId -le $to })
        Clear-SimStats

        $result = Set-CtCouponSession -Campaign $campaign -FromSequence $from -ToSequence $to -Operation Void -CustomField1 'batch' -Confirm:$false

        $result | Should -BeOfType Coupontools.BatchUpdateResult
        $result.Count | Should -Be $inRange.Count
        $result.Campaign | Should -Be $campaign
        $result.FromSequence | Should -Be $from
        $result.Operation | Should -Be 'Void'
        $result.Date | Should -Not -BeNullOrEmpty
        Get-Requests '/v3/batch/update' | Should -Be 1
        Get-Requests '/v3/couponsession/update' | Should -Be 0
        @(Get-CtCampaignUsage -Campaign $campaign | Where-Object { $_.SequenceId -ge $from -and $_.SequenceId -le $to -and -not $_.IsVoided }) | Should -BeNullOrEmpty
    }

    It 'reports a refused range as one error with the code''s ErrorId, and a range outside the campaign as SequenceRangeInvalid' {
        $campaign = New-SimCampaign -Sessions 20
        $first = (Get-CtCampaignUsage -Campaign $campaign -First 1).SequenceId
        Set-CtCouponSession -Campaign $campaign -FromSequence $first -ToSequence $first -Operation Void -Confirm:$false
        Set-CtCouponSession -Campaign $campaign -FromSequence $first -ToSequence ($first + 5) -Operation Void -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.SessionVoided*'
        @(Get-CtCampaignUsage -Campaign $campaign -First 6 | Where-Object IsVoided).Count | Should -Be 1 -Because 'a refused range changes nothing'

        Set-CtCouponSession -Campaign $campaign -FromSequence 1 -Operation Claim -Confirm:$false -ErrorVariable outside -ErrorAction SilentlyContinue
        $outside[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.SequenceRangeInvalid*'
    }
}

Describe 'Remove-CtCouponSession' {
    BeforeEach { Reset-CtSimulator }

    It 'deletes sessions of a campaign, and Remove-CtSingleUseUrl is its alias' {
        (Get-Alias Remove-CtSingleUseUrl).ResolvedCommandName | Should -Be 'Remove-CtCouponSession'
        $ids = @(Get-CtCampaignUsage -Campaign cam_1001 -First 2).Id
        $removed = @($ids | Remove-CtCouponSession -Campaign cam_1001 -PassThru -Confirm:$false)
        $removed.Session | Should -Be $ids
        $removed[0].Campaign | Should -Be 'cam_1001'
        Get-CtCouponSession -Id $ids[0] -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        Remove-CtCouponSession -Campaign cam_1001 -Id $ids[1] -Confirm:$false -ErrorVariable again -ErrorAction SilentlyContinue
        $again[0].Exception.ErrorCodes | Should -Contain 513
    }
}

Describe 'Get-CtCouponSessionBarcode' {
    BeforeEach { Reset-CtSimulator }

    It 'returns the barcode image as bytes, or saves it to -OutFile, one file per session in a folder' {
        $ids = @(Get-CtCampaignUsage -Campaign cam_1001 -First 2).Id
        $barcode = Get-CtCouponSessionBarcode -Id $ids[0] -Type Code39
        $barcode | Should -BeOfType Coupontools.Barcode
        $barcode.ContentType | Should -Be 'image/svg+xml'
        [Text.Encoding]::UTF8.GetString($barcode.Content) | Should -Match '^<svg'
        $barcode.Type | Should -Be 'code39'

        $folder = Join-Path $WorkDir 'barcodes'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $saved = @($ids | Get-CtCouponSessionBarcode -Type QrCode -OutFile $folder)
        $saved.Count | Should -Be 2
        foreach ($item in $saved) {
            Test-Path -LiteralPath $item.Path | Should -BeTrue
            $item.Path | Should -Match "$($item.Session)-qrcode\.svg$"
            $item.Content | Should -BeNullOrEmpty
        }
    }

    It 'reports an unknown session as an error naming it, and goes on' {
        $known = (Get-CtCampaignUsage -Campaign cam_1001 -First 1).Id
        $unknown = New-UnknownSessionCode 1
        $out = @(Get-CtCouponSessionBarcode -Id $unknown, $known -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Session | Should -Be $known
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $unknown
        $errs[0].Exception.ErrorCodes | Should -Contain 400
    }
}

Describe 'Send-CtPushNotification' {
    BeforeEach { Reset-CtSimulator }

    It 'pushes to the sessions found by e-mail address (user story)' {
        Clear-SimStats
        $results = @(Find-CtCouponSession -Email 'liam.desmet.1878460@example.com' | Send-CtPushNotification -Message 'Your coupon expires tomorrow' -Force)
        $results.Count | Should -Be 1
        $results[0] | Should -BeOfType Coupontools.PushResult
        $results[0].Campaign | Should -Be 'cam_1001'
        $results[0].Target | Should -Be (Find-CtCouponSession -Email 'liam.desmet.1878460@example.com').Id
        $results[0].Sent | Should -BeTrue
        Get-Writes '/v3/coupon/pushnotification/single' | Should -Be 1
    }

    It 'pushes to everyone who saved a campaign through /list, whose reply says only OK' {
        $result = Send-CtPushNotification -Campaign cam_1001 -All -Message 'Double points' -Force
        $result.Target | Should -Be '*'
        $result.Sent | Should -BeTrue
        $result.Recipients | Should -BeNullOrEmpty -Because 'the 2025 reply is the status envelope only'
        Get-Writes '/v3/coupon/pushnotification/list' | Should -Be 1
        Get-Requests '/v3/coupon/pushnotification/all' | Should -Be 0
    }

    It 'an unknown campaign (505 on this path) is a NotFound error naming the campaign, nothing sent' {
        $r = Send-CtPushNotification -Campaign cam_999999 -All -Message 'Hi' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].Exception.ErrorCodes | Should -Contain 505
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'cam_999999'
        Get-Writes '/v3/coupon/pushnotification/list' | Should -Be 0
    }

    It 'asks before -All with the campaign name and the number of recipients' {
        $ConfirmPreference = 'None'   # no prompt in a test: ShouldProcess then writes its text as verbose
        $verbose = Send-CtPushNotification -Campaign cam_1001 -All -Message 'Double points' -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match "all 250 coupon sessions of campaign 'Spring Sale' \(cam_1001\)"
        Get-Requests '/v3/coupon/info' | Should -Be 1
    }

    It 'pushes to a loyalty card user and to all users of a card' {
        $one = Send-CtPushNotification -LoyaltyCard loy_2001 -User lus_70001 -Message 'Free coffee' -Force
        $one.LoyaltyCard | Should -Be 'loy_2001'
        $one.Target | Should -Be 'lus_70001'
        $all = Send-CtPushNotification -LoyaltyCard loy_2001 -All -Message 'Free coffee' -Force
        $all.Recipients | Should -BeGreaterThan 0
        Get-Writes '/v3/loyalty/pushnotification/single' | Should -Be 1
        Get-Writes '/v3/loyalty/pushnotification/all' | Should -Be 1
    }

    It 'sends nothing with -WhatIf, not even the reads for the prompt' {
        Clear-SimStats
        Send-CtPushNotification -Campaign cam_1001 -All -Message 'Double points' -WhatIf
        Send-CtPushNotification -Campaign cam_1001 -All -Message 'Double points' -WhatIf -Force
        Send-CtPushNotification -Campaign cam_1001 -Session meozpr3m8flrzdh0s0s3z -Message 'Hi' -WhatIf
        Get-TotalRequests | Should -Be 0
    }

    It 'attempts a push exactly once under a 502 after it was applied, and says the outcome is unknown' {
        Add-Fault '/v3/coupon/pushnotification/list' @{ status = 502; after = $true }
        Clear-SimStats
        $result = Send-CtPushNotification -Campaign cam_1001 -All -Message 'Once only' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown*'
        $errs[0].TargetObject | Should -Be 'cam_1001'
        $errs[0].ErrorDetails.Message | Should -Match 'may or may not have been sent'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'before sending it again'
        Get-Requests '/v3/coupon/pushnotification/list' | Should -Be 1
        Get-Writes '/v3/coupon/pushnotification/list' | Should -Be 1
    }

    It 'attempts a push exactly once when the connection drops after it was applied' {
        $session = (Get-CtCampaignUsage -Campaign cam_1001 -First 1).Id
        Add-Fault '/v3/coupon/pushnotification/single' @{ drop = 'after' }
        Clear-SimStats
        Send-CtPushNotification -Campaign cam_1001 -Session $session -Message 'Once only' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown*'
        $errs[0].TargetObject | Should -Be $session
        Get-Requests '/v3/coupon/pushnotification/single' | Should -Be 1
    }

    It 'rejects bad input before any request: <Case>' -ForEach @(
        @{ Case = 'empty message'; Params = @{ Campaign = 'cam_1001'; All = $true; Message = '' }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'blank message'; Params = @{ Campaign = 'cam_1001'; All = $true; Message = "  `t " }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = 'message over 1000 characters'; Params = @{ Campaign = 'cam_1001'; All = $true; Message = 'x' * 1001 }; ErrorId = 'ParameterArgumentValidationError*' }
        @{ Case = '-All with -Session'; Params = @{ Campaign = 'cam_1001'; All = $true; Session = 'meozpr3m8flrzdh0s0s3z'; Message = 'Hi' }; ErrorId = 'AmbiguousParameterSet*' }
        @{ Case = 'malformed session code'; Params = @{ Campaign = 'cam_1001'; Session = 'meo-zpr'; Message = 'Hi' }; ErrorId = 'ParameterArgumentTransformationError*' }
        @{ Case = 'malformed campaign id'; Params = @{ Campaign = 'sub_1'; All = $true; Message = 'Hi' }; ErrorId = 'ParameterArgumentTransformationError*' }
    ) {
        Clear-SimStats
        { Send-CtPushNotification @Params -Force } | Should -Throw -ErrorId $ErrorId
        Get-TotalRequests | Should -Be 0
    }

    It 'takes a message of exactly 1000 characters' {
        $result = Send-CtPushNotification -Campaign cam_1001 -All -Message ('x' * 1000) -Force
        $result.Sent | Should -BeTrue
    }
}
