# Subaccount cmdlets against the simulator: user stories, pipeline binding, secrets, bad input, errors 102 and 510.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
    Start-CtEntityTestSession
    $script:config = Invoke-CtSimControl -Method GET -Path 'config'
    # Every secret the simulator's subaccounts have: none may ever be shown.
    $script:secrets = @($config.subaccounts | ForEach-Object { $_.api_key; $_.api_secret })

    function Assert-NoSecret([string]$Text) {
        foreach ($s in $secrets) { $Text | Should -Not -Match ([regex]::Escape($s)) }
    }
}

AfterAll { Stop-CtEntityTestSession }

Describe 'Get-CtSubaccount' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'lists every subaccount in one request, typed' {
        $all = @(Get-CtSubaccount)
        $all.Count | Should -Be $config.subaccounts.Count
        $all[0] | Should -BeOfType ([Coupontools.Subaccount])
        $all[0].PSObject.TypeNames | Should -Contain 'Coupontools.Subaccount'
        $all.Id | Should -Be @($config.subaccounts.id)
        $all[0].LoginCount | Should -BeOfType ([long])
        $all[0].MaxCampaigns | Should -BeOfType ([long])
        $all[0].ExpiryDate | Should -BeOfType ([datetime])
        $all[0].Access['dashboard'] | Should -BeTrue
        $all[0].Access['directory'] | Should -BeFalse
        $all[0].ApiKey | Should -BeOfType ([securestring])
        Get-Requests '/v4/subaccount/list' | Should -Be 1
    }

    It 'gets several ids from the pipeline, one info request each' {
        Clear-Stats
        $got = @('sub_1001', '1002', 1003 | Get-CtSubaccount)
        $got.Id | Should -Be @('sub_1001', 'sub_1002', 'sub_1003')
        Get-Requests '/v4/subaccount' | Should -Be 3
    }

    It 'reads the 2025 list: the array is subaccount, the counts are JSON numbers' {
        $headers = @{ 'X-Client-Id' = $sim.ClientId; 'X-Client-Secret' = $sim.ClientSecret }
        $raw = (Invoke-WebRequest -Method Post -Uri "$($sim.Url)/v4/subaccount/list" -Headers $headers -Body '{}' -ContentType 'application/json').Content
        $raw | Should -Match '"amount_of_results":5,"subaccount":\['
        $raw | Should -Match '"amountlogin":\d+,'
        $s = @(Get-CtSubaccount)[0]
        $s.LoginCount | Should -Be 5
        $s.MaxCampaigns | Should -Be 4
        $s.AdditionalProperties.Keys | Should -Not -Contain 'amountlogin'
    }

    It 'binds a subaccount piped into Set-CtSubaccount by its Id only, and -WhatIf sends nothing' {
        Clear-Stats
        Get-CtSubaccount | Set-CtSubaccount -Package pac_2 -WhatIf
        Get-Requests '/v4/subaccount/update' | Should -Be 0
        $changed = @(Get-CtSubaccount | Select-Object -First 2 | Set-CtSubaccount -Package pac_2 -PassThru)
        $changed.Id | Should -Be @('sub_1001', 'sub_1002')
        $changed.Package | Should -Be @('pac_2', 'pac_2')
        $changed[0].Email | Should -Be (Get-CtSubaccount -Id 1001).Email
        Get-Writes '/v4/subaccount/update' | Should -Be 2
    }

    It 'writes a NotFound error naming the id and still returns the others' {
        $got = @(Get-CtSubaccount -Id 1001, 999, 1002 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $got.Id | Should -Be @('sub_1001', 'sub_1002')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'sub_999'
        $errs[0].ErrorDetails.Message | Should -Match 'Get-CtSubaccount'
    }
}

