<#
.SYNOPSIS
Builds, tests, demonstrates and packages Coupontools for PowerShell.

.DESCRIPTION
Run as `dotnet pwsh ./build.ps1 -Task <Task>` after `dotnet tool restore`; several tasks run in
order: `dotnet pwsh ./build.ps1 Clean Test`.
  Build    out/Coupontools/<version>/ laid out exactly as shipped; simulator and test projects built
  Test     Build, then every xunit project and every tests/pester/*.Tests.ps1 (one fresh pwsh)
  Demo     Build, start the simulator, run examples/quickstart.ps1 against it in a fresh pwsh
  Package  Build, then publish/install/import round trip through a local folder repository
  Bench    Build, then every bench/*.ps1 in a fresh pwsh
  Clean    Remove out/ and bin/, obj/ under src, tests and tools
#>
[CmdletBinding()]
param(
    # Several tasks run in order: `./build.ps1 Clean Test` (from bash), or `-Task Clean, Test` inside pwsh.
    [Parameter(Position = 0, ValueFromRemainingArguments)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string[]]$Task = 'Build',
    [string]$Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true
$ProgressPreference = 'SilentlyContinue'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
if ($env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }

Import-Module (Join-Path $PSScriptRoot 'tools/Coupontools.Build.psm1') -Force
$Layout = Get-CtBuildLayout -RepoRoot $PSScriptRoot -Configuration $Configuration
$script:Built = $false

function Write-Step([string]$Message) {
    if ($env:NO_COLOR) { Write-Host "==> $Message" }
    else { Write-Host "==> $Message" -ForegroundColor Cyan }
}

function Invoke-Dotnet([string[]]$Arguments) {
    & (Get-CtDotnetPath) @Arguments | Out-Host
}

function Invoke-Build {
    if ($script:Built) { return }
    Write-Step "Build $($Layout.Version) ($Configuration)"
    Invoke-Dotnet @('build', (Join-Path $PSScriptRoot 'Coupontools.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:NoSummary')
    Assert-TestProjectsInSolution
    & (Join-Path $PSScriptRoot 'tools/Build-Module.ps1') -Layout $Layout
    if (-not (Test-Path -LiteralPath $Layout.SimulatorDll)) { throw "The simulator was built but $($Layout.SimulatorDll) does not exist." }
    $script:Built = $true
}

function Get-XunitProject {
    @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'tests') -Filter '*.Tests.csproj' -File -Recurse |
        Where-Object { $_.BaseName -ne 'Coupontools.Simulator' } | Sort-Object FullName)
}

function Assert-TestProjectsInSolution {
    $listed = (& (Get-CtDotnetPath) sln (Join-Path $PSScriptRoot 'Coupontools.sln') list) -join "`n"
    foreach ($project in Get-XunitProject) {
        if ($listed -notmatch [regex]::Escape($project.Name)) {
            throw "Test project $($project.Name) is not in Coupontools.sln, so Build does not compile it. Add it: dotnet sln add $($project.FullName.Substring($PSScriptRoot.Length + 1))"
        }
    }
}

function Invoke-Test {
    Invoke-Build
    $null = New-Item -ItemType Directory -Force -Path $Layout.TestResultsDir
    $results = @()
    $results += & (Join-Path $PSScriptRoot 'tools/Invoke-XunitSuite.ps1') -Layout $Layout -Project (Get-XunitProject)
    $results += Invoke-PesterStage
    Write-TestSummary $results
}

function Invoke-PesterStage {
    Write-Step 'Pester'
    $summaryFile = Join-Path $Layout.TestResultsDir 'pester-summary.json'
    Remove-Item -LiteralPath $summaryFile -ErrorAction Ignore
    $pester = Get-CtPesterModulePath -RepoRoot $PSScriptRoot
    $arguments = @('-PesterModule', $pester, '-TestPath', (Join-Path $PSScriptRoot 'tests/pester'),
        '-ResultFile', (Join-Path $Layout.TestResultsDir 'pester.xml'), '-SummaryFile', $summaryFile)
    $exit = Invoke-CtPwsh -File (Join-Path $PSScriptRoot 'tools/Invoke-PesterSuite.ps1') -ArgumentList $arguments -Environment @{
        COUPONTOOLS_MODULE_PATH   = $Layout.ModuleManifest
        COUPONTOOLS_SIMULATOR_DLL = $Layout.SimulatorDll
    }
    if (-not (Test-Path -LiteralPath $summaryFile)) {
        return [pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Failures = @("The Pester process exited with $exit and wrote no summary.") }
    }
    $summary = Get-Content -LiteralPath $summaryFile -Raw | ConvertFrom-Json
    [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$summary.Passed; Failed = [int]$summary.Failed; Failures = @($summary.Failures) }
}

function Write-TestSummary([object[]]$Results) {
    $failures = @($Results | ForEach-Object { $_.Failures } | Where-Object { $_ })
    if ($failures.Count -gt 0) {
        Write-Host ''
        Write-Host "Failures ($($failures.Count)):"
        foreach ($failure in $failures) { Write-Host "  FAILED $failure" }
    }
    foreach ($r in $Results) { Write-Host ("  {0,-28} {1,5} passed {2,5} failed" -f $r.Suite, $r.Passed, $r.Failed) }
    $passed = [int]($Results | Measure-Object -Property Passed -Sum).Sum
    $failed = [int]($Results | Measure-Object -Property Failed -Sum).Sum
    if ($passed + $failed -eq 0) { Write-Host 'No tests ran: that counts as a failure.' }
    $script:TestsLine = "Tests: $passed passed, $failed failed"
    $script:TestsOk = $failed -eq 0 -and $passed -gt 0
}

function Invoke-Demo {
    Invoke-Build
    Write-Step 'Demo: examples/quickstart.ps1 against the simulator'
    Import-Module (Join-Path $PSScriptRoot 'tests/pester/TestHelpers.psm1') -Force
    $sim = Start-CtSimulator -SimulatorDll $Layout.SimulatorDll
    try {
        $exit = Invoke-CtPwsh -File (Join-Path $PSScriptRoot 'examples/quickstart.ps1') -Environment @{
            COUPONTOOLS_CLIENT_ID     = $sim.ClientId
            COUPONTOOLS_CLIENT_SECRET = $sim.ClientSecret
            COUPONTOOLS_BASE_URI      = $sim.Url
            PSModulePath              = $Layout.ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        }
    }
    finally { Stop-CtSimulator -Simulator $sim }
    if ($exit -ne 0) { throw "examples/quickstart.ps1 failed (exit $exit)." }
}

function Invoke-Package {
    Invoke-Build
    Write-Step 'Package round trip through a local folder repository'
    $result = & (Join-Path $PSScriptRoot 'tools/Test-PackageRoundTrip.ps1') -ModuleDir $Layout.ModuleDir -SimulatorDll $Layout.SimulatorDll
    $result | Format-List | Out-Host
}

function Invoke-Bench {
    Invoke-Build
    & (Join-Path $PSScriptRoot 'tools/Invoke-BenchSuite.ps1') -Layout $Layout
}

function Invoke-Clean {
    Write-Step 'Clean'
    $targets = @(Join-Path $PSScriptRoot 'out')
    foreach ($dir in 'src', 'tests', 'tools') {
        $targets += @(Get-ChildItem -Path (Join-Path $PSScriptRoot $dir) -Directory -Recurse -Include 'bin', 'obj' -ErrorAction Ignore).FullName
    }
    foreach ($target in $targets) { if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse -Force } }
    $script:Built = $false
}

$script:TestsLine = $null
$script:TestsOk = $true
$stopwatch = [Diagnostics.Stopwatch]::StartNew()
foreach ($name in $Task) { & "Invoke-$name" }
Write-Step ("Done: {0} in {1:n1} s" -f ($Task -join ', '), $stopwatch.Elapsed.TotalSeconds)
if ($script:TestsLine) { Write-Host $script:TestsLine }   # the last line of a Test run, always
if (-not $script:TestsOk) { exit 1 }
