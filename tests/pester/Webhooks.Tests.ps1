# Webhooks: Test-CtWebhook, ConvertFrom-CtWebhook, Receive-CtWebhook against the simulator, which
# POSTs signed deliveries (x-hmac) to a registered loopback URL, re-sends those not answered 2xx, and
# answers /v4/webhook/verification.
# Receive-CtWebhook runs on the test's pipeline thread; whatever sends to it runs in a thread job
# that first waits for the port to open.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'JsonCompare.psm1')
    $script:Module = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $script:Secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    $script:Campaign = 'cam_1001'

    function Connect-Sim { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri $Sim.Url -RetryBaseDelayMilliseconds 1 @args }
    function Get-RequestCount([string]$Path) { [int]((Get-CtSimStats).requests.$Path) }

    function Get-FreePort {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    function Test-PortFree([int]$Port) {
        $again = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $Port)
        try { $again.Start(); $true } catch { $false } finally { $again.Stop() }
    }

    # The simulator's delivery log once it holds $Count entries (it logs a delivery after its answer came).
    function Wait-Deliveries([int]$Count, [scriptblock]$Until = { $true }) {
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        do {
            $log = @((Invoke-CtSimControl -Method GET -Path deliveries).deliveries)
            if ($log.Count -ge $Count -and (& $Until $log)) { return , $log }
            Start-Sleep -Milliseconds 100
        } while ([DateTime]::UtcNow -lt $deadline)
        , $log
    }

    function Register-Hook([int]$Port) {
        $null = Invoke-CtSimControl -Method POST -Path webhook -Body @{ url = "http://127.0.0.1:$Port/" }
    }

    # Each listener test: a reset simulator, a connection, no jobs left over, and deliveries sent to a fresh $Port.
    function Start-HookTest {
        Reset-CtSimulator
        Connect-Sim
        Get-Job | Remove-Job -Force
        $script:Port = Get-FreePort
        Register-Hook $Port
    }

    # A session of the campaign that is not claimed, validated or voided yet (so each change issues an event).
    function Get-SessionCode([int]$Index = 0) {
        $fresh = @((Invoke-CtApi -Path v3/campaign/data -Body @{ campaign = $Campaign }).data |
                Where-Object { -not $_.status.claim_date_utc -and -not $_.status.validation_date_utc -and $_.status.voided -ne '1' })
        $fresh[$Index].session
    }

    # The x-hmac of a body: lowercase hex of HMAC-SHA256 with the secret (the simulator's way).
    function Get-Hmac([string]$Body, [string]$Key = $Sim.ClientSecret, [switch]$Base64) {
        $hash = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key)).ComputeHash([Text.Encoding]::UTF8.GetBytes($Body))
        if ($Base64) { [Convert]::ToBase64String($hash) } else { [Convert]::ToHexString($hash).ToLowerInvariant() }
    }

    # Runs $Script in a thread job once 127.0.0.1:$Port accepts connections. The job gets
    # $Port, $SimUrl, $ModulePath, $ClientId, $ClientSecret, $Arguments, Connect-JobToSim and Send-Body
    # (which signs the body with the simulator's secret unless given -Signature, or -Unsigned).
    function Start-Sender([int]$Port, [scriptblock]$Script, [object[]]$Arguments = @()) {
        Start-ThreadJob -ArgumentList $Port, $Sim.Url, (Get-CtTestModulePath), $Sim.ClientId, $Sim.ClientSecret, $Script.ToString(), $Arguments -ScriptBlock {
            param($Port, $SimUrl, $ModulePath, $ClientId, $ClientSecret, $Code, $Arguments)
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ([DateTime]::UtcNow -lt $deadline) {
                try { [Net.Sockets.TcpClient]::new('127.0.0.1', $Port).Dispose(); break } catch { Start-Sleep -Milliseconds 10 }
            }
            function Connect-JobToSim {
                Import-Module $ModulePath
                Connect-CtAccount -ClientId $ClientId -ClientSecret (ConvertTo-SecureString $ClientSecret -AsPlainText -Force) -BaseUri $SimUrl
            }
            function Send-Body([string]$Body, [string]$Path = '/', [string]$Method = 'POST', [string]$Signature, [switch]$Unsigned, [string]$HeaderName = 'x-hmac') {
                $headers = @{}
                if (-not $Unsigned) {
                    if (-not $Signature) {
                        $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($ClientSecret))
                        $Signature = [Convert]::ToHexString($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($Body))).ToLowerInvariant()
                    }
                    $headers[$HeaderName] = $Signature
                }
                $r = Invoke-WebRequest -Method $Method -Uri "http://127.0.0.1:$Port$Path" -Body $Body -ContentType 'application/json' -Headers $headers -SkipHttpErrorCheck
                [int]$r.StatusCode
            }
            . ([scriptblock]::Create($Code))
        }
    }

    function Body($Id, $Type = 'coupon_validated', $Session = 'abcdefabcdefabcdefabc') {
        ConvertTo-Json -Compress ([ordered]@{ id = $Id; datetime = '2026-01-02 03:04:05'; type = $Type; campaign = $Campaign; session = $Session })
    }
}