Describe 'Secrets of subaccounts' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }

    It 'the simulator really sends them (so the checks below mean something)' {
        $secrets.Count | Should -BeGreaterThan 4
        $s = Get-CtSubaccount -Id 1001
        [pscredential]::new('x', $s.ApiSecret).GetNetworkCredential().Password | Should -Be $config.subaccounts[0].api_secret
    }

    It 'are absent from the default views, Format-List *, ToString, ConvertTo-Json and Export-Csv' {
        $all = @(Get-CtSubaccount)
        Assert-NoSecret ($all | Out-String -Width 400)
        Assert-NoSecret ($all | Format-List | Out-String -Width 400)
        Assert-NoSecret ($all | Format-List * | Out-String -Width 400)
        Assert-NoSecret ($all | Format-Table * | Out-String -Width 2000)
        Assert-NoSecret (($all | ForEach-Object ToString) -join ' ')
        Assert-NoSecret ($all | ConvertTo-Json -Depth 6)
        Assert-NoSecret (($all | ConvertTo-Csv) -join "`n")
        ($all | Format-List * | Out-String) | Should -Match 'System.Security.SecureString'
    }

    It 'are absent from every stream with -Verbose and -Debug, whose bodies are there but masked' {
        $streams = Get-CtSubaccount -Verbose -Debug *>&1 | Out-String -Width 10000
        $streams += 1001, 1002 | Get-CtSubaccount -Verbose -Debug *>&1 | Out-String -Width 10000
        $streams | Should -Match '/v4/subaccount/list'
        $streams | Should -Match '"api_secret":\s*"\*\*\*"'
        $streams | Should -Match '"api_key":\s*"\*\*\*"'
        Assert-NoSecret $streams
    }

    It 'are absent from errors, including error 102 raised with a subaccount''s own credentials' {
        $sub = Connect-CtAccount -Subaccount (Get-CtSubaccount -Id 1002) -Verbose -Debug 4>&1 5>&1 6>&1
        $connection = @($sub | Where-Object { $_ -is [Coupontools.Connection] })[0]
        Assert-NoSecret (($sub | Where-Object { $_ -isnot [Coupontools.Connection] }) | Out-String -Width 10000)
        $err = $null
        try { Get-CtSubaccount -Connection $connection -Debug -Verbose *>&1 | Out-Null } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        Assert-NoSecret ($err | Format-List * -Force | Out-String -Width 10000)
        Assert-NoSecret ($err.Exception | Format-List * -Force | Out-String -Width 10000)
    }

    It 'the password given to New-CtSubaccount is absent from -Debug, -Verbose and -WhatIf output' {
        $password = ConvertTo-SecureString -String 'Pw-Secret-99887766' -AsPlainText -Force
        $DebugPreference = 'Continue'
        $out = New-CtSubaccount -Email 'pw.check@example.com' -Password $password -Verbose *>&1 | Out-String -Width 10000
        $out | Should -Match '"password":\s*"\*\*\*"'
        $out | Should -Not -Match 'Pw-Secret-99887766'
        $whatIf = New-CtSubaccount -Email 'pw.check2@example.com' -Password $password -WhatIf *>&1 | Out-String
        $whatIf | Should -Not -Match 'Pw-Secret-99887766'
    }
}

