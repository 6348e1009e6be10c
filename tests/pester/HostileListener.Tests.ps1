# Hostile networks, listener side: raw TCP clients on 127.0.0.1 (tests/pester/HostileHttpClients.cs)
# attack Receive-CtWebhook while it runs on this pipeline thread. Each attack run also sends a
# legitimate delivery while the attack connections are open (its latency is measured) and, once
# every attack connection was answered or closed, a final delivery: the events written must be
# exactly these (plus what the attack legitimately delivers), so an attack body written as an event
# fails the test. Each attack adds one row to the hostile-network table (HostileTable.psm1).
# The listener runs with -RequestTimeout 2 so that deadlines pass quickly.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'HostileTable.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $null = Import-CtBuiltModule
    if (-not ('Coupontools.Test.HostileRun' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'HostileHttpClients.cs') -ReferencedAssemblies System.Net.Sockets, System.Net.Primitives, System.Collections, System.Linq, System.Threading, System.Diagnostics.Process, System.ComponentModel.Primitives, System.Runtime, System.Text.Encoding.Extensions, System.Console, Microsoft.Win32.Primitives, netstandard
    }
    $script:RequestTimeout = 2
    $script:Run = 0

    function New-Spec([string]$Label, [int]$Count, [string]$Initial, [string]$Drip, [switch]$HalfClose) {
        [Coupontools.Test.AttackSpec]::new($Label, $Count, $Initial, $Drip, $HalfClose.IsPresent)
    }

    function Get-Delivery([string]$Id) { '{"webhook":"' + $Id + '","type":"coupon_validated","campaign":"cam_1001"}' }

    # A complete request, as bytes in a string (Latin-1); $Head lines replace the defaults where named.
    function Get-Request([string]$Body = (Get-Delivery 'evt_Attack'), [string[]]$Head = @(), [string]$Line = 'POST / HTTP/1.1', [switch]$NoLength) {
        $lines = @($Line, 'Host: 127.0.0.1') + $Head
        if (-not $NoLength) { $lines += "Content-Length: $([Text.Encoding]::UTF8.GetByteCount($Body))" }
        ($lines -join "`r`n") + "`r`n`r`n" + $Body
    }

    <#
    Runs one attack against a fresh Receive-CtWebhook on a free port. $Extra: ids the attack itself
    delivers legitimately. Returns the run (connections, legit latency, memory), the events and
    errors written, the port and FalseSuccesses (attack connections answered 2xx where $Extra is
    empty, plus events other than the expected ones).
    #>
    function Invoke-Attack([Coupontools.Test.AttackSpec[]]$Specs, [string[]]$Extra = @(), [hashtable]$Listen = @{}, [int]$RequestTimeout = $script:RequestTimeout, [double]$ResolveSeconds = $RequestTimeout + 6) {
        $script:Run++
        $port = Get-CtFreePort
        $legit = "evt_Legit$($script:Run)"; $final = "evt_Final$($script:Run)"
        $run = [Coupontools.Test.HostileRun]::Start($port, $Specs, (Get-Delivery $legit), (Get-Delivery $final), $ResolveSeconds)
        # Unsigned on purpose: an incomplete or smuggled body that got through framing would be accepted and
        # written, so these attacks test the HTTP layer alone (Webhooks.Tests.ps1 tests the signatures).
        $events = @(Receive-CtWebhook -Port $port -Count (2 + $Extra.Count) -Timeout 40 -RequestTimeout $RequestTimeout -AllowUnsigned @Listen -ErrorVariable failures -ErrorAction SilentlyContinue)
        $run.Wait(30) | Should -BeTrue -Because 'the attack run ends by itself'
        $run.Failure | Should -BeNullOrEmpty
        $expected = @($legit) + $Extra + @($final)
        $written = @($events | ForEach-Object EventId)
        $foreign = @($written | Where-Object { $_ -notin $expected }).Count
        $attack2xx = if ($Extra.Count -eq 0) { @($run.Connections | Where-Object { $_.Statuses | Where-Object { $_ -ge 200 -and $_ -lt 300 } }).Count } else { 0 }
        [pscustomobject]@{
            Run = $run; Events = $written; Expected = $expected; Errors = @($failures); Port = $port
            FalseSuccesses = $foreign + $attack2xx
        }
    }

    # '408 x500; 500/500 closed <= 5.1 s' from the connections' outcomes (short: the table has six columns).
    function Get-Outcome([object[]]$Connections) {
        $groups = $Connections | Group-Object Outcome | Sort-Object Count -Descending | ForEach-Object { "$($_.Name) x$($_.Count)" }
        $slowest = ($Connections | Measure-Object ClosedAfterMs -Maximum).Maximum
        "$($groups -join ', '); $(@($Connections | Where-Object Closed).Count)/$($Connections.Count) closed <= {0:n1} s" -f ($slowest / 1000)
    }

    function Add-Row([string]$Attack, $Result, [object[]]$Connections = $Result.Run.Connections, [string]$Outcome = (Get-Outcome $Connections)) {
        Add-CtHostileRow -Attack $Attack -Outcome $Outcome -FalseSuccesses $Result.FalseSuccesses `
            -PeakMemoryOverBaselineMB $Result.Run.PeakMemoryOverBaselineMB -DeliveryLatencyMs $Result.Run.LegitLatencyMs
    }

    # What every attack run must show: the legitimate delivery answered 200 within 2 s and written,
    # exactly the expected events, no false success, the port free afterwards.
    function Assert-Held($Result) {
        $Result.Run.LegitStatus | Should -Be 200
        $Result.Run.LegitLatencyMs | Should -BeLessThan 2000
        $Result.Run.FinalStatus | Should -Be 200
        $Result.Events | Sort-Object | Should -Be ($Result.Expected | Sort-Object)
        $Result.FalseSuccesses | Should -Be 0
        $again = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $Result.Port)
        try { $again.Start() } finally { $again.Stop() }
    }

    # Each connection got exactly the one answer in $Statuses (or none, for '') and was closed by the listener.
    function Assert-AnsweredOnce([object[]]$Connections, [string[]]$Statuses) {
        $Connections.Count | Should -BeGreaterThan 0
        $wrong = @($Connections | Where-Object {
                $got = if ($_.Statuses.Count) { [string]$_.Statuses[0] } else { '' }
                $_.ConnectFailed -or -not $_.Closed -or $_.Statuses.Count -gt 1 -or $got -notin $Statuses
            } | ForEach-Object { "$($_.Label): $($_.Outcome) [$($_.Received)]" })
        $wrong | Should -BeNullOrEmpty -Because "each connection gets one answer of $($Statuses -join ', ') (none for '') and is closed"
    }
}

Describe 'Receive-CtWebhook under attack' {
    It 'closes idle connections at the deadline without an answer, and serves deliveries meanwhile' {
        $r = Invoke-Attack (New-Spec 'idle' 200 '')
        Add-Row '200 idle connections' $r
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Connections ''
        ($r.Run.Connections | Measure-Object ClosedAfterMs -Maximum).Maximum | Should -BeLessThan (($RequestTimeout + 3) * 1000)
    }

    It 'answers slowloris headers 408 at the header deadline, however they trickle' {
        $r = Invoke-Attack (New-Spec 'slow headers' 200 "POST / HTTP/1.1`r`nHost: 127.0.0.1`r`n" "X-Slow: 1`r`n")
        Add-Row '200 slowloris heads (1 byte / 250 ms)' $r
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Connections '408'
        ($r.Run.Connections | Measure-Object ClosedAfterMs -Maximum).Maximum | Should -BeLessThan (($RequestTimeout + 3) * 1000)
    }

    It 'answers a legitimate delivery within 2 s while 500 slow-body connections are open, and those 408' {
        $head = "POST / HTTP/1.1`r`nHost: 127.0.0.1`r`nContent-Type: application/json`r`nContent-Length: 1000`r`n`r`n"
        # A longer deadline here, so that all 500 are surely still open when the delivery is answered.
        $r = Invoke-Attack -RequestTimeout 5 @(
            New-Spec 'headers, no body' 250 $head
            New-Spec 'slow body' 250 ($head + '{"webhook":') 'x'
        )
        Add-Row '500 slow bodies (CL 1000, 0 or 11 B + drip)' $r
        Assert-Held $r
        $r.Run.OpenDuringLegit | Should -Be 500
        Assert-AnsweredOnce $r.Run.Connections '408'
        ($r.Run.Connections | Measure-Object ClosedAfterMs -Maximum).Maximum | Should -BeLessThan ((5 + 3) * 1000)
    }

    It 'never answers a short body 2xx nor writes it: 400 when the sender stops, 408 when it stalls' {
        $short = "POST / HTTP/1.1`r`nHost: 127.0.0.1`r`nContent-Type: application/json`r`nContent-Length: 200`r`n`r`n" + (Get-Delivery 'evt_Short0001')
        $r = Invoke-Attack @(
            New-Spec 'short, then half-closed' 50 $short -HalfClose
            New-Spec 'short, then stalled' 50 $short
        )
        Add-Row '100 short bodies (whole JSON, CL 200)' $r
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Of('short, then half-closed') '400'
        Assert-AnsweredOnce $r.Run.Of('short, then stalled') '408'
    }

    It 'refuses smuggling and desync shapes with one 400 and closes, never reading the smuggled request' {
        $smuggled = Get-Request (Get-Delivery 'evt_Smuggled01')
        $r = Invoke-Attack @(
            New-Spec 'CL+TE' 5 (Get-Request "0`r`n`r`n$smuggled" -Head 'Transfer-Encoding: chunked' -NoLength | ForEach-Object { $_ -replace "Host: 127.0.0.1`r`n", "Host: 127.0.0.1`r`nContent-Length: 5`r`n" })
            New-Spec 'TE: xchunked' 5 (Get-Request "0`r`n`r`n$smuggled" -Head 'Transfer-Encoding: xchunked' -NoLength)
            New-Spec 'duplicate CL' 5 (Get-Request $smuggled -Head 'Content-Length: 0')
            New-Spec 'foreign Host' 5 (((Get-Request (Get-Delivery 'evt_Foreign001')) -replace 'Host: 127.0.0.1', 'Host: attacker.example') + $smuggled)
        )
        foreach ($label in 'CL+TE', 'TE: xchunked', 'duplicate CL', 'foreign Host') {
            Add-Row "$label + a smuggled delivery" $r -Connections $r.Run.Of($label)
        }
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Connections '400'
    }

    It 'refuses other malformed framing: 400, 413, 431 or 505, once, and closes' {
        $body = Get-Delivery 'evt_Malformed01'
        $shapes = [ordered]@{
            'bare LF'               = "POST / HTTP/1.1`nHost: 127.0.0.1`nContent-Length: 2`n`n{}"
            'obs-fold'              = Get-Request $body -Head 'X-A: 1', ' folded'
            'space before colon'    = Get-Request $body -Head 'Content-Type : application/json'
            'CL +N'                 = Get-Request $body -NoLength -Head "Content-Length: +$($body.Length)"
            'CL list'               = Get-Request $body -NoLength -Head "Content-Length: $($body.Length), $($body.Length)"
            'CL 20 digits'          = Get-Request $body -NoLength -Head 'Content-Length: 99999999999999999999'
            'TE chunked, chunked'   = Get-Request "0`r`n`r`n" -NoLength -Head 'Transfer-Encoding: chunked, chunked'
            'TE twice'              = Get-Request "0`r`n`r`n" -NoLength -Head 'Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'
            'TE on HTTP/1.0'        = Get-Request "0`r`n`r`n" -NoLength -Line 'POST / HTTP/1.0' -Head 'Transfer-Encoding: chunked'
            'bad chunk size'        = Get-Request "zz`r`n$body`r`n0`r`n`r`n" -NoLength -Head 'Transfer-Encoding: chunked'
            'chunk over its size'   = Get-Request "2`r`n$body`r`n0`r`n`r`n" -NoLength -Head 'Transfer-Encoding: chunked'
            'no Host'               = (Get-Request $body) -replace "Host: 127.0.0.1`r`n", ''
            'two Hosts'             = Get-Request $body -Head 'Host: 127.0.0.1'
            'absolute-form target'  = Get-Request $body -Line 'POST http://127.0.0.1/ HTTP/1.1'
            'HTTP/2.0 line'         = Get-Request $body -Line 'POST / HTTP/2.0'
            'NUL in a header'       = Get-Request $body -Head "X-A: a`0b"
            '10 GB declared'        = Get-Request '' -NoLength -Head 'Content-Length: 10737418240'
            '1 MB header block'     = Get-Request $body -Head ('X-Big: ' + ('a' * 1MB))
        }
        $expected = @{ 'HTTP/2.0 line' = '505'; '10 GB declared' = '413'; '1 MB header block' = '431' }
        $r = Invoke-Attack @($shapes.Keys | ForEach-Object { New-Spec $_ 1 $shapes[$_] })
        $others = $r.Run.Connections | Where-Object Label -NE '1 MB header block'
        Add-Row "$($shapes.Count - 1) other malformed framings" $r -Connections $others
        Add-Row '1 MB header block' $r -Connections $r.Run.Of('1 MB header block')
        Write-Host ('    ' + (($shapes.Keys | ForEach-Object { "$_ $(($r.Run.Of($_) | ForEach-Object Outcome) -join '/')" }) -join '; '))
        Assert-Held $r
        foreach ($label in $shapes.Keys) {
            Assert-AnsweredOnce $r.Run.Of($label) ($expected[$label] ?? '400')
        }
    }

    It 'holds large bodies in one shared budget: 200 connections sending 900 KB each cannot take more memory' {
        $head = "POST / HTTP/1.1`r`nHost: 127.0.0.1`r`nContent-Length: 1000000`r`n`r`n"
        $r = Invoke-Attack (New-Spec 'large stalled bodies' 200 ($head + '{"webhook":"' + ('a' * 900000)))
        Add-Row '200 large bodies (900 KB of 1 MB, stalled)' $r
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Connections '503', '408'
        @($r.Run.Connections | Where-Object { $_.Statuses -contains 503 }).Count | Should -BeGreaterThan 0 -Because 'the 64 MB budget for large bodies is full'
        $r.Run.PeakMemoryOverBaselineMB | Should -BeLessThan 128 -Because 'memory stays within twice the 64 MB budget, not 200 x 1 MB'
    }

    It 'answers pipelined deliveries each in order, and nothing after a refused one' {
        $a = 1..20 | ForEach-Object { 'evt_Pipe{0:d3}a' -f $_ }
        $b = 1..20 | ForEach-Object { 'evt_Pipe{0:d3}b' -f $_ }
        $specs = foreach ($i in 0..19) {
            New-Spec 'two pipelined' 1 ((Get-Request (Get-Delivery $a[$i])) + (Get-Request (Get-Delivery $b[$i]) -Head 'Connection: close'))
        }
        $specs += New-Spec 'pipelined after a 404' 5 ((Get-Request (Get-Delivery 'evt_AfterRefusal') -Line 'POST /other HTTP/1.1') + (Get-Request (Get-Delivery 'evt_AfterRefusal')))
        $r = Invoke-Attack $specs -Extra ($a + $b)
        Add-Row '20x2 pipelined; 5x a delivery after a 404' $r
        Assert-Held $r
        foreach ($c in $r.Run.Of('two pipelined')) {
            $c.Statuses | Should -Be 200, 200
            $c.Closed | Should -BeTrue
        }
        Assert-AnsweredOnce $r.Run.Of('pipelined after a 404') '404'
    }

    It 'sheds the longest-waiting connections at -MaxConnections, so a flood cannot starve deliveries' {
        $r = Invoke-Attack @(
            New-Spec 'idle flood' 150 ''
            New-Spec 'slow-head flood' 150 "POST / HTTP/1.1`r`nHost: 127.0.0.1`r`n" "X-Slow: 1`r`n"
        ) -Listen @{ MaxConnections = 100 }
        Add-Row '300 connections at -MaxConnections 100' $r
        Assert-Held $r
        Assert-AnsweredOnce $r.Run.Of('idle flood') ''
        Assert-AnsweredOnce $r.Run.Of('slow-head flood') '', '503', '408'
        @($r.Run.Of('slow-head flood') | Where-Object { $_.Statuses -contains 503 }).Count | Should -BeGreaterThan 0 -Because 'at the limit, slow heads are shed with 503'
    }

    It 'refuses an https:// prefix before listening, saying what to do instead' {
        $port = Get-CtFreePort
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Receive-CtWebhook -Prefix "https://127.0.0.1:$port/" -Timeout 5 -AllowUnsigned } | Should -Throw -ErrorId 'Coupontools.HttpsPrefixNotSupported,Coupontools.PowerShell.Cmdlets.ReceiveCtWebhook' -PassThru
        $failure.Exception.Message | Should -Match 'reverse proxy'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $again = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $port)
        try { $again.Start() } finally { $again.Stop() }
        Add-CtHostileRow -Attack 'https:// prefix' -Outcome 'refused before listening (HttpsPrefixNotSupported)' -FalseSuccesses 0
    }
}
