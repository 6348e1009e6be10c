# Campaign usage and coupon sessions: Get-CtCampaignUsage (streamed pages), Get-/Find-/Set-CtCouponSession
# (batched updates) and Send-CtPushNotification, end to end against the simulator. Request counts
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
        $validated | Set-CtCouponSession -Status Validated
        $csv = Join-Path $WorkDir 'validated.csv'

        Get-CtCampaign -ActiveOnly | Get-CtCampaignUsage -Type Validated -Start (Get-Date).AddDays(-1) | Export-Csv $csv

        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 2
        $rows.Id | Sort-Object | Should -Be ($validated.Id | Sort-Object)
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($column in 'Id', 'Campaign', 'CustomId', 'Status', 'CreatedDate', 'ClaimDate', 'ValidationDate', 'ClaimType', 'Value', 'ValidationValue', 'ValidationCode') {
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
        Get-Requests '/v3/campaign/data' | Should -Be 3
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
        $campaign = New-SimCampaign -Sessions 12000
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
            $count | Should -Be 12000
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 1
            ($progress | Where-Object StatusDescription -Match 'Page 3 of 3') | Should -Not -BeNullOrEmpty
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
        Get-Requests '/v3/campaign/data' | Should -Be 3
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
        Get-Requests '/v3/campaign/opens' | Should -Be 1
        Get-Requests '/v3/campaign/claims' | Should -Be 1
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
        $byEmail = @(Find-CtCouponSession -Email 'liam.desmet.1878460@example.com')
        $byEmail.Count | Should -Be 1
        $byEmail[0].Campaign | Should -Be 'cam_1001'
        $byEmail[0].SequenceId | Should -Be 19878460
        @(Find-CtCouponSession -Phone '+32471878461').SequenceId | Should -Be 19878461

        $withCode = Get-CtCampaignUsage -Campaign cam_1001 -First 100 | Where-Object ValidationCode | Select-Object -First 1
        Clear-SimStats
        $found = @(Find-CtCouponSession -Campaign cam_1001 -ValidationCode $withCode.ValidationCode)
        $found.Id | Should -Be $withCode.Id
        Get-Requests '/v3/campaign/search' | Should -Be 1
        @(Find-CtCouponSession -Campaign cam_1002 -ValidationCode $withCode.ValidationCode).Count | Should -Be 0
    }

    It 'rejects a malformed e-mail address and two search fields before any request' {
        Clear-SimStats
        { Find-CtCouponSession -Email 'not-an-address' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Find-CtCouponSession -Email 'a@b.c' -Phone '+3247' } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        Get-TotalRequests | Should -Be 0
    }
}

