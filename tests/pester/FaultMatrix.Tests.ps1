# The fault matrix: every fault the simulator can inject (/_sim/faults) crossed with every operation
# class (read, paged read, single write, session window write, sequence-range write, push, bulk
# single-use create, the v4 REST family's GET, PUT and POST through Invoke-CtApi -Method, coupons by
# SMS and by e-mail with -CheckUnique, contacts added to a group, the wallet card and v4 directory
# write cmdlets, and a read and a write window of 16 requests in flight, where the fault hits one of them;
# envelope-only and REST-only faults cross only their own family's classes). Each cell checks the
# outcome the retry rules of docs/ARCHITECTURE.md ("Retry and idempotency") require:
#  - reads are retried on 429, 502/503/504, a dropped connection and a timeout, and succeed when the
#    fault clears; a 500, an unreadable 200 or a failed envelope is an error, sent once;
#  - writes are re-sent only on 429 and 503 with Retry-After; otherwise one attempt and an
#    OutcomeUnknown (or the API's own) error; a push is attempted exactly once on any 5xx;
#  - keyed single-use creates (duplicate_check) are safe to repeat, so they are retried like reads;
# and in every cell: no unhandled exception, the number of attempts the rule implies (simulator
# stats), no duplicate write (writes per path never above one per input), and in bulk runs
# inputs = outputs + errors. The matrix is printed with the count of cells passed.

