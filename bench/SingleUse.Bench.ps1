<#
.SYNOPSIS
New-CtSingleUseUrl throughput: 10,000 CSV rows at 50 ms simulated latency with -ThrottleLimit 16,
against the ideal (16 / 0.05 s = 320 rows per second) and a sequential Invoke-RestMethod loop.

.DESCRIPTION
Run after a Build: dotnet pwsh ./bench/SingleUse.Bench.ps1
Starts its own simulator with --latency-ms 50. The module run issues one URL per row of a
10,000-row CSV (CustomId, Email, FirstName) into an empty campaign and exports the result to a
CSV, as a user would. The baseline loops Invoke-RestMethod over fewer rows (each takes at least
the 50 ms latency, so the rate does not depend on the count) in the same run. Each measurement
is the median of -Runs runs. Outputs one object per metric, then prints a table.
#>
[CmdletBinding()]
param(
    [int]$Rows = 10000,
    [int]$BaselineRows = 300,
    [int]$ThrottleLimit = 16,
    [int]$LatencyMs = 50,
    [int]$Runs = 3
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.psm1')

function Get-Median([double[]]$Values) {
    $sorted = @($Values | Sort-Object)
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function New-Result([string]$Metric, $Module, $Baseline, $Target, [bool]$Met, $Ratio = $null) {
    [pscustomobject]@{
        PSTypeName = 'Coupontools.BenchResult'
        Benchmark  = 'SingleUse'
        Metric     = $Metric
        Module     = $Module
        Baseline   = $Baseline
        Ratio      = $Ratio
        Target     = $Target
        Met        = $Met
    }
}

$sim = Start-CtSimulator -LatencyMs $LatencyMs
$work = Join-Path ([IO.Path]::GetTempPath()) ("ct-bench-" + [guid]::NewGuid().ToString('n'))
$null = New-Item -ItemType Directory -Path $work
try {
    $null = Import-CtBuiltModule
    Connect-CtSimulator -Simulator $sim -With @{ SkipCheck = $true }

    $csv = Join-Path $work 'customers.csv'
    1..$Rows | ForEach-Object { [pscustomobject]@{ CustomId = "B-$_"; Email = "b$_@example.com"; FirstName = "First$_" } } |
        Export-Csv -Path $csv -NoTypeInformation

    $moduleRates = @()
    $checked = @()
    for ($run = 1; $run -le $Runs; $run++) {
        $campaign = (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = "bench $run"; sessions = 0 }).id
        $out = Join-Path $work "issued-$run.csv"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Import-Csv -Path $csv | New-CtSingleUseUrl -Campaign $campaign -ThrottleLimit $ThrottleLimit | Export-Csv -Path $out -NoTypeInformation
        $clock.Stop()
        $moduleRates += $Rows / $clock.Elapsed.TotalSeconds
        $created = (Invoke-CtSimControl -Path "campaign/$campaign").created
        $lines = @(Import-Csv -Path $out).Count
        $checked += ($created -eq $Rows -and $lines -eq $Rows)
        Write-Host ("module run {0}: {1:n1} s, {2:n1} rows/s, {3} sessions, {4} rows written" -f $run, $clock.Elapsed.TotalSeconds, $moduleRates[-1], $created, $lines)
    }

    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $baselineRates = @()
    for ($run = 1; $run -le $Runs; $run++) {
        $campaign = (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = "baseline $run"; sessions = 0 }).id
        $rowsIn = Import-Csv -Path $csv | Select-Object -First $BaselineRows
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = foreach ($row in $rowsIn) {
            $body = @{ campaign = $campaign; customid = $row.CustomId; email = $row.Email; firstname = $row.FirstName; duplicate_check = 'email' } | ConvertTo-Json -Compress
            $reply = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v3/singleuse/create" -Headers $headers -Body $body -ContentType 'application/json'
            [pscustomobject]@{ CustomId = $row.CustomId; Email = $row.Email; Url = $reply.single_use_url; Session = $reply.single_use_code }
        }
        $clock.Stop()
        $baselineRates += @($results).Count / $clock.Elapsed.TotalSeconds
        Write-Host ("baseline run {0}: {1} rows in {2:n1} s, {3:n1} rows/s" -f $run, @($results).Count, $clock.Elapsed.TotalSeconds, $baselineRates[-1])
    }

    $ideal = $ThrottleLimit / ($LatencyMs / 1000.0)
    $module = [Math]::Round((Get-Median $moduleRates), 1)
    $baseline = [Math]::Round((Get-Median $baselineRates), 1)
    $ofIdeal = [Math]::Round($module / $ideal, 3)
    $speedup = [Math]::Round($module / $baseline, 2)
    $results = @(
        New-Result "Rows/s, $Rows rows, -ThrottleLimit $ThrottleLimit, $LatencyMs ms latency, vs ideal $ideal/s" $module $ideal '>= 0.8' ($ofIdeal -ge 0.8) $ofIdeal
        New-Result "Rows/s vs sequential Invoke-RestMethod loop ($BaselineRows rows)" $module $baseline '>= 12' ($speedup -ge 12) $speedup
        New-Result 'Every row issued once and written (all runs)' ($checked -notcontains $false) $true 'True' ($checked -notcontains $false)
    )
    $results
    $results | Format-Table Metric, Module, Baseline, Ratio, Target, Met -AutoSize | Out-String -Width 200 | Write-Host
}
finally {
    Stop-CtSimulator $sim
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
