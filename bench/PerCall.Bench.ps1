<#
.SYNOPSIS
Per-call cost: 1,000 sequential Get-CtCampaign -Id against a loop of Invoke-RestMethod doing the
same calls, and against a C# loop over one HttpClient (the floor). Median of 5 runs each.
#>
param([int]$Calls = 1000, [int]$Runs = 5)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$null = Import-CtBuiltModule
$repo = Split-Path -Parent $PSScriptRoot
$floorDir = Join-Path $repo 'out/bench/HttpFloor'
& dotnet build (Join-Path $PSScriptRoot 'HttpFloor/HttpFloor.csproj') -c Release -o $floorDir --nologo -v quiet | Out-Null
if ($LASTEXITCODE) { throw 'Building bench/HttpFloor failed.' }

$sim = Start-CtSimulator
try {
    $secret = ConvertTo-SecureString $sim.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $sim.ClientId -ClientSecret $secret -BaseUri $sim.Url
    $campaign = 'cam_1001'
    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $uri = "$($sim.Url)/v3/coupon/info"
    $body = "{`"campaign`":`"$campaign`"}"

    $module = { foreach ($i in 1..$Calls) { $null = Get-CtCampaign -Id $campaign } }
    $irm = { foreach ($i in 1..$Calls) { $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $body -ContentType 'application/json' } }
    & $module; & $irm   # warm up both paths
    $moduleMs = @(); $irmMs = @(); $floorMs = @()
    foreach ($run in 1..$Runs) {
        $moduleMs += (Measure-Command $module).TotalMilliseconds
        $irmMs += (Measure-Command $irm).TotalMilliseconds
        $floorMs += [double](& dotnet (Join-Path $floorDir 'HttpFloor.dll') $sim.Url $sim.ClientId $sim.ClientSecret $campaign $Calls)
    }
    $m = Get-Median $moduleMs; $i = Get-Median $irmMs; $f = Get-Median $floorMs
    New-BenchRow -Benchmark 'Per-call cost' -Metric "ms for $Calls Get-CtCampaign -Id" -Module $m -Baseline $i -BaselineName 'Invoke-RestMethod loop' -Target '<= 0.33'
    New-BenchRow -Benchmark 'Per-call cost' -Metric "ms for $Calls Get-CtCampaign -Id" -Module $m -Baseline $f -BaselineName 'C# HttpClient loop (floor)' -Target '<= 2.0'
}
finally {
    Stop-CtSimulator $sim
}
