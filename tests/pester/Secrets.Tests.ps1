# No secret anywhere: a session that runs every exported cmdlet (each parameter set) with -Verbose
# and -Debug forced on, under a transcript, plus failures whose replies carry secrets, the
# connection's list view and JSON, and every error record's views and JSON. The client secret,
# every subaccount's api_key and api_secret (read from the simulator directly, not through the
# module) and every password used must appear nowhere in any stream, the transcript or a view.
# tools/Invoke-SecretsScan.ps1 runs the same check over the whole Pester suite.
# COUPONTOOLS_SECRETS_DUMP=<folder> writes each scanned text there, to look at by hand.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $script:Module = Import-CtBuiltModule

    $script:SubaccountSecrets = Get-CtSubaccountSecret -Sim $Sim
    $script:Passwords = @('Pw-Subaccount-8842!', 'Pw-Update-5531?', 'Pin-InBody-7719', 'Pw-Valid-Call-2291', 'Pw-Plain-Body-6612')
    $script:Secrets = @($Sim.ClientSecret) + $SubaccountSecrets + $Passwords

    $connection = Connect-CtTestAccount -Sim $Sim
    $fixture = Get-CtTestFixture -Sim $Sim -Connection $connection
    $password = ConvertTo-SecureString -String 'Pw-Valid-Call-2291' -AsPlainText -Force
    # Values made by script blocks (a fresh connection to close, a new session to remove) are made here.
    $script:Calls = @(Get-CtValidCall -Fixture $fixture -Sim $Sim -Connection $connection -Password $password | ForEach-Object {
            [pscustomobject]@{ Cmdlet = $_.Cmdlet; Set = $_.Set; Parameters = (Resolve-CtCallParameters $_.Parameters) }
        })
    Disconnect-CtAccount -Connection $connection

    # The session runs in its own runspace so every stream, the host and the transcript are its own.
    $transcript = Join-Path $TestDrive 'secrets-session.txt'
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($ModulePath, $Sim, $Calls, $Transcript, $Passwords, $Subaccount)
            Set-StrictMode -Version Latest
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $PSDefaultParameterValues['*:Verbose'] = $true
            $PSDefaultParameterValues['*:Debug'] = $true
            $ProgressPreference = 'SilentlyContinue'
            Start-Transcript -Path $Transcript -IncludeInvocationHeader | Out-Null
            Import-Module $ModulePath
            $env:COUPONTOOLS_CLIENT_ID = $Sim.ClientId
            $env:COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
            $secure = ConvertTo-SecureString -String $Sim.ClientSecret -AsPlainText -Force
            $conn = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secure -BaseUri $Sim.Url -PassThru -MaxRetryCount 1 -RetryBaseDelayMilliseconds 1
            $ran = [System.Collections.Generic.List[string]]::new()

            # Every cmdlet, every parameter set, the way a user would run it (views rendered).
            foreach ($call in $Calls) {
                $parameters = $call.Parameters
                $out = & $call.Cmdlet @parameters 2>&1
                $out | Format-List * -Force | Out-String | Out-Host
                $out | Format-Table | Out-String | Out-Host
                $out | ForEach-Object { "$_" } | Out-Host
                $ran.Add("$($call.Cmdlet)/$($call.Set)")
                if ($call.Cmdlet -eq 'Connect-CtAccount' -or $call.Cmdlet -eq 'Disconnect-CtAccount') { $conn = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secure -BaseUri $Sim.Url -PassThru -MaxRetryCount 1 -RetryBaseDelayMilliseconds 1 }
            }

            # Secrets in request bodies: a password, a SecureString under a harmless name, a plain password field.
            New-CtSubaccount -Email 'secret.scan@example.com' -Password (ConvertTo-SecureString $Passwords[0] -AsPlainText -Force) -Confirm:$false | Format-List * | Out-String | Out-Host
            Set-CtSubaccount -Id $Subaccount -Package pac_2 -PassThru -Confirm:$false | Format-List * | Out-String | Out-Host
            Invoke-CtApi -Method Put -Path v4/loyalty/loyalty-cards/2001/stats/70001 -Body @{ first_name = 'Ann'; pin = (ConvertTo-SecureString $Passwords[1] -AsPlainText -Force) } | Out-String | Out-Host
            New-CtTeammateSsoUrl -Id 9001 -Confirm:$false | Format-List * -Force | Out-String | Out-Host
            Invoke-CtApi -Path v3/coupon/info -Body @{ campaign = 'cam_1001'; pin = (ConvertTo-SecureString $Passwords[2] -AsPlainText -Force) } | Out-String | Out-Host
            Invoke-CtApi -Path v3/coupon/info -Body @{ campaign = 'cam_1001'; password = $Passwords[4] } | Out-String | Out-Host
            Get-CtSubaccount | ConvertTo-Json -Depth 5 | Out-Host
            Get-CtSubaccount | Format-List * -Force | Out-String | Out-Host

            # Replies that carry secrets: an error message quoting the secret, a proxy page echoing the
            # request headers, a reply with subaccount keys cut where the display cut falls.
            $echo = "<html><body><pre>X-Client-Id: $($Sim.ClientId)`nX-Client-Secret: $($Sim.ClientSecret)</pre></body></html>"
            $restEcho = '{"message":"x-api-secret ' + $Sim.ClientSecret + ' is not valid"}'
            $restPage = "<html><body>x-api-key: $($Sim.ClientId) x-api-secret: $($Sim.ClientSecret)</body></html>"
            $quoted = '{"status":{"status":"failed","errors":{"error_code":[300],"error_message":"bad secret ' + $Sim.ClientSecret + '","error_message_description":["client_secret=' + $Sim.ClientSecret + '"]}}}'
            $long = '{"status":{"status":"failed"},"pad":"' + ('p' * 1990) + '","subaccount":{"api_key":"' + $Subaccount + '","api_secret":"' + $Passwords[3] + '"}}'
            $faults = @(
                @{ path = '/v3/coupon/info'; faults = @(@{ status = 422; body = $quoted }) }
                @{ path = '/v3/couponsession/update'; faults = @(@{ status = 502; html = $true; body = $echo; contentType = 'text/html' }) }
                @{ path = '/v3/coupon/list'; faults = @(@{ status = 400; body = $long }) }
                @{ path = '/v4/directory'; faults = @(@{ status = 401; body = $restEcho }) }
                @{ path = '/v4/loyalty/loyalty-cards'; faults = @(@{ status = 404; html = $true; body = $restPage; contentType = 'text/html' }) }
            )
            foreach ($fault in $faults) {
                # The test's own control call: its -Debug output would show the fault bodies, secrets included.
                $null = Invoke-RestMethod -Method Post -Uri "$($Sim.Url)/_sim/faults" -ContentType 'application/json' -Body (ConvertTo-Json $fault -Depth 5 -Compress) -Debug:$false -Verbose:$false
            }
            Get-CtCampaign -Id cam_1001
            Set-CtCouponSession -Id (Get-CtCampaignUsage -Campaign cam_1001 -First 1).Id -CustomField1 '7' -Confirm:$false
            Get-CtCampaign
            Get-CtCampaign -Id cam_999999
            Invoke-CtApi -Method Get -Path v4/directory -Debug
            Invoke-CtApi -Method Get -Path v4/loyalty/loyalty-cards
            try { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString "$($Sim.ClientSecret)-wrong" -AsPlainText -Force) -BaseUri $Sim.Url } catch { $_ | Format-List * -Force | Out-String | Out-Host }
            try { Connect-CtAccount -Credential ([pscredential]::new($Sim.ClientId, (ConvertTo-SecureString "x`n$($Sim.ClientSecret)" -AsPlainText -Force))) -BaseUri $Sim.Url } catch { $_ | Format-List * -Force | Out-String | Out-Host }
            # Webhook bodies whose x-hmac does not match, checked with the connection's secret and with -Secret.
            $hookBody = '{"id":"evt_SecretScan0000000001","datetime":"2026-01-01 00:00:00","type":"coupon_claimed"}'
            $hookBody | ConvertFrom-CtWebhook -Signature ('0' * 64)
            $hookBody | ConvertFrom-CtWebhook -Signature 'not-a-signature' -Secret $secure

            # The connection and every error record, as a user would look at them.
            Get-CtConnection | Format-List * -Force | Out-String | Out-Host
            Get-CtConnection | ConvertTo-Json -Depth 5 | Out-Host
            $conn | ConvertTo-Json -Depth 5 | Out-Host
            "$conn" | Out-Host
            $clock = [Diagnostics.Stopwatch]::StartNew()
            foreach ($record in @($Error)) {
                $record | Format-List * -Force | Out-String | Out-Host
                $record.Exception | Format-List * -Force | Out-String | Out-Host
            }
            # ConvertTo-Json -Depth 5 of an ErrorRecord walks its whole InvocationInfo (seconds each): the
            # newest error, an API error whose reply quoted the secret, and the refused connection.
            $samples = @($Error[0]) + @($Error | Where-Object { $_.FullyQualifiedErrorId -like 'Coupontools.InvalidArgument*' } | Select-Object -First 1) +
                @($Error | Where-Object { $_.FullyQualifiedErrorId -like 'Coupontools.Unauthorized*' } | Select-Object -First 1)
            # (The JSON, megabytes each, goes to the output stream, which is scanned, not to the transcript.)
            $json = foreach ($record in $samples) {
                $record | ConvertTo-Json -Depth 5 -Compress -WarningAction SilentlyContinue
            }
            Write-Host "error views: $($clock.Elapsed.TotalSeconds) s" 
            $errors = $Error.Count
            Stop-Transcript | Out-Null
            [pscustomobject]@{ Ran = $ran.ToArray(); Errors = $errors; Json = @($json) }
        }).AddParameters(@{
            ModulePath = $Module.Path; Sim = $Sim; Calls = $Calls; Transcript = $transcript; Passwords = $Passwords; Subaccount = $fixture.Subaccount
        })
    $output = @($ps.Invoke())
    $script:Summary = $output | Where-Object { $_.PSObject.Properties['Ran'] } | Select-Object -Last 1
    $script:Streams = [ordered]@{
        Output      = ((@($output | ForEach-Object { $_ | Format-List * -Force | Out-String }) + @($Summary.Json)) -join "`n")
        Error       = ($ps.Streams.Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }) -join "`n"
        Warning     = ($ps.Streams.Warning | ForEach-Object { "$_" }) -join "`n"
        Verbose     = ($ps.Streams.Verbose | ForEach-Object { "$_" }) -join "`n"
        Debug       = ($ps.Streams.Debug | ForEach-Object { "$_" }) -join "`n"
        Information = ($ps.Streams.Information | ForEach-Object { "$_" }) -join "`n"
        Transcript  = Get-Content -LiteralPath $transcript -Raw
    }
    $script:DebugCount = $ps.Streams.Debug.Count
    if ($env:COUPONTOOLS_SECRETS_DUMP) {
        $Streams.GetEnumerator() | ForEach-Object { Set-Content -LiteralPath (Join-Path $env:COUPONTOOLS_SECRETS_DUMP "$($_.Key).txt") -Value $_.Value }
    }
    $script:VerboseCount = $ps.Streams.Verbose.Count
    $ps.Dispose()
    Remove-Item Env:COUPONTOOLS_CLIENT_ID, Env:COUPONTOOLS_CLIENT_SECRET -ErrorAction Ignore
}