BeforeDiscovery {
    $script:Faults = @(
        @{ Name = '429 Retry-After seconds'; Rule = 'RateLimited' }
        @{ Name = '429 Retry-After date'; Rule = 'RateLimited' }
        @{ Name = '500'; Rule = 'Server500' }
        @{ Name = '502'; Rule = 'Gateway' }
        @{ Name = '503 Retry-After'; Rule = 'RateLimited' }
        @{ Name = '503'; Rule = 'Gateway' }
        @{ Name = '504'; Rule = 'Gateway' }
        @{ Name = 'dropped before read'; Rule = 'DropBefore' }
        @{ Name = 'dropped after read'; Rule = 'DropAfter' }
        @{ Name = 'slow past timeout'; Rule = 'Slow' }
        @{ Name = 'truncated JSON'; Rule = 'Truncated' }
        @{ Name = 'HTML error page'; Rule = 'Gateway' }
        @{ Name = 'empty body'; Rule = 'Unreadable' }
        @{ Name = 'status missing'; Rule = 'Unreadable' }
        @{ Name = 'failed, errors inside status'; Rule = 'Failed'; ErrorId = 'Coupontools.NotFound' }
        @{ Name = 'failed, errors beside status'; Rule = 'Failed'; ErrorId = 'Coupontools.NotFound' }
        @{ Name = 'failed, scalar auth code'; Rule = 'Failed'; ErrorId = 'Coupontools.Unauthorized' }
        @{ Name = 'failed, code as text'; Rule = 'Failed'; ErrorId = 'Coupontools.InvalidArgument' }
        @{ Name = 'failed, no errors block'; Rule = 'Failed'; ErrorId = 'Coupontools.ApiError' }
        # The v4 REST family has no envelope: its failures are HTTP statuses with (or without) {"message": ...}.
        @{ Name = 'REST 404 with message'; Rule = 'Failed'; ErrorId = 'Coupontools.NotFound'; Family = 'rest' }
        @{ Name = 'REST 401 with message'; Rule = 'Failed'; ErrorId = 'Coupontools.Unauthorized'; Family = 'rest' }
        @{ Name = 'REST 422 with message'; Rule = 'Failed'; ErrorId = 'Coupontools.InvalidArgument'; Family = 'rest' }
        @{ Name = 'REST 400, HTML body'; Rule = 'Failed'; ErrorId = 'Coupontools.InvalidArgument'; Family = 'rest' }
    )
    # The envelope faults (a 200 without status, failed envelopes) mean nothing to the REST family, and the REST
    # faults nothing to the envelope family; transport faults and HTTP statuses cross every class.
    foreach ($f in $Faults) { if (-not $f.ContainsKey('Family')) { $f['Family'] = if ($f['Name'] -like 'failed*' -or $f['Name'] -eq 'status missing') { 'envelope' } else { 'both' } } }
    $script:Classes = @('read', 'paged read', 'single write', 'session window write', 'sequence-range write', 'push', 'bulk single-use create', 'REST GET', 'REST PUT', 'REST POST',
        'coupon SMS window', 'coupon e-mail window, check unique', 'add contact window',
        'REST wallet copy', 'REST wallet bulk create', 'REST wallet user update', 'REST wallet stamp', 'REST wallet reward', 'REST wallet push',
        'session window write x16', 'read window x16')
    # The v4 directory write cmdlets (issue 13): one class each, in the REST family.
    $script:Classes += 'REST New-CtDirectoryUser', 'REST Set-CtDirectoryUser -Blocked', 'REST Grant-CtDirectoryAccess', 'REST Revoke-CtDirectoryAccess', 'REST New-CtDirectoryUserSsoUrl', 'REST Send-CtDirectory'
    $script:Cells = foreach ($f in $Faults) {
        foreach ($c in $Classes) {
            $family = if ($c -like 'REST *') { 'rest' } else { 'envelope' }
            if ($f['Family'] -in 'both', $family) { @{ Fault = $f['Name']; Rule = $f['Rule']; ErrorId = $f['ErrorId']; Class = $c } }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    # Short timeout (the slow fault waits past it) and a 1 ms retry base delay, so the matrix runs fast.
    $script:Connection = Connect-CtTestAccount -Sim $Sim -TimeoutSec 1 -MaxRetryCount 3 -RetryBaseDelayMilliseconds 1
    $script:Sessions = @(Get-CtCampaignUsage -Campaign cam_1001 -First 40 -Connection $Connection).Id
    $script:Results = [System.Collections.Generic.List[object]]::new()
    $script:SlowMs = 1600

    function Get-FaultSpec([string]$Name) {
        switch ($Name) {
            '429 Retry-After seconds' { @{ status = 429; retryAfter = '1' } }
            '429 Retry-After date' { @{ status = 429; retryAfter = [DateTime]::UtcNow.AddSeconds(1).ToString('r') } }
            '500' { @{ status = 500 } }
            '502' { @{ status = 502 } }
            '503 Retry-After' { @{ status = 503; retryAfter = '0' } }
            '503' { @{ status = 503 } }
            '504' { @{ status = 504 } }
            'dropped before read' { @{ drop = 'before' } }
            'dropped after read' { @{ drop = 'after' } }
            'slow past timeout' { @{ delayMs = $SlowMs } }
            'truncated JSON' { @{ truncate = $true } }
            'HTML error page' { @{ html = $true } }
            'empty body' { @{ empty = $true } }
            'status missing' { @{ status = 200; body = '{"result":"ok","data":[]}' } }
            'failed, errors inside status' { @{ status = 422; body = '{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422 Unprocessable entity.","error_message_description":["Not found."],"error_code":[502]}}}' } }
            'failed, errors beside status' { @{ status = 422; body = '{"status":{"status":"failed"},"errors":{"error_message":"HTTP/1.0 422 Unprocessable entity.","error_message_description":["Couponsession not found."],"error_code":[505]}}' } }
            'failed, scalar auth code' { @{ status = 401; body = '{"status":{"status":"failed","errors":{"error_code":1000,"error_message":"HTTP/1.0 401 Unauthorized. Client ID or Secret not correct."}}}' } }
            'failed, code as text' { @{ status = 422; body = '{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422 Unprocessable entity.","error_message_description":["Invalid character in parameter: value"],"error_code":"301"}}}' } }
            'failed, no errors block' { @{ status = 200; body = '{"status":{"status":"failed"}}' } }
            'REST 404 with message' { @{ status = 404; body = '{"message":"Not found"}' } }
            'REST 401 with message' { @{ status = 401; body = '{"message":"Unauthenticated."}' } }
            'REST 422 with message' { @{ status = 422; body = '{"message":"The given data was invalid.","errors":{"email":["The email must be a valid email address."]}}' } }
            'REST 400, HTML body' { @{ status = 400; html = $true } }
        }
    }

    # Each class: the path the fault goes to, how many requests and applied writes a clean run makes
    # there, how many inputs and outputs, which request the fault hits, and whether it is a read (R),
    # a write (W) or a write made safe to repeat (I).
    $script:ClassInfo = @{
        'read'                   = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'R'; Path = '/v3/coupon/info'; Requests = 1; Writes = 0; Inputs = 1; Outputs = 1
            Run = { Get-CtCampaign -Id cam_1001 -Connection $Connection } }
        'paged read'             = @{ AllOrNothing = $false; Kind = 'R'; Path = '/v3/directoryusers/list'; Requests = 3; Writes = 0; Inputs = 1; Outputs = 250; FaultOn = 2; OutputsBeforeFault = 100
            Run = { Get-CtDirectoryUser -Directory dir_3001 -Connection $Connection } }
        'single write'           = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/couponsession/update'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Set-CtCouponSession -Id $Sessions[0] -CustomField1 'matrix' -PassThru -Confirm:$false -Connection $Connection } }
        # One request per session, four in flight: the faulted one fails alone, the others go on.
        'session window write'   = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/couponsession/update'; Requests = 5; Writes = 5; Inputs = 5; Outputs = 5
            Run = { Set-CtCouponSession -Id $Sessions[1..5] -CustomField1 'matrix' -PassThru -ThrottleLimit 4 -Confirm:$false -Connection $Connection } }
        # Many sessions in one unkeyed call: /v3/batch/update over a sequence range.
        'sequence-range write'   = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/batch/update'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Set-CtCouponSession -Campaign cam_1001 -FromSequence 19878470 -ToSequence 19878479 -CustomField1 'matrix' -Confirm:$false -Connection $Connection } }
        'push'                   = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/coupon/pushnotification/single'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Send-CtPushNotification -Campaign cam_1001 -Session $Sessions[6] -Message 'Matrix push' -Force -Connection $Connection } }
        'REST GET'               = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'R'; Path = '/v4/directory/3001'; Requests = 1; Writes = 0; Inputs = 1; Outputs = 1
            Run = { Invoke-CtApi -Method Get -Path v4/directory/3001 -Connection $Connection } }
        'REST PUT'               = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v4/loyalty/loyalty-cards/2001/stats/70001'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Invoke-CtApi -Method Put -Path v4/loyalty/loyalty-cards/2001/stats/70001 -Body @{ first_name = 'Matrix' } -Connection $Connection } }
        'REST POST'              = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/users'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Invoke-CtApi -Method Post -Path v4/directory/3001/users -Body @{ email = 'matrix@example.com' } -Connection $Connection } }
        # The wallet card cmdlets (v4 REST): POSTs are writes, sent once; PUTs are idempotent, retried like reads.
        'REST wallet copy'        = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/loyalty/loyalty-cards/2001/copy'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Copy-CtLoyaltyCard -Id 2001 -Name 'Matrix copy' -Connection $Connection } }
        # Three CSV rows in one bulk call: the call fails as a whole, one error per row.
        'REST wallet bulk create' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $true; Kind = 'W'; Path = '/v4/loyalty/loyalty-cards/2001/stats/bulk'; Requests = 1; Writes = 1; Inputs = 3; Outputs = 3
            Run = { 1..3 | ForEach-Object { [pscustomobject]@{ FirstName = "Matrix$_"; Email = "matrix$_@example.com" } } | New-CtLoyaltyCardUser -LoyaltyCard 2001 -Connection $Connection } }
        'REST wallet user update' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v4/loyalty/loyalty-cards/2001/stats/70002'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70002 -Phone '+32470999999' -PassThru -Connection $Connection } }
        'REST wallet stamp'       = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/loyalty/loyalty-cards/2001/stats/70003'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70003 -PassThru -Connection $Connection } }
        'REST wallet reward'      = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v4/loyalty/loyalty-cards/2001/stats/70001/rewards'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Use-CtLoyaltyCardReward -LoyaltyCard 2001 -User 70001 -Reward 1 -PassThru -Connection $Connection } }
        'REST wallet push'        = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/loyalty/loyalty-cards/2001/push-notifications'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Send-CtPushNotification -LoyaltyCard 2001 -User 70001, 70002 -Message 'Matrix push' -Force -Connection $Connection } }
        # A window of 16: the fault hits one request while 15 others are in flight; nothing lost, no write twice.
        'session window write x16' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/couponsession/update'; Requests = 20; Writes = 20; Inputs = 20; Outputs = 20
            Run = { Set-CtCouponSession -Id $Sessions[10..29] -CustomField1 'matrix' -PassThru -ThrottleLimit 16 -Confirm:$false -Connection $Connection } }
        'read window x16'        = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'R'; Path = '/v3/couponsession/data'; Requests = 20; Writes = 0; Inputs = 20; Outputs = 20
            Run = { $Sessions[10..29] | Get-CtCouponSession -ThrottleLimit 16 -Connection $Connection } }
        'REST New-CtDirectoryUser' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/users'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { New-CtDirectoryUser -Directory 3001 -Email 'matrix.member@example.com' -Confirm:$false -Connection $Connection } }
        'REST Set-CtDirectoryUser -Blocked' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/users/7002'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Set-CtDirectoryUser -Directory 3001 -User 7002 -Blocked $true -PassThru -Confirm:$false -Connection $Connection } }
        'REST Grant-CtDirectoryAccess' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/users/7002/access'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Grant-CtDirectoryAccess -Directory 3001 -User 7002 -Confirm:$false -Connection $Connection } }
        # DELETE is idempotent: retried like a read (7001 has paid access in the seed data; a repeat changes nothing).
        'REST Revoke-CtDirectoryAccess' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v4/directory/3001/users/7001/access'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Revoke-CtDirectoryAccess -Directory 3001 -User 7001 -Force -Connection $Connection } }
        'REST New-CtDirectoryUserSsoUrl' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/users/7002/sso'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { New-CtDirectoryUserSsoUrl -Directory 3001 -User 7002 -Confirm:$false -Connection $Connection } }
        'REST Send-CtDirectory' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v4/directory/3001/send/email'; Requests = 1; Writes = 1; Inputs = 1; Outputs = 1
            Run = { Send-CtDirectory -Directory 3001 -Email 'matrix@example.com' -Force -Connection $Connection } }
        'bulk single-use create' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v3/singleuse/create'; Requests = 5; Writes = 5; Inputs = 5; Outputs = 5
            Run = { 1..5 | ForEach-Object { [pscustomobject]@{ Email = "matrix$_@example.com"; CustomId = "matrix-$_" } } |
                    New-CtSingleUseUrl -Campaign cam_1001 -ThrottleLimit 4 -Confirm:$false -Connection $Connection } }
        # A coupon by SMS reaches a person: never sent twice, so an unknown outcome is an error of that row.
        'coupon SMS window'      = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/send/sms'; Requests = 5; Writes = 5; Inputs = 5; Outputs = 5
            Run = { 1..5 | ForEach-Object { [pscustomobject]@{ Phone = "+3247055500$_" } } | Send-CtCoupon -Campaign cam_1001 -ThrottleLimit 4 -Force -Connection $Connection } }
        # -CheckUnique: the API sends nothing to an address that already received the coupon, so the send is repeated like a read.
        'coupon e-mail window, check unique' = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'I'; Path = '/v3/send/email'; Requests = 5; Writes = 5; Inputs = 5; Outputs = 5
            Run = { 1..5 | ForEach-Object { [pscustomobject]@{ Email = "matrix$_@example.com" } } | Send-CtCoupon -Campaign cam_1001 -CheckUnique -ThrottleLimit 4 -Force -Connection $Connection } }
        'add contact window'     = @{ FaultOn = 0; OutputsBeforeFault = 0; AllOrNothing = $false; Kind = 'W'; Path = '/v3/smstool/addcontact'; Requests = 5; Writes = 5; Inputs = 5; Outputs = 5
            Run = { 1..5 | ForEach-Object { [pscustomobject]@{ Phone = "+3247066600$_" } } | Add-CtContact -Group gro_123456 -ThrottleLimit 4 -Confirm:$false -Connection $Connection } }
    }

    function Get-Expectation([string]$Rule, [string]$Kind, [string]$ErrorId) {
        <# Ok (the fault cleared by a retry), Retried, Processed (the faulted request was applied; $null: may or may not), ErrorId. #>
        $read = $Kind -ne 'W'   # keyed creates are repeated like reads
        $writeOr = { param($ForWrite, $ForOthers) if ($Kind -eq 'W') { $ForWrite } else { $ForOthers } }
        $ok = { param($Processed) @{ Ok = $true; Retried = $true; Processed = $Processed; ErrorId = $null } }
        $fail = { param($Id, $Processed) @{ Ok = $false; Retried = $false; Processed = $Processed; ErrorId = $Id } }
        switch ($Rule) {
            'RateLimited' { & $ok $false }
            'Gateway' { if ($read) { & $ok $false } else { & $fail 'Coupontools.OutcomeUnknown' $false } }
            'DropBefore' { if ($read) { & $ok $false } else { & $fail 'Coupontools.OutcomeUnknown' $false } }
            'DropAfter' { if ($read) { & $ok $true } else { & $fail 'Coupontools.OutcomeUnknown' $true } }
            # Whether the server still applies a request whose client gave up is its own business (the
            # simulator does not): that is exactly why the outcome is unknown. Either way, at most once.
            'Slow' { if ($read) { & $ok $true } else { & $fail 'Coupontools.OutcomeUnknown' $null } }
            'Server500' { & $fail (& $writeOr 'Coupontools.OutcomeUnknown' 'Coupontools.ServiceError') $false }
            'Truncated' { & $fail (& $writeOr 'Coupontools.OutcomeUnknown' 'Coupontools.InvalidReply') $true }
            'Unreadable' { & $fail (& $writeOr 'Coupontools.OutcomeUnknown' 'Coupontools.InvalidReply') $false }
            'Failed' { & $fail $ErrorId $false }
        }
    }

    function Get-Count($Map, [string]$Path) {
        $p = $Map.PSObject.Properties[$Path]
        if ($p) { [int]$p.Value } else { 0 }
    }
}