Describe 'Set-CtCouponSession' {
    BeforeEach { Reset-CtSimulator }

    It 'validates thousands of sessions from a CSV in batches of at most 1000 (user story)' {
        $campaign = New-SimCampaign -Sessions 3000
        $csv = Join-Path $WorkDir 'redeemed.csv'
        $before = @(Get-CtCampaignUsage -Campaign $campaign -First 2500)
        $before | Select-Object @{ n = 'Session'; e = { $_.Id } } | Export-Csv $csv
        Clear-SimStats

        Import-Csv $csv | Set-CtCouponSession -Status Validated -ErrorVariable errs

        $errs.Count | Should -Be 0
        Get-Requests '/v3/couponsession/update/multiple' | Should -Be 3
        Get-Requests '/v3/couponsession/update' | Should -Be 0
        Get-Writes '/v3/couponsession/update/multiple' | Should -Be 3
        $after = @(Get-CtCampaignUsage -Campaign $campaign -First 2500)
        @($after | Where-Object ValidationDate).Count | Should -Be 2500
        # Sessions validated before keep their date; the others were validated just now.
        $fresh = @(Get-CtCampaignUsage -Campaign $campaign -Type Validated -Start (Get-Date).AddDays(-1))
        $fresh.Count | Should -Be @($before | Where-Object { -not $_.ValidationDate }).Count
        (Import-Csv $csv | Select-Object -First 1 | Get-CtCouponSession).Status | Should -Be 'Validated'
    }

    It 'uses the single update for one session and returns it with -PassThru' {
        $session = Get-CtCampaignUsage -Campaign cam_1001 -First 1
        Clear-SimStats
        $updated = $session | Set-CtCouponSession -Void $true -Value '12.50' -PassThru
        $updated.Id | Should -Be $session.Id
        $updated.IsVoided | Should -BeTrue
        $updated.Value | Should -Be '12.50'
        Get-Requests '/v3/couponsession/update' | Should -Be 1
        Get-Requests '/v3/couponsession/update/multiple' | Should -Be 0
        (Get-CtCouponSession -Id $session.Id).Status | Should -Be 'Voided'
    }

    It 'writes one error per failed session of a batch, naming it: inputs = outputs + errors' {
        $good = @(Get-CtCampaignUsage -Campaign cam_1001 -First 30).Id
        $bad = @(New-UnknownSessionCode 7)
        $inputs = $good[0..9] + $bad[0..3] + $good[10..29] + $bad[4..6]
        Clear-SimStats

        $out = @($inputs | Set-CtCouponSession -Status Claimed -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)

        $out.Count | Should -Be 30
        $errs.Count | Should -Be 7
        ($out.Count + $errs.Count) | Should -Be $inputs.Count
        $out.Id | Sort-Object | Should -Be ($good | Sort-Object)
        $errs.TargetObject | Sort-Object | Should -Be ($bad | Sort-Object)
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*' }
        $errs[0].Exception.Message | Should -Match $errs[0].TargetObject
        $out | ForEach-Object { $_.Status | Should -BeIn 'Claimed', 'Validated', 'Voided' }
        Get-Requests '/v3/couponsession/update/multiple' | Should -Be 1
    }

    It 'reports every session of a batch whose call failed, once, and never re-sends it' {
        $campaign = New-SimCampaign -Sessions 1500
        $ids = @(Get-CtCampaignUsage -Campaign $campaign).Id
        Add-Fault '/v3/couponsession/update/multiple' @{ status = 502 }
        Clear-SimStats

        $out = @($ids | Set-CtCouponSession -Status Claimed -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs.Count | Should -Be 1000
        $out.Count | Should -Be 500
        ($out.Count + $errs.Count) | Should -Be 1500
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown*'
        $errs.TargetObject | Should -Be $ids[0..999]
        $out.Id | Should -Be $ids[1000..1499]
        Get-Requests '/v3/couponsession/update/multiple' | Should -Be 2
    }

    It 'sends nothing with -WhatIf, from Get-CtCampaignUsage through the pipeline' {
        Clear-SimStats
        $out = Get-CtCampaignUsage -Campaign cam_1001 -First 20 | Set-CtCouponSession -Status Validated -WhatIf
        $out | Should -BeNullOrEmpty
        Get-Requests '/v3/campaign/data' | Should -Be 1
        Get-Requests '/v3/couponsession/update/multiple' | Should -Be 0
        Get-Requests '/v3/couponsession/update' | Should -Be 0
    }

    It 'refuses a call that changes nothing, and a malformed session code, before any request' {
        Clear-SimStats
        { Set-CtCouponSession -Id 'meozpr3m8flrzdh0s0s3z' } | Should -Throw -ErrorId 'Coupontools.NothingToChange*'
        { Set-CtCouponSession -Id 'bad code' -Status Claimed } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        'x' | Set-CtCouponSession -Status Claimed -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        Get-TotalRequests | Should -Be 0
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
        $one = Send-CtPushNotification -LoyaltyCard 2001 -User 70001 -Message 'Free coffee' -Force
        $one.LoyaltyCard | Should -Be '2001'
        $one.Target | Should -Be '70001'
        $all = Send-CtPushNotification -LoyaltyCard 2001 -All -Message 'Free coffee' -Force
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