AfterAll {
    Get-Job | Remove-Job -Force
    Stop-CtSimulator $Sim
}

Describe 'Test-CtWebhook' {
    BeforeAll { Reset-CtSimulator; Connect-Sim }

    It 'says IsValid for an event the API issued, with its fields' {
        $id = (Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ campaign = $Campaign; deliver = $false }).webhook
        $result = Test-CtWebhook -EventId $id
        $result | Should -BeOfType Coupontools.WebhookVerification
        $result.IsValid | Should -BeTrue
        $result.EventId | Should -Be $id
        $result.Type | Should -Be 'coupon_validated'
        $result.Campaign | Should -Be $Campaign
    }

    It 'answers IsValid = false for error 509, without an error' {
        $before = Get-RequestCount '/v4/webhook/verification'
        $result = Test-CtWebhook -EventId evt_NeverIssued123 -ErrorVariable failures
        $failures | Should -BeNullOrEmpty
        $result.IsValid | Should -BeFalse
        $result.EventId | Should -Be 'evt_NeverIssued123'
        Get-RequestCount '/v4/webhook/verification' | Should -Be ($before + 1)
    }

    It 'binds EventId and Session from a parsed delivery; a wrong session is not valid' {
        $issued = Test-CtWebhook -EventId (Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ campaign = $Campaign; deliver = $false }).webhook
        $results = @((Body $issued.EventId -Session $issued.Session), (Body $issued.EventId) | ConvertFrom-CtWebhook | Test-CtWebhook -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        $results.EventId | Should -Be $issued.EventId, $issued.EventId
        $results.IsValid | Should -Be $true, $false
    }

    It 'rejects a malformed id at binding, before any request' {
        $before = (Get-CtSimStats).total
        { Test-CtWebhook -EventId 'not-an-event' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Coupontools.PowerShell.Cmdlets.TestCtWebhook'
        (Get-CtSimStats).total | Should -Be ($before + 0)
    }
}

Describe 'ConvertFrom-CtWebhook' {
    BeforeAll { Reset-CtSimulator; Connect-Sim }

    It 'parses without a connection or request, keeping unknown types and fields' {
        $before = (Get-CtSimStats).total
        $event = '{"webhook":"evt_X1","type":"coupon_teleported","date":"2017-10-09 09:57:57","campaign":"cam_5","store":"Main"}' | ConvertFrom-CtWebhook
        $event | Should -BeOfType Coupontools.WebhookEvent
        $event.Type | Should -Be 'coupon_teleported'
        $event.Date | Should -Be ([datetime]::new(2017, 10, 9, 9, 57, 57, [DateTimeKind]::Utc))
        $event.AdditionalProperties['store'] | Should -Be 'Main'
        $event.Verified | Should -BeNullOrEmpty
        (Get-CtSimStats).total | Should -Be $before
    }

    It 'writes Coupontools.InvalidWebhook naming the input for a body that is not a JSON object, and goes on' {
        $out = '[1]', '{"webhook":"evt_ok"}', 'oops' | ConvertFrom-CtWebhook -ErrorVariable failures -ErrorAction SilentlyContinue
        @($out).EventId | Should -Be 'evt_ok'
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidWebhook*'
        $failures[0].TargetObject | Should -Be '[1]'
        $failures[1].TargetObject | Should -Be 'oops'
    }

    It 'with -Verify writes a genuine event as Verified and rejects a forged one' {
        $id = (Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ campaign = $Campaign; deliver = $false }).webhook
        $genuine = '{"webhook":"' + $id + '"}'
        $forged = Body 'evt_Forged0000000001'
        $out = $genuine, $forged | ConvertFrom-CtWebhook -Verify -ErrorVariable failures -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $out.EventId | Should -Be $id
        $out.Verified | Should -BeTrue
        $out.Campaign | Should -Be $Campaign
        $out.Type | Should -Be 'coupon_validated'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.WebhookNotVerified*'
        $failures[0].TargetObject | Should -Be $forged
    }
}

