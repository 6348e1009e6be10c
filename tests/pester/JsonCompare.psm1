# Comparing JSON as the vendor printed it: the same keys in the same order, the same JSON types and
# values; dynamic paths (values the simulator makes: ids, dates) by shape only. Shared by
# VendorFixtures.Tests.ps1 (replies) and Webhooks.Tests.ps1 (delivered payloads). Needs Newtonsoft.Json
# loaded (it is, once the module is imported).

function Read-CtJson([string]$Text) {
    <# A JToken that keeps dates as text and decimals exact. #>
    $reader = [Newtonsoft.Json.JsonTextReader]::new([IO.StringReader]::new($Text))
    $reader.DateParseHandling = [Newtonsoft.Json.DateParseHandling]::None
    $reader.FloatParseHandling = [Newtonsoft.Json.FloatParseHandling]::Decimal
    , [Newtonsoft.Json.Linq.JToken]::ReadFrom($reader)   # the comma keeps PowerShell from unrolling the token
}

function Get-CtJsonShape([string]$Text) {
    <# Digits stand for digits and letters for letters: '2025-12-01 10:00:00' has the shape of '2019-01-26 19:29:00'. #>
    ($Text -creplace '[0-9]', '9') -creplace '[A-Za-z]', 'a'
}

function Test-CtJsonSameShape([string]$Expected, [string]$Actual) {
    <#
    The shape of a dynamic value, with one exception: a run that mixes letters and digits ('c43403t2fv7qz27in745p')
    is a generated code whose characters are random, so only its length counts.
    #>
    $e = [regex]::Split($Expected, '([A-Za-z0-9]+)'); $a = [regex]::Split($Actual, '([A-Za-z0-9]+)')
    if ($e.Count -ne $a.Count) { return $false }
    for ($i = 0; $i -lt $e.Count; $i++) {
        $mixed = $e[$i] -cmatch '[0-9]' -and $e[$i] -cmatch '[A-Za-z]'
        if ($(if ($mixed) { $e[$i].Length -ne $a[$i].Length } else { (Get-CtJsonShape $e[$i]) -cne (Get-CtJsonShape $a[$i]) })) { return $false }
    }
    $true
}

function Compare-CtJson {
    <#
    The differences between two JTokens, one text each ("path: actual, expected ..."); nothing when equal.
    -Dynamic paths compare by shape; with -TypesOnly other scalars compare by JSON type only.
    #>
    param($Expected, $Actual, [string]$Path = '', [string[]]$Dynamic = @(), [switch]$TypesOnly)
    $where = if ($Path) { $Path } else { '(root)' }
    if ($Expected.get_Type() -ne $Actual.get_Type()) { return "${where}: $($Actual.get_Type()) $($Actual.ToString([Newtonsoft.Json.Formatting]::None)), expected $($Expected.get_Type()) $($Expected.ToString([Newtonsoft.Json.Formatting]::None))" }
    switch ($Expected.get_Type()) {
        'Object' {
            $expectedNames = @($Expected.Properties() | ForEach-Object Name)
            $actualNames = @($Actual.Properties() | ForEach-Object Name)
            if (($expectedNames -join "`n") -cne ($actualNames -join "`n")) { return "${where}: keys [$($actualNames -join ', ')], expected [$($expectedNames -join ', ')]" }
            foreach ($name in $expectedNames) {
                Compare-CtJson $Expected[$name] $Actual[$name] ($(if ($Path) { "$Path.$name" } else { $name })) $Dynamic -TypesOnly:$TypesOnly
            }
        }
        'Array' {
            if ($Expected.Count -ne $Actual.Count) { return "${where}: $($Actual.Count) items, expected $($Expected.Count)" }
            for ($i = 0; $i -lt $Expected.Count; $i++) { Compare-CtJson $Expected[$i] $Actual[$i] "$Path[$i]" $Dynamic -TypesOnly:$TypesOnly }
        }
        default {
            $e = $Expected.ToString([Newtonsoft.Json.Formatting]::None); $a = $Actual.ToString([Newtonsoft.Json.Formatting]::None)
            # A computed flag (dynamic boolean) is compared by its type alone.
            $same = if ($Dynamic -contains $Path) { $Expected.get_Type() -eq 'Boolean' -or (Test-CtJsonSameShape $e $a) } elseif ($TypesOnly) { $true } else { $e -ceq $a }
            if (-not $same) { "${where}: $a, expected $e" }
        }
    }
}

Export-ModuleMember -Function Read-CtJson, Get-CtJsonShape, Test-CtJsonSameShape, Compare-CtJson
