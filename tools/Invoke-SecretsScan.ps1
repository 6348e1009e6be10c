<#
.SYNOPSIS
Runs the whole Pester suite with -Verbose and -Debug forced on every Coupontools cmdlet, under a
transcript, and fails when a secret shows anywhere in what it printed.

.DESCRIPTION
After a Build: `dotnet pwsh ./tools/Invoke-SecretsScan.ps1`. Not part of -Task Test (it runs the
Pester suite a second time); tests/pester/Secrets.Tests.ps1 is the fast check that Test runs.

Secrets looked for: the simulator's client secret; the api_key and api_secret of every subaccount
of a simulator started with each seed the tests use (read with Invoke-RestMethod, not the module);
every string literal the tests turn into a SecureString (the passwords). Every Coupontools cmdlet
gets -Verbose and -Debug through $PSDefaultParameterValues ('Get-CtCampaign:Debug', …); the preference
variables are left alone, because the tests' own Invoke-RestMethod calls to the simulator (the
harness, not the module) would print the simulator's control replies, which hold its secrets. A line that shows a secret is reported with
the secret masked; the exit code is 1 then, and also when the suite itself failed.
#>
[CmdletBinding()]
param(
    [string]$OutputDirectory,
    [switch]$Inner,
    [string]$PesterModule,
    [string]$TestPath,
    [string]$Transcript,
    [string]$Capture,
    [string]$SummaryFile
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

if ($Inner) {
    # The fresh pwsh that runs the suite.
    # By exact name: a wildcard such as *-Ct* would also catch the tests' own helpers (Invoke-CtSimControl).
    foreach ($name in (Import-Module -Name $env:COUPONTOOLS_MODULE_PATH -PassThru).ExportedCmdlets.Keys) {
        $PSDefaultParameterValues["$($name):Verbose"] = $true
        $PSDefaultParameterValues["$($name):Debug"] = $true
    }
    Start-Transcript -LiteralPath $Transcript -IncludeInvocationHeader | Out-Null
    try {
        & (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') -PesterModule $PesterModule -TestPath $TestPath `
            -ResultFile ([IO.Path]::ChangeExtension($SummaryFile, '.xml')) -SummaryFile $SummaryFile *>&1 |
            ForEach-Object { $_ | Out-String -Width 4096 } | Tee-Object -LiteralPath $Capture | Out-Host
    }
    finally { Stop-Transcript | Out-Null }
    exit 0
}

$repo = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1') -Force
Import-Module (Join-Path $repo 'tests/pester/TestHelpers.psm1') -Force
$layout = Get-CtBuildLayout -RepoRoot $repo
if (-not (Test-Path -LiteralPath $layout.ModuleManifest)) { throw "Build first: dotnet pwsh ./build.ps1 -Task Build" }
if (-not $OutputDirectory) { $OutputDirectory = Join-Path $layout.TestResultsDir 'secrets-scan' }
$null = New-Item -ItemType Directory -Force -Path $OutputDirectory

# 1. The secrets.
$testFiles = @(Get-ChildItem -LiteralPath (Join-Path $repo 'tests/pester') -Filter '*.ps1' -File)
$text = ($testFiles | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw }) -join "`n"
$seeds = @(1) + @([regex]::Matches($text, '-Seed\s+(\d+)') | ForEach-Object { [int]$_.Groups[1].Value }) | Sort-Object -Unique
$secrets = [System.Collections.Generic.HashSet[string]]::new()
foreach ($seed in $seeds) {
    $sim = Start-CtSimulator -Seed $seed -SimulatorDll $layout.SimulatorDll
    try {
        $null = $secrets.Add($sim.ClientSecret)
        $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
        $list = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v4/subaccount/list" -Headers $headers -ContentType 'application/json' -Body '{}'
        foreach ($s in $list.subaccounts) { foreach ($v in @($s.api_key, $s.api_secret)) { if ($v) { $null = $secrets.Add([string]$v) } } }
    }
    finally { Stop-CtSimulator -Simulator $sim }
}
foreach ($m in [regex]::Matches($text, 'ConvertTo-SecureString\s+(?:-String\s+)?(?:''([^'']{6,})''|"([^"$`]{6,})")')) {
    $value = if ($m.Groups[1].Success) { $m.Groups[1].Value } else { $m.Groups[2].Value }
    $null = $secrets.Add($value)
}
Write-Host "Looking for $($secrets.Count) secrets (seeds $($seeds -join ', ')) in a -Verbose -Debug run of $($testFiles.Count) test files."

# 2. The suite, in a fresh pwsh, with every stream captured.
$transcriptFile = Join-Path $OutputDirectory 'transcript.txt'
$captureFile = Join-Path $OutputDirectory 'output.txt'
$summaryFile = Join-Path $OutputDirectory 'pester-summary.json'
Remove-Item -LiteralPath $transcriptFile, $captureFile, $summaryFile -ErrorAction Ignore
$clock = [Diagnostics.Stopwatch]::StartNew()
$exit = Invoke-CtPwsh -File $PSCommandPath -ArgumentList @('-Inner', '-PesterModule', (Get-CtPesterModulePath -RepoRoot $repo),
    '-TestPath', (Join-Path $repo 'tests/pester'), '-Transcript', $transcriptFile, '-Capture', $captureFile, '-SummaryFile', $summaryFile) -Environment @{
    COUPONTOOLS_MODULE_PATH = $layout.ModuleManifest; COUPONTOOLS_SIMULATOR_DLL = $layout.SimulatorDll
}

# 3. The scan.
$summary = if (Test-Path -LiteralPath $summaryFile) { Get-Content -LiteralPath $summaryFile -Raw | ConvertFrom-Json } else { $null }
$findings = [System.Collections.Generic.List[string]]::new()
$scanned = 0
foreach ($file in @($transcriptFile, $captureFile)) {
    if (-not (Test-Path -LiteralPath $file)) { $findings.Add("$file was not written."); continue }
    $lineNumber = 0
    foreach ($line in [IO.File]::ReadLines($file)) {
        $lineNumber++
        $scanned += $line.Length
        foreach ($secret in $secrets) {
            if ($line.Contains($secret)) {
                $shown = $line.Replace($secret, '<SECRET>')
                $findings.Add("$([IO.Path]::GetFileName($file)):$($lineNumber): $($shown.Substring(0, [Math]::Min(300, $shown.Length)))")
            }
        }
    }
}
# Tests capture streams (*>&1), so the records lose their DEBUG:/VERBOSE: prefix: count the module's
# own shapes instead, the request bodies of -Debug and the one-line traces of -Verbose.
$debugLines = @(Select-String -LiteralPath $captureFile -Pattern 'Request /v[34]/' -ErrorAction Ignore).Count
$verboseLines = @(Select-String -LiteralPath $captureFile -Pattern 'POST /v[34]/\S+ -> ' -ErrorAction Ignore).Count
Write-Host ''
Write-Host ("Suite: {0} passed, {1} failed (exit {2}) in {3:n0} s; scanned {4:n0} characters: {5} -Debug request bodies and {6} -Verbose request lines." -f `
        $(if ($summary) { $summary.Passed } else { '?' }), $(if ($summary) { $summary.Failed } else { '?' }), $exit, $clock.Elapsed.TotalSeconds, $scanned, $debugLines, $verboseLines)
if ($findings.Count -gt 0) {
    Write-Host "SECRETS FOUND ($($findings.Count)):"
    $findings | Select-Object -First 50 | ForEach-Object { Write-Host "  $_" }
}
else {
    Write-Host "No secret found. Transcript and output: $OutputDirectory"
}
if ($debugLines -eq 0 -or $verboseLines -eq 0) { Write-Host 'No -Debug or -Verbose line was captured: the scan proves nothing.'; exit 1 }
if ($findings.Count -gt 0 -or -not $summary -or $summary.Failed -gt 0) { exit 1 }
exit 0