Describe 'ConvertFrom-CtWebhook -Signature' {
    BeforeAll { Reset-CtSimulator; Connect-Sim }

    It 'writes a body whose signature matches and refuses a changed one, by value or by property name' {
        $body = Body 'evt_Convert000000001' 'coupon_claimed'
        $changed = $body.Replace('coupon_claimed', 'coupon_created')
        $out = @(
            ConvertFrom-CtWebhook -InputObject $body -Signature (Get-Hmac $body)
            [pscustomobject]@{ Body = $changed; Signature = (Get-Hmac $body) }, [pscustomobject]@{ Body = $body; Signature = (Get-Hmac $body -Base64) } |
                ConvertFrom-CtWebhook -ErrorVariable failures -ErrorAction SilentlyContinue
        )
        $out.EventId | Should -Be 'evt_Convert000000001', 'evt_Convert000000001'
        $out[0] | Should -BeOfType Coupontools.CouponClaimedEvent
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.WebhookSignatureInvalid*'
        $failures[0].TargetObject | Should -Be $changed
    }

    It 'checks with -Secret, and without any secret -Signature is a terminating error' {
        $body = Body 'evt_Convert000000002'
        Disconnect-CtAccount
        (ConvertFrom-CtWebhook -InputObject $body -Signature (Get-Hmac $body) -Secret $Secret).EventId | Should -Be 'evt_Convert000000002'
        $wrong = ConvertTo-SecureString 'another-secret' -AsPlainText -Force
        @(ConvertFrom-CtWebhook -InputObject $body -Signature (Get-Hmac $body) -Secret $wrong -ErrorAction SilentlyContinue).Count | Should -Be 0
        { ConvertFrom-CtWebhook -InputObject $body -Signature (Get-Hmac $body) } | Should -Throw -ErrorId 'Coupontools.WebhookSecretMissing,Coupontools.PowerShell.Cmdlets.ConvertFromCtWebhook'
        Connect-Sim
    }
}

