<#
.SYNOPSIS
Campaign usage streaming: enumerate a 1,000,000-session campaign into Measure-Object with
Get-CtCampaignUsage against an Invoke-RestMethod page loop over /v3/campaign/data (wall time and
peak working set, each run in its own fresh pwsh), and the module's peak at 100,000 vs 1,000,000
sessions.

.DESCRIPTION
Every measurement starts a fresh `pwsh -NoProfile` that imports the built module, connects
(-SkipCheck), enumerates the campaign into Measure-Object and prints its wall time, its count and
[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64, so one side's garbage never counts
against the other. The time is the enumeration alone (not process start or module import).
Times are medians of -Runs runs; peaks are the largest of the runs.
A last row reports the peak of a fresh pwsh that only imports the module and connects: the floor
under any peak here.
#>
param(
    [int]$Runs = 3,
    [int]$Sessions = 1000000,
    [int]$SmallSessions = 100000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../tools/Coupontools.Build.psm1')
$manifest = Get-CtTestModulePath
if (-not (Test-Path -LiteralPath $manifest)) { throw "The built module is not at $manifest. Run: dotnet pwsh ./build.ps1 -Task Build" }
$sim = Start-CtSimulator
$childFile = $null
try {
    $big = (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = 'Bench million'; sessions = $Sessions }).id
    $small = (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = 'Bench small'; sessions = $SmallSessions }).id

    # The measured script, run in a fresh pwsh; $Side is Module, Baseline or Idle.
    $child = {
        param($Manifest, $Url, $ClientId, $ClientSecret, $Campaign, $Side)
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Import-Module $Manifest
        Connect-CtAccount -ClientId $ClientId -ClientSecret (ConvertTo-SecureString $ClientSecret -AsPlainText -Force) -BaseUri $Url -SkipCheck
        $count = 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        switch ($Side) {
            'Module' { $count = (Get-CtCampaignUsage -Campaign $Campaign | Measure-Object).Count }
            'Baseline' {
                $headers = @{ 'X-Client-Id' = $ClientId; 'X-Client-Secret' = $ClientSecret }
                $count = (& {
                        $page = 1
                        do {
                            $body = @{ campaign = $Campaign; page = $page } | ConvertTo-Json -Compress
                            $reply = Invoke-RestMethod -Method Post -Uri "$Url/v3/campaign/data" -Headers $headers -Body $body -ContentType 'application/json'
                            $reply.data
                            $page++
                        } while ($page -le [int]$reply.amount_of_pages)
                    } | Measure-Object).Count
            }
        }
        $clock.Stop()
        [GC]::KeepAlive($count)
        '{0}|{1}|{2}' -f $clock.Elapsed.TotalMilliseconds, $count, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    }
    $pwsh = Get-CtPwshCommand
    $childFile = Join-Path ([IO.Path]::GetTempPath()) "ct-usage-bench-$PID.ps1"
    Set-Content -LiteralPath $childFile -Value "param(`$Manifest, `$Url, `$ClientId, `$ClientSecret, `$Campaign, `$Side)`n& { $child } @PSBoundParameters"

    function Measure-Side([string]$Campaign, [string]$Side) {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $childFile,
            $manifest, $sim.Url, $sim.ClientId, $sim.ClientSecret, $Campaign, $Side)
        $line = @(& $pwsh[0] @arguments) | Where-Object { $_ -match '^\d' } | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0 -or -not $line) { throw "The $Side run on $Campaign failed (exit $LASTEXITCODE)." }
        $ms, $count, $peak = $line -split '\|'
        [pscustomobject]@{ Ms = [double]$ms; Count = [long]$count; PeakMB = [double]$peak / 1MB }
    }

    function Measure-Runs([string]$Campaign, [string]$Side, [long]$Expected) {
        $results = @(foreach ($run in 1..$Runs) { Measure-Side $Campaign $Side })
        foreach ($r in $results) { if ($Expected -ge 0 -and $r.Count -ne $Expected) { throw "$Side counted $($r.Count) sessions, not $Expected." } }
        [pscustomobject]@{
            Ms     = Get-Median ($results.Ms)
            PeakMB = ($results.PeakMB | Measure-Object -Maximum).Maximum
            Runs   = $results
        }
    }

    $module = Measure-Runs $big 'Module' $Sessions
    $baseline = Measure-Runs $big 'Baseline' $Sessions
    $moduleSmall = Measure-Runs $small 'Module' $SmallSessions
    $idle = Measure-Runs $small 'Idle' 0

    $label = '{0:N0} sessions into Measure-Object' -f $Sessions
    New-BenchRow -Benchmark 'Usage streaming' -Metric "ms to enumerate $label" -Module $module.Ms -Baseline $baseline.Ms `
        -BaselineName 'Invoke-RestMethod page loop' -Target '<= 0.33' -Note ("runs: module {0}; baseline {1}" -f (($module.Runs.Ms | ForEach-Object { [int]$_ }) -join ', '), (($baseline.Runs.Ms | ForEach-Object { [int]$_ }) -join ', '))
    New-BenchRow -Benchmark 'Usage streaming' -Metric "peak working set MB, $label" -Module $module.PeakMB -Baseline $baseline.PeakMB `
        -BaselineName 'Invoke-RestMethod page loop' -Target '<= 0.2' -Note ('module peak < 200 MB: {0}; a fresh pwsh with the module imported already peaks at {1:N0} MB, so 0.2 of the absolute peak would need a baseline above {2:N0} MB: see the last row' -f ($module.PeakMB -lt 200), $idle.PeakMB, ($idle.PeakMB * 5))
    New-BenchRow -Benchmark 'Usage streaming' -Metric ('module peak working set MB, {0:N0} vs {1:N0} sessions' -f $Sessions, $SmallSessions) -Module $module.PeakMB -Baseline $moduleSmall.PeakMB `
        -BaselineName ('the module at {0:N0}' -f $SmallSessions) -Target '<= 1.1' -Note 'flat: ten times the sessions, about the same peak'
    New-BenchRow -Benchmark 'Usage streaming' -Metric 'module peak working set MB over a fresh pwsh that imported the module and connected' -Module ($module.PeakMB - $idle.PeakMB) -Baseline ($baseline.PeakMB - $idle.PeakMB) `
        -BaselineName 'the same for the Invoke-RestMethod page loop' -Target '<= 0.2' -Note ('idle pwsh + module: {0:N0} MB' -f $idle.PeakMB)
}
finally {
    Stop-CtSimulator $sim
    if ($childFile) { Remove-Item -LiteralPath $childFile -ErrorAction Ignore }
}
