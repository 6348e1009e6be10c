<#
.SYNOPSIS
Runs every bench/*.Bench.ps1 in its own fresh pwsh, prints one table of their rows and writes
it, with the machine and the command, to bench/RESULTS.md.
#>
param([Parameter(Mandatory)][pscustomobject]$Layout, [string]$Command = 'dotnet pwsh ./build.ps1 -Task Bench')
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')
$benchDir = Join-Path $Layout.RepoRoot 'bench'
$rows = [System.Collections.Generic.List[object]]::new()
$failed = @()
foreach ($script in Get-ChildItem -LiteralPath $benchDir -Filter '*.Bench.ps1' -File | Sort-Object Name) {
    Write-Host "==> Bench: $($script.Name)"
    $out = Join-Path ([IO.Path]::GetTempPath()) "ct-bench-$([guid]::NewGuid().ToString('n')).json"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $exit = Invoke-CtPwsh -File (Join-Path $PSScriptRoot 'Invoke-BenchScript.ps1') -ArgumentList $script.FullName, $out -Environment @{
        COUPONTOOLS_MODULE_PATH = $Layout.ModuleManifest; COUPONTOOLS_SIMULATOR_DLL = $Layout.SimulatorDll
    }
    if ($exit -ne 0 -or -not (Test-Path -LiteralPath $out)) { $failed += $script.Name; continue }
    foreach ($row in @(Get-Content -Raw -LiteralPath $out | ConvertFrom-Json)) { $rows.Add($row) }
    Remove-Item -LiteralPath $out
    Write-Host ("    {0:n0} s" -f $clock.Elapsed.TotalSeconds)
}

# The order of the project's benchmark list; anything else after it.
$order = 'Import', 'Per-call', 'Usage streaming', 'SingleUse', 'Bulk session update', 'Parallel'
$rank = { param($row) $i = 0; foreach ($prefix in $order) { if ("$($row.Benchmark)" -like "$prefix*") { return $i }; $i++ }; $i }
$rows = @($rows | Sort-Object { & $rank $_ }, Benchmark -Stable)

$machine = '{0} cores, {1:n0} GiB, {2}, .NET {3}, PowerShell {4}' -f [Environment]::ProcessorCount,
    ((Get-Content /proc/meminfo -ErrorAction Ignore | Select-String '^MemTotal:\s+(\d+)').Matches.Groups[1].Value / 1MB),
    [Runtime.InteropServices.RuntimeInformation]::OSDescription, [Environment]::Version, $PSVersionTable.PSVersion
$table = $rows | Format-Table Benchmark, Metric, Module, Baseline, Against, Ratio, Target, Met -AutoSize | Out-String -Width 200
Write-Host $table

$md = [System.Text.StringBuilder]::new()
$null = $md.AppendLine('# Benchmark results').AppendLine()
$load = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3
if ($load) { $machine += ", load average $($load -join ' ') (1, 5, 15 min) when the run ended" }
$null = $md.AppendLine("Produced by ``$Command``, on $machine.")
$null = $md.AppendLine('Each ratio is the module against a baseline measured in the same run (medians over repeated runs where the script says so); the machines are noisy, so compare ratios, not absolute times.').AppendLine()
$null = $md.AppendLine('| Benchmark | Metric | Module | Baseline | Against | Ratio | Target | Met | Note |')
$null = $md.AppendLine('|---|---|---:|---:|---|---:|---|---|---|')
function Get-Field($Row, [string]$Name) { $p = $Row.PSObject.Properties[$Name]; if ($p) { $p.Value } }
foreach ($r in $rows) {
    $met = if ($null -eq (Get-Field $r 'Met')) { 'n/a' } elseif ($r.Met) { 'yes' } else { '**no**' }
    $cells = foreach ($name in 'Benchmark', 'Metric', 'Module', 'Baseline', 'Against', 'Ratio', 'Target') { "$(Get-Field $r $name)".Replace('|', '\|') }
    $null = $md.AppendLine('| ' + (($cells + $met + "$(Get-Field $r 'Note')".Replace('|', '\|')) -join ' | ') + ' |')
}
$notes = Join-Path $benchDir 'NOTES.md'
if (Test-Path -LiteralPath $notes) { $null = $md.AppendLine().Append((Get-Content -Raw -LiteralPath $notes)) }
Set-Content -LiteralPath (Join-Path $benchDir 'RESULTS.md') -Value $md.ToString().TrimEnd() -Encoding utf8NoBOM
Write-Host "Wrote bench/RESULTS.md ($($rows.Count) rows)."
if ($failed) { throw "Benchmarks failed: $($failed -join ', ')" }
