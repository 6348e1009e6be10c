# The v4 REST family through Invoke-CtApi -Method, against the simulator (which answers only x-api-key and
# x-api-secret on those paths, and failures as HTTP statuses with {"message": ...}): methods, bare replies,
# the error kinds, the retry rules (GET/PUT/DELETE like reads, POST never after an unknown outcome), and
# bad methods refused before any request. The default host is checked without any request.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $null = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $secret = ConvertTo-SecureString -String $Sim.ClientSecret -AsPlainText -Force
    $script:Conn = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url -RetryBaseDelayMilliseconds 1 -PassThru

    function Get-Count([string]$Kind, [string]$Path) {
        $p = (Get-CtSimStats).$Kind.PSObject.Properties[$Path]
        if ($p) { [int]$p.Value } else { 0 }
    }
    function Add-Fault([string]$Path, [hashtable]$Fault) {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $Path; faults = @($Fault) }
    }
}

AfterAll {
    Disconnect-CtAccount -ErrorAction SilentlyContinue
    Stop-CtSimulator $Sim
}

Describe 'Invoke-CtApi on the v4 REST family' {
    BeforeEach { Reset-CtSimulator }

    It 'GET returns each item of a bare array, with no envelope to strip (and the x-api-key headers got through)' {
        $cards = @(Invoke-CtApi -Method Get -Path v4/loyalty/loyalty-cards)
        $cards.Count | Should -BeGreaterThan 1
        $cards[0].id | Should -BeOfType ([long])
        $cards[0].PSObject.Properties.Name | Should -Not -Contain 'status'
        Get-Count 'requests' '/v4/loyalty/loyalty-cards' | Should -Be 1
    }

    It 'PUT sends its body and returns the object; POST and DELETE go out as themselves' {
        $user = Invoke-CtApi -Method Put -Path v4/loyalty/loyalty-cards/2001/stats/70001 -Body @{ first_name = 'Anna'; email = 'anna@example.com' }
        $user.first_name | Should -Be 'Anna'
        $user.email | Should -Be 'anna@example.com'
        Get-Count 'writes' '/v4/loyalty/loyalty-cards/2001/stats/70001' | Should -Be 1
        $created = Invoke-CtApi -Method Post -Path v4/directory/3001/users -Body @{ email = 'new@example.com' }
        $created.id | Should -Not -BeNullOrEmpty
        $revoked = Invoke-CtApi -Method Delete -Path "v4/directory/3001/users/$((@(Invoke-CtApi -Method Get -Path v4/directory/3001/users))[0].id)/access"
        $revoked | Should -Not -BeNullOrEmpty
    }

    It 'a v3 path still gets a POST and the envelope stripped, under the default -Method' {
        $reply = Invoke-CtApi -Path v3/coupon/list
        $reply.PSObject.Properties.Name | Should -Contain 'coupon_info'
        $reply.PSObject.Properties.Name | Should -Not -Contain 'status'
    }

    It 'maps HTTP statuses to error ids, with the reply''s message: <Name>' -ForEach @(
        @{ Name = '404 NotFound'; Path = 'v4/directory/999999'; Method = 'Get'; Body = $null; Id = 'Coupontools.NotFound'; Status = 404; Text = 'Directory not found' }
        @{ Name = '422 InvalidArgument'; Path = 'v4/loyalty/loyalty-cards/2001/stats/70001'; Method = 'Put'; Body = @{ email = 'not-an-email' }; Id = 'Coupontools.InvalidArgument'; Status = 422; Text = 'valid email address' }
        @{ Name = '405 (method the path does not take)'; Path = 'v4/directory'; Method = 'Delete'; Body = $null; Id = 'Coupontools.ApiError'; Status = 405; Text = 'Method not allowed' }
        @{ Name = 'unknown v4 path'; Path = 'v4/no/such/thing'; Method = 'Get'; Body = $null; Id = 'Coupontools.NotFound'; Status = 404; Text = 'Not found' }
    ) {
        $splat = @{ Method = $Method; Path = $Path }
        if ($Body) { $splat.Body = $Body }
        $out = Invoke-CtApi @splat -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errs[0].Exception.HttpStatus | Should -Be $Status
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($Text))
        $errs[0].TargetObject | Should -Be $Path
    }

    It '401 with wrong credentials is Unauthorized, and the secret is not in the error' {
        $wrong = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString 'Wrong-Secret-4411' -AsPlainText -Force) -BaseUri $Sim.Url -SkipCheck -PassThru
        $null = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force) -BaseUri $Sim.Url -SkipCheck   # current again
        Invoke-CtApi -Method Get -Path v4/directory -Connection $wrong -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.Unauthorized,*'
        ($errs[0] | Format-List * -Force | Out-String) | Should -Not -Match 'Wrong-Secret-4411'
    }

    It 'retries a <Method> after a 502 and a dropped connection, like a read' -ForEach @(
        @{ Method = 'Get'; Body = $null }
        @{ Method = 'Put'; Body = @{ first_name = 'Retry' } }
        @{ Method = 'Delete'; Body = $null }
    ) {
        $path = '/v4/loyalty/loyalty-cards/2001/stats/70001'
        Add-Fault $path @{ status = 502 }
        Add-Fault $path @{ drop = 'before' }
        $splat = @{ Method = $Method; Path = $path; Connection = $Conn }
        if ($Body) { $splat.Body = $Body }
        $reply = Invoke-CtApi @splat -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $reply | Should -Not -BeNullOrEmpty
        Get-Count 'requests' $path | Should -Be 3
    }

    It 'never sends a POST again after a 502 or a dropped connection: the outcome is unknown' -ForEach @(
        @{ Fault = @{ status = 502; after = $true } }
        @{ Fault = @{ drop = 'after' } }
    ) {
        $path = '/v4/directory/3001/users'
        Add-Fault $path $Fault
        Invoke-CtApi -Method Post -Path $path -Body @{ email = 'once@example.com' } -Connection $Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.OutcomeUnknown,*'
        Get-Count 'requests' $path | Should -Be 1
    }

    It 'refuses a method other than POST on an envelope path before any request: <Path>' -ForEach @(
        @{ Path = 'v3/coupon/list' }
        @{ Path = 'v4/subaccount/list' }
        @{ Path = 'v4/webhook/verification' }
    ) {
        Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true } | Out-Null
        { Invoke-CtApi -Method Get -Path $Path -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.MethodNotAllowed,*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'traces the method and the masked secret in -Debug' {
        $DebugPreference = 'Continue'
        $out = Invoke-CtApi -Method Put -Path v4/loyalty/loyalty-cards/2001/stats/70001 -Body @{ first_name = 'Trace'; pin = (ConvertTo-SecureString 'Pin-7731' -AsPlainText -Force) } -Connection $Conn -Verbose *>&1 | Out-String -Width 10000
        $out | Should -Match 'PUT /v4/loyalty/loyalty-cards/2001/stats/70001 -> 200'
        $out | Should -Not -Match 'Pin-7731'
        $out | Should -Not -Match ([regex]::Escape($Sim.ClientSecret))
    }
}

Describe 'The default host' {
    It 'is https://api.coupontools.com, the host of the 2025 documentation' {
        [Coupontools.Client.Http.ClientOptions]::DefaultBaseUri.AbsoluteUri | Should -Be 'https://api.coupontools.com/'
        $saved = $env:COUPONTOOLS_BASE_URI
        try {
            $env:COUPONTOOLS_BASE_URI = $null
            $c = Connect-CtAccount -ClientId 'id-only' -ClientSecret (ConvertTo-SecureString 'x' -AsPlainText -Force) -SkipCheck -PassThru
            $c.BaseUri.AbsoluteUri | Should -Be 'https://api.coupontools.com/'
            $old = Connect-CtAccount -ClientId 'id-only' -ClientSecret (ConvertTo-SecureString 'x' -AsPlainText -Force) -BaseUri 'https://api4coupons.com' -SkipCheck -PassThru
            $old.BaseUri.Host | Should -Be 'api4coupons.com'
        }
        finally { $env:COUPONTOOLS_BASE_URI = $saved }
    }
}
