# Bad input for every exported cmdlet and parameter, found by reflection (Get-Command), so a new
# cmdlet or parameter is covered as soon as it is exported. For each parameter, one valid call of a
# parameter set that has it (tests/pester/RobustnessHelpers.psm1) gets one invalid value at a time:
# wrong id prefix, empty, whitespace, 10 kB, control characters, non-BMP Unicode, SQL and script
# fragments, JSON injection, far-past and far-future dates, out-of-range numbers, wrong types.
# The call goes through a recording proxy in front of the simulator. Each value must be either
#  - rejected: an error with a message naming the parameter (or a Coupontools.* ErrorId), and no
#    request at all (the proxy saw nothing, and in the end the simulator counted only what the
#    proxy forwarded); or
#  - sent intact, where the value is legitimate (free text such as a message or a name): a request
#    body that is strict JSON and carries the value unchanged.
# Ids, choices (ValidateSet, enums), numbers and booleans must be rejected; nothing may go unhandled.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $module = Import-CtBuiltModule
    $script:CmdletNames = @($module.ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $script:Proxy = Start-CtRecordingProxy -Sim $Sim
    $direct = Connect-CtTestAccount -Sim $Sim
    $script:Fixture = Get-CtTestFixture -Sim $Sim -Connection $direct
    $script:Connection = Connect-CtTestAccount -Sim $Sim -Url $Proxy.Url -MaxRetryCount 0
    # The calls' own set-up requests (a subaccount to connect as, a session to remove) go through the proxy too.
    $script:Calls = @(Get-CtValidCall -Fixture $Fixture -Sim $Sim -Connection $Connection)
    $env:COUPONTOOLS_CLIENT_ID = $Sim.ClientId
    $env:COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
    Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true } | Out-Null
    $script:Tried = 0
    $script:Rejected = 0
    $script:SentIntact = 0

    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:Skipped = $common + @('InputObject')   # InputObject only carries the pipeline row (its TargetObject); its fields are parameters of their own
    $script:IdNames = 'Id', 'Campaign', 'Session', 'LoyaltyCard', 'User', 'Directory', 'EventId', 'Category', 'Package'
    $strictIdPattern = '^(?:Id|Campaign|Session|LoyaltyCard|User|Directory|EventId|Category|Package)$'
    $script:StrictIdPattern = $strictIdPattern

    $ten = 'A' * 10240
    $script:Texts = [ordered]@{
        'empty'          = ''
        'whitespace'     = " `t  "
        'wrong prefix'   = 'xyz_1001'
        '10 kB'          = $ten
        'control chars'  = "ab`u{0}c`u{7}d`r`ne`u{1b}[31mred`u{7f}"
        'non-BMP'        = "coupon `u{1F39F} `u{1D518}`u{1D52B}`u{1D526} `u{1F600}"
        'lone surrogate' = "half $([char]0xD83D) of an emoji"
        'SQL'            = "1' OR '1'='1'; DROP TABLE sessions; --"
        'script'         = '$(Remove-Item -Recurse ~); `whoami`; <script>alert(1)</script>'
        'JSON injection' = '","status":{"status":"OK"},"x":"'
        'path traversal' = '../../../etc/passwd'
    }
    $script:IdTexts = [ordered]@{
        'prefix only'    = 'cam_'
        'letters'        = 'cam_12a'
        'negative'       = '-1'
        'decimal'        = '1.5'
        'hex'            = '0x10'
        'too long'       = '1' * 40
    }
    $script:Dates = [ordered]@{
        'min date'      = [datetime]::MinValue
        'year 1'        = [datetime]'0001-01-01'
        'far past'      = [datetime]'1753-01-01'
        'far future'    = [datetime]'9999-12-31T23:59:59'
        'max date'      = [datetime]::MaxValue
        'not a date'    = 'not a date'
        'date SQL'      = "2026-01-01'; DROP TABLE x; --"
        'date empty'    = ''
    }
    $script:Numbers = [ordered]@{
        'minus one'   = -1
        'zero'        = 0
        'int max'     = [int]::MaxValue
        'int min'     = [int]::MinValue
        'long max'    = [long]::MaxValue
        'text'        = 'abc'
        'number text' = '12abc'
        'empty'       = ''
    }

    function Get-BadValue {
        <# The invalid values that fit a parameter: Name, Value, MustReject. #>
        param([System.Management.Automation.ParameterMetadata]$Parameter)
        $type = $Parameter.ParameterType
        $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
        $element = [Nullable]::GetUnderlyingType($element) ?? $element
        $isId = $Parameter.Attributes.TypeId.Name -contains 'CtIdAttribute' -or $Parameter.Name -match $StrictIdPattern
        $isChoice = $element.IsEnum -or ($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        if ($Parameter.Name -eq 'OutFile') {
            # A local path, never sent: the bad ones are those no file can be written to, refused before any request.
            foreach ($k in 'empty', 'whitespace', 'control chars') { [pscustomobject]@{ Name = $k; Value = $Texts[$k]; MustReject = $true } }
            [pscustomobject]@{ Name = 'no such folder'; Value = (Join-Path ([IO.Path]::GetTempPath()) "no-such-folder-$([guid]::NewGuid().ToString('n'))/x.png"); MustReject = $true }
        }
        elseif ($element -eq [string]) {
            foreach ($k in $Texts.Keys) { [pscustomobject]@{ Name = $k; Value = $Texts[$k]; MustReject = $isId -or $isChoice } }
            if ($isId) {
                foreach ($k in $IdTexts.Keys) { [pscustomobject]@{ Name = $k; Value = $IdTexts[$k]; MustReject = $true } }
                # An id of another kind: a subaccount id where a campaign is meant, and the other way round.
                $kinds = @($Parameter.Attributes | Where-Object { $_.TypeId.Name -eq 'CtIdAttribute' } | ForEach-Object { "$($_.Kind)" })
                $other = if ($kinds -contains 'Subaccount') { 'cam_1001' } else { 'sub_1001' }
                [pscustomobject]@{ Name = 'other kind'; Value = $other; MustReject = $true }
            }
        }
        elseif ($element -eq [datetime]) {
            foreach ($k in $Dates.Keys) { [pscustomobject]@{ Name = $k; Value = $Dates[$k]; MustReject = $Dates[$k] -isnot [datetime] } }
        }
        elseif ($element -in [int], [long], [ulong], [decimal]) {
            # '' is 0 to PowerShell's own conversion, so it is judged as 0.
            foreach ($k in $Numbers.Keys) { [pscustomobject]@{ Name = $k; Value = $Numbers[$k]; MustReject = $Numbers[$k] -is [string] -and $Numbers[$k] -ne '' } }
        }
        elseif ($element.IsEnum) {
            foreach ($k in 'empty', 'whitespace', 'SQL', '10 kB', 'control chars') { [pscustomobject]@{ Name = $k; Value = $Texts[$k]; MustReject = $true } }
            [pscustomobject]@{ Name = 'out of range'; Value = 999; MustReject = $true }
        }
        elseif ($element -eq [bool]) {
            foreach ($k in 'empty', 'SQL') { [pscustomobject]@{ Name = $k; Value = $Texts[$k]; MustReject = $true } }
            [pscustomobject]@{ Name = 'maybe'; Value = 'maybe'; MustReject = $true }
        }
        elseif ($element -eq [uri]) {
            # Loopback or refused before any connection: no test ever reaches a host outside this machine.
            foreach ($u in 'not a uri', '', 'ftp://127.0.0.1/', 'file:///etc/passwd', 'http://example.com/', 'http://user:pass@127.0.0.1:1/', 'https://127.0.0.1:1/') {
                [pscustomobject]@{ Name = "uri '$u'"; Value = $u; MustReject = $true }
            }
        }
        elseif ($element -eq [securestring]) {
            foreach ($k in 'whitespace', '10 kB', 'control chars', 'non-BMP', 'SQL', 'script') {
                [pscustomobject]@{ Name = $k; Value = (ConvertTo-SecureString -String $Texts[$k] -AsPlainText -Force); MustReject = $false; Text = $Texts[$k] }
            }
            [pscustomobject]@{ Name = 'empty'; Value = [securestring]::new(); MustReject = $false; Text = '' }
            [pscustomobject]@{ Name = 'plain text'; Value = 'not secure'; MustReject = $true }
        }
        elseif ($element -eq [pscredential] -and $Parameter.Name -ne 'Credential') {
            # -ProxyCredential: used only with -Proxy, never sent to the API.
            [pscustomobject]@{ Name = 'number'; Value = 42; MustReject = $true }
            [pscustomobject]@{ Name = 'SQL user'; Value = [pscredential]::new($Texts['SQL'], (ConvertTo-SecureString -String $Texts['script'] -AsPlainText -Force)); MustReject = $false; Text = '' }
        }
        elseif ($element -eq [pscredential]) {
            # A string would make [Credential] prompt for a password: credentials with bad parts instead.
            foreach ($k in 'control chars', 'non-BMP', 'lone surrogate') {
                $bad = ConvertTo-SecureString -String "$($Sim.ClientSecret)$($Texts[$k])" -AsPlainText -Force
                [pscustomobject]@{ Name = "secret with $k"; Value = [pscredential]::new($Sim.ClientId, $bad); MustReject = $true }
                [pscustomobject]@{ Name = "user with $k"; Value = [pscredential]::new("$($Sim.ClientId)$($Texts[$k])", $bad); MustReject = $true }
            }
            foreach ($k in 'SQL', 'script', '10 kB') {
                $odd = ConvertTo-SecureString -String $Texts[$k] -AsPlainText -Force
                [pscustomobject]@{ Name = "secret $k"; Value = [pscredential]::new($Sim.ClientId, $odd); MustReject = $false; Text = $Texts[$k] }
            }
            [pscustomobject]@{ Name = 'number'; Value = 42; MustReject = $true }
        }
        elseif ([System.Collections.IDictionary].IsAssignableFrom($element)) {
            $self = @{ campaign = 'cam_1001' }; $self.self = $self
            $deep = @{ campaign = 'cam_1001' }; $node = $deep; foreach ($i in 1..100) { $node.next = @{}; $node = $node.next }
            [pscustomobject]@{ Name = 'contains itself'; Value = $self; MustReject = $true }
            [pscustomobject]@{ Name = 'nested 100 deep'; Value = $deep; MustReject = $true }
            [pscustomobject]@{ Name = 'not a dictionary'; Value = 'campaign=cam_1001'; MustReject = $true }
            foreach ($k in 'control chars', 'non-BMP', 'SQL', 'script', 'JSON injection', '10 kB', 'lone surrogate') {
                [pscustomobject]@{ Name = "value $k"; Value = @{ campaign = 'cam_1001'; note = $Texts[$k] }; MustReject = $false; Text = $Texts[$k] }
                [pscustomobject]@{ Name = "key $k"; Value = @{ campaign = 'cam_1001'; $Texts[$k] = 'x' }; MustReject = $false; Text = $Texts[$k] }
            }
        }
        else {
            # Objects (a connection, a credential, a subaccount): wrong types and a closed connection.
            foreach ($k in 'empty', 'SQL') { [pscustomobject]@{ Name = $k; Value = $Texts[$k]; MustReject = $true } }
            [pscustomobject]@{ Name = 'number'; Value = 42; MustReject = $true }
            if ($element.FullName -eq 'Coupontools.Connection') {
                $closed = Connect-CtTestAccount -Sim $Sim -Url $Proxy.Url; Disconnect-CtAccount -Connection $closed
                [pscustomobject]@{ Name = 'closed connection'; Value = $closed; MustReject = $true }
            }
            if ($element.FullName -eq 'Coupontools.Subaccount') {
                [pscustomobject]@{ Name = 'subaccount without keys'; Value = [Coupontools.Subaccount]@{ Id = 'sub_1001' }; MustReject = $true }
            }
        }
    }

    function Test-SentIntact {
        <# True when a recorded request is strict JSON holding $Text as a string value or key (or a header secret). #>
        param([object[]]$Requests, [string]$Text, [string]$Header)
        foreach ($request in $Requests) {
            if ($Header) { if ($request.$Header -ceq $Text) { return $true } else { continue } }
            # Strict JSON (System.Text.Json), then its values as decoded (Newtonsoft, which also decodes an
            # escaped unpaired surrogate, something System.Text.Json refuses to turn into a string).
            # (An unpaired surrogate can only travel as its \u escape, which System.Text.Json refuses outright.)
            if ($Text -notmatch '[\uD800-\uDFFF]') {
                try { [System.Text.Json.JsonDocument]::Parse([ReadOnlyMemory[byte]]::new($request.Bytes), [System.Text.Json.JsonDocumentOptions]::new()).Dispose() }
                catch { continue }   # not strict JSON: this request cannot be the one
            }
            else {
                # ...and no library decodes one (both turn it into U+FFFD): compare the escaped text itself.
                $escaped = [Newtonsoft.Json.JsonConvert]::ToString($Text, [char]'"', [Newtonsoft.Json.StringEscapeHandling]::EscapeNonAscii).Trim('"')
                if ($request.Body.Contains($escaped)) { return $true }
                continue
            }
            $root = [Newtonsoft.Json.Linq.JToken]::Parse($request.Body)
            foreach ($token in @($root) + @($root.Descendants())) {
                if ($token -is [Newtonsoft.Json.Linq.JProperty] -and $token.Name -ceq $Text) { return $true }
                if ($token -is [Newtonsoft.Json.Linq.JValue]) {
                    $value = [string]$token.Value
                    if ($token.Type -eq 'Integer' -and $value -eq $Text) { return $true }
                    if ($token.Type -eq 'String' -and ($value -ceq $Text -or $value.Contains($Text))) { return $true }
                }
            }
        }
        $false
    }

    function Invoke-BadInputCase {
        <# Runs one cmdlet with one bad value; returns a failure text, or nothing when the outcome is right. #>
        param($Command, $Call, $Parameter, $Bad)
        $parameters = Resolve-CtCallParameters $Call.Parameters
        if ($Command.Parameters.ContainsKey('Connection') -and $Parameter.Name -ne 'Connection' -and $Command.Name -ne 'Disconnect-CtAccount') {
            $parameters.Connection = $Connection
        }
        if ($Command.Name -eq 'Connect-CtAccount') {
            $parameters.Remove('SkipCheck'); $parameters.BaseUri = $Proxy.Url; $parameters.MaxRetryCount = 0
        }
        if ($Command.Name -eq 'Receive-CtWebhook' -and $Parameter.Name -ne 'Timeout') { $parameters.Timeout = 1; $parameters.Count = 1 }
        if ($Parameter.Name -eq 'Prefix') { $parameters.Remove('Port') }
        $parameters[$Parameter.Name] = if ($Parameter.ParameterType.IsArray -and $Bad.Value -isnot [array]) { , $Bad.Value } else { $Bad.Value }
        $Proxy.Clear()
        $errors = [System.Collections.Generic.List[object]]::new()
        $threw = $null
        try {
            $null = & $Command.Name @parameters -ErrorVariable +caught -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 6>$null
            foreach ($e in @($caught)) { $errors.Add($e) }
        }
        catch { $threw = $_; $errors.Add($_) }
        finally { Remove-Variable caught -ErrorAction Ignore }
        $requests = @($Proxy.Requests)
        $label = "$($Command.Name) -$($Parameter.Name) [$($Bad.Name)]"
        if ($requests.Count -eq 0) {
            if ($errors.Count -eq 0) {
                # No API call to make (closing a closed connection is allowed to do nothing), or -First 0.
                if ($Command.Name -in 'Receive-CtWebhook', 'ConvertFrom-CtWebhook', 'Get-CtConnection', 'Disconnect-CtAccount') { return }
                if ($Parameter.Name -eq 'First' -and "$($Bad.Value)" -in '0', '') { return }
                return "$($label): neither rejected nor sent"
            }
            $first = $errors[0]
            $message = "$(if ($first.ErrorDetails) { $first.ErrorDetails.Message }) $($first.Exception.Message)"
            if ($message -notmatch [regex]::Escape($Parameter.Name) -and "$($first.FullyQualifiedErrorId)" -notlike 'Coupontools.*' -and $message.Length -lt 20) {
                return "$($label): rejected, but the message does not say what is wrong: $message"
            }
            $script:Rejected++
            return
        }
        if ($Bad.MustReject) { return "$($label): sent $($requests.Count) request(s) to $($requests[0].Path) instead of rejecting it" }
        $text = if ($Bad.PSObject.Properties['Text']) { $Bad.Text } elseif ($Bad.Value -is [datetime]) { $null } else { [string]$Bad.Value }
        if ($Bad.Value -is [datetime]) {
            $utc = $Bad.Value.ToUniversalTime().ToString('yyyy-MM-dd')
            if (@($requests | Where-Object { $_.Body -match [regex]::Escape($utc) }).Count -eq 0) { return "$($label): sent, but no body carries the date $utc" }
        }
        elseif ($Parameter.Name -in 'First', 'Skip', 'MaxRetryCount', 'TimeoutSec', 'RetryBaseDelayMilliseconds', 'DeadlineSec', 'MaxReplySizeMB', 'MaxStringLengthMB' -or $text -in '0', '') {
            # Paging and connection settings are not sent as given; a 0 or '' change is left out.
        }
        elseif ($text.Trim().Length -gt 0) {
            $header = switch ($Parameter.Name) { 'ClientSecret' { 'Secret' } 'Credential' { 'Secret' } 'ClientId' { 'ClientId' } default { $null } }
            if (-not (Test-SentIntact -Requests $requests -Text $text -Header $header)) {
                return "$($label): sent, but not intact: $($requests[0].Path) $($requests[0].Body.Substring(0, [Math]::Min(200, $requests[0].Body.Length)))"
            }
        }
        $script:SentIntact++
    }
}