Describe 'Connect-CtAccount -Subaccount and error 102' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }

    It 'connects with the subaccount''s key and secret, returns the connection and keeps the main one current' {
        $connection = Connect-CtAccount -Subaccount (Get-CtSubaccount -Id 1001)
        $connection | Should -BeOfType ([Coupontools.Connection])
        (Get-CtConnection).ClientId | Should -Be $sim.ClientId
        $campaigns = @(Get-CtCampaign -Connection $connection)
        $campaigns.Count | Should -BeGreaterThan 0
        @(Get-CtSubaccount).Count | Should -Be $config.subaccounts.Count
    }

    It 'stops with SubaccountCredentials and tells the admin to connect with the main account (102)' {
        $connection = Connect-CtAccount -Subaccount (Get-CtSubaccount -Id 1001)
        Clear-Stats
        $err = $null
        try { 1001..1010 | Get-CtSubaccount -Connection $connection } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'Coupontools.SubaccountCredentials*'
        $err.ErrorDetails.Message | Should -Match 'subaccount''s API key and secret'
        $err.ErrorDetails.Message | Should -Match 'Connect-CtAccount'
        $err.ErrorDetails.Message | Should -Match 'main account'
        $err.ErrorDetails.Message | Should -Match '102'
        # The stop is seen when the first reply is written: only the requests already in flight (-ThrottleLimit 4) went out.
        Get-Requests '/v4/subaccount' | Should -BeLessOrEqual 4
        { New-CtSubaccount -Email 'x.y@example.com' -Connection $connection } | Should -Throw -ErrorId 'Coupontools.SubaccountCredentials*'
    }

    It 'refuses a subaccount object that carries no credentials, before any request' {
        Clear-Stats
        $empty = [Coupontools.Subaccount]@{ Id = 'sub_1' }
        { Connect-CtAccount -Subaccount $empty } | Should -Throw -ErrorId 'Coupontools.NoSubaccountCredentials*'
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'New-CtSubaccount, Set-CtSubaccount and the onboarding story' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'onboards a client: create, then a single sign-on link to add a campaign' {
        $s = New-CtSubaccount -Email 'owner@client-shop.example' -Package pac_1 -Status Customer -Country be -FirstName Lea -ExpiryDate ([datetime]'2027-03-15 18:45')
        $s | Should -BeOfType ([Coupontools.Subaccount])
        $s.Id | Should -Match '^sub_\d+$'
        $s.ExpiryDate.ToString('yyyy-MM-dd') | Should -Be '2027-03-15'
        $sso = $s | New-CtSubaccountSsoUrl -Page AddCampaign
        $sso | Should -BeOfType ([Coupontools.SsoUrl])
        $sso.Subaccount | Should -Be $s.Id
        $sso.Page | Should -Be 'AddCampaign'
        $sso.Url | Should -Match '^https://login\.coupontools\.com/index\.php\?action=login&token='
        $sso.Token | Should -BeOfType ([securestring])
        Get-Writes '/v4/subaccount/create' | Should -Be 1
    }

    It 'reads the new subaccount back, since the create reply has only its id and status' {
        Clear-Stats
        $s = New-CtSubaccount -Email 'readback@client-shop.example' -FirstName Lea -CompanyName 'Shop Lea'
        $s.Email | Should -Be 'readback@client-shop.example'
        $s.CompanyName | Should -Be 'Shop Lea'
        $s.ApiSecret | Should -BeOfType ([securestring])
        $s.Status | Should -Not -Be 'created' -Because 'the create reply''s status is not the subaccount''s'
        Get-Requests '/v4/subaccount/create' | Should -Be 1
        Get-Requests '/v4/subaccount' | Should -Be 1
    }

    It 'still writes the new id, with a warning, when reading it back fails' {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v4/subaccount'; faults = @(@{ status = 404; html = $true; times = 3 }) }
        $s = New-CtSubaccount -Email 'readback.fail@client-shop.example' -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue
        $s.Id | Should -Match '^sub_\d+$'
        $s.Email | Should -Be 'readback.fail@client-shop.example'
        $errs | Should -BeNullOrEmpty
        ($warned -join ' ') | Should -Match "$($s.Id) was created"
        Get-Writes '/v4/subaccount/create' | Should -Be 1
    }

    It 'sends -ExpiryDate as yyyy-MM-dd' {
        $DebugPreference = 'Continue'
        $out = New-CtSubaccount -Email 'date.check@example.com' -ExpiryDate ([datetime]'2028-01-02 23:59:59') *>&1 | Out-String -Width 10000
        $out | Should -Match '"expiry_date":\s*"2028-01-02"'
    }

    It 'changes only the package, accepts the update reply printed without its envelope, and sends nothing else' {
        $DebugPreference = 'Continue'
        $out = Set-CtSubaccount -Id 1002 -Package pac_3 -ErrorVariable errs *>&1 | Out-String -Width 10000
        $errs | Should -BeNullOrEmpty
        $out | Should -Match '\{"subaccount":"sub_1002","package":"pac_3"\}'
        $out | Should -Match '"status":\s*"updated"'
        (Get-CtSubaccount -Id 1002).Package | Should -Be 'pac_3'
        Get-Writes '/v4/subaccount/update' | Should -Be 1
        (Get-Command Set-CtSubaccount).Parameters.Keys | Should -Not -Contain 'Email'
        (Get-Command Set-CtSubaccount).Parameters['Package'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -Contain $true
    }

    It 'an unknown package (516) is an error for that id; the other ids are still changed' {
        $r = @(Set-CtSubaccount -Id 1001, 1002 -Package pac_77 -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs[0].Exception.ErrorCodes | Should -Contain 516
        $errs[0].TargetObject | Should -Be 'sub_1001'
        $changed = @(Set-CtSubaccount -Id 999, 1003 -Package pac_1 -PassThru -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $changed.Id | Should -Be @('sub_1003')
        $errs2[0].Exception.ErrorCodes | Should -Contain 510
    }

    It 'an e-mail that exists is an AlreadyExists error naming the e-mail' {
        $taken = (Get-CtSubaccount -Id 1001).Email
        New-CtSubaccount -Email $taken -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.AlreadyExists*'
        $errs[0].TargetObject | Should -Be $taken
    }

    It '-WhatIf creates nothing' {
        New-CtSubaccount -Email 'whatif@example.com' -WhatIf
        (Get-CtSimStats).requests.PSObject.Properties['/v4/subaccount/create'] | Should -BeNullOrEmpty
    }
}

Describe 'Password reset and single sign-on URLs' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'makes a reset URL per piped subaccount' {
        $urls = @(Get-CtSubaccount -Id 1001, 1002 | New-CtSubaccountPasswordResetUrl)
        $urls.Subaccount | Should -Be @('sub_1001', 'sub_1002')
        $urls[0] | Should -BeOfType ([Coupontools.PasswordResetUrl])
        $urls[0].Url | Should -Match '^https://'
        Get-CtSubaccount | New-CtSubaccountPasswordResetUrl -WhatIf
        Get-Requests '/v3/subaccount/reset/url' | Should -Be 2
    }

    It 'opens a campaign in the editor with -Page UpdateCampaign -Campaign, and -Campaign alone implies that page' {
        $DebugPreference = 'Continue'
        $out = New-CtSubaccountSsoUrl -Id 1001 -Page UpdateCampaign -Campaign 1009 *>&1 | Out-String -Width 10000
        $out | Should -Match '"page":"update_campaign","campaign":"cam_1009"'
        $b = New-CtSubaccountSsoUrl -Id 1001 -Campaign cam_1009
        $b.Page | Should -Be 'UpdateCampaign'
        $plain = New-CtSubaccountSsoUrl -Id 1001 *>&1 | Out-String -Width 10000
        $plain | Should -Match '\{"subaccount":"sub_1001"\}' -Because '2025 lists only subaccount: page is sent only when asked for'
        (Get-Command New-CtSubaccountSsoUrl).ParameterSets.Where({ $_.Name -eq 'UpdateCampaign' }).Parameters.Where({ $_.Name -eq 'Campaign' }).IsMandatory | Should -BeTrue
    }

    It 'error 510 (unknown subaccount) says what to do and names the id' {
        $r = New-CtSubaccountSsoUrl -Id 999, 1001 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'sub_999'
        $errs[0].Exception.ErrorCodes | Should -Contain 510
        $errs[0].ErrorDetails.Message | Should -Match "sub_999"
        $errs[0].ErrorDetails.Message | Should -Match 'not a subaccount of this account'
        $errs[0].ErrorDetails.Message | Should -Match 'Get-CtSubaccount'
    }
}

Describe 'New-CtTeammateSsoUrl' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'makes a login link per numeric teammate id, from the pipeline by property name, and names an unknown one (503)' {
        $rows = @([pscustomobject]@{ TeammateId = 9001 }, [pscustomobject]@{ TeammateId = 42 }, [pscustomobject]@{ TeammateId = '9002' })
        $links = @($rows | New-CtTeammateSsoUrl -ErrorVariable errs -ErrorAction SilentlyContinue)
        $links.Teammate | Should -Be @('9001', '9002')
        $links[0] | Should -BeOfType ([Coupontools.SsoUrl])
        $links[0].Url | Should -Match 'action=login&token='
        $links[0].Token | Should -BeOfType ([securestring])
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be '42'
        $errs[0].Exception.ErrorCodes | Should -Contain 503
        Get-Requests '/v3/teammate/sso' | Should -Be 3
    }

    It 'shows the teammate in its views and sends nothing under -WhatIf' {
        $link = New-CtTeammateSsoUrl -Id 9003
        ($link | Format-Table | Out-String -Width 200) | Should -Match '9003'
        ($link | Format-List | Out-String -Width 400) | Should -Match 'Teammate\s*:\s*9003'
        Clear-Stats
        New-CtTeammateSsoUrl -Id 9001, 9002 -WhatIf
        Get-Requests '/v3/teammate/sso' | Should -Be 0
    }
}

Describe 'Bad input is refused before any request' -Tag 'WinPS51' {
    BeforeEach { Clear-Stats }
    AfterEach { (Get-CtSimStats).total | Should -Be 0 }

    It '<Name>' -ForEach @(
        @{ Name = 'an e-mail address that is not one'; Run = { New-CtSubaccount -Email 'not-an-email' }; Id = 'ParameterArgumentValidationError*'; Text = 'not an e-mail address' }
        @{ Name = 'a country that is not ISO 3166 alpha-2'; Run = { New-CtSubaccount -Email 'a@example.com' -Country XX }; Id = 'ParameterArgumentValidationError*'; Text = 'ISO 3166-1 alpha-2' }
        @{ Name = 'a three-letter country'; Run = { New-CtSubaccount -Email 'a@example.com' -Country BEL }; Id = 'ParameterArgumentValidationError*'; Text = 'ISO 3166-1 alpha-2' }
        @{ Name = 'a status outside Trial/Customer'; Run = { New-CtSubaccount -Email 'a@example.com' -Status Gold }; Id = 'ParameterArgumentValidationError*'; Text = 'Trial' }
        @{ Name = 'a package id without pac_'; Run = { New-CtSubaccount -Email 'a@example.com' -Package 12 }; Id = 'ParameterArgumentTransformationError*'; Text = 'package id' }
        @{ Name = 'a malformed subaccount id'; Run = { Get-CtSubaccount -Id 'abc' }; Id = 'ParameterArgumentTransformationError*'; Text = 'subaccount id' }
        @{ Name = 'Set-CtSubaccount with a field the API does not update'; Run = { Set-CtSubaccount -Id 1001 -Package pac_1 -Email 'a@example.com' }; Id = 'NamedParameterNotFound*'; Text = 'Email' }
        @{ Name = 'Set-CtSubaccount with a package id without pac_'; Run = { Set-CtSubaccount -Id 1001 -Package x12 }; Id = 'ParameterArgumentTransformationError*'; Text = 'package id' }
        @{ Name = 'a teammate id that is not a number'; Run = { New-CtTeammateSsoUrl -Id 'sub_12' }; Id = 'CannotConvertArgument*'; Text = 'Int64' }
        @{ Name = 'a teammate id of 0'; Run = { New-CtTeammateSsoUrl -Id 0 }; Id = 'ParameterArgumentValidationError*'; Text = 'minimum' }
        @{ Name = '-Campaign with a page other than UpdateCampaign'; Run = { New-CtSubaccountSsoUrl -Id 1001 -Page Statistics -Campaign 1009 }; Id = 'Coupontools.CampaignOnlyWithUpdateCampaign*'; Text = 'only be used with -Page UpdateCampaign' }
        @{ Name = '-Page UpdateCampaign without -Campaign'; Run = { New-CtSubaccountSsoUrl -Id 1001 -Page UpdateCampaign }; Id = 'Coupontools.UpdateCampaignNeedsCampaign*'; Text = 'needs -Campaign' }
        @{ Name = 'piped ids with -Campaign and another page'; Run = { 1001, 1002 | New-CtSubaccountSsoUrl -Page Campaigns -Campaign 1009 }; Id = 'Coupontools.CampaignOnlyWithUpdateCampaign*'; Text = 'UpdateCampaign' }
        @{ Name = 'a -Password that is not a SecureString'; Run = { New-CtSubaccount -Email 'a@example.com' -Password 'plain' }; Id = 'CannotConvertArgument*'; Text = 'SecureString' }
    ) {
        $err = $null
        try { & $Run } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike $Id
        $err.Exception.Message | Should -Match ([regex]::Escape($Text))
    }
}
