# v4 directories (REST family) against the simulator: both generations in one listing, routing by id kind,
# users (list, get, create from CSV rows), block, paid access, single sign-on, sending the directory.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
    Start-CtEntityTestSession
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('ct-dirv4-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work

    function Set-Fault([string]$Path, [int]$Status, [string]$Body, [int]$Times = 1) {
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $Path; faults = @(@{ status = $Status; body = $Body; times = $Times }) }
    }
}

AfterAll {
    Stop-CtEntityTestSession
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction Ignore
}

Describe 'Get-CtDirectory over both generations' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'lists the legacy directories, then the v4 ones, each with its Kind' {
        $all = @(Get-CtDirectory)
        $all.Id | Should -Be @('dir_3001', 'dir_3002', 'dir_3003', '3001', '3002', '3003')
        $all.Kind | Should -Be @('Legacy', 'Legacy', 'Legacy', 'V4', 'V4', 'V4')
        $all[3].Code | Should -Be 'pd4711x'
        $all[3].Url | Should -Be 'https://promodeals.app/pd4711x'
        $all[3].CreatedDate | Should -BeOfType ([datetime])
        $all[3].CreatedDate.Kind | Should -Be 'Utc'
        Get-Requests '/v3/directory/list' | Should -Be 1
        Get-Requests '/v4/directory' | Should -Be 1
    }

    It '-Kind <Kind> asks only that generation' -ForEach @(
        @{ Kind = 'Legacy'; Asked = '/v3/directory/list'; NotAsked = '/v4/directory'; Ids = @('dir_3001', 'dir_3002', 'dir_3003') }
        @{ Kind = 'V4'; Asked = '/v4/directory'; NotAsked = '/v3/directory/list'; Ids = @('3001', '3002', '3003') }
    ) {
        @(Get-CtDirectory -Kind $Kind).Id | Should -Be $Ids
        Get-Requests $Asked | Should -Be 1
        Get-Requests $NotAsked | Should -Be 0
    }

    It 'routes each id by its kind: dir_ to v3, a bare number to v4' {
        $two = @('dir_3002', '3002' | Get-CtDirectory)
        $two.Name | Should -Be @('Student Perks', 'Campus Savings')
        $two.Kind | Should -Be @('Legacy', 'V4')
        Get-Requests '/v3/directory/info' | Should -Be 1
        Get-Requests '/v4/directory/3002' | Should -Be 1
    }

    It 'an unknown v4 directory is a NotFound error naming it' {
        Get-CtDirectory -Id 3001, 9999 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -HaveCount 1
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be '9999'
        $errs[0].Exception.Message | Should -Match 'Directory not found'
    }

    It 'skips a generation the account does not have (<Why>), with a verbose note and no error' -ForEach @(
        @{ Why = 'v4 answers 404'; Path = '/v4/directory'; Status = 404; Body = '{"message":"Not found"}'; Left = 'Legacy' }
        @{ Why = 'v4 answers 403'; Path = '/v4/directory'; Status = 403; Body = '{"message":"This account has no v4 directories."}'; Left = 'Legacy' }
        @{ Why = 'legacy answers a not-found error'; Path = '/v3/directory/list'; Status = 422
            Body = '{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422","error_message_description":["Directory not found"],"error_code":[507]}}}'; Left = 'V4' }
    ) {
        Set-Fault -Path $Path -Status $Status -Body $Body
        $out = @(Get-CtDirectory -Verbose -ErrorVariable errs 4>&1)
        $errs | Should -BeNullOrEmpty
        $directories = @($out | Where-Object { $_ -is [Coupontools.Directory] })
        $directories.Count | Should -Be 3
        ($directories.Kind | Sort-Object -Unique) | Should -Be $Left
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped the *' }) | Should -HaveCount 1
    }

    It 'asked for by name, a generation that is not there is an error' {
        Set-Fault -Path '/v4/directory' -Status 404 -Body '{"message":"Not found"}'
        Get-CtDirectory -Kind V4 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'V4'
    }

    It 'when neither generation answers, both errors are written (a wrong account, not two missing products)' {
        Set-Fault -Path '/v4/directory' -Status 404 -Body '{"message":"Not found"}'
        Set-Fault -Path '/v3/directory/list' -Status 422 -Body '{"status":{"status":"failed","errors":{"error_code":[507],"error_message_description":["Directory not found"]}}}'
        Get-CtDirectory -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($errs.TargetObject) | Should -Be @('Legacy', 'V4')
    }

    It 'a failure that is not "not available" is an error, and the other generation is still listed' {
        Set-Fault -Path '/v4/directory' -Status 401 -Body '{"message":"Unauthenticated."}'
        $out = @(Get-CtDirectory -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @('dir_3001', 'dir_3002', 'dir_3003')
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.Unauthorized*'
    }

    It 'Get-CtDirectoryCampaign refuses a v4 directory without a request' {
        Get-CtDirectoryCampaign -Directory 3001 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        $errs[0].TargetObject | Should -Be '3001'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'completes directory ids of both generations' {
        $results = @([Coupontools.PowerShell.DirectoryIdCompleter]::new().CompleteArgument('Get-CtDirectory', 'Id', '', $null, @{}))
        @($results.CompletionText) | Should -Be @('dir_3001', 'dir_3002', 'dir_3003', '3001', '3002', '3003')
        $results[3].ToolTip | Should -Be 'Promo Deals (3001)'
        @([Coupontools.PowerShell.DirectoryIdCompleter]::new().CompleteArgument('Get-CtDirectory', 'Id', 'Campus', $null, @{}).CompletionText) | Should -Be '3002'
    }
}

Describe 'Get-CtDirectoryUser of a v4 directory' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }
    BeforeEach { Clear-Stats }

    It 'gets every user in one request, with the v4 fields' {
        $users = @(Get-CtDirectory -Id 3001 | Get-CtDirectoryUser)
        $users.Count | Should -Be 120
        Get-Requests '/v4/directory/3001/users' | Should -Be 1
        $users[0] | Should -BeOfType ([Coupontools.DirectoryUser])
        $users[0].Kind | Should -Be 'V4'
        $users[0].Directory | Should -Be '3001'
        $users[0].Id | Should -Be '7001'
        $users[0].Email | Should -Match '@example\.com$'
        $users[0].Subscription | Should -Match 'expires_at'
        $users[0].LinkedDate | Should -BeOfType ([datetime])
        @($users | Where-Object Blocked).Count | Should -BeGreaterThan 0
        $users[0].AdditionalProperties.Keys | Should -Contain 'custom_1'
    }

    It '-Skip and -First apply to that list, and -IncludeTotalCount reports its length' {
        $all = @(Get-CtDirectoryUser -Directory 3001)
        $slice = @(Get-CtDirectoryUser -Directory 3001 -Skip 10 -First 5)
        $slice.Id | Should -Be @($all[10..14].Id)
        $counted = @(Get-CtDirectoryUser -Directory 3002 -First 1 -IncludeTotalCount)
        $counted[0].ToString() | Should -Match '120'
        $counted.Count | Should -Be 2
    }

    It '-Id gets users by id; an unknown one is a NotFound error naming it' {
        $got = @(Get-CtDirectoryUser -Directory 3001 -Id 7003, 999, 7004 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $got.Id | Should -Be @('7003', '7004')
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be '999'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
    }

    It '-Id with a legacy directory is refused without a request' {
        Get-CtDirectoryUser -Directory dir_3001 -Id 7003 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'New-CtDirectoryUser' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator; Clear-Stats }

    It 'registers the rows of a CSV file, one request each; a refused row is an error naming its e-mail' {
        $csv = Join-Path $Work 'members.csv'
        @'
Email,first_name,LastName,City,custom_1
ann@example.com,Ann,Peeters,Gent,gold
bob@example.com,Bob,Maes,Leuven,
ann@example.com,Ann,Again,,
cid@example.com,Cid,Claes,,
'@ | Set-Content -LiteralPath $csv
        $made = @(Import-Csv -LiteralPath $csv)
        $created = @($made | New-CtDirectoryUser -Directory 3001 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $created.Email | Should -Be @('ann@example.com', 'bob@example.com', 'cid@example.com')
        $created[0].FirstName | Should -Be 'Ann'
        $created[0].AdditionalProperties['city'] | Should -Be 'Gent'
        $created[0].AdditionalProperties['custom_1'] | Should -Be 'gold'
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be 'ann@example.com'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        $errs[0].Exception.Message | Should -Match 'already been taken'
        $created.Count + $errs.Count | Should -Be $made.Count
        Get-Writes '/v4/directory/3001/users' | Should -Be 3
        (Get-CtDirectoryUser -Directory 3001 -Id $created[2].Id).Email | Should -Be 'cid@example.com'
    }

    It 'sends -BirthDate as yyyy-MM-dd' {
        (New-CtDirectoryUser -Directory 3001 -Email 'born@example.com' -BirthDate ([datetime]'1990-05-04T18:30:00')).AdditionalProperties['birth_date'] | Should -Be '1990-05-04'
    }

    It 'sends a -Password and never writes it anywhere' {
        $password = ConvertTo-SecureString -String 'Pw-Directory-8841' -AsPlainText -Force
        $out = New-CtDirectoryUser -Directory 3001 -Email 'pw@example.com' -Password $password -Debug -Verbose 5>&1 4>&1 | Out-String
        $out | Should -Not -Match 'Pw-Directory-8841'
        Get-Writes '/v4/directory/3001/users' | Should -Be 1
    }

    It '-WhatIf sends nothing' {
        New-CtDirectoryUser -Directory 3001 -Email 'whatif@example.com' -WhatIf
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'refuses <Name> before any request' -ForEach @(
        @{ Name = 'a legacy directory'; Run = { New-CtDirectoryUser -Directory dir_3001 -Email 'a@example.com' -ErrorAction Stop }; Id = 'Coupontools.InvalidArgument*'; Text = 'v4' }
        @{ Name = 'a birth date in the future'; Run = { New-CtDirectoryUser -Directory 3001 -Email 'a@example.com' -BirthDate (Get-Date).AddDays(2) -ErrorAction Stop }; Id = 'Coupontools.InvalidArgument*'; Text = 'BirthDate' }
        @{ Name = 'an e-mail that is not one'; Run = { New-CtDirectoryUser -Directory 3001 -Email 'not-an-email' }; Id = 'ParameterArgumentValidationError*'; Text = 'e-mail' }
    ) {
        $err = $null
        try { & $Run } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike $Id
        $err.Exception.Message | Should -Match $Text
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'Blocking, paid access and sign-on of v4 users' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator; Clear-Stats }

    It 'blocks users piped from Get-CtDirectoryUser, then unblocks them' {
        $blocked = @(Get-CtDirectoryUser -Directory 3001 -Id 7002, 7003 | Set-CtDirectoryUser -Blocked $true -PassThru -Confirm:$false)
        $blocked.Blocked | Should -Be @($true, $true)
        Get-Writes '/v4/directory/3001/users/7002' | Should -Be 1
        (Get-CtDirectoryUser -Directory 3001 -Id 7003).Blocked | Should -BeTrue
        Set-CtDirectoryUser -Directory 3001 -User 7003 -Blocked $false -Confirm:$false | Should -BeNullOrEmpty
        (Get-CtDirectoryUser -Directory 3001 -Id 7003).Blocked | Should -BeFalse
    }

    It '-Blocked with -WhatIf sends nothing; a legacy user is refused without a request' {
        Set-CtDirectoryUser -Directory 3001 -User 7002 -Blocked $true -WhatIf
        Set-CtDirectoryUser -Directory dir_3001 -User reg_5001250 -Blocked $true -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        $errs[0].TargetObject | Should -Be 'reg_5001250'
        Set-CtDirectoryUser -Directory 3001 -User 7002 -PaymentStatus Paid -Confirm:$false -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].Exception.Message | Should -Match 'Grant-CtDirectoryAccess'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'grants access until a local time, sent as UTC yyyy-MM-dd HH:mm:ss' {
        $until = [datetime]::new(2031, 3, 15, 14, 30, 0, [DateTimeKind]::Local)
        $result = Grant-CtDirectoryAccess -Directory 3001 -User 7002 -ExpiresAt $until -Confirm:$false
        $result | Should -BeOfType ([Coupontools.DirectoryAccessResult])
        $result.Message | Should -Be 'Paid access granted'
        $result.Action | Should -Be 'Granted'
        $result.ExpiresAt | Should -Be $until.ToUniversalTime()
        $expected = $until.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss")
        (Get-CtDirectoryUser -Directory 3001 -Id 7002).Subscription | Should -Match ([regex]::Escape($expected))
        Get-Writes '/v4/directory/3001/users/7002/access' | Should -Be 1
    }

    It 'refuses an -ExpiresAt that has passed, before any request' {
        { Grant-CtDirectoryAccess -Directory 3001 -User 7002 -ExpiresAt (Get-Date).AddMinutes(-1) -Confirm:$false } | Should -Throw -ErrorId 'Coupontools.InvalidArgument*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'revokes access of the paid users of a directory, after -WhatIf showed them' {
        $paid = @(Get-CtDirectoryUser -Directory 3001 | Where-Object Subscription)
        $paid.Count | Should -BeGreaterThan 5
        $paid | Revoke-CtDirectoryAccess -WhatIf
        @((Get-CtSimStats).writes.PSObject.Properties).Count | Should -Be 0
        $revoked = @($paid | Revoke-CtDirectoryAccess -Force)
        $revoked.Count | Should -Be $paid.Count
        ($revoked.Message | Sort-Object -Unique) | Should -Be 'Paid access revoked'
        @(Get-CtDirectoryUser -Directory 3001 | Where-Object Subscription) | Should -BeNullOrEmpty
    }

    It 'is ConfirmImpact High for Revoke and Send' {
        (Get-Command Revoke-CtDirectoryAccess).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Send-CtDirectory).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'makes a sign-on link whose token is a SecureString and is in the link' {
        $sso = New-CtDirectoryUserSsoUrl -Directory 3001 -User 7001 -Confirm:$false
        $sso | Should -BeOfType ([Coupontools.SsoUrl])
        $sso.Token | Should -BeOfType ([securestring])
        $token = [System.Net.NetworkCredential]::new('', $sso.Token).Password
        $token.Length | Should -Be 30
        $sso.Url | Should -Be "https://promodeals.app/pd4711x?token=$token"
        $sso.Directory | Should -Be '3001'
        $sso.DirectoryUser | Should -Be '7001'
        Get-Requests '/v4/directory/3001/users/7001/sso' | Should -Be 1
        ($sso | Format-List | Out-String) | Should -Match '\(SecureString\)'
    }
}

Describe 'Send-CtDirectory' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator; Clear-Stats }

    It 'sends by e-mail to each receiver with the given subject, body and type' {
        $sent = @(Send-CtDirectory -Directory 3001 -Email 'ann@example.com', 'bob@example.com' -Subject 'Deals' -Body '<b>Hi</b>' -BodyType Html -Force)
        $sent.Receiver | Should -Be @('ann@example.com', 'bob@example.com')
        $sent[0] | Should -BeOfType ([Coupontools.DirectoryDelivery])
        $sent[0].Status | Should -Be 'sent'
        $sent[0].Channel | Should -Be 'Email'
        $sent[0].Subject | Should -Be 'Deals'
        $sent[0].Sender | Should -Be 'noreply@promodeals.app'
        Get-Writes '/v4/directory/3001/send/email' | Should -Be 2
    }

    It 'sends by SMS to the Phone column of CSV rows' {
        $rows = @([pscustomobject]@{ Phone = '+447911123456' }, [pscustomobject]@{ Phone = '+32470123456' })
        $sent = @($rows | Send-CtDirectory -Directory 3001 -Body 'New deals:' -Force)
        $sent.Receiver | Should -Be @('+447911123456', '+32470123456')
        $sent.Channel | Should -Be @('Sms', 'Sms')
        Get-Writes '/v4/directory/3001/send/sms' | Should -Be 2
    }

    It 'refuses a number that is not E.164 before sending anything' {
        { Send-CtDirectory -Directory 3001 -Phone '+447911123456', '07911 123456' -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It '-WhatIf sends nothing, and a legacy directory is refused' {
        Send-CtDirectory -Directory 3001 -Email 'ann@example.com' -WhatIf
        Send-CtDirectory -Directory dir_3001 -Email 'ann@example.com' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'an unknown directory is one NotFound error per receiver, naming the receiver' {
        $out = @(Send-CtDirectory -Directory 9999 -Email 'ann@example.com', 'bob@example.com' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        @($errs.TargetObject) | Should -Be @('ann@example.com', 'bob@example.com')
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
    }
}
