# The hostile-network suite, client half (issue 15). A fake API of our own on loopback
# (HostileServer.cs) plays each attack on the module's HTTP client; a second listener on another
# port (another origin) counts every request, and every credential, that reaches it. Each attack
# adds one row to the shared table (HostileTable.psm1), printed at the end of the Pester run.
# The limits are small here (4 MB) so the bombs are cheap; the gzip bomb also runs at the default.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'HostileTable.psm1') -Force
    $script:Module = Import-CtBuiltModule
    if (-not ('Coupontools.Test.HostileServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'HostileServer.cs')
    }

    $script:ClientId = 'hostile-client-4417'
    $script:Secret = 'Hostile-Secret-9c2e41f7'
    $script:Api = [Coupontools.Test.HostileServer]::new([string[]]@($ClientId, $Secret), $false)
    $script:Other = [Coupontools.Test.HostileServer]::new([string[]]@($ClientId, $Secret), $false)
    $script:LimitMB = 4
    # What the pwsh process may grow by besides the reply itself: parser, buffers, GC slack.
    $script:AllowanceMB = 48

    function Connect-Hostile {
        param([hashtable]$With = @{}, [string]$Url = $Api.Url)
        $settings = @{ TimeoutSec = 10; MaxRetryCount = 2; RetryBaseDelayMilliseconds = 1; MaxReplySizeMB = $LimitMB }
        foreach ($key in $With.Keys) { $settings[$key] = $With[$key] }
        $secure = ConvertTo-SecureString -String $Secret -AsPlainText -Force
        Connect-CtAccount -ClientId $ClientId -ClientSecret $secure -BaseUri $Url -SkipCheck -PassThru @settings
    }

    function Invoke-Attack {
        <# Runs the call with -ErrorAction Stop semantics; the outcome (ErrorId or 'success'), the error, the output, time and peak memory. #>
        param([Parameter(Mandatory)][scriptblock]$Call)
        $sampler = [Coupontools.Test.MemorySampler]::new()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $output = $null
        $failure = $null
        try { $output = & $Call }
        catch { $failure = $_ }
        $watch.Stop()
        $sampler.Dispose()
        [pscustomobject]@{
            Outcome      = if ($failure) { ($failure.FullyQualifiedErrorId -split ',')[0] } else { 'success' }
            Error        = $failure
            Message      = if ($failure) { "$($failure.Exception.Message) $($failure.ErrorDetails.Message)" } else { '' }
            Output       = $output
            Ms           = $watch.ElapsedMilliseconds
            HeapMB       = $sampler.HeapOverBaselineMB
            WorkingSetMB = $sampler.WorkingSetOverBaselineMB
            # The larger of the two peaks: what the attack cost the process.
            PeakMB       = [Math]::Max($sampler.HeapOverBaselineMB, $sampler.WorkingSetOverBaselineMB)
        }
    }

    function Get-FalseSuccess {
        <# 1 when a call that met an attack came back as a success (or a push printed Sent True), else 0. #>
        param($Result)
        $sent = @($Result.Output | Where-Object { $null -ne $_ -and $_.PSObject.Properties['Sent'] -and $_.Sent })
        if ($Result.Outcome -eq 'success' -or $sent.Count -gt 0) { 1 } else { 0 }
    }
}

AfterAll {
    if ($Api) { $Api.Dispose() }
    if ($Other) { $Other.Dispose() }
}

