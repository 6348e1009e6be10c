<#
.SYNOPSIS
Runs every tests/pester/*.Tests.ps1 in this (fresh) process and writes the counts as JSON.

.DESCRIPTION
Started by build.ps1 -Task Test as `pwsh -NoProfile -File tools/Invoke-PesterSuite.ps1`, with
COUPONTOOLS_MODULE_PATH and COUPONTOOLS_SIMULATOR_DLL set. Exit code 1 when anything failed.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$PesterModule,
    [Parameter(Mandatory)][string]$TestPath,
    [Parameter(Mandatory)][string]$ResultFile,
    [Parameter(Mandatory)][string]$SummaryFile
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }

function Write-Summary([int]$Passed, [int]$Failed, [int]$Skipped, [string[]]$Failures) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $SummaryFile)
    [ordered]@{ Passed = $Passed; Failed = $Failed; Skipped = $Skipped; Failures = @($Failures) } |
        ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $SummaryFile -Encoding utf8NoBOM
}

$files = @(Get-ChildItem -LiteralPath $TestPath -Filter '*.Tests.ps1' -File -ErrorAction Ignore)
if ($files.Count -eq 0) {
    Write-Host "No *.Tests.ps1 in $TestPath."
    Write-Summary 0 0 0 @()
    exit 0
}

Import-Module -Name $PesterModule -Force
Write-Host "Pester $((Get-Module Pester).Version), $($files.Count) file(s), module $env:COUPONTOOLS_MODULE_PATH"

# The hostile-network suites add rows to one table (tests/pester/HostileTable.psm1), printed after the run.
$env:COUPONTOOLS_HOSTILE_TABLE = Join-Path (Split-Path -Parent $SummaryFile) 'hostile-network.tsv'
Remove-Item -LiteralPath $env:COUPONTOOLS_HOSTILE_TABLE -ErrorAction Ignore

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultFile
$result = Invoke-Pester -Configuration $config
Import-Module (Join-Path $TestPath 'HostileTable.psm1')
Write-CtHostileTable -Path $env:COUPONTOOLS_HOSTILE_TABLE

$failures = [System.Collections.Generic.List[string]]::new()
foreach ($test in $result.Failed) {
    $message = if ($test.ErrorRecord) { ($test.ErrorRecord | Select-Object -First 1).Exception.Message } else { '' }
    $failures.Add("[Pester] $($test.ExpandedPath): $message")
}
foreach ($container in $result.FailedContainers) {
    $message = if ($container.ErrorRecord) { ($container.ErrorRecord | Select-Object -First 1).Exception.Message } else { '' }
    $failures.Add("[Pester] $($container.Item) (file failed to run): $message")
}
# A failed BeforeAll already fails the block's tests; count a block only when none of its
# tests failed (a failed AfterAll, for instance).
$blocksOnly = @($result.FailedBlocks | Where-Object { @($_.Tests | Where-Object Result -EQ 'Failed').Count -eq 0 })
foreach ($block in $result.FailedBlocks) {
    $message = if ($block.ErrorRecord) { ($block.ErrorRecord | Select-Object -First 1).Exception.Message } else { '' }
    $failures.Add("[Pester] $($block.ExpandedPath) (BeforeAll/AfterAll): $message")
}
$failed = $result.FailedCount + $result.FailedContainersCount + $blocksOnly.Count
Write-Summary $result.PassedCount $failed $result.SkippedCount $failures
if ($failed -gt 0) { exit 1 }
exit 0
