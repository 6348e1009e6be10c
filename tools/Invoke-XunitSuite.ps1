<#
.SYNOPSIS
Runs each xunit project with `dotnet test --no-build` and reads the counts from its trx file.
Returns one result per project: Suite, Passed, Failed, Failures (strings).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][pscustomobject]$Layout,
    [System.IO.FileInfo[]]$Project = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # failing tests are counted, not thrown
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')

function Read-Trx([string]$Path, [string]$Suite) {
    [xml]$trx = Get-Content -LiteralPath $Path -Raw
    $ns = [System.Xml.XmlNamespaceManager]::new($trx.NameTable)
    $ns.AddNamespace('t', $trx.DocumentElement.NamespaceURI)
    $counters = $trx.SelectSingleNode('//t:ResultSummary/t:Counters', $ns)
    $failures = @(foreach ($r in $trx.SelectNodes('//t:UnitTestResult[@outcome="Failed"]', $ns)) {
            $message = $r.SelectSingleNode('t:Output/t:ErrorInfo/t:Message', $ns)
            $text = if ($message) { ($message.InnerText -split "`n" | Select-Object -First 3) -join ' | ' } else { '' }
            "[$Suite] $($r.GetAttribute('testName')): $text"
        })
    $failed = [int]$counters.GetAttribute('failed') + [int]$counters.GetAttribute('error') + [int]$counters.GetAttribute('timeout') + [int]$counters.GetAttribute('aborted')
    [pscustomobject]@{ Suite = $Suite; Passed = [int]$counters.GetAttribute('passed'); Failed = $failed; Failures = $failures }
}

$resultsDir = Join-Path $Layout.TestResultsDir 'xunit'
foreach ($p in $Project) {
    $suite = $p.BaseName
    Write-Host "==> xunit: $suite"
    $trxName = "$suite.trx"
    $trxPath = Join-Path $resultsDir $trxName
    Remove-Item -LiteralPath $trxPath -ErrorAction Ignore
    & (Get-CtDotnetPath) test $p.FullName --no-build -c $Layout.Configuration --nologo `
        --logger "trx;LogFileName=$trxName" --results-directory $resultsDir | Out-Host
    $exit = $LASTEXITCODE
    if (Test-Path -LiteralPath $trxPath) {
        $result = Read-Trx $trxPath $suite
        if ($exit -ne 0 -and $result.Failed -eq 0) {
            $result.Failed = 1
            $result.Failures = @("[$suite] dotnet test exited with $exit although no test failed (see the output above).")
        }
        $result
    }
    else {
        [pscustomobject]@{ Suite = $suite; Passed = 0; Failed = 1; Failures = @("[$suite] dotnet test exited with $exit and wrote no trx file.") }
    }
}
