# Wallet loyalty cards (v4 REST, numeric ids) against the simulator: both generations in one listing, the
# user story (import, stamp, use the reward, push), pipeline binding, -WhatIf, errors that name their input,
# bad input refused before any request. Web cards (loy_): Loyalty.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
    Start-CtEntityTestSession

    function Set-Fault([string]$Path, [int]$Status, [string]$Message = 'Not found', [int]$Times = 1) {
        $fault = @{ status = $Status; body = (@{ message = $Message } | ConvertTo-Json -Compress); contentType = 'application/json'; times = $Times }
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = $Path; faults = @($fault) } | Out-Null
    }
    function Clear-Fault { Invoke-CtSimControl -Method DELETE -Path 'faults' | Out-Null }
    $script:Cards = '/v4/loyalty/loyalty-cards'   # (no test may name a variable $cards: PowerShell names ignore case)
}

AfterAll { Stop-CtEntityTestSession }

Describe 'Get-CtLoyaltyCard: both generations' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }
    AfterEach { Clear-Fault }

    It 'lists web cards then wallet cards, each with its Kind; -Kind picks one generation' {
        $all = @(Get-CtLoyaltyCard)
        $all.Id | Should -Be @('loy_2001', 'loy_2002', 'loy_2003', 'loy_2004', '2001', '2002', '2003')
        @($all.Kind | ForEach-Object { "$_" }) | Should -Be @('Web', 'Web', 'Web', 'Web', 'Wallet', 'Wallet', 'Wallet')
        $wallet = @(Get-CtLoyaltyCard -Kind Wallet)
        $wallet.Id | Should -Be @('2001', '2002', '2003')
        $wallet[0].Name | Should -Be 'Coffee Wallet Card'
        $wallet[0].Domain | Should -Be 'save2wallet.link'
        $wallet[0].Code | Should -Match '^[a-z0-9]{6}$'
        @(Get-CtLoyaltyCard -Kind Web).Count | Should -Be 4
    }

    It 'skips a generation the account does not have (<Status>) with a verbose note, not an error' -ForEach @(
        @{ Status = 404 }, @{ Status = 403 }
    ) {
        Set-Fault $Cards $Status
        $out = @(Get-CtLoyaltyCard -Verbose -ErrorVariable errs 4>&1)
        $errs.Count | Should -Be 0
        @($out | Where-Object { $_ -is [Coupontools.LoyaltyCard] }).Id | Should -Be @('loy_2001', 'loy_2002', 'loy_2003', 'loy_2004')
        (@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match "Skipped the Wallet loyalty cards: this account does not seem to have them .*HTTP $Status"
    }

    It 'still lists the wallet cards when the web generation is missing' {
        Set-Fault '/v3/loyalty/list' 404
        $found = @(Get-CtLoyaltyCard -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $found.Id | Should -Be @('2001', '2002', '2003')
    }

    It 'any other failure is an error naming the generation, and the other generation is still listed' {
        Set-Fault $Cards 401 'Unauthenticated.'
        $found = @(Get-CtLoyaltyCard -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 4
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.Unauthorized*'
        $errs[0].TargetObject | Should -Be 'Wallet'
    }

    It 'gets cards by id, routed by kind, in the order given; an unknown wallet card is NotFound naming it' {
        Clear-Stats
        $found = @('2002', 'loy_2001', 9999, '2003' | Get-CtLoyaltyCard -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @('2002', 'loy_2001', '2003')
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be '9999'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        Get-Requests $Cards | Should -Be 1   # the wallet list is read once for every wallet id
        Get-Requests '/v3/loyalty/info' | Should -Be 1
    }

    It 'has a table view that fits 80 columns' {
        $lines = (Get-CtLoyaltyCard | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() }
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        ($lines -join "`n") | Should -Match 'Wallet'
    }
}

Describe 'Copy-CtLoyaltyCard' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'copies a wallet card under a new name; the copy is then listed' {
        $copy = Get-CtLoyaltyCard -Id 2001 | Copy-CtLoyaltyCard -Name 'Coffee (summer)'
        $copy | Should -BeOfType ([Coupontools.LoyaltyCard])
        $copy.Kind | Should -Be 'Wallet'
        $copy.Name | Should -Be 'Coffee (summer)'
        $copy.Id | Should -Not -Be '2001'
        (Get-CtLoyaltyCard -Kind Wallet).Id | Should -Contain $copy.Id
    }

    It 'refuses a web card and a name over 50 characters, sending nothing; -WhatIf sends nothing' {
        Clear-Stats
        Copy-CtLoyaltyCard -Id loy_2001 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.WalletCardRequired*'
        $errs[0].TargetObject | Should -Be 'loy_2001'
        { Copy-CtLoyaltyCard -Id 2001 -Name ('x' * 51) } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Copy-CtLoyaltyCard -Id 2001 -WhatIf
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'Get-CtLoyaltyCardUser on a wallet card' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }

    It 'lists the users without the voided ones unless -IncludeVoided, with their data' {
        $users = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001)
        $all = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -IncludeVoided)
        $all.Count | Should -Be 25
        $users.Count | Should -Be 23
        $users.Voided | Should -Not -Contain $true
        @($all | Where-Object Voided).Count | Should -Be 2
        ($all | Where-Object Voided)[0].VoidedDate | Should -BeOfType ([datetime])
        $users[0].Kind | Should -Be 'Wallet'
        $users[0].LoyaltyCard | Should -Be '2001'
        $users[0].Code | Should -Match '^[a-z0-9]{21}$'
        $users[0].DownloadUrl | Should -Match ("^https://loyalty\.coupontools\.com/[a-z0-9]{6}/" + $users[0].Code + '$')
    }

    It 'searches by keyword and pages with -First/-Skip/-IncludeTotalCount' {
        $all = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001)
        $anna = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search anna)
        $anna.Count | Should -BeGreaterThan 0
        $anna | ForEach-Object { "$($_.FirstName) $($_.LastName) $($_.Email)" | Should -Match 'anna' }
        @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Skip 2 -First 3).Id | Should -Be @($all.Id[2..4])
        $counted = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -First 1 -IncludeTotalCount)
        "$($counted[0])" | Should -Match '23'
    }

    It 'gets given users by -Id; an unknown one is NotFound naming it' {
        $users = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Id 70002, 79999, 70001 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $users.Id | Should -Be @('70002', '70001')
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be '79999'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
    }

    It 'binds the card from a card piped whole, of either generation' {
        $users = @(Get-CtLoyaltyCard | Get-CtLoyaltyCardUser -First 1)
        ($users.LoyaltyCard | Sort-Object) | Should -Be @('2001', '2002', '2003', 'loy_2001', 'loy_2002', 'loy_2003', 'loy_2004')
    }

    It 'has a table view that fits 80 columns' {
        $lines = (Get-CtLoyaltyCardUser -LoyaltyCard 2001 | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() }
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}

