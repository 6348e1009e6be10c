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
    $script:sim = Start-CtSimulator -ExtraArgs '--data', 'vendor-examples'   # only the vendor's example entities
    $contractFile = Join-Path $PSScriptRoot '../../api/contract-2025.json'
    $script:families = @{}
    foreach ($endpoint in (Get-Content -LiteralPath $contractFile -Raw | ConvertFrom-Json)) { $families[$endpoint.id] = $endpoint.family }

    function Read-Json([string]$Text) {
        $reader = [Newtonsoft.Json.JsonTextReader]::new([IO.StringReader]::new($Text))
        $reader.DateParseHandling = [Newtonsoft.Json.DateParseHandling]::None
        $reader.FloatParseHandling = [Newtonsoft.Json.FloatParseHandling]::Decimal
        , [Newtonsoft.Json.Linq.JToken]::ReadFrom($reader)   # the comma keeps PowerShell from unrolling the token
    }

    # Digits stand for digits and letters for letters: '2025-12-01 10:00:00' has the shape of '2019-01-26 19:29:00'.
    function Get-Shape([string]$Text) { ($Text -creplace '[0-9]', '9') -creplace '[A-Za-z]', 'a' }

    function Compare-Json($Expected, $Actual, [string]$Path, [string[]]$Dynamic) {
        $where = if ($Path) { $Path } else { '(root)' }
        if ($Expected.get_Type() -ne $Actual.get_Type()) { return "${where}: $($Actual.get_Type()) $($Actual.ToString([Newtonsoft.Json.Formatting]::None)), expected $($Expected.get_Type()) $($Expected.ToString([Newtonsoft.Json.Formatting]::None))" }
        switch ($Expected.get_Type()) {
            'Object' {
                $expectedNames = @($Expected.Properties() | ForEach-Object Name)
                $actualNames = @($Actual.Properties() | ForEach-Object Name)
                if (($expectedNames -join "`n") -cne ($actualNames -join "`n")) { return "${where}: keys [$($actualNames -join ', ')], expected [$($expectedNames -join ', ')]" }
                foreach ($name in $expectedNames) {
                    Compare-Json $Expected[$name] $Actual[$name] ($(if ($Path) { "$Path.$name" } else { $name })) $Dynamic
                }
            }
            'Array' {
                if ($Expected.Count -ne $Actual.Count) { return "${where}: $($Actual.Count) items, expected $($Expected.Count)" }
                for ($i = 0; $i -lt $Expected.Count; $i++) { Compare-Json $Expected[$i] $Actual[$i] "$Path[$i]" $Dynamic }
            }
            default {
                $e = $Expected.ToString([Newtonsoft.Json.Formatting]::None); $a = $Actual.ToString([Newtonsoft.Json.Formatting]::None)
                $same = if ($Dynamic -contains $Path) { (Get-Shape $e) -ceq (Get-Shape $a) } else { $e -ceq $a }
                if (-not $same) { "${where}: $a, expected $e" }
            }
        }
    }
}

AfterAll { Stop-CtSimulator $sim }

Describe 'The simulator reproduces every printed reply' {
    It '<Name>' -ForEach $fixtures {
        $fixture = Read-Json (Get-Content -LiteralPath $Path -Raw)
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
            $stepReply = Read-Json $prepared.Content
            if ($null -ne $step['capture']) {
                foreach ($capture in $step['capture'].Properties()) {
                    $captured[$capture.Name] = [string]$stepReply.SelectToken([string]$capture.Value, $true)
                }
            }
        }
        if ($captured.Count -and $call.Body) {
            $body = Read-Json $call.Body
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
        $differences = @(Compare-Json $expected (Read-Json $reply.Content) '' $dynamic)
        $differences | Should -BeNullOrEmpty -Because "the simulator's reply must be the printed one:`n$($differences -join "`n")"
    }
}
