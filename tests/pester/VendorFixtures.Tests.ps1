# The simulator answers each request of tests/fixtures/vendor-2025 with the reply the vendor printed:
# the same keys in the same order, the same JSON types and values (dynamic keys: type and shape only).
BeforeDiscovery {
    $fixtureDir = Join-Path $PSScriptRoot '../fixtures/vendor-2025'
    $script:fixtures = @(Get-ChildItem -LiteralPath $fixtureDir -Filter '*.json' -File | Where-Object Name -NE 'pending.json' |
        Sort-Object Name | ForEach-Object {
            $json = Get-Content -LiteralPath $_.FullName -Raw | ConvertFrom-Json -AsHashtable
            if ($json.ContainsKey('request')) { @{ Name = $_.Name; Path = $_.FullName } }   # webhook payloads have none
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'JsonCompare.psm1')
    $script:sim = Start-CtSimulator -ExtraArgs '--data', 'vendor-examples'   # only the vendor's example entities
    $contractFile = Join-Path $PSScriptRoot '../../api/contract-2025.json'
    $script:families = @{}
    foreach ($endpoint in (Get-Content -LiteralPath $contractFile -Raw | ConvertFrom-Json)) { $families[$endpoint.id] = $endpoint.family }
}

AfterAll { Stop-CtSimulator $sim }

Describe 'The simulator reproduces every printed reply' {
    It '<Name>' -ForEach $fixtures {
        $fixture = Read-CtJson (Get-Content -LiteralPath $Path -Raw)
        $request = $fixture['request']
        $family = $families[[string]$fixture['contract']]
        $headers = if ($family -eq 'v4-rest') { @{ 'x-api-key' = $sim.ClientId; 'x-api-secret' = $sim.ClientSecret } }
        else { @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret } }
        $call = @{ Method = [string]$request['method']; Uri = "$($sim.Url)$([string]$request['path'])"; Headers = $headers; SkipHttpErrorCheck = $true }
        if ($null -ne $request['body']) { $call.Body = $request['body'].ToString([Newtonsoft.Json.Formatting]::None); $call.ContentType = 'application/json' }

        Reset-CtSimulator
        # Requests that make the state the printed reply assumes (the update example names the subaccount the create
        # example made); a step's 'capture' names values of its reply that the request's body uses as "$name".
        $captured = @{}
        foreach ($step in @($fixture['setup'] | Where-Object { $_ })) {
            $prepare = @{ Method = [string]$step['method']; Uri = "$($sim.Url)$([string]$step['path'])"; Headers = $headers; SkipHttpErrorCheck = $true }
            if ($null -ne $step['body']) { $prepare.Body = $step['body'].ToString([Newtonsoft.Json.Formatting]::None); $prepare.ContentType = 'application/json' }
            $prepared = Invoke-WebRequest @prepare
            $prepared.StatusCode | Should -Be 200 -Because "the setup request $($step['path']) must succeed: $($prepared.Content)"
            $stepReply = Read-CtJson $prepared.Content
            if ($null -ne $step['capture']) {
                foreach ($capture in $step['capture'].Properties()) {
                    $captured[$capture.Name] = [string]$stepReply.SelectToken([string]$capture.Value, $true)
                }
            }
        }
        if ($captured.Count -and $call.Body) {
            $body = Read-CtJson $call.Body
            foreach ($field in @($body.Properties())) {
                $text = [string]$field.Value
                if ($text.StartsWith('$') -and $captured.ContainsKey($text.Substring(1))) { $field.Value = [Newtonsoft.Json.Linq.JValue]::new([string]$captured[$text.Substring(1)]) }
            }
            $call.Body = $body.ToString([Newtonsoft.Json.Formatting]::None)
        }
        $reply = Invoke-WebRequest @call
        $reply.StatusCode | Should -Be 200 -Because $reply.Content

        $expected = $fixture['reply']
        $dynamic = @($fixture['dynamic'] | ForEach-Object { [string]$_ })
        $differences = @(Compare-CtJson $expected (Read-CtJson $reply.Content) '' $dynamic)
        $differences | Should -BeNullOrEmpty -Because "the simulator's reply must be the printed one:`n$($differences -join "`n")"
    }
}