Describe 'A redirect to another origin (<_>)' -ForEach 301, 302, 303, 307, 308 {
    BeforeAll {
        $script:Code = $_
        $null = Connect-Hostile
        $Api.Reset(); $Other.Reset()
        $Api.Mode = 'redirect'
        $Api.RedirectStatus = $Code
        $Api.RedirectTo = "$($Other.Url)/landing?sig=query-token-5521&echo=$Secret"
        $script:Read = Invoke-Attack { Get-CtCampaign -Id cam_1001 -ErrorAction Stop }
        $script:Write = Invoke-Attack { Invoke-CtApi -Path /v3/coupon/pushnotification/all -Body @{ campaign = 'cam_1001'; message = 'm' } -ErrorAction Stop }
        $script:Push = Invoke-Attack { Send-CtPushNotification -Campaign cam_1001 -All -Message m -Force -ErrorAction Stop }
        $script:FalseSuccesses = (Get-FalseSuccess $Read) + (Get-FalseSuccess $Write) + (Get-FalseSuccess $Push)
        $short = { param($Result) $Result.Outcome -replace '^Coupontools\.' }
        Add-CtHostileRow -Attack "redirect $Code to another origin (read/write/push)" `
            -Outcome "$(& $short $Read) / $(& $short $Write) / $(& $short $Push)" `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses $FalseSuccesses `
            -PeakMemoryOverBaselineMB ([Math]::Max($Read.PeakMB, [Math]::Max($Write.PeakMB, $Push.PeakMB)))
    }

    It 'sends nothing, and no credential, to the other origin' {
        $Other.Requests | Should -Be 0
        $Other.WithCredentials | Should -Be 0
        $Api.Requests | Should -Be 3 -Because 'each call was sent once and not again'
    }

    It 'refuses a read with Coupontools.Redirected naming both addresses without the query' {
        $Read.Outcome | Should -Be 'Coupontools.Redirected'
        $Read.Message | Should -Match ([regex]::Escape("$($Api.Url)/v3/coupon/info"))
        $Read.Message | Should -Match ([regex]::Escape("$($Other.Url)/landing?"))
        $Read.Message | Should -Not -Match 'query-token-5521'
        "$($Read.Message) $($Write.Message) $($Push.Message)" | Should -Not -Match ([regex]::Escape($Secret))
    }

    It 'reports a write and a push as OutcomeUnknown, never as a success' {
        $FalseSuccesses | Should -Be 0
        $Write.Outcome | Should -Be 'Coupontools.OutcomeUnknown'
        $Push.Outcome | Should -Be 'Coupontools.OutcomeUnknown'
        $Push.Output | Should -BeNullOrEmpty
        $Push.Message | Should -Match ([regex]::Escape("$($Other.Url)/landing"))
    }
}

Describe 'Replies that would exhaust memory or time' {
    BeforeEach { $Api.Reset(); $Other.Reset() }

    It 'stops a gzip bomb (1 MB inflating to 1 GB) at a <Limit> MB limit' -ForEach @(
        @{ Limit = 4; Label = 'test limit' }
        @{ Limit = 64; Label = 'default limit' }
    ) {
        $Api.Mode = 'gzip-bomb'
        $null = Connect-Hostile -With @{ MaxReplySizeMB = $Limit }
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
        Add-CtHostileRow -Attack "gzip bomb $([Math]::Round([Coupontools.Test.HostileServer]::Bomb.Length / 1MB, 1)) MB -> 1 GB ($Label $Limit MB)" -Outcome $result.Outcome `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'Coupontools.ReplyTooLarge'
        $result.Message | Should -Match "inflates \(gzip\) to more than the limit of $Limit MB"
        $result.Message | Should -Match '-MaxReplySizeMB'
        $result.PeakMB | Should -BeLessOrEqual (2 * $Limit + $AllowanceMB)
        $Api.Requests | Should -Be 1 -Because 'a broken limit is not retried'
    }

    It 'stops an endless chunked body at the limit' {
        $Api.Mode = 'endless'
        $null = Connect-Hostile
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
        Add-CtHostileRow -Attack "endless chunked body (limit $LimitMB MB)" -Outcome $result.Outcome `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'Coupontools.ReplyTooLarge'
        $result.Message | Should -Match "larger than the limit of $LimitMB MB"
        $result.PeakMB | Should -BeLessOrEqual (2 * $LimitMB + $AllowanceMB)
        $Api.BodyBytesSent | Should -BeLessThan (64MB) -Because 'the client stops reading at the limit'
    }

    It 'cuts a body dripping one byte a second at the call deadline, not after every retry' {
        $Api.Mode = 'drip'
        $null = Connect-Hostile -With @{ TimeoutSec = 1; DeadlineSec = 2; MaxRetryCount = 4 }
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
        Add-CtHostileRow -Attack 'dripping body 1 byte/s (timeout 1 s, deadline 2 s)' -Outcome "$($result.Outcome) in $([Math]::Round($result.Ms / 1000, 1)) s" `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'Coupontools.DeadlineExceeded'
        $result.Message | Should -Match '-DeadlineSec'
        # Five attempts of 1 s each without the deadline; with it, 2 s and a little.
        $result.Ms | Should -BeLessThan 4500
        $Api.Requests | Should -BeLessThan 5
    }

    It 'stops a 200 MB string field at the string limit' {
        $Api.Mode = 'huge-string'
        $Api.StringBytes = 200MB
        $null = Connect-Hostile -With @{ MaxReplySizeMB = 512; MaxStringLengthMB = 1 }
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
        Add-CtHostileRow -Attack '200 MB string field (string limit 1 Mi chars)' -Outcome $result.Outcome `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'Coupontools.StringTooLong'
        $result.Message | Should -Match '-MaxStringLengthMB'
        $result.PeakMB | Should -BeLessOrEqual (2 * 2 + $AllowanceMB) -Because '1 Mi characters take at most 2 MB'
        $Api.BodyBytesSent | Should -BeLessThan (64MB) -Because 'the client stops reading at the string limit'
    }

    It 'names an oversized header block instead of a lost connection' {
        $Api.Mode = 'huge-headers'
        $null = Connect-Hostile
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
        Add-CtHostileRow -Attack 'header block of 1 MB' -Outcome $result.Outcome `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'Coupontools.HeadersTooLarge'
        $result.Message | Should -Match 'MaxResponseHeadersLength'
        $result.Message | Should -Not -Match 'connection was lost'
    }

    It 'sends no cookie back after a Set-Cookie' {
        $Api.Mode = 'cookie'
        $null = Connect-Hostile
        $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop; Get-CtCampaign -ErrorAction Stop }
        $cookies = $Api.WithCookie
        Add-CtHostileRow -Attack 'Set-Cookie, then a second call' -Outcome "$($result.Outcome); $cookies Cookie headers sent back" `
            -SecretsToOtherOrigin $Other.WithCredentials -FalseSuccesses 0 -PeakMemoryOverBaselineMB $result.PeakMB
        $result.Outcome | Should -Be 'success'
        $Api.Requests | Should -Be 2
        $cookies | Should -Be 0
    }

    It 'names a rejected TLS certificate and sends nothing' {
        $tls = [Coupontools.Test.HostileServer]::new([string[]]@($ClientId, $Secret), $true)
        try {
            $null = Connect-Hostile -Url $tls.Url
            $result = Invoke-Attack { Get-CtCampaign -ErrorAction Stop }
            Add-CtHostileRow -Attack 'untrusted TLS certificate (self-signed)' -Outcome $result.Outcome `
                -SecretsToOtherOrigin $tls.WithCredentials -FalseSuccesses (Get-FalseSuccess $result) -PeakMemoryOverBaselineMB $result.PeakMB
            $result.Outcome | Should -Be 'Coupontools.CertificateRejected'
            $result.Message | Should -Match 'certificate'
            $result.Message | Should -Match 'trust store'
            $result.Message | Should -Not -Match 'connection was lost'
            $tls.Requests | Should -Be 0
            $tls.WithCredentials | Should -Be 0
        }
        finally { $tls.Dispose() }
    }
}
