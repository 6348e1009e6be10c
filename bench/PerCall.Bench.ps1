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
    Connect-CtSimulator -Simulator $sim
    $campaign = 'cam_1001'
    $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
    $uri = "$($sim.Url)/v3/coupon/info"
    $body = "{`"campaign`":`"$campaign`"}"

    $module = { foreach ($i in 1..$Calls) { $null = Get-CtCampaign -Id $campaign } }
    # Diagnostic: the module's client called from PowerShell without a cmdlet, to split the cost
    # between the cmdlet (binding, records) and the HTTP client waited on from the pipeline thread.
    $client = (Get-CtConnection).GetClient()
    $endpoint = [Coupontools.Client.Endpoints.EndpointCatalog]::CampaignInfo
    $none = [System.Threading.CancellationToken]::None
    $direct = {
        foreach ($i in 1..$Calls) {
            $fields = [System.Collections.Generic.Dictionary[string, object]]::new(); $fields['campaign'] = $campaign
            $null = $client.SendAsync([Coupontools.Client.Http.ApiRequest]::new($endpoint, $fields), $none).GetAwaiter().GetResult()
        }
    }
    $irm = { foreach ($i in 1..$Calls) { $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $body -ContentType 'application/json' } }
    & $module; & $irm; & $direct   # warm up every path
    # The C# loops run fully optimised from the start (no tier-0 code in a short process): steady state on both sides.
    $env:DOTNET_TieredCompilation = '0'
    $moduleMs = @(); $irmMs = @(); $floorMs = @(); $directMs = @(); $clientMs = @()
    foreach ($run in 1..$Runs) {
        $moduleMs += (Measure-Command $module).TotalMilliseconds
        $irmMs += (Measure-Command $irm).TotalMilliseconds
        $directMs += (Measure-Command $direct).TotalMilliseconds
        $floorMs += [double](& dotnet (Join-Path $floorDir 'HttpFloor.dll') $sim.Url $sim.ClientId $sim.ClientSecret $campaign $Calls raw)
        $clientMs += [double](& dotnet (Join-Path $floorDir 'HttpFloor.dll') $sim.Url $sim.ClientId $sim.ClientSecret $campaign $Calls client)
    }
    $m = Get-Median $moduleMs; $i = Get-Median $irmMs; $f = Get-Median $floorMs
    New-BenchRow -Benchmark 'Per-call cost' -Metric "ms for $Calls Get-CtCampaign -Id" -Module $m -Baseline $i -BaselineName 'Invoke-RestMethod loop' -Target '<= 0.3'
    New-BenchRow -Benchmark 'Per-call cost' -Metric "ms for $Calls Get-CtCampaign -Id" -Module $m -Baseline $f -BaselineName 'C# HttpClient loop (floor)' -Target '<= 1.5'
    New-BenchRow -Benchmark 'Per-call cost (diagnostic)' -Metric "ms for $Calls calls of the module's client from C#" -Module (Get-Median $clientMs) -Baseline $f -BaselineName 'C# HttpClient loop (floor)' -Target 'reported'
    New-BenchRow -Benchmark 'Per-call cost (diagnostic)' -Metric "ms for $Calls client calls from PowerShell, no cmdlet" -Module (Get-Median $directMs) -Baseline $f -BaselineName 'C# HttpClient loop (floor)' -Target 'reported'
}
finally {
    Stop-CtSimulator $sim
}
