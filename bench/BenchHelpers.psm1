# Shared by bench/*.Bench.ps1: the built module, a simulator, medians, and result rows.
Import-Module (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.psm1') -Global

function Start-CtBenchSession {
    <# Imports the built module, starts a simulator and makes a connection to it current; returns the simulator. #>
    [OutputType([pscustomobject])]
    param()
    $null = Import-CtBuiltModule
    $sim = Start-CtSimulator
    try { Connect-CtSimulator -Simulator $sim }
    catch { Stop-CtSimulator $sim; throw }
    $sim
}

function Get-Median([double[]]$Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[[int][Math]::Floor($sorted.Count / 2)] }
    else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function New-BenchRow {
    <#
    .SYNOPSIS
    One result row. Ratio = Module / Baseline; Met compares the ratio with Target ('<= 0.33' or '>= 12');
    any other Target (such as 'reported') leaves Met empty.
    #>
    param(
        [Parameter(Mandatory)][string]$Benchmark,
        [Parameter(Mandatory)][string]$Metric,
        [Parameter(Mandatory)][double]$Module,
        [Parameter(Mandatory)][double]$Baseline,
        [Parameter(Mandatory)][string]$BaselineName,
        [Parameter(Mandatory)][string]$Target,
        [string]$Note = ''
    )
    $ratio = if ($Baseline -ne 0) { $Module / $Baseline } else { [double]::NaN }
    $op, $bound = $Target -split '\s+', 2
    $met = switch ($op) { '<=' { $ratio -le [double]$bound } '>=' { $ratio -ge [double]$bound } default { $null } }
    [pscustomobject]@{
        Benchmark = $Benchmark
        Metric    = $Metric
        Module    = [Math]::Round($Module, 3)
        Baseline  = [Math]::Round($Baseline, 3)
        Against   = $BaselineName
        Ratio     = [Math]::Round($ratio, 3)
        Target    = $Target
        Met       = $met
        Note      = $Note
    }
}

Export-ModuleMember -Function Start-CtBenchSession, Get-Median, New-BenchRow
