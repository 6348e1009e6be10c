<#
.SYNOPSIS
Import time: a fresh pwsh that runs `Import-Module <built Coupontools.psd1>` against a fresh pwsh
that only starts and exits, alternating, median of 10 each, in the same run. Target: the module
adds at most 15 %.

.DESCRIPTION
Two ways of starting pwsh are measured, each against its own baseline:
- `dotnet <PSHOME>/pwsh.dll` (the tool package's pwsh started by the dotnet host directly, the
  closest there is here to a `pwsh` on PATH): the row the target applies to;
- `dotnet pwsh` (the local tool command, which first resolves .config/dotnet-tools.json): the
  same import, with the tool lookup added to both sides.
A third row compares the import with the import of an empty manifest module (no assembly, no
formats) in the same way: what PowerShell charges any module, so what is left is Coupontools' own
share (its assemblies, cmdlet discovery, format views). A fourth row reports the import alone,
measured inside the fresh process (Measure-Command), in milliseconds. No simulator is needed:
importing makes no request.
#>
param([int]$Runs = 10)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../tools/Coupontools.Build.psm1')
$manifest = Get-CtTestModulePath
if (-not (Test-Path -LiteralPath $manifest)) { throw "No built module at $manifest. Run: dotnet pwsh ./build.ps1 -Task Build" }
$repo = Split-Path -Parent $PSScriptRoot
$dotnet = Get-CtDotnetPath
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$quoted = "'" + $manifest.Replace("'", "''") + "'"

function Measure-Start([string[]]$Command, [string]$Script) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = & $Command[0] @($Command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Script 2>&1
    $clock.Stop()
    if ($LASTEXITCODE -ne 0) { throw "$($Command -join ' ') -Command $Script failed (exit $LASTEXITCODE): $output" }
    $clock.Elapsed.TotalMilliseconds
}

$starts = [ordered]@{
    'dotnet pwsh.dll' = @($dotnet, $pwshDll)
    'dotnet pwsh (tool command)' = @($dotnet, 'pwsh')
}
$emptyDir = Join-Path ([IO.Path]::GetTempPath()) ('ct-empty-module-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $emptyDir
$emptyManifest = Join-Path $emptyDir 'EmptyModule.psd1'
Set-Content -LiteralPath $emptyManifest -Value "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
$emptyQuoted = "'" + $emptyManifest.Replace("'", "''") + "'"
Push-Location -LiteralPath $repo   # `dotnet pwsh` needs the tool manifest of the repository
try {
    foreach ($name in $starts.Keys) {
        $command = $starts[$name]
        # Warm the disk cache and the dotnet host once for each side before measuring.
        $null = Measure-Start $command 'exit'
        $null = Measure-Start $command "Import-Module $quoted"
        $bare = @(); $module = @(); $empty = @()
        $primary = $name -eq 'dotnet pwsh.dll'
        foreach ($run in 1..$Runs) {
            # Alternate, so drift in the machine's load hits every side alike.
            $bare += Measure-Start $command 'exit'
            $module += Measure-Start $command "Import-Module $quoted -ErrorAction Stop"
            if ($primary) { $empty += Measure-Start $command "Import-Module $emptyQuoted -ErrorAction Stop" }
        }
        $b = Get-Median $bare; $m = Get-Median $module
        New-BenchRow -Benchmark 'Import time' -Metric "ms, fresh $name -NoProfile, median of $Runs" -Module $m -Baseline $b `
            -BaselineName "the same start without Import-Module" -Target '<= 1.15' `
            -Note ("module adds {0:n0} ms ({1:p1}); bare runs {2:n0}-{3:n0} ms, import runs {4:n0}-{5:n0} ms" -f ($m - $b), (($m - $b) / $b),
                ($bare | Measure-Object -Minimum).Minimum, ($bare | Measure-Object -Maximum).Maximum,
                ($module | Measure-Object -Minimum).Minimum, ($module | Measure-Object -Maximum).Maximum)
        if ($primary) {
            $e = Get-Median $empty
            New-BenchRow -Benchmark 'Import time' -Metric "ms, fresh $name -NoProfile, median of $Runs" -Module $m -Baseline $e `
                -BaselineName 'the same start importing an empty manifest module' -Target 'reported' `
                -Note ("Coupontools' own share: {0:n0} ms; any module import costs {1:n0} ms over a bare start" -f ($m - $e), ($e - $b))
        }
    }

    # The import alone, inside a fresh process: what a user waits for at the prompt.
    $inside = @()
    foreach ($run in 1..$Runs) {
        $text = & $dotnet $pwshDll -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module $quoted -ErrorAction Stop }).TotalMilliseconds"
        $inside += [double]($text | Select-Object -Last 1)
    }
    $startMs = Get-Median (@(foreach ($run in 1..3) { Measure-Start $starts['dotnet pwsh.dll'] 'exit' }))
    New-BenchRow -Benchmark 'Import time' -Metric "ms, Import-Module measured inside a fresh pwsh, median of $Runs" -Module (Get-Median $inside) `
        -Baseline $startMs -BaselineName 'a bare pwsh start' -Target 'reported' -Note 'Measure-Command around Import-Module only'
}
finally {
    Pop-Location
    Remove-Item -LiteralPath $emptyDir -Recurse -Force -ErrorAction Ignore
}
