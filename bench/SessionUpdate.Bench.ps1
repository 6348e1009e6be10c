<#
.SYNOPSIS
Bulk session update: 10,000 sessions validated from a CSV with Set-CtCouponSession (batched
into /v3/couponsession/update/multiple calls) against one Invoke-RestMethod per session.
The baseline is measured on fewer sessions and compared as a rate (sessions per second).
#>
param([int]$Sessions = 10000, [int]$BaselineSessions = 1000)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$sim = Start-CtBenchSession
try {
    $campaign = (Invoke-CtSimControl -Method POST -Path campaign -Body @{ name = 'Bench'; sessions = $Sessions + $BaselineSessions }).id
    $csv = Join-Path ([IO.Path]::GetTempPath()) "ct-bench-sessions-$PID.csv"
    Get-CtCampaignUsage -Campaign $campaign | Select-Object @{ n = 'Id'; e = { $_.Id } } | Export-Csv -LiteralPath $csv
    $rows = @(Import-Csv -LiteralPath $csv)
    $moduleRows = $rows[0..($Sessions - 1)]
    $baselineRows = $rows[$Sessions..($Sessions + $BaselineSessions - 1)]

    $module = Measure-Command { $moduleRows | Set-CtCouponSession -Status Validated -ErrorVariable failed -ErrorAction SilentlyContinue }
    if ($failed) { throw "Set-CtCouponSession reported $($failed.Count) errors, the first: $($failed[0])" }

    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $uri = "$($sim.Url)/v3/couponsession/update"
    $baseline = Measure-Command {
        foreach ($row in $baselineRows) {
            $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -ContentType 'application/json' -Body (@{ couponsession = $row.Id; status = 'validated' } | ConvertTo-Json -Compress)
        }
    }
    $validated = @(Get-CtCampaignUsage -Campaign $campaign -Type Validated).Count
    $stats = Get-CtSimStats
    $note = "$validated of $($Sessions + $BaselineSessions) sessions validated; $($stats.requests.'/v3/couponsession/update/multiple') batch calls"
    New-BenchRow -Benchmark 'Bulk session update' -Metric "sessions/s, $Sessions from a CSV" -Module ($Sessions / $module.TotalSeconds) -Baseline ($BaselineSessions / $baseline.TotalSeconds) -BaselineName "Invoke-RestMethod per session ($BaselineSessions)" -Target '>= 10' -Note $note
}
finally {
    Remove-Item -LiteralPath $csv -ErrorAction Ignore
    Stop-CtSimulator $sim
}