Describe 'Receive-CtWebhook' {
    BeforeEach {
        Start-HookTest
    }

    It 'full loop: a session validated with Set-CtCouponSession is delivered, verified and written' {
        $code = Get-SessionCode 0
        $job = Start-Sender $Port -Arguments $code -Script {
            Connect-JobToSim
            Set-CtCouponSession -Id $Arguments[0] -Operation Validate -Confirm:$false
        }
        $events = @(Receive-CtWebhook -Port $Port -Verify -Count 1 -Timeout 15)
        $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        $events.Count | Should -Be 1
        $events[0].Type | Should -Be 'coupon_validated'
        $events[0].Session | Should -Be $code
        $events[0].Campaign | Should -Be $Campaign
        $events[0].Verified | Should -BeTrue
        Get-RequestCount '/v4/webhook/verification' | Should -Be 1
        Test-PortFree $Port | Should -BeTrue
    }

    It 'full loop through the update endpoint: claim then validate arrive in order' {
        $code = Get-SessionCode 1
        $job = Start-Sender $Port -Arguments $code -Script {
            Connect-JobToSim
            $null = Invoke-CtApi -Path v3/couponsession/update -Body @{ couponsession = $Arguments[0]; operation = 'claim' }
            $null = Invoke-CtApi -Path v3/couponsession/update -Body @{ couponsession = $Arguments[0]; operation = 'validate' }
        }
        $events = @(Receive-CtWebhook -Port $Port -Verify -Count 2 -Timeout 15)
        $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        $events.Type | Should -Be 'coupon_claimed', 'coupon_validated'
        $events.Session | Should -Be $code, $code
        $events.Verified | Should -Be $true, $true
    }

    It 'rejects a forged event (unknown id) with -Verify and still writes the genuine one' {
        $job = Start-Sender $Port -Arguments (Body 'evt_Forged0000000002'), $Campaign -Script {
            Send-Body $Arguments[0]
            $null = Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body (@{ campaign = $Arguments[1] } | ConvertTo-Json)
        }
        $events = @(Receive-CtWebhook -Port $Port -Verify -Count 1 -Timeout 15 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 200
        $events.Count | Should -Be 1
        $events[0].EventId | Should -Not -Be 'evt_Forged0000000002'
        $events[0].Verified | Should -BeTrue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.WebhookNotVerified*'
        $failures[0].TargetObject.EventId | Should -Be 'evt_Forged0000000002'
        $failures[0].TargetObject.Verified | Should -BeFalse
    }

    It 'answers malformed 400, oversized 413, wrong path 404, wrong method 405, and goes on listening' {
        $job = Start-Sender $Port -Arguments (Body 'evt_AfterTheBadOnes1') -Script {
            Send-Body '{"webhook": '
            # 2 MB declared, 1 KB sent: the answer comes without the rest being read.
            $tcp = [Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
            $stream = $tcp.GetStream()
            $head = [Text.Encoding]::ASCII.GetBytes("POST / HTTP/1.1`r`nHost: 127.0.0.1:$Port`r`nContent-Type: application/json`r`nContent-Length: 2097152`r`n`r`n" + ('x' * 1024))
            $stream.Write($head, 0, $head.Length)
            $buffer = [byte[]]::new(256)
            $stream.ReadTimeout = 5000
            $read = $stream.Read($buffer, 0, $buffer.Length)
            ([Text.Encoding]::ASCII.GetString($buffer, 0, $read) -split ' ')[1]
            $tcp.Dispose()
            Send-Body '{}' -Path '/elsewhere'
            Send-Body '' -Method 'GET'
            Send-Body $Arguments[0]
        }
        $events = @(Receive-CtWebhook -Port $Port -Count 1 -Timeout 15 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 400, '413', 404, 405, 200
        $events.EventId | Should -Be 'evt_AfterTheBadOnes1'
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be 'Coupontools.InvalidWebhook', 'Coupontools.WebhookTooLarge'
        $failures[1].TargetObject.StatusCode | Should -Be 413
        $failures[1].TargetObject.ContentLength | Should -Be 2097152
    }

    It 'writes duplicate deliveries of an event id once' {
        $job = Start-Sender $Port -Arguments (Body 'evt_Dup000001'), (Body 'evt_Dup000002') -Script {
            Send-Body $Arguments[0]; Send-Body $Arguments[0]; Send-Body $Arguments[1]; Send-Body $Arguments[0]; Send-Body $Arguments[1]
            Send-Body (ConvertTo-Json -Compress @{ webhook = 'evt_Dup000003' })
        }
        $events = @(Receive-CtWebhook -Port $Port -Count 3 -Timeout 15)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 200, 200, 200, 200, 200, 200
        $events.EventId | Should -Be 'evt_Dup000001', 'evt_Dup000002', 'evt_Dup000003'
    }

    It 'stops after -Timeout with nothing received, without a connection, and frees the port' {
        Disconnect-CtAccount
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $events = @(Receive-CtWebhook -Port $Port -Timeout 1 -Secret $Secret)
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $events.Count | Should -Be 0
        Test-PortFree $Port | Should -BeTrue
    }

    It 'stops after -Count even though more are coming, and frees the port' {
        $job = Start-Sender $Port -Script {
            foreach ($i in 1..3) { Send-Body (ConvertTo-Json -Compress @{ webhook = "evt_Count$i" }) }
        }
        $events = @(Receive-CtWebhook -Port $Port -Count 2 -Timeout 15 -WarningVariable warnings -WarningAction SilentlyContinue)
        $null = $job | Wait-Job -Timeout 10
        $events.EventId | Should -Be 'evt_Count1', 'evt_Count2'
        Test-PortFree $Port | Should -BeTrue
    }

    It 'frees the port when a downstream Select-Object -First stops the pipeline' {
        $job = Start-Sender $Port -Script { foreach ($i in 1..2) { Send-Body (ConvertTo-Json -Compress @{ webhook = "evt_First$i" }) } }
        $first = Receive-CtWebhook -Port $Port -Timeout 15 | Select-Object -First 1
        $null = $job | Wait-Job -Timeout 10
        $first.EventId | Should -Be 'evt_First1'
        Test-PortFree $Port | Should -BeTrue
    }

    It 'refuses -Verify without a connection before listening' {
        Disconnect-CtAccount
        { Receive-CtWebhook -Port $Port -Verify -Timeout 1 } | Should -Throw -ErrorId 'Coupontools.NotConnected,Coupontools.PowerShell.Cmdlets.ReceiveCtWebhook'
    }

    It 'refuses a -Path outside the -Prefix before listening' {
        { Receive-CtWebhook -Prefix "http://127.0.0.1:$Port/hooks/" -Path '/other' -Timeout 1 } |
            Should -Throw -ErrorId 'Coupontools.PathOutsidePrefix,Coupontools.PowerShell.Cmdlets.ReceiveCtWebhook'
        Test-PortFree $Port | Should -BeTrue
    }

    It 'load: 1,000 events plus 200 duplicates from 8 concurrent senders are each written exactly once' {
        $ids = 1..1000 | ForEach-Object { 'evt_Load{0:d5}' -f $_ }
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $heapBefore = [GC]::GetTotalMemory($true)
        $job = Start-Sender $Port -Arguments (, $ids) -Script {
            $all = $Arguments[0]
            1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                $sender = $_
                $http = [Net.Http.HttpClient]::new()
                $codes = [Collections.Generic.List[int]]::new()
                $mine = @($using:all | Select-Object -Skip (($sender - 1) * 125) -First 125)
                for ($i = 0; $i -lt $mine.Count; $i++) {
                    $bodies = @('{"id":"' + $mine[$i] + '","type":"coupon_validated"}')
                    if ($i -gt 0 -and $i % 5 -eq 1) { $bodies += '{"id":"' + $mine[$i - 1] + '","type":"coupon_validated"}' }
                    foreach ($b in $bodies) {
                        $content = [Net.Http.StringContent]::new($b, [Text.Encoding]::UTF8, 'application/json')
                        $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($using:ClientSecret))
                        $content.Headers.Add('x-hmac', [Convert]::ToHexString($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($b))).ToLowerInvariant())
                        $codes.Add([int]$http.PostAsync("http://127.0.0.1:$using:Port/", $content).GetAwaiter().GetResult().StatusCode)
                    }
                }
                $http.Dispose()
                $codes
            }
        }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $events = [Collections.Generic.List[object]]::new()
        Receive-CtWebhook -Port $Port -Count 1000 -Timeout 25 | ForEach-Object { $events.Add($_) }
        $seconds = $watch.Elapsed.TotalSeconds
        $codes = @($job | Wait-Job -Timeout 20 | Receive-Job)
        $codes.Count | Should -Be 1200
        @($codes | Where-Object { $_ -ne 200 }).Count | Should -Be 0
        $events.Count | Should -Be 1000
        @($events.EventId | Sort-Object -Unique).Count | Should -Be 1000
        Compare-Object ($events.EventId | Sort-Object) $ids | Should -BeNullOrEmpty
        $events.Clear(); $events = $null
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        ([GC]::GetTotalMemory($true) - $heapBefore) / 1MB | Should -BeLessThan 20
        Write-Host ("    load: 1200 deliveries (1000 distinct) from 8 senders in {0:n2} s = {1:n0} deliveries/s" -f $seconds, (1200 / $seconds))
    }
}