AfterAll {
    Remove-Item Env:COUPONTOOLS_CLIENT_ID, Env:COUPONTOOLS_CLIENT_SECRET -ErrorAction Ignore
    if ($Proxy) { $Proxy.Dispose() }
    Stop-CtSimulator -Simulator $Sim
}

Describe 'Bad input for <_>' -ForEach $CmdletNames {
    It 'rejects each invalid value before any request, or sends a legitimate one intact' {
        $command = Get-Command -Name $_ -Module Coupontools
        $calls = @($Calls | Where-Object Cmdlet -EQ $command.Name)
        $calls | Should -Not -BeNullOrEmpty -Because "tests/pester/RobustnessHelpers.psm1 needs a valid call of $($command.Name)"
        $failures = [System.Collections.Generic.List[string]]::new()
        $tried = 0
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $Skipped -and $_.SwitchParameter -eq $false }) {
            $sets = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $parameter.Name } | ForEach-Object Name)
            $call = $calls | Where-Object { $_.Set -in $sets -or $_.Set -eq '__AllParameterSets' } | Select-Object -First 1
            if (-not $call) { $failures.Add("-$($parameter.Name): no valid call of a parameter set that has it ($($sets -join ', '))"); continue }
            foreach ($bad in @(Get-BadValue $parameter)) {
                # A legitimate timeout of 68 years is not waited for.
                if ($command.Name -eq 'Receive-CtWebhook' -and $parameter.Name -eq 'Timeout' -and -not $bad.MustReject) { continue }
                $tried++
                $failure = Invoke-BadInputCase -Command $command -Call $call -Parameter $parameter -Bad $bad
                if ($failure) { $failures.Add($failure) }
            }
        }
        $script:Tried += $tried
        Write-Host "  $($command.Name): $tried bad inputs"
        $failures | Should -BeNullOrEmpty
    }
}

Describe 'Bad input, all cmdlets' {
    It 'sent the simulator exactly what the proxy forwarded (no request bypassed it)' {
        (Get-CtSimStats).total | Should -Be $Proxy.Total
        Write-Host "Bad inputs tried: $Tried ($Rejected rejected before any request, $SentIntact legitimate and sent intact)"
        $Tried | Should -BeGreaterThan 500
        ($Rejected + $SentIntact) | Should -BeGreaterThan 0
    }
}