Describe 'The loyalty story: import customers, stamp, use the reward, push' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'creates CSV rows in one bulk call and one row alone, in order' {
        $rows = @'
FirstName,LastName,Email,Custom1
Lucas,Peeters,lucas@example.com,gold
Emma,Janssens,emma@example.com,
Noor,Wouters,noor@example.com,silver
'@ | ConvertFrom-Csv
        Clear-Stats
        $made = @($rows | New-CtLoyaltyCardUser -LoyaltyCard 2002)
        $made.Email | Should -Be @('lucas@example.com', 'emma@example.com', 'noor@example.com')
        $made[0].Custom1 | Should -Be 'gold'
        $made[1].Custom1 | Should -BeNullOrEmpty
        $made.LoyaltyCard | Sort-Object -Unique | Should -Be '2002'
        Get-Writes "$Cards/2002/stats/bulk" | Should -Be 1
        Get-Requests "$Cards/2002/stats" | Should -Be 0
        (Get-CtLoyaltyCardUser -LoyaltyCard 2002 -Id $made[2].Id).Custom1 | Should -Be 'silver'

        $one = New-CtLoyaltyCardUser -LoyaltyCard 2002 -FirstName Anna -Email anna@example.com
        Get-Writes "$Cards/2002/stats" | Should -Be 1
        $one.FirstName | Should -Be 'Anna'
    }

    It 'sends more than 100 rows in bulk calls of at most 100' {
        $rows = 1..205 | ForEach-Object { [pscustomobject]@{ FirstName = "Guest$_"; LoyaltyCard = '2003' } }
        Clear-Stats
        $made = @($rows | New-CtLoyaltyCardUser)
        $made.Count | Should -Be 205
        $made[204].FirstName | Should -Be 'Guest205'
        Get-Writes "$Cards/2003/stats/bulk" | Should -Be 3
    }

    It 'a bulk call the API refuses is one error per row, naming it' {
        $rows = @(
            [pscustomobject]@{ FirstName = 'A'; Email = 'a@example.com' }
            [pscustomobject]@{ FirstName = 'B'; Email = 'not-an-email' }
        )
        $made = @($rows | New-CtLoyaltyCardUser -LoyaltyCard 2001 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $made.Count | Should -Be 0
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument*'
        @($errs.TargetObject) | Should -Be @('row 1', 'row 2')
        $errs[0].ToString() | Should -Match 'valid email'
    }

    It 'stamps, then uses the reward the user has, piping the user' {
        $stamped = Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70001 -Amount 2 -PassThru
        $before = (Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Id 70001)
        $stamped.Stamps | Should -BeGreaterOrEqual 2
        @($stamped.Rewards).Count | Should -Be 2
        $stamped.Rewards[1].UsedDate | Should -BeOfType ([datetime])
        $used = $stamped | Use-CtLoyaltyCardReward -PassThru
        $used.Rewards[0].Id | Should -Be 1
        $used.Rewards[0].UsedDate | Should -BeOfType ([datetime])
        Get-Writes "$Cards/2001/stats/70001/rewards" | Should -Be 1
        $before.Id | Should -Be '70001'
    }

    It 'a user whose rewards are all used is refused before any request' {
        $stamped = Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70001 -PassThru
        $null = $stamped | Use-CtLoyaltyCardReward
        $again = Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70001 -PassThru
        Clear-Stats
        { $again | Use-CtLoyaltyCardReward -ErrorAction Stop } | Should -Throw '*no reward left to use*'
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'pushes to the users found in one push, and to all users' {
        $anna = @(Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search anna)
        Clear-Stats
        $push = @(Send-CtPushNotification -LoyaltyCard 2001 -User $anna.Id -Message 'Anna, your smoothie is waiting' -Force)
        $push.Count | Should -Be 1
        $push[0].Recipients | Should -Be $anna.Count
        $push[0].Target | Should -Be ($anna.Id -join ', ')
        $push[0].LoyaltyCard | Should -Be '2001'
        Get-Writes "$Cards/2001/push-notifications" | Should -Be 1
        $all = Send-CtPushNotification -LoyaltyCard 2001 -All -Message 'Happy hour' -Force
        $all.Recipients | Should -Be 23
        $all.Target | Should -Be '*'
    }

    It 'a push to all goes once, with no recipient list; -WhatIf sends nothing more' {
        $push = Send-CtPushNotification -LoyaltyCard 2003 -All -Message 'VIP night' -Confirm:$false
        Send-CtPushNotification -LoyaltyCard 2003 -All -Message 'VIP night' -WhatIf
        Get-Writes "$Cards/2003/push-notifications" | Should -Be 1
        $push.AdditionalProperties['message'] | Should -Be 'Push notification sent to all users'
    }
}

Describe 'Set-, Add-, Use- and Remove- on wallet users' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'Set-CtLoyaltyCardUser sends only the data given, then voids with -Void' {
        Clear-Stats
        $changed = Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70003 -Phone '+32470000003' -Custom2 'blue' -PassThru
        $changed.Phone | Should -Be '+32470000003'
        $changed.Custom2 | Should -Be 'blue'
        $changed.FirstName | Should -Not -BeNullOrEmpty
        $voided = Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70003 -Void -PassThru
        $voided.Voided | Should -BeTrue
        $voided.VoidedDate | Should -BeOfType ([datetime])
        Get-Writes "$Cards/2001/stats/70003" | Should -Be 1
        Get-Writes "$Cards/2001/stats/70003/void" | Should -Be 1
    }

    It 'a wallet user piped to Set-CtLoyaltyCardUser -Void sends none of its own data back' {
        $user = Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Id 70004
        Clear-Stats
        $user | Set-CtLoyaltyCardUser -Void
        Get-Requests "$Cards/2001/stats/70004" | Should -Be 0
        Get-Writes "$Cards/2001/stats/70004/void" | Should -Be 1
    }

    It 'every user piped is handled: inputs = outputs + errors' {
        $ids = '70001', '79998', '70002', '79999', '70005'
        $out = @(Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User $ids -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        ($out.Count + $errs.Count) | Should -Be $ids.Count
        $out.Id | Should -Be @('70001', '70002', '70005')
        @($errs.TargetObject) | Should -Be @('79998', '79999')
    }

    It 'Remove-CtLoyaltyCardUser deletes with -Force; -WhatIf deletes nothing' {
        Clear-Stats
        Remove-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70006 -WhatIf
        (Get-CtSimStats).total | Should -Be 0
        Remove-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70006 -Force | Should -BeNullOrEmpty
        Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Id 70006 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
    }

    It '-WhatIf sends nothing for <Name>' -ForEach @(
        @{ Name = 'Add-CtLoyaltyCardStamp'; Run = { Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70001 -WhatIf } }
        @{ Name = 'Use-CtLoyaltyCardReward'; Run = { Use-CtLoyaltyCardReward -LoyaltyCard 2001 -User 70001 -Reward 1 -WhatIf } }
        @{ Name = 'Set-CtLoyaltyCardUser'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70001 -Email 'x@example.com' -Void -WhatIf } }
        @{ Name = 'New-CtLoyaltyCardUser'; Run = { 1..3 | ForEach-Object { [pscustomobject]@{ FirstName = "W$_" } } | New-CtLoyaltyCardUser -LoyaltyCard 2001 -WhatIf } }
        @{ Name = 'Send-CtPushNotification'; Run = { Send-CtPushNotification -LoyaltyCard 2001 -User 70001, 70002 -Message 'Hi' -WhatIf } }
    ) {
        Clear-Stats
        & $Run
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'Wallet bad input is refused before any request' -Tag 'WinPS51' {
    BeforeEach { Clear-Stats }
    AfterEach { (Get-CtSimStats).total | Should -Be 0 }

    It '<Name>' -ForEach @(
        @{ Name = 'stamps on a web card'; Run = { Add-CtLoyaltyCardStamp -LoyaltyCard loy_2001 -User lus_70001 }; Id = 'Coupontools.WalletCardRequired*'; Text = 'Set-CtLoyaltyCardUser -LoyaltyCard loy_2001 -AddStamps 1' }
        @{ Name = 'a reward on a web card'; Run = { Use-CtLoyaltyCardReward -LoyaltyCard loy_2001 -User lus_70001 -Reward 1 }; Id = 'Coupontools.WalletCardRequired*'; Text = 'wallet cards' }
        @{ Name = 'deleting a web card user'; Run = { Remove-CtLoyaltyCardUser -LoyaltyCard loy_2001 -User lus_70001 -Force }; Id = 'Coupontools.WalletCardRequired*'; Text = 'Voided' }
        @{ Name = 'a web user on a wallet card'; Run = { Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User lus_70001 -ErrorAction Stop }; Id = 'Coupontools.LoyaltyCardUserMismatch*'; Text = 'lus_70001' }
        @{ Name = 'a wallet user in a web push'; Run = { Send-CtPushNotification -LoyaltyCard loy_2001 -User 70001 -Message 'x' -Force -ErrorAction Stop }; Id = 'Coupontools.LoyaltyCardUserMismatch*'; Text = 'different generations' }
        @{ Name = 'zero stamps'; Run = { Add-CtLoyaltyCardStamp -LoyaltyCard 2001 -User 70001 -Amount 0 }; Id = 'ParameterArgumentValidationError*'; Text = 'Amount' }
        @{ Name = 'reward 0'; Run = { Use-CtLoyaltyCardReward -LoyaltyCard 2001 -User 70001 -Reward 0 }; Id = 'ParameterArgumentValidationError*'; Text = 'Reward' }
        @{ Name = 'web parameters on a wallet card'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70001 -AddPoints 5 -ErrorAction Stop }; Id = 'Coupontools.WrongLoyaltyCardKind*'; Text = 'Add-CtLoyaltyCardStamp' }
        @{ Name = 'wallet data on a web card'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard loy_2001 -User lus_70001 -Email 'a@example.com' -ErrorAction Stop }; Id = 'Coupontools.WrongLoyaltyCardKind*'; Text = 'web card' }
        @{ Name = 'nothing to change'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70001 }; Id = 'Coupontools.NothingToChange*'; Text = '-Void' }
        @{ Name = 'a password for a wallet user'; Run = { New-CtLoyaltyCardUser -LoyaltyCard 2001 -FirstName A -Password (ConvertTo-SecureString 'x' -AsPlainText -Force) -ErrorAction Stop }; Id = 'Coupontools.PasswordNotTaken*'; Text = 'no password' }
        @{ Name = 'a web user without a password'; Run = { New-CtLoyaltyCardUser -LoyaltyCard loy_2001 -Email 'a@example.com' -ErrorAction Stop }; Id = 'Coupontools.MissingParameter*'; Text = '-Password' }
        @{ Name = 'a card id with letters'; Run = { Get-CtLoyaltyCardUser -LoyaltyCard '20a1' }; Id = 'ParameterArgumentTransformationError*'; Text = 'wallet card' }
    ) {
        $err = $null
        try { & $Run } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike $Id
        "$($err.Exception.Message) $(if ($err.ErrorDetails) { $err.ErrorDetails.Message })" | Should -BeLike "*$Text*"
    }
}

Describe 'Web card users created and linked' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'creates a web user with e-mail and password and links it to the card' {
        $password = ConvertTo-SecureString 'Secret-123' -AsPlainText -Force
        $user = New-CtLoyaltyCardUser -LoyaltyCard loy_2001 -Email 'new.web@example.com' -FirstName Web -Password $password
        $user.Id | Should -Match '^lus_'
        $user.Kind | Should -Be 'Web'
        (Get-CtLoyaltyCardUser -LoyaltyCard loy_2001 -Id $user.Id).Email | Should -Be 'new.web@example.com'
        Get-Writes '/v3/loyaltyusers/link' | Should -Be 1
    }
}
