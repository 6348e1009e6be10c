<#
.SYNOPSIS
Directory users, 100 per page: all users of every directory through Get-CtDirectory |
Get-CtDirectoryUser against an Invoke-RestMethod loop reading the same pages (median of 5 runs),
and the requests sent when only the first 10 users are taken.
#>
param([int]$Runs = 5)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$sim = Start-CtBenchSession
try {
    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $post = { param($Path, $Body) Invoke-RestMethod -Method Post -Uri "$($sim.Url)$Path" -Headers $headers -Body ($Body | ConvertTo-Json -Compress) -ContentType 'application/json' }

    $module = { @(Get-CtDirectory | Get-CtDirectoryUser).Count }
    $irm = {
        $count = 0
        foreach ($d in (& $post '/v3/directory/list' @{}).directories) {
            $page = 1
            do {
                $users = @((& $post '/v3/directoryusers/list' @{ directory = $d.ID; page = $page }).users)
                $count += $users.Count
                $page++
            } while ($users.Count -eq 100)
        }
        $count
    }
    $expected = & $module
    if ((& $irm) -ne $expected) { throw 'The module and the baseline read different numbers of users.' }
    $moduleMs = @(); $irmMs = @()
    foreach ($run in 1..$Runs) {
        $moduleMs += (Measure-Command $module).TotalMilliseconds
        $irmMs += (Measure-Command $irm).TotalMilliseconds
    }
    New-BenchRow -Benchmark 'Directory users' -Metric "ms to read all $expected users (100 per page)" -Module (Get-Median $moduleMs) -Baseline (Get-Median $irmMs) -BaselineName 'Invoke-RestMethod page loop' -Target '<= 1.0'

    function Get-ListRequests {
        $p = (Get-CtSimStats).requests.PSObject.Properties['/v3/directoryusers/list']
        if ($p) { [double]$p.Value } else { 0 }
    }
    Reset-CtSimulator
    $null = Get-CtDirectoryUser -Directory dir_3001 | Select-Object -First 10
    $moduleRequests = Get-ListRequests
    Reset-CtSimulator
    $page = 1; $taken = 0
    do {
        $users = @((& $post '/v3/directoryusers/list' @{ directory = 'dir_3001'; page = $page }).users); $page++; $taken += $users.Count
    } while ($users.Count -eq 100)
    New-BenchRow -Benchmark 'Directory users' -Metric 'requests for | Select-Object -First 10 of 250' -Module $moduleRequests -Baseline (Get-ListRequests) -BaselineName 'read every page, then take 10' -Target '<= 0.34'
}
finally {
    Stop-CtSimulator $sim
}