AfterAll {
    Stop-CtSimulator -Simulator $Sim
}

Describe 'Fault matrix: <Fault> x <Class>' -ForEach $Cells {
    It 'ends as the retry rules require, with no duplicate write and nothing lost' {
        $info = $ClassInfo[$Class]
        $expect = Get-Expectation $Rule $info.Kind $ErrorId
        Reset-CtSimulator
        $faults = @()
        if ($info.FaultOn) { $faults += @(1..($info.FaultOn - 1) | ForEach-Object { @{ delayMs = 0 } }) }   # clean requests before the faulted one
        $faults += Get-FaultSpec $Fault
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $info.Path; faults = $faults }

        $problems = [System.Collections.Generic.List[string]]::new()
        $outputs = @()
        $errors = @()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        try {
            $ErrorActionPreference = 'Continue'   # per-item failures stay non-terminating, whatever the runner sets
            $all = @(& $info.Run 2>&1 3>$null)
            $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $outputs = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        }
        catch { $problems.Add("unhandled: $($_.FullyQualifiedErrorId): $($_.Exception.Message)") }
        if ($Rule -eq 'Slow') {
            # The simulator applies a slow write after the client gave up: wait for it before counting.
            $left = $SlowMs + 300 - $clock.ElapsedMilliseconds
            if ($left -gt 0) { Start-Sleep -Milliseconds $left }
        }
        $stats = Get-CtSimStats
        $requests = Get-Count $stats.requests $info.Path
        $writes = Get-Count $stats.writes $info.Path

        # Outcome.
        if ($expect.Ok) {
            if ($errors.Count -gt 0) { $problems.Add("expected success, got $($errors.Count) error(s): $($errors[0].FullyQualifiedErrorId): $($errors[0].Exception.Message)") }
            if ($outputs.Count -ne $info.Outputs) { $problems.Add("expected $($info.Outputs) output(s), got $($outputs.Count)") }
        }
        else {
            $wrong = @($errors | Where-Object { "$($_.FullyQualifiedErrorId)" -notlike "$($expect.ErrorId),*" })
            if ($errors.Count -eq 0) { $problems.Add("expected $($expect.ErrorId), got no error") }
            elseif ($wrong.Count -gt 0) { $problems.Add("expected $($expect.ErrorId), got $($wrong[0].FullyQualifiedErrorId): $($wrong[0].Exception.Message)") }
            $failedInputs = if ($info.AllOrNothing) { $info.Inputs } else { 1 }
            $expectedOutputs = if ($info.OutputsBeforeFault) { $info.OutputsBeforeFault } else { $info.Outputs - $failedInputs }
            if ($errors.Count -ne $failedInputs) { $problems.Add("expected $failedInputs error(s), got $($errors.Count)") }
            if ($outputs.Count -ne $expectedOutputs) { $problems.Add("expected $expectedOutputs output(s) besides the error(s), got $($outputs.Count)") }
        }
        # Nothing lost, nothing doubled: every input ends as one output or one error (paged reads: one call).
        if (-not $info.OutputsBeforeFault -and $outputs.Count + $errors.Count -ne $info.Inputs -and $info.Inputs -gt 1) {
            $problems.Add("inputs $($info.Inputs) <> outputs $($outputs.Count) + errors $($errors.Count)")
        }
        $ids = @($outputs | ForEach-Object { if ($_.PSObject.Properties['Session']) { $_.Session } elseif ($_.PSObject.Properties['Id']) { $_.Id }
                elseif ($_.PSObject.Properties['FromSequence']) { "$($_.Campaign):$($_.FromSequence)" } else { $_.Target } })
        if (@($ids | Sort-Object -Unique).Count -ne $ids.Count) { $problems.Add('an output was written twice') }

        # Attempts the rule implies, counted by the simulator.
        $expectedRequests = if ($info.FaultOn -and -not $expect.Ok) { $info.FaultOn } elseif ($expect.Retried) { $info.Requests + 1 } else { $info.Requests }
        if ($requests -ne $expectedRequests) { $problems.Add("expected $expectedRequests request(s) to $($info.Path), the simulator counted $requests") }

        # Writes: never more than one per request a clean run makes; exactly that when it succeeded or the fault applied it.
        $expectedWrites = if ($info.Writes -eq 0) { @(0) } elseif ($expect.Ok -or $expect.Processed) { @($info.Writes) }
            elseif ($null -eq $expect.Processed) { @(($info.Writes - 1), $info.Writes) } else { @($info.Writes - 1) }
        if ($writes -notin $expectedWrites) { $problems.Add("expected $($expectedWrites -join ' or ') applied write(s) on $($info.Path), the simulator counted $writes") }

        $Results.Add([pscustomobject]@{ Fault = $Fault; Class = $Class; Passed = $problems.Count -eq 0 })
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'Fault matrix' {
    It 'passes in every cell (printed below)' {
        $faultNames = @($Results.Fault | Select-Object -Unique)
        $classNames = @($Results.Class | Select-Object -Unique)
        $width = ($faultNames | Measure-Object -Property Length -Maximum).Maximum + 2
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add(('{0,-' + $width + '}') -f 'fault \ operation' + (($classNames | ForEach-Object { '{0,-24}' -f $_ }) -join ''))
        foreach ($f in $faultNames) {
            $row = ('{0,-' + $width + '}') -f $f
            foreach ($c in $classNames) {
                $cell = $Results | Where-Object { $_.Fault -eq $f -and $_.Class -eq $c } | Select-Object -First 1
                $row += '{0,-24}' -f $(if (-not $cell) { '-' } elseif ($cell.Passed) { 'pass' } else { 'FAIL' })
            }
            $lines.Add($row)
        }
        $passed = @($Results | Where-Object Passed).Count
        $lines.Add("Fault matrix: $passed of $($Results.Count) cells passed ($($faultNames.Count) faults x $($classNames.Count) operation classes).")
        $lines | ForEach-Object { Write-Host $_ }
        # Every fault crosses every class of its family: the REST ones, the envelope ones, or all for transport faults and HTTP statuses.
        foreach ($f in $faultNames) {
            $crossed = @($Results | Where-Object Fault -EQ $f).Count
            $rest = @($classNames | Where-Object { $_ -like 'REST *' }).Count
            $crossed | Should -BeIn @($rest, ($classNames.Count - $rest), $classNames.Count) -Because "$f must cross every class of its family"
        }
        $passed | Should -Be $Results.Count
    }
}
