<#
.SYNOPSIS
Over a real network: the simulator at 50 ms latency with jitter. Per-input cmdlets with -ThrottleLimit 16
against ForEach-Object -Parallel { Invoke-RestMethod } -ThrottleLimit 16 and against the 16-wide ideal;
Get-CtCampaignUsage of 100,000 sessions at 50 ms against 0 ms, and its peak memory at 10,000 vs
100,000 sessions; 1,000 reads under a 20 requests/s limit.

.DESCRIPTION
A per-input row is one call of Measure-PerInputRow: the cmdlet invocation and the equivalent
Invoke-RestMethod script block (which gets one input as $_ and the simulator as $using:Sim). Every
row prints its target and whether it is met. The usage stream runs in fresh pwsh processes, so each
peak working set is that stream's alone.
#>
param(
    [int]$Inputs = 1000,
    [int]$Throttle = 16,
    [int]$LatencyMs = 50,
    [int]$JitterMs = 10,
    [int]$UsageSessions = 100000,
    [int]$SmallUsageSessions = 10000,
    [double]$RateLimit = 20
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../tools/Coupontools.Build.psm1')
$sim = Start-CtBenchSession
$childFile = $null

function Set-SimNetwork([int]$Ms, [int]$Jitter, [double]$PerSecond = 0) {
    $null = Invoke-CtSimControl -Simulator $sim -Method POST -Path 'latency' -Body @{ ms = $Ms; jitterMs = $Jitter }
    $null = Invoke-CtSimControl -Simulator $sim -Method POST -Path 'ratelimit' -Body @{ perSecond = $PerSecond }
}

function Measure-PerInputRow {
    <#
    .SYNOPSIS
    Two rows for one per-input cmdlet: its time against ForEach-Object -Parallel { Invoke-RestMethod } with the
    same throttle (target <= 0.5) and the 16-wide ideal against its time (target >= 0.8). -Cmdlet gets the inputs
    as $args[0] and the throttle as $args[1]; -Rest is the per-input script block of ForEach-Object -Parallel
    ($_ is one input; $using:Sim gives Url, ClientId and ClientSecret). Every input must end as one output.
    #>
    param(
        [Parameter(Mandatory)][string]$Name,
        [Parameter(Mandatory)][object[]]$InputObject,
        [Parameter(Mandatory)][scriptblock]$Cmdlet,
        [Parameter(Mandatory)][scriptblock]$Rest
    )
    $ErrorActionPreference = 'Continue'   # a failed input is counted, not the end of the benchmark
    $count = $InputObject.Count
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $out = @(& $Cmdlet $InputObject $Throttle 2>&1)
    $moduleMs = $clock.Elapsed.TotalMilliseconds
    $moduleErrors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
    $clock.Restart()
    $restOut = @($InputObject | ForEach-Object -ThrottleLimit $Throttle -Parallel $Rest 2>&1)
    $restMs = $clock.Elapsed.TotalMilliseconds
    $restErrors = @($restOut | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
    $idealMs = [Math]::Ceiling($count / $Throttle) * $LatencyMs
    $note = 'outputs {0} + errors {1} of {2} inputs; Invoke-RestMethod: {3} outputs, {4} errors' -f ($out.Count - $moduleErrors), $moduleErrors, $count, ($restOut.Count - $restErrors), $restErrors
    New-BenchRow -Benchmark 'Per-input over the network' -Metric "ms for $count $Name, -ThrottleLimit $Throttle, $LatencyMs ms +- $JitterMs" -Module $moduleMs -Baseline $restMs `
        -BaselineName "ForEach-Object -Parallel { Invoke-RestMethod } -ThrottleLimit $Throttle" -Target '<= 0.5' -Note $note
    New-BenchRow -Benchmark 'Per-input over the network' -Metric "$Name, share of the $Throttle-wide ideal ($count / $Throttle x $LatencyMs ms)" -Module $idealMs -Baseline $moduleMs `
        -BaselineName 'the module''s time' -Target '>= 0.8'
    if ($out.Count - $moduleErrors -ne $count) { Write-Warning "$Name wrote $($out.Count - $moduleErrors) outputs for $count inputs." }
}

try {
    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $campaign = (Invoke-CtSimControl -Simulator $sim -Method POST -Path 'campaign' -Body @{ name = 'Bench sessions'; sessions = $Inputs }).id
    $codes = @(Get-CtCampaignUsage -Campaign $campaign).Id
    if ($codes.Count -ne $Inputs) { throw "The campaign has $($codes.Count) sessions, not $Inputs." }

    Set-SimNetwork $LatencyMs $JitterMs
    # Per-input reads and writes (void, then unvoid: both apply to every session), coupons by e-mail and contacts added.
    Measure-PerInputRow -Name 'Get-CtCouponSession' -InputObject $codes -Cmdlet {
        if ((Get-Command Get-CtCouponSession).Parameters.ContainsKey('ThrottleLimit')) { $args[0] | Get-CtCouponSession -ThrottleLimit $args[1] }
        else { $args[0] | Get-CtCouponSession }
    } -Rest {
        $s = $using:sim
        Invoke-RestMethod -Method Post -Uri "$($s.Url)/v3/couponsession/data" -Headers @{ 'X-Client-Id' = $s.ClientId; 'X-Client-Secret' = $s.ClientSecret } `
            -Body (@{ couponsession = $_ } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
    Measure-PerInputRow -Name 'Set-CtCouponSession -Operation' -InputObject $codes -Cmdlet {
        $args[0] | Set-CtCouponSession -Operation Void -ThrottleLimit $args[1] -PassThru -Confirm:$false 3>$null
    } -Rest {
        $s = $using:sim
        Invoke-RestMethod -Method Post -Uri "$($s.Url)/v3/couponsession/update" -Headers @{ 'X-Client-Id' = $s.ClientId; 'X-Client-Secret' = $s.ClientSecret } `
            -Body (@{ couponsession = $_; operation = 'unvoid' } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
    $emails = @(1..$Inputs | ForEach-Object { [pscustomobject]@{ Email = "bench$_@example.com" } })
    Measure-PerInputRow -Name 'Send-CtCoupon -Email' -InputObject $emails -Cmdlet {
        $args[0] | Send-CtCoupon -Campaign $campaign -ThrottleLimit $args[1] -Force
    } -Rest {
        $s = $using:sim
        Invoke-RestMethod -Method Post -Uri "$($s.Url)/v3/send/email" -Headers @{ 'X-Client-Id' = $s.ClientId; 'X-Client-Secret' = $s.ClientSecret } `
            -Body (@{ campaign = $using:campaign; email = "rest-$($_.Email)" } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
    $contacts = @(1..$Inputs | ForEach-Object { [pscustomobject]@{ Email = "contact$_@example.com"; FirstName = "Bench $_" } })
    Measure-PerInputRow -Name 'Add-CtContact -Email' -InputObject $contacts -Cmdlet {
        $args[0] | Add-CtContact -Group gro_5001 -ThrottleLimit $args[1] -Confirm:$false
    } -Rest {
        $s = $using:sim
        Invoke-RestMethod -Method Post -Uri "$($s.Url)/v3/emailtool/addcontact" -Headers @{ 'X-Client-Id' = $s.ClientId; 'X-Client-Secret' = $s.ClientSecret } `
            -Body (@{ emailgroup = 'gro_5001'; email = "rest-$($_.Email)"; first_name = $_.FirstName } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }

    # The usage stream, each run in a fresh pwsh: 100,000 sessions at the latency and at 0 ms; peaks at 10,000 and 100,000.
    $big = (Invoke-CtSimControl -Simulator $sim -Method POST -Path 'campaign' -Body @{ name = 'Bench usage'; sessions = $UsageSessions }).id
    $small = (Invoke-CtSimControl -Simulator $sim -Method POST -Path 'campaign' -Body @{ name = 'Bench usage small'; sessions = $SmallUsageSessions }).id
    $child = {
        param($Manifest, $Url, $ClientId, $ClientSecret, $Campaign)
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Import-Module $Manifest
        Connect-CtAccount -ClientId $ClientId -ClientSecret (ConvertTo-SecureString $ClientSecret -AsPlainText -Force) -BaseUri $Url -SkipCheck
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $count = (Get-CtCampaignUsage -Campaign $Campaign | Measure-Object).Count
        '{0}|{1}|{2}' -f $clock.Elapsed.TotalMilliseconds, $count, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    }
    $pwsh = Get-CtPwshCommand
    $childFile = Join-Path ([IO.Path]::GetTempPath()) "ct-network-bench-$PID.ps1"
    Set-Content -LiteralPath $childFile -Value "param(`$Manifest, `$Url, `$ClientId, `$ClientSecret, `$Campaign)`n& { $child } @PSBoundParameters"
    function Measure-Usage([string]$Campaign, [long]$Expected) {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $childFile, (Get-CtTestModulePath), $sim.Url, $sim.ClientId, $sim.ClientSecret, $Campaign)
        $line = @(& $pwsh[0] @arguments) | Where-Object { $_ -match '^\d' } | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0 -or -not $line) { throw "The usage run on $Campaign failed (exit $LASTEXITCODE)." }
        $ms, $count, $peak = $line -split '\|'
        if ([long]$count -ne $Expected) { throw "The usage run counted $count sessions, not $Expected." }
        [pscustomobject]@{ Ms = [double]$ms; PeakMB = [double]$peak / 1MB }
    }
    $atLatency = Measure-Usage $big $UsageSessions
    $smallAtLatency = Measure-Usage $small $SmallUsageSessions
    Set-SimNetwork 0 0
    $atZero = Measure-Usage $big $UsageSessions
    $pages = [Math]::Ceiling($UsageSessions / 100)
    New-BenchRow -Benchmark 'Usage streaming over the network' -Metric ('ms for {0:N0} sessions ({1:N0} pages) into Measure-Object at {2} ms +- {3}' -f $UsageSessions, $pages, $LatencyMs, $JitterMs) `
        -Module $atLatency.Ms -Baseline $atZero.Ms -BaselineName 'the same stream at 0 ms' -Target '<= 1.5' `
        -Note ('one page at a time would take at least {0:N0} ms' -f ($pages * $LatencyMs))
    New-BenchRow -Benchmark 'Usage streaming over the network' -Metric ('peak working set MB at {0} ms, {1:N0} vs {2:N0} sessions' -f $LatencyMs, $UsageSessions, $SmallUsageSessions) `
        -Module $atLatency.PeakMB -Baseline $smallAtLatency.PeakMB -BaselineName ('the same at {0:N0}' -f $SmallUsageSessions) -Target '<= 1.1' -Note 'bounded: at most 32 pages of 100 sessions are buffered ahead'

    # Under a rate limit: the module with -ThrottleLimit 16 (a fresh connection learns the limit) and the
    # ForEach-Object -Parallel script in the same run. A read of one campaign, 1,000 times.
    $ErrorActionPreference = 'Continue'   # the errors under the limit are what is counted
    Set-SimNetwork $LatencyMs $JitterMs $RateLimit
    Start-Sleep -Seconds 1   # a full bucket for each side
    $connection = Connect-CtSimulator -Simulator $sim -With @{ SkipCheck = $true; PassThru = $true }
    $null = Invoke-CtSimControl -Simulator $sim -Method POST -Path 'reset' -Body @{ statsOnly = $true }
    $reads = @(1..$Inputs | ForEach-Object { 'cam_1001' })
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $window = if ((Get-Command Get-CtCampaign).Parameters.ContainsKey('ThrottleLimit')) { @{ ThrottleLimit = $Throttle } } else { @{} }
    $out = @($reads | Get-CtCampaign -Connection $connection @window 2>&1)
    $seconds = $clock.Elapsed.TotalSeconds
    $stats = Invoke-CtSimControl -Simulator $sim -Method GET -Path 'stats'
    $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
    $rate = ($out.Count - $errors) / $seconds
    $share429 = [double]$stats.rateLimited / [Math]::Max(1, [double]$stats.total)
    New-BenchRow -Benchmark 'Rate limit' -Metric ("reads/s, $Inputs Get-CtCampaign -ThrottleLimit $Throttle under a $RateLimit/s limit, $LatencyMs ms") -Module $rate -Baseline $RateLimit `
        -BaselineName 'the allowed rate' -Target '>= 0.85' -Note ('{0} errors; {1} of {2} requests answered 429 ({3:P1}); rate learned: {4:N1}/s' -f $errors, $stats.rateLimited, $stats.total, $share429, $connection.GetClient().RateLimiter.Rate)
    New-BenchRow -Benchmark 'Rate limit' -Metric 'errors, same reads' -Module $errors -Baseline $Inputs -BaselineName 'reads' -Target '<= 0'
    New-BenchRow -Benchmark 'Rate limit' -Metric 'share of requests answered 429, same reads' -Module $stats.rateLimited -Baseline $stats.total -BaselineName 'requests' -Target '<= 0.05'

    Start-Sleep -Seconds 1
    $null = Invoke-CtSimControl -Simulator $sim -Method POST -Path 'reset' -Body @{ statsOnly = $true }
    $clock.Restart()
    $restOut = @($reads | ForEach-Object -ThrottleLimit $Throttle -Parallel {
            $s = $using:sim
            Invoke-RestMethod -Method Post -Uri "$($s.Url)/v3/coupon/info" -Headers @{ 'X-Client-Id' = $s.ClientId; 'X-Client-Secret' = $s.ClientSecret } `
                -Body '{"campaign":"cam_1001"}' -ContentType 'application/json'
        } 2>&1)
    $restSeconds = $clock.Elapsed.TotalSeconds
    $restErrors = @($restOut | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
    New-BenchRow -Benchmark 'Rate limit' -Metric "errors of ForEach-Object -Parallel { Invoke-RestMethod } -ThrottleLimit $Throttle, same reads" -Module $restErrors -Baseline $Inputs `
        -BaselineName 'reads' -Target 'reported' -Note ('{0:N1} s; {1} ok' -f $restSeconds, ($restOut.Count - $restErrors))
}
finally {
    Stop-CtSimulator $sim
    if ($childFile) { Remove-Item -LiteralPath $childFile -ErrorAction Ignore }
}