AfterAll {
    Stop-CtSimulator -Simulator $Sim
}

Describe 'No secret in any stream, view or JSON form' {
    It 'ran every exported cmdlet in every parameter set the session knows' {
        $expected = @($Module.ExportedCmdlets.Values | ForEach-Object { $c = $_; $c.ParameterSets | ForEach-Object { "$($c.Name)/$($_.Name)" } })
        @($expected | Where-Object { $_ -notin $Summary.Ran }) | Should -BeNullOrEmpty -Because 'every cmdlet and parameter set must be in Get-CtValidCall (tests/pester/RobustnessHelpers.psm1)'
        $VerboseCount | Should -BeGreaterThan 40
        $DebugCount | Should -BeGreaterThan 40
        $Summary.Errors | Should -BeGreaterThan 5 -Because 'the failures and their error records are part of what is scanned'
        @($Summary.Json).Count | Should -Be 3
        $Summary.Json | ForEach-Object { $_.Length | Should -BeGreaterThan 1000 }
    }

    It 'the secrets being looked for were found and are real' {
        $SubaccountSecrets.Count | Should -BeGreaterOrEqual 4
        $Streams.Transcript.Length | Should -BeGreaterThan 10000
        $Streams.Debug | Should -Match 'Request /v4/subaccount/create'
        $Streams.Debug | Should -Match '"password":"\*\*\*"'
        # The replies that carried secrets did arrive, masked.
        $Streams.Debug | Should -Match 'X-Client-Secret: \*\*\*'
        $Streams.Debug | Should -Match 'bad secret \*\*\*'
        $Streams.Error | Should -Match 'client_secret=\*\*\*'
    }

    It 'shows no secret in the <_> stream' -ForEach @('Output', 'Error', 'Warning', 'Verbose', 'Debug', 'Information', 'Transcript') {
        $text = $Streams[$_]
        $found = @($Secrets | Where-Object { $text.Contains($_) })
        $found | Should -BeNullOrEmpty
        # No recognisable part either: the first 10 characters of a secret cut short.
        $prefixes = @($Secrets | Where-Object { $_.Length -ge 16 } | ForEach-Object { $_.Substring(0, 10) } | Where-Object { $text.Contains($_) })
        $prefixes | Should -BeNullOrEmpty
    }
}
