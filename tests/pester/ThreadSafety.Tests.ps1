# One connection shared by 8 runspaces at once (ForEach-Object -Parallel -ThrottleLimit 8 with
# $using:), while the simulator injects faults at a rate on every path the calls use: every call is
# accounted for (exactly one output or one error each, no unhandled exception), errors are only the
# ones the retry rules allow, and the simulator's counters agree with what the callers saw.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $script:ModulePath = (Import-CtBuiltModule).Path
    $script:Connection = Connect-CtTestAccount -Sim $Sim -TimeoutSec 5 -MaxRetryCount 3 -RetryBaseDelayMilliseconds 1
    $sessions = @(Get-CtCampaignUsage -Campaign cam_1001 -First 200 -Connection $Connection).Id
    Reset-CtSimulator

    # 400 calls: reads of two kinds, single writes, keyed single-use creates.
    $script:Work = foreach ($i in 0..399) {
        $kind = @('campaign', 'session', 'write', 'create')[$i % 4]
        [pscustomobject]@{ Index = $i; Kind = $kind; Session = $sessions[$i % $sessions.Count] }
    }
    $rates = @(
        @{ path = '/v3/coupon/info'; rate = 0.2; fault = @{ status = 502 } }
        @{ path = '/v3/couponsession/data'; rate = 0.2; fault = @{ status = 429; retryAfter = '0' } }
        @{ path = '/v3/couponsession/update'; rate = 0.2; fault = @{ status = 503 } }
        @{ path = '/v3/singleuse/create'; rate = 0.2; fault = @{ drop = 'after' } }
    )
    foreach ($rate in $rates) { $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body $rate }

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:Records = @($Work | ForEach-Object -ThrottleLimit 8 -Parallel {
            $item = $_
            Import-Module $using:ModulePath
            $conn = $using:Connection
            $ErrorActionPreference = 'Continue'
            $all = @()
            $unhandled = $null
            try {
                $all = @(switch ($item.Kind) {
                        'campaign' { Get-CtCampaign -Id cam_1001 -Connection $conn -Verbose 2>&1 4>&1 }
                        'session' { Get-CtCouponSession -Id $item.Session -Connection $conn -Verbose 2>&1 4>&1 }
                        'write' { Set-CtCouponSession -Id $item.Session -CustomField1 "t$($item.Index)" -PassThru -Confirm:$false -Connection $conn -Verbose 2>&1 4>&1 }
                        'create' { New-CtSingleUseUrl -Campaign cam_1001 -Email "thread$($item.Index)@example.com" -CustomId "thread-$($item.Index)" -Confirm:$false -Connection $conn -Verbose 2>&1 4>&1 }
                    })
            }
            catch { $unhandled = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
            [pscustomobject]@{
                Index     = $item.Index
                Kind      = $item.Kind
                Outputs   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] }).Count
                Errors    = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
                Verbose   = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count
                Unhandled = $unhandled
                Thread    = [System.Threading.Thread]::CurrentThread.ManagedThreadId
            }
        })
    $script:Elapsed = $clock.Elapsed
    $script:Stats = Get-CtSimStats
    Write-Host ("  {0} calls from {1} threads in {2:n1} s; {3} faults injected, {4} requests" -f $Records.Count, @($Records.Thread | Sort-Object -Unique).Count, $Elapsed.TotalSeconds, $Stats.faultsApplied, $Stats.total)
}

AfterAll {
    Stop-CtSimulator -Simulator $Sim
}

Describe 'One connection, 8 runspaces, faults at a rate' {
    It 'accounts for every call: one record each, no unhandled exception' {
        $Records.Count | Should -Be $Work.Count
        @($Records.Index | Sort-Object -Unique).Count | Should -Be $Work.Count
        @($Records | Where-Object Unhandled | ForEach-Object { "$($_.Index) $($_.Kind): $($_.Unhandled)" }) | Should -BeNullOrEmpty
        @($Records.Thread | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'gives each call exactly one output or one error' {
        @($Records | Where-Object { $_.Outputs + $_.Errors.Count -ne 1 } | ForEach-Object { "$($_.Index) $($_.Kind): $($_.Outputs) output(s), errors: $($_.Errors -join ', ')" }) |
            Should -BeNullOrEmpty
    }

    It 'fails only where the retry rules allow: a write after a 503, a read after its retries ran out' {
        $allowed = @{ campaign = 'Coupontools.ServiceError'; session = 'Coupontools.RateLimited'; write = 'Coupontools.OutcomeUnknown'; create = 'Coupontools.ConnectionFailed' }
        @($Records | Where-Object { $_.Errors.Count -gt 0 -and $_.Errors[0] -ne $allowed[$_.Kind] } | ForEach-Object { "$($_.Index) $($_.Kind): $($_.Errors -join ', ')" }) |
            Should -BeNullOrEmpty
        # With 20% of writes failing at the first attempt, some writes must have failed: the faults were live.
        @($Records | Where-Object { $_.Kind -eq 'write' -and $_.Errors.Count -gt 0 }).Count | Should -BeGreaterThan 0
        $Stats.faultsApplied | Should -BeGreaterThan 40
    }

    It 'agrees with the simulator: requests = calls + faults - failed calls, and every write applied once' {
        $failed = @($Records | Where-Object { $_.Errors.Count -gt 0 }).Count
        $Stats.total | Should -Be ($Work.Count + $Stats.faultsApplied - $failed)
        $writesOk = @($Records | Where-Object { $_.Kind -eq 'write' -and $_.Outputs -eq 1 }).Count
        $creates = @($Records | Where-Object { $_.Kind -eq 'create' }).Count
        $Stats.writes.'/v3/couponsession/update' | Should -Be $writesOk
        # A dropped create was applied before the drop; its retry found it (duplicate_check): one session per row.
        $Stats.writes.'/v3/singleuse/create' | Should -Be $creates
        (Invoke-CtSimControl -Path 'campaign/cam_1001').created | Should -Be $creates
    }

    It 'wrote each call''s -Verbose lines to its own runspace' {
        @($Records | Where-Object { $_.Verbose -lt 1 }).Count | Should -Be 0
    }
}
