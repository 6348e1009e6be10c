<#
.SYNOPSIS
One connection shared by 8 runspaces: ForEach-Object -Parallel -ThrottleLimit 8 making 8,000
Get-CtCampaign -Id calls, against the same 8,000 calls made sequentially. Counts errors too.
#>
param([int]$Calls = 8000, [int]$Runspaces = 8, [int]$Runs = 3)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$module = Import-CtBuiltModule
$sim = Start-CtSimulator
try {
    $conn = Connect-CtSimulator -Simulator $sim -With @{ PassThru = $true }
    $perRunspace = [int]($Calls / $Runspaces)
    $sequential = { foreach ($i in 1..$Calls) { $null = Get-CtCampaign -Id cam_1001 -Connection $conn } }
    $parallel = {
        1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
            Import-Module $using:module.Path
            $c = $using:conn
            $errors = 0; $ok = 0
            foreach ($i in 1..$using:perRunspace) {
                $r = Get-CtCampaign -Id cam_1001 -Connection $c -ErrorAction SilentlyContinue -ErrorVariable +failed
                if ($r) { $ok++ }
            }
            [pscustomobject]@{ Ok = $ok; Errors = @($failed).Count }
        }
    }
    & $sequential
    $seqMs = @(); $parMs = @(); $ok = 0; $errors = 0
    foreach ($run in 1..$Runs) {
        $seqMs += (Measure-Command $sequential).TotalMilliseconds
        $results = $null
        $parMs += (Measure-Command { $script:results = & $parallel }).TotalMilliseconds
        $ok += ($script:results | Measure-Object Ok -Sum).Sum
        $errors += ($script:results | Measure-Object Errors -Sum).Sum
    }
    $seq = Get-Median $seqMs; $par = Get-Median $parMs
    $note = "$ok of $($Calls * $Runs) calls ok, $errors errors, $([Environment]::ProcessorCount) cores"
    if ($errors -ne 0 -or $ok -ne $Calls * $Runs) { Write-Warning "Parallel run lost calls: $note" }
    New-BenchRow -Benchmark 'Parallel runspaces' -Metric "calls/s, $Calls calls, $Runspaces runspaces" -Module ($Calls / $par * 1000) -Baseline ($Calls / $seq * 1000) -BaselineName 'same calls sequentially' -Target 'reported' -Note $note
}
finally {
    Stop-CtSimulator $sim
}
