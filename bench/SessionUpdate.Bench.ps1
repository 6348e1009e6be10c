<#
.SYNOPSIS
Bulk session update: 10,000 sessions validated from a CSV with Set-CtCouponSession (one
/v3/couponsession/update per session, -ThrottleLimit of them in flight) against one
Invoke-RestMethod per session, one after the other; and a sequence range of the same size
updated with one /v3/batch/update call. The baseline is measured on fewer sessions and
compared as a rate (sessions per second).
#>
param([int]$Sessions = 10000, [int]$BaselineSessions = 1000, [int]$ThrottleLimit = 16)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$sim = Start-CtBenchSession
try {
    $campaign = (Invoke-CtSimControl -Method POST -Path campaign -Body @{ name = 'Bench'; sessions = $Sessions + $BaselineSessions }).id
    $csv = Join-Path ([IO.Path]::GetTempPath()) "ct-bench-sessions-$PID.csv"
    Get-CtCampaignUsage -Campaign $campaign | Select-Object Id, SequenceId | Export-Csv -LiteralPath $csv
    $rows = @(Import-Csv -LiteralPath $csv)
    $moduleRows = $rows[0..($Sessions - 1)]
    $baselineRows = $rows[$Sessions..($Sessions + $BaselineSessions - 1)]

    $module = Measure-Command {
        $moduleRows | Set-CtCouponSession -Operation Validate -ThrottleLimit $ThrottleLimit -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }
    if ($failed) { throw "Set-CtCouponSession reported $($failed.Count) errors, the first: $($failed[0])" }

    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $uri = "$($sim.Url)/v3/couponsession/update"
    $baseline = Measure-Command {
        foreach ($row in $baselineRows) {
            $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -ContentType 'application/json' -SkipHttpErrorCheck -Body (@{ couponsession = $row.Id; operation = 'validate' } | ConvertTo-Json -Compress)
        }
    }
    $validated = @(Get-CtCampaignUsage -Campaign $campaign -Type Validated).Count
    $stats = Get-CtSimStats
    $note = "$validated of $($Sessions + $BaselineSessions) sessions validated; $($stats.requests.'/v3/couponsession/update') update calls, $ThrottleLimit in flight"
    New-BenchRow -Benchmark 'Bulk session update' -Metric "sessions/s, $Sessions from a CSV" -Module ($Sessions / $module.TotalSeconds) -Baseline ($BaselineSessions / $baseline.TotalSeconds) -BaselineName "Invoke-RestMethod per session ($BaselineSessions)" -Target '>= 3' -Note $note

    # The same number of sessions as one sequence range (custom field only, so every session takes it).
    $first = [long]$moduleRows[0].SequenceId
    $last = [long]$moduleRows[-1].SequenceId
    $range = Measure-Command { $result = Set-CtCouponSession -Campaign $campaign -FromSequence $first -ToSequence $last -CustomField1 'bench' -Confirm:$false }
    New-BenchRow -Benchmark 'Sequence-range update' -Metric "sessions/s, $Sessions in one range" -Module ($result.Count / $range.TotalSeconds) -Baseline ($BaselineSessions / $baseline.TotalSeconds) -BaselineName "Invoke-RestMethod per session ($BaselineSessions)" -Target '>= 10' -Note "$($result.Count) sessions in one /v3/batch/update call"
}
finally {
    Remove-Item -LiteralPath $csv -ErrorAction Ignore
    Stop-CtSimulator $sim
}