Describe 'Signed deliveries (x-hmac)' {
    BeforeEach {
        Start-HookTest
    }

    It 'answers a tampered body, a wrong secret and a missing header 401 and writes nothing of them' {
        $good = Body 'evt_Signed0000000001'
        $tampered = Body 'evt_Signed0000000002'
        $job = Start-Sender $Port -Arguments $good, $tampered, (Get-Hmac $tampered -Key 'not-the-secret'), (Get-Hmac $good) -Script {
            Send-Body $Arguments[1] -Signature $Arguments[3]          # the good body's HMAC on another body
            Send-Body $Arguments[1] -Signature $Arguments[2]          # signed with another secret
            Send-Body $Arguments[1] -Unsigned                         # no x-hmac at all
            Send-Body $Arguments[1] -Signature 'not-a-signature'      # neither hex nor base64
            Send-Body $Arguments[0]
        }
        $events = @(Receive-CtWebhook -Port $Port -Count 1 -Timeout 15 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 401, 401, 401, 401, 200
        $events.EventId | Should -Be 'evt_Signed0000000001'
        $failures.Count | Should -Be 4
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | Sort-Object -Unique) | Should -Be 'Coupontools.WebhookSignatureInvalid'
        $failures[0].Exception.Message | Should -Match 'does not match the body'
        $failures[2].Exception.Message | Should -Match 'no x-hmac header'
        $failures[0].TargetObject.StatusCode | Should -Be 401
        ($failures | Out-String) | Should -Not -Match ([regex]::Escape($Sim.ClientSecret))
        ($failures | Out-String) | Should -Not -Match (Get-Hmac $tampered)
    }

    It 'accepts base64 and uppercase hex, finds the header whatever its case, and checks with -Secret when there is no connection' {
        Disconnect-CtAccount
        $body = Body 'evt_Base64000000001'
        $upper = Body 'evt_UpperHex00000001'
        $job = Start-Sender $Port -Arguments $body, (Get-Hmac $body -Base64), $upper, (Get-Hmac $upper).ToUpperInvariant() -Script {
            Send-Body $Arguments[0] -Signature $Arguments[1]
            Send-Body $Arguments[2] -Signature $Arguments[3] -HeaderName 'X-HMAC'
        }
        $events = @(Receive-CtWebhook -Port $Port -Secret $Secret -Count 2 -Timeout 15)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 200, 200
        $events.EventId | Should -Be 'evt_Base64000000001', 'evt_UpperHex00000001'
    }

    It 'refuses to start without a secret unless -AllowUnsigned, which accepts an unsigned delivery' {
        Disconnect-CtAccount
        { Receive-CtWebhook -Port $Port -Timeout 1 } | Should -Throw -ErrorId 'Coupontools.WebhookSecretMissing,Coupontools.PowerShell.Cmdlets.ReceiveCtWebhook'
        Test-PortFree $Port | Should -BeTrue
        $job = Start-Sender $Port -Arguments (Body 'evt_Unsigned00000001') -Script { Send-Body $Arguments[0] -Unsigned }
        $events = @(Receive-CtWebhook -Port $Port -AllowUnsigned -Count 1 -Timeout 15)
        $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 200
        $events.EventId | Should -Be 'evt_Unsigned00000001'
    }

    It 'receives each of the seven printed types from the simulator, signed, as its own class' {
        $types = 'coupon_claimed', 'coupon_created', 'subaccount_created', 'loyalty_complete', 'loyalty_v3_created', 'lp_submission', 'directory_registration'
        $job = Start-Sender $Port -Arguments (, $types) -Script {
            foreach ($type in $Arguments[0]) { $null = Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body (@{ type = $type } | ConvertTo-Json) }
        }
        $events = @(Receive-CtWebhook -Port $Port -Count 7 -Timeout 20)
        $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        $events.Type | Should -Be $types
        @($events | ForEach-Object { $_.GetType().Name }) | Should -Be 'CouponClaimedEvent', 'CouponCreatedEvent', 'SubaccountCreatedEvent', 'LoyaltyCompleteEvent',
            'LoyaltyV3CreatedEvent', 'LandingPageSubmissionEvent', 'DirectoryRegistrationEvent'
        $events[6].EventId | Should -Match '^\d+$'
        $events[0].Customer.Email | Should -Be 'info@email.com'
        @((Wait-Deliveries 7).status) | Should -Be (@(200) * 7)
    }

    It 'the simulator re-sends a delivery that got no 2xx until one arrives' {
        $null = Invoke-CtSimControl -Method POST -Path webhook -Body @{ url = "http://127.0.0.1:$Port/"; retryMs = 300; retryForMs = 60000 }
        $fired = Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ type = 'coupon_claimed' }   # nobody listens yet
        $null = Wait-Deliveries 2
        $events = @(Receive-CtWebhook -Port $Port -Count 1 -Timeout 15)
        $events.EventId | Should -Be $fired.webhook
        $all = Wait-Deliveries 3 { param($l) $l[-1].status -eq 200 }
        $log = @($all | Where-Object webhook -EQ $fired.webhook)
        $log.Count | Should -BeGreaterOrEqual 3
        $log[0].status | Should -Be 0
        $log[-1].status | Should -Be 200
        $log[-1].attempt | Should -Be $log.Count
        Start-Sleep -Milliseconds 900
        @((Invoke-CtSimControl -Method GET -Path deliveries).deliveries).Count | Should -Be $log.Count -Because 'a 2xx ends the re-sending'
    }
}

