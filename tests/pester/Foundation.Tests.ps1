# The foundation: connecting, the current connection, Invoke-CtApi, Get-CtCampaign, secrets in
# the streams, and the module's manifest and exports.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Module = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $script:Secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force

    function Connect-Sim { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri $Sim.Url -RetryBaseDelayMilliseconds 1 @args }
    function Get-RequestCount { param([string]$Path) $stats = Get-CtSimStats; if ($Path) { [int]($stats.requests.$Path) } else { [int]$stats.total } }
}

AfterAll {
    Stop-CtSimulator $Sim
}

Describe 'Connect-CtAccount' {
    BeforeEach { Reset-CtSimulator }

    It 'connects with a client id and secret and checks them with one request' {
        $conn = Connect-Sim -PassThru
        $conn | Should -BeOfType Coupontools.Connection
        $conn.ClientId | Should -Be $Sim.ClientId
        $conn.BaseUri.AbsoluteUri | Should -Be "$($Sim.Url)/"
        (Get-CtConnection).ConnectionId | Should -Be $conn.ConnectionId
        Get-RequestCount | Should -Be 1
    }

    It 'connects with a PSCredential whose user name is the client id' {
        $credential = [pscredential]::new($Sim.ClientId, $Secret)
        $conn = Connect-CtAccount -Credential $credential -BaseUri $Sim.Url -PassThru
        $conn.ClientId | Should -Be $Sim.ClientId
    }

    It 'refuses bad credentials with Coupontools.Unauthorized quoting Coupontools error 1000 and keeps the previous connection' {
        $good = Connect-Sim -PassThru
        $bad = ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force
        $err = { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $bad -BaseUri $Sim.Url } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.Unauthorized*'
        $err.Exception.Message | Should -Match 'Coupontools error 1000'
        $err.Exception.Message | Should -Match 'Check'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        (Get-CtConnection).ConnectionId | Should -Be $good.ConnectionId
    }

    It 'reads the client id, secret and base URI from the environment' {
        $saved = $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET, $env:COUPONTOOLS_BASE_URI
        try {
            $env:COUPONTOOLS_CLIENT_ID = $Sim.ClientId
            $env:COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
            $env:COUPONTOOLS_BASE_URI = $Sim.Url
            $conn = Connect-CtAccount -PassThru
            $conn.ClientId | Should -Be $Sim.ClientId
            $conn.BaseUri.AbsoluteUri | Should -Be "$($Sim.Url)/"
        }
        finally {
            $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET, $env:COUPONTOOLS_BASE_URI = $saved
        }
    }

    It 'says what to do when no credentials are given, before any request' {
        $saved = $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET
        try {
            $env:COUPONTOOLS_CLIENT_ID = $null
            $env:COUPONTOOLS_CLIENT_SECRET = $null
            $err = { Connect-CtAccount -BaseUri $Sim.Url } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.NoCredentials*'
            $err.Exception.Message | Should -Match 'COUPONTOOLS_CLIENT_ID'
        }
        finally {
            $env:COUPONTOOLS_CLIENT_ID, $env:COUPONTOOLS_CLIENT_SECRET = $saved
        }
        Get-RequestCount | Should -Be 0
    }

    It 'refuses plain http to a host that is not loopback, before any request' {
        $err = { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri 'http://api4coupons.com' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidConnectionSettings*'
        $err.Exception.Message | Should -Match 'plain http'
        Get-RequestCount | Should -Be 0
    }

    It 'makes no request with -SkipCheck' {
        $null = Connect-Sim -SkipCheck
        Get-RequestCount | Should -Be 0
    }

    It 'fails with Coupontools.ConnectionFailed when nothing listens at the base URI' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $err = { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri "http://127.0.0.1:$port" -MaxRetryCount 0 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.ConnectionFailed*'
    }
}

Describe 'Get-CtConnection and Disconnect-CtAccount' {
    It 'shows no secret in any property, view, string or JSON form' {
        $conn = Connect-Sim -PassThru
        $texts = @(
            ($conn | Format-List * | Out-String)
            ($conn | Format-Table * | Out-String)
            ($conn | Out-String)
            "$conn"
            ($conn | ConvertTo-Json -Depth 5)
        )
        $conn | Export-Csv -Path (Join-Path $TestDrive 'conn.csv')
        $texts += Get-Content -Raw (Join-Path $TestDrive 'conn.csv')
        foreach ($text in $texts) { $text | Should -Not -Match ([regex]::Escape($Sim.ClientSecret)) }
        ($conn | Format-List * | Out-String) | Should -Match $Sim.ClientId
    }

    It 'closes the current connection so API cmdlets say Coupontools.NotConnected' {
        $null = Connect-Sim
        Disconnect-CtAccount
        Get-CtConnection | Should -BeNullOrEmpty
        $err = { Get-CtCampaign } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotConnected*'
        $err.Exception.Message | Should -Match 'Connect-CtAccount'
    }

    It 'refuses a closed connection passed explicitly' {
        $conn = Connect-Sim -PassThru
        Disconnect-CtAccount -Connection $conn
        $err = { Get-CtCampaign -Connection $conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.Disconnected*'
    }
}

Describe 'Get-CtCampaign' {
    BeforeAll { $null = Connect-Sim }
    BeforeEach { Reset-CtSimulator }

    It 'lists every campaign as Coupontools.Campaign in one request' {
        $campaigns = @(Get-CtCampaign)
        $campaigns.Count | Should -BeGreaterThan 3
        $campaigns | ForEach-Object { $_ | Should -BeOfType Coupontools.Campaign }
        $campaigns[0].PSObject.TypeNames[0] | Should -Be 'Coupontools.Campaign'
        $campaigns.Id | ForEach-Object { $_ | Should -Match '^cam_\d+$' }
        Get-RequestCount '/v3/coupon/list' | Should -Be 1
    }

    It 'filters to active campaigns' {
        $all = @(Get-CtCampaign)
        $active = @(Get-CtCampaign -ActiveOnly)
        $active.Count | Should -BeLessThan $all.Count
        $active | ForEach-Object { $_.IsActive | Should -BeTrue }
    }

    It 'gets one campaign by prefixed id or by the bare number' {
        $first = (Get-CtCampaign)[0]
        $number = $first.Id -replace '^cam_'
        (Get-CtCampaign -Id $first.Id).Name | Should -Be $first.Name
        (Get-CtCampaign -Id $number).Id | Should -Be $first.Id
    }

    It 'takes ids from the pipeline, as strings and as campaign objects' {
        $ids = @(Get-CtCampaign | Select-Object -First 3).Id
        @($ids | Get-CtCampaign).Id | Should -Be $ids
        @(Get-CtCampaign | Select-Object -First 3 | Get-CtCampaign).Id | Should -Be $ids
    }

    It 'writes a non-terminating Coupontools.NotFound error for an unknown id and goes on' {
        $known = (Get-CtCampaign)[0].Id
        $found = @(Get-CtCampaign -Id 'cam_999999', $known -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $known
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $failures[0].TargetObject | Should -Be 'cam_999999'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'rejects a malformed id during binding, before any request' {
        foreach ($bad in 'abc', 'sub_12', 'cam_', '', ' ', 'cam_1; drop table') {
            { Get-CtCampaign -Id $bad -ErrorAction Stop } | Should -Throw -ExpectedMessage '*campaign id*'
        }
        Get-RequestCount | Should -Be 0
    }

    It 'retries a read after a 502 and succeeds' {
        Invoke-CtSimControl -Method POST -Path faults -Body @{ path = '/v3/coupon/list'; faults = @(@{ status = 502 }) } | Out-Null
        @(Get-CtCampaign).Count | Should -BeGreaterThan 0
        Get-RequestCount '/v3/coupon/list' | Should -Be 2
    }

    It 'writes one verbose line per request with method, path, status and milliseconds' {
        $lines = @(Get-CtCampaign -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $lines.Count | Should -Be 1
        $lines[0].Message | Should -Match '^POST /v3/coupon/list -> 200 OK in \d+ ms'
    }
}

Describe 'Invoke-CtApi' {
    BeforeAll { $null = Connect-Sim }

    It 'returns the reply without its envelope' {
        $reply = Invoke-CtApi -Path v3/coupon/list
        $reply.PSObject.Properties.Name | Should -Not -Contain 'status'
        @($reply.coupon_info).Count | Should -BeGreaterThan 0
    }

    It 'turns a failed reply into a non-terminating error with the API code' {
        $null = Invoke-CtApi -Path v3/coupon/info -Body @{ campaign = 'cam_999999' } -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $failures[0].Exception.ErrorCodes | Should -Contain 502
    }

    It 'refuses a path outside the API before any request' {
        Reset-CtSimulator
        foreach ($bad in 'https://evil.example/v3/x', '../v3/coupon/list', 'v3/../../etc', 'v5/x') {
            { Invoke-CtApi -Path $bad -ErrorAction Stop } | Should -Throw
        }
        Get-RequestCount | Should -Be 0
    }
}

Describe 'No secret in any stream' {
    It 'keeps the client secret out of a whole -Verbose -Debug session and its transcript' {
        $transcript = Join-Path $TestDrive 'session.txt'
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $Url, $Id, $SecretText, $Transcript)
                $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
                Start-Transcript -Path $Transcript | Out-Null
                Import-Module $ModulePath
                $secure = ConvertTo-SecureString $SecretText -AsPlainText -Force
                Connect-CtAccount -ClientId $Id -ClientSecret $secure -BaseUri $Url -Verbose -Debug
                Get-CtCampaign -Verbose -Debug | Out-String
                Get-CtCampaign -Id cam_999999 -Verbose -Debug -ErrorAction Continue
                Invoke-CtApi -Path v3/coupon/info -Body @{ campaign = 'cam_1001'; password = 'Pa55-in-body' } -Verbose -Debug | Out-String
                try { Connect-CtAccount -ClientId $Id -ClientSecret (ConvertTo-SecureString 'x-wrong' -AsPlainText -Force) -BaseUri $Url -Verbose -Debug } catch { $_ | Out-String }
                Get-CtConnection | Format-List * | Out-String
                Stop-Transcript | Out-Null
            }).AddArgument($Module.Path).AddArgument($Sim.Url).AddArgument($Sim.ClientId).AddArgument($Sim.ClientSecret).AddArgument($transcript)
        $output = $ps.Invoke()
        $streams = @($output) + @($ps.Streams.Verbose) + @($ps.Streams.Debug) + @($ps.Streams.Error) + @($ps.Streams.Warning) + @($ps.Streams.Information)
        $ps.Dispose()
        $all = ($streams | ForEach-Object { "$_" }) -join "`n"
        $all += Get-Content -Raw $transcript
        @($streams | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        $all | Should -Match 'POST /v3/coupon/list'
        $all | Should -Not -Match ([regex]::Escape($Sim.ClientSecret))
        $all | Should -Not -Match 'Pa55-in-body'
    }
}

Describe 'The module' {
    It 'exports exactly the cmdlets its assembly defines' {
        $defined = $Module.ImplementingAssembly.GetTypes() |
            Where-Object { -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        $manifest = Import-PowerShellDataFile $Module.Path.Replace('.dll', '.psd1')
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be @($defined | Sort-Object)
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
    }

    It 'has a manifest that passes Test-ModuleManifest' {
        $psd1 = Get-CtTestModulePath
        $info = Test-ModuleManifest -Path $psd1 -ErrorAction Stop
        $info.Version | Should -Be (Import-PowerShellDataFile $psd1).ModuleVersion
        (Get-Item (Join-Path (Split-Path $psd1) 'Coupontools.dll')).VersionInfo.FileVersion | Should -BeLike "$($info.Version)*"
    }
}

Describe 'The simulator answers every path of the catalogue' {
    BeforeAll {
        $script:Headers = @{ 'X-Client-Id' = $Sim.ClientId; 'X-Client-Secret' = $Sim.ClientSecret }
        $script:Endpoints = @([Coupontools.Client.Endpoints.EndpointCatalog]::All | Where-Object Path)
    }

    It 'answers every legacy path with the API envelope, never "unknown endpoint"' {
        $legacy = @($Endpoints | Where-Object IsLegacy)
        $legacy.Count | Should -BeGreaterThan 40
        foreach ($endpoint in $legacy) {
            $reply = Invoke-WebRequest -Method Post -Uri "$($Sim.Url)$($endpoint.Path)" -Headers $Headers -Body '{}' -ContentType 'application/json' -SkipHttpErrorCheck
            $json = $reply.Content | ConvertFrom-Json
            $json.status | Should -Not -BeNullOrEmpty -Because $endpoint.Path
            "$($reply.Content)" | Should -Not -Match 'Unknown endpoint' -Because $endpoint.Path
        }
    }

    It 'answers every path of the REST family with bare JSON, given real ids, and 401 without credentials' {
        $rest = @($Endpoints | Where-Object { -not $_.IsLegacy })
        $rest.Count | Should -Be 23   # every v4-rest endpoint of api/contract-2025.json
        $bodies = @{ v4_directory_send_email = '{"receiver":"ann@example.com"}'; v4_directory_send_sms = '{"receiver":"+32470123456"}' }
        # The wallet calls whose fields are required (user 70001 of card 2001 has reward 1 to use).
        $bodies += @{ v4_loyalty_users_bulk = '[{"first_name":"Ann"}]'; v4_loyalty_user_add_stamps = '{"amount":1}'; v4_loyalty_user_use_rewards = '{"reward_ids":[1]}'; v4_loyalty_push = '{"message":"Hi"}' }
        $bodies += @{ v4_directory_user_create = '{"email":"foundation@example.com"}' }
        $restHeaders = @{ 'x-api-key' = $Sim.ClientId; 'x-api-secret' = $Sim.ClientSecret }
        $cardUser = (Invoke-RestMethod -Uri "$($Sim.Url)/v4/loyalty/loyalty-cards/2001/stats" -Headers $restHeaders)[0].id
        $directoryUser = (Invoke-RestMethod -Uri "$($Sim.Url)/v4/directory/3001/users" -Headers $restHeaders)[0].id
        foreach ($endpoint in $rest) {
            $path = $endpoint.Path -replace '\{loyaltyCardId\}', '2001' -replace '\{userId\}', $(if ($endpoint.Path -like '/v4/loyalty/*') { $cardUser } else { $directoryUser })
            $path = $path -replace '\{id\}', $(if ($path -like '/v4/loyalty/*') { '2001' } else { '3001' })
            $body = if ($bodies.ContainsKey($endpoint.Action)) { @{ Body = $bodies[$endpoint.Action]; ContentType = 'application/json' } } else { @{} }
            $reply = Invoke-WebRequest -Method $endpoint.Method -Uri "$($Sim.Url)$path" -Headers $restHeaders -SkipHttpErrorCheck @body
            $reply.StatusCode | Should -BeLessThan 300 -Because "$($endpoint.Method) $path"
            $json = $reply.Content | ConvertFrom-Json
            $json | Should -Not -BeNullOrEmpty -Because "$($endpoint.Method) $path"
            # No envelope: a 'status' key, where there is one (directory send), is a plain value, never {"status":"OK"}.
            if ($json.PSObject.Properties['status']) { $json.status | Should -BeOfType ([string]) -Because "$($endpoint.Method) $path has no envelope" }
        }
        (Invoke-WebRequest -Uri "$($Sim.Url)/v4/directory" -SkipHttpErrorCheck).StatusCode | Should -Be 401
        (Invoke-WebRequest -Uri "$($Sim.Url)/v4/directory/999" -Headers $restHeaders -SkipHttpErrorCheck).StatusCode | Should -Be 404
    }
}
