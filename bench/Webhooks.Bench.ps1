<#
.SYNOPSIS
Receive-CtWebhook throughput and memory against a plain PowerShell HttpListener loop.

.DESCRIPTION
Run after a Build: dotnet pwsh ./bench/Webhooks.Bench.ps1
Senders: a compiled HttpClient sender with 8 concurrent workers (so the senders are not the
bottleneck). Module: Receive-CtWebhook. Baseline: what a script would do without the module
(HttpListener.GetContext loop, ConvertFrom-Json, 200; with -Verify: Test-CtWebhook per event).
Each throughput figure is the median of 3 runs.
#>
[CmdletBinding()]
param([int]$Deliveries = 2000, [int]$VerifiedDeliveries = 300, [int]$MemoryDeliveries = 10000, [int]$Runs = 3)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1')
$null = Import-CtBuiltModule

Add-Type -TypeDefinition @'
using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
public static class CtBenchSender
{
    static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 });
    public static Task<int[]> Start(string url, string[] bodies, int senders) => Task.Run(() => Run(url, bodies, senders));
    static async Task<int[]> Run(string url, string[] bodies, int senders)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try { using (var probe = new System.Net.Sockets.TcpClient()) { await probe.ConnectAsync(new Uri(url).Host, new Uri(url).Port); } break; }
            catch when (DateTime.UtcNow < deadline) { await Task.Delay(10); }
        }
        var codes = new int[bodies.Length];
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using (var content = new StringContent(bodies[i], Encoding.UTF8, "application/json"))
                using (var response = await Http.PostAsync(url, content))
                {
                    codes[i] = (int)response.StatusCode;
                }
            }
        }));
        return codes;
    }
}
'@

function Get-FreePort { $p = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $p.Start(); try { $p.LocalEndpoint.Port } finally { $p.Stop() } }

function Receive-Baseline([int]$Port, [int]$Count, [switch]$Verify) {
    $listener = [Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$Port/")
    $listener.Start()
    try {
        for ($n = 0; $n -lt $Count; $n++) {
            $context = $listener.GetContext()
            $reader = [IO.StreamReader]::new($context.Request.InputStream)
            $event = $reader.ReadToEnd() | ConvertFrom-Json
            $reader.Dispose()
            $context.Response.StatusCode = 200
            $context.Response.Close()
            if ($Verify) { if ((Test-CtWebhook -EventId $event.webhook).IsValid) { $event } } else { $event }
        }
    }
    finally { $listener.Close() }
}

function Measure-Run([string[]]$Bodies, [scriptblock]$Receiver) {
    $port = Get-FreePort
    $send = [CtBenchSender]::Start("http://127.0.0.1:$port/", $Bodies, 8)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $written = 0
    & $Receiver $port $Bodies.Count | ForEach-Object { $written++ }
    $seconds = $watch.Elapsed.TotalSeconds
    $codes = $send.GetAwaiter().GetResult()
    if ($written -ne $Bodies.Count -or @($codes | Where-Object { $_ -ne 200 }).Count) { throw "Lost deliveries: written $written of $($Bodies.Count)." }
    $Bodies.Count / $seconds
}


$sim = Start-CtSimulator
try {
    Connect-CtSimulator -Simulator $sim
    $rows = @()
    $bodies = 1..$Deliveries | ForEach-Object { '{"webhook":"evt_Bench' + $_ + '","type":"coupon_validated","campaign":"cam_1001"}' }
    $moduleRates = 1..$Runs | ForEach-Object { Measure-Run $bodies { param($p, $c) Receive-CtWebhook -Port $p -Count $c -Timeout 60 } }
    $baseRates = 1..$Runs | ForEach-Object { Measure-Run $bodies { param($p, $c) Receive-Baseline -Port $p -Count $c } }
    $m = Get-Median $moduleRates; $b = Get-Median $baseRates
    $rows += New-BenchRow -Benchmark 'Webhook listener' -Metric "deliveries/s, $Deliveries from 8 senders" -Module $m -Baseline $b -BaselineName 'HttpListener + ConvertFrom-Json script loop' -Target '>= 1.0'

    $ids = 1..$VerifiedDeliveries | ForEach-Object { (Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ campaign = 'cam_1001'; deliver = $false }).webhook }
    $verified = $ids | ForEach-Object { '{"webhook":"' + $_ + '","type":"coupon_validated","campaign":"cam_1001"}' }
    $moduleRates = 1..$Runs | ForEach-Object { Measure-Run $verified { param($p, $c) Receive-CtWebhook -Port $p -Count $c -Verify -Timeout 60 } }
    $baseRates = 1..$Runs | ForEach-Object { Measure-Run $verified { param($p, $c) Receive-Baseline -Port $p -Count $c -Verify } }
    $m = Get-Median $moduleRates; $b = Get-Median $baseRates
    $rows += New-BenchRow -Benchmark 'Webhook listener -Verify' -Metric "deliveries/s, $VerifiedDeliveries from 8 senders" -Module $m -Baseline $b -BaselineName 'script loop + Test-CtWebhook per event' -Target '>= 1.0'

    $many = 1..$MemoryDeliveries | ForEach-Object { '{"webhook":"evt_Mem' + $_ + '","type":"coupon_validated"}' }
    $growth = foreach ($receiver in { param($p, $c) Receive-CtWebhook -Port $p -Count $c -Timeout 120 }, { param($p, $c) Receive-Baseline -Port $p -Count $c }) {
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $before = [GC]::GetTotalMemory($true)
        $null = Measure-Run $many $receiver
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        ([GC]::GetTotalMemory($true) - $before) / 1MB
    }
    # Flat memory: the heap after the run is compared with the baseline's plus 20 MB of slack.
    $rows += New-BenchRow -Benchmark 'Webhook listener memory' -Metric "managed heap MB after $MemoryDeliveries deliveries, +20 MB" -Module ($growth[0] + 20) -Baseline ($growth[1] + 20) -BaselineName 'script loop' -Target '<= 1.5' -Note ("growth {0:n1} MB vs {1:n1} MB" -f $growth[0], $growth[1])
    $rows
}
finally {
    Stop-CtSimulator $sim
}