Describe 'Receive-CtWebhook -StateFile' {
    BeforeEach {
        Start-HookTest
        $script:State = Join-Path $TestDrive "state-$Port.txt"
    }

    It 'writes no event twice across a restart: a delivery sent again is answered 200 and not written' {
        $first = $null
        $job = Start-Sender $Port -Script { Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body '{"type":"coupon_claimed"}' }
        $run1 = @(Receive-CtWebhook -Port $Port -StateFile $State -Count 1 -Timeout 15)
        $first = $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        $run1.EventId | Should -Be $first.webhook
        Test-PortFree $Port | Should -BeTrue

        # The restart: the vendor sends the same delivery again (its 2xx came too late), then a new one.
        $job = Start-Sender $Port -Arguments $first.webhook -Script {
            $null = Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/redeliver" -ContentType 'application/json' -Body (@{ webhook = $Arguments[0] } | ConvertTo-Json)
            Start-Sleep -Milliseconds 300
            Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body '{"type":"coupon_claimed"}'
        }
        $run2 = @(Receive-CtWebhook -Port $Port -StateFile $State -Count 1 -Timeout 15 -Verbose 4>&1)
        $second = $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        $written = @($run2 | Where-Object { $_ -is [Coupontools.WebhookEvent] })
        $written.EventId | Should -Be $second.webhook
        ($run2 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n" | Should -Match "Duplicate delivery of $($first.webhook)"
        $log = @((Invoke-CtSimControl -Method GET -Path deliveries).deliveries)
        @($log | Where-Object webhook -EQ $first.webhook).status | Should -Be 200, 200 -Because 'the copy is acknowledged, so the vendor stops sending it'
        (Get-Content -LiteralPath $State) | Should -HaveCount 3
    }

    It 'refuses a state file that is not one, and names it' {
        Set-Content -LiteralPath $State -Value 'my own notes'
        { Receive-CtWebhook -Port $Port -StateFile $State -Timeout 1 } | Should -Throw -ErrorId 'Coupontools.WebhookStateFileInvalid,Coupontools.PowerShell.Cmdlets.ReceiveCtWebhook'
        Get-Content -LiteralPath $State | Should -Be 'my own notes'
        Test-PortFree $Port | Should -BeTrue
    }
}

Describe 'The simulator delivers the printed payload shapes' {
    BeforeAll {
        Reset-CtSimulator
        $contract = Read-CtJson (Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../api/contract-2025.json') -Raw)
        $script:Printed = @{}
        foreach ($e in ($contract | Where-Object { [string]$_['id'] -eq 'webhook_deliveries' })['events']) { $Printed[[string]$e['type']] = $e['example_payload'] }
    }

    It '<_>: keys in order and JSON types as printed, id and datetime in the printed form, signed with the client secret' -ForEach @(
        'coupon_claimed', 'coupon_created', 'subaccount_created', 'loyalty_complete', 'loyalty_v3_created', 'lp_submission', 'directory_registration') {
        $fired = Invoke-CtSimControl -Method POST -Path webhook/fire -Body @{ type = $_; deliver = $false }
        $delivered = Read-CtJson $fired.body
        # Values are the simulator's (its campaign, its codes); the ids are random, so they are checked by form below.
        $differences = @(Compare-CtJson $Printed[$_] $delivered -TypesOnly)
        $differences | Should -BeNullOrEmpty -Because "the delivered $_ must have the printed shape:`n$($differences -join "`n")"
        $idForm = if ($_ -eq 'directory_registration') { '^\d+$' } else { '^evt_[A-Za-z0-9]{20}$' }
        [string]$delivered['id'] | Should -Match $idForm
        [string]$delivered['datetime'] | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$'
        [string]$delivered['type'] | Should -Be $_
        $fired.signature | Should -Be (Get-Hmac $fired.body)
    }

    It 'the shape comparison catches a reordered key, a number for a string and a missing key' {
        $printed = $Printed['coupon_created']
        $reordered = Read-CtJson '{"id":"evt_x","type":"coupon_created","datetime":"2022-01-14 10:40:38","coupon":"cam_1","subaccount":"sub_1"}'
        $number = Read-CtJson '{"id":"evt_x","datetime":"2022-01-14 10:40:38","type":"coupon_created","coupon":"cam_1","subaccount":3427}'
        $missing = Read-CtJson '{"id":"evt_x","datetime":"2022-01-14 10:40:38","type":"coupon_created","coupon":"cam_1"}'
        foreach ($wrong in $reordered, $number, $missing) { @(Compare-CtJson $printed $wrong -TypesOnly) | Should -Not -BeNullOrEmpty }
    }
}

Describe 'examples/redeemed-listener.ps1' {
    BeforeAll { Reset-CtSimulator; Connect-Sim }

    It 'logs a claimed coupon delivered by the simulator' {
        $port = Get-FreePort
        Register-Hook $port
        $log = Join-Path $TestDrive 'claimed.log'
        $code = Get-SessionCode 2
        $saved = $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET, $env:COUPONTOOLS_BASE_URI, $env:PSModulePath
        try {
            $env:COUPONTOOLS_CLIENT_ID = $Sim.ClientId
            $env:COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
            $env:COUPONTOOLS_BASE_URI = $Sim.Url
            $env:PSModulePath = (Split-Path (Split-Path (Split-Path (Get-CtTestModulePath)))) + [IO.Path]::PathSeparator + $env:PSModulePath
            $job = Start-Sender $port -Arguments $code, $Campaign -Script {
                $body = @{ type = 'coupon_validated'; campaign = $Arguments[1]; session = $Arguments[0] } | ConvertTo-Json
                $null = Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body $body   # not a claim: not logged
                $body = @{ type = 'coupon_claimed'; campaign = $Arguments[1]; session = $Arguments[0] } | ConvertTo-Json
                $null = Invoke-RestMethod -Method Post -Uri "$SimUrl/_sim/webhook/fire" -ContentType 'application/json' -Body $body
            }
            & (Join-Path $PSScriptRoot '../../examples/redeemed-listener.ps1') -Port $port -LogPath $log -StateFile (Join-Path $TestDrive 'claimed.state') -Count 1 -Timeout 15
            $job | Wait-Job -Timeout 10 | Receive-Job -ErrorAction Stop
        }
        finally {
            $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET, $env:COUPONTOOLS_BASE_URI, $env:PSModulePath = $saved
        }
        Get-Content -LiteralPath $log | Should -Match "^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d $Campaign $code info@email.com$"
    }
}
