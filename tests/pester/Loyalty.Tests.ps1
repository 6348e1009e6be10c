# Web loyalty card cmdlets (loy_/lus_ ids, v3) against the simulator: the shop story, pipeline binding, bad input.
# Wallet cards: WalletLoyalty.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
    Start-CtEntityTestSession
}

AfterAll { Stop-CtEntityTestSession }

Describe 'Get-CtLoyaltyCard' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }

    It 'lists the cards, only the active ones, in either order' {
        $all = @(Get-CtLoyaltyCard -Kind Web)
        $all.Count | Should -Be 4
        $all[0] | Should -BeOfType ([Coupontools.LoyaltyCard])
        $all[0].CreatedDate | Should -BeOfType ([datetime])
        $active = @(Get-CtLoyaltyCard -Kind Web -ActiveOnly)
        $active.Count | Should -Be 3
        $active.IsActive | Should -Not -Contain $false
        (Get-CtLoyaltyCard -Kind Web -Sort Descending).Id | Should -Be @($all.Id[3..0])
    }

    It 'gets cards by id from the pipeline, with their user count' {
        $cards = @('loy_2001', 'LOY_2002' | Get-CtLoyaltyCard)
        $cards.Id | Should -Be @('loy_2001', 'loy_2002')
        $cards[0].UserCount | Should -Be 30
    }

    It 'an unknown card is a NotFound error naming it' {
        Get-CtLoyaltyCard -Id loy_9999 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'loy_9999'
    }

    It 'has a table view' {
        (Get-CtLoyaltyCard -Kind Web | Format-Table | Out-String) | Should -Match 'Coffee Card'
        @((Get-FormatData -TypeName Coupontools.LoyaltyCard).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }) | Should -Contain 'TableControl'
    }
}

Describe 'The shop story: Get-CtLoyaltyCard -Kind Web -ActiveOnly | Get-CtLoyaltyCardUser -Search anna | Set-CtLoyaltyCardUser -AddStamps 1' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'adds one stamp to exactly the users found, on their own card' {
        $before = @(Get-CtLoyaltyCard -Kind Web -ActiveOnly | Get-CtLoyaltyCardUser -Search anna)
        $before.Count | Should -BeGreaterThan 3
        ($before.LoyaltyCard | Sort-Object -Unique) | Should -Not -Contain 'loy_2004'
        Clear-Stats
        Get-CtLoyaltyCard -Kind Web -ActiveOnly | Get-CtLoyaltyCardUser -Search anna | Set-CtLoyaltyCardUser -AddStamps 1
        Get-Writes '/v3/loyaltyusers/update' | Should -Be $before.Count
        Get-Requests '/v3/loyaltyusers/search' | Should -Be 3
        $after = @(Get-CtLoyaltyCard -Kind Web -ActiveOnly | Get-CtLoyaltyCardUser -Search anna)
        for ($i = 0; $i -lt $before.Count; $i++) {
            $after[$i].Id | Should -Be $before[$i].Id
            $after[$i].Stamps | Should -Be ($before[$i].Stamps + 1)
            $after[$i].Points | Should -Be $before[$i].Points
        }
    }

    It 'with -WhatIf sends no update' {
        Clear-Stats
        Get-CtLoyaltyCard -Kind Web -ActiveOnly | Get-CtLoyaltyCardUser -Search anna | Set-CtLoyaltyCardUser -AddStamps 1 -WhatIf
        Get-Requests '/v3/loyaltyusers/update' | Should -Be 0
    }
}

Describe 'Pipeline binding' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'Get-CtLoyaltyCard | Get-CtLoyaltyCardUser binds the card from its Id' {
        $users = @(Get-CtLoyaltyCard -Id loy_2002 | Get-CtLoyaltyCardUser)
        $users.Count | Should -Be 30
        $users[0] | Should -BeOfType ([Coupontools.LoyaltyCardUser])
        ($users.LoyaltyCard | Sort-Object -Unique) | Should -Be 'loy_2002'
    }

    It 'a user piped to Set-CtLoyaltyCardUser gives LoyaltyCard to -LoyaltyCard and Id to -User (never the other way)' {
        $user = Get-CtLoyaltyCardUser -LoyaltyCard loy_2002 | Select-Object -First 1
        $changed = $user | Set-CtLoyaltyCardUser -AddPoints 25 -PassThru
        $changed.Id | Should -Be $user.Id
        $changed.LoyaltyCard | Should -Be 'loy_2002'
        $changed.Points | Should -Be ($user.Points + 25)
    }

    It 'takes points away with a negative amount and voids with -Voided' {
        $changed = Set-CtLoyaltyCardUser -LoyaltyCard loy_2002 -User lus_70031 -AddPoints -3 -Voided $true -PassThru
        $changed.Voided | Should -BeTrue
        $again = Set-CtLoyaltyCardUser -LoyaltyCard loy_2002 -User lus_70031 -Voided $false -PassThru
        $again.Voided | Should -BeFalse
        $again.Points | Should -Be $changed.Points
    }

    It 'an unknown user is an error naming the user; the other users are still changed' {
        $ok = @(Set-CtLoyaltyCardUser -LoyaltyCard loy_2001 -User lus_70001, lus_99999, lus_70002 -AddStamps 1 -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $ok.Id | Should -Be @('lus_70001', 'lus_70002')
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'lus_99999'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
    }
}

Describe 'Bad input is refused before any request' -Tag 'WinPS51' {
    BeforeEach { Clear-Stats }
    AfterEach { (Get-CtSimStats).total | Should -Be 0 }

    It '<Name>' -ForEach @(
        @{ Name = 'a search of 2 characters'; Run = { Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search an }; Id = 'ParameterArgumentValidationError*'; Text = 'give 3 to 100' }
        @{ Name = 'a search with a space'; Run = { Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search 'an na' }; Id = 'ParameterArgumentValidationError*'; Text = 'only letters' }
        @{ Name = 'a search with other characters'; Run = { Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search 'anna*' }; Id = 'ParameterArgumentValidationError*'; Text = "contains '*'" }
        @{ Name = 'a card id neither loy_ nor a number'; Run = { Get-CtLoyaltyCard -Id 'card1' }; Id = 'ParameterArgumentTransformationError*'; Text = 'loyalty card id' }
        @{ Name = 'a user id neither lus_ nor a number'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 'u-1' -AddStamps 1 }; Id = 'ParameterArgumentTransformationError*'; Text = 'loyalty card user id' }
        @{ Name = '-AddPoints and -AddStamps both zero'; Run = { Set-CtLoyaltyCardUser -LoyaltyCard 2001 -User 70001 -AddPoints 0 -AddStamps 0 }; Id = 'Coupontools.NothingToChange*'; Text = 'both zero' }
        @{ Name = 'no change at all'; Run = { Get-CtLoyaltyCardUser -LoyaltyCard 2001 -Search anna | Set-CtLoyaltyCardUser }; Id = 'Coupontools.NothingToChange*'; Text = 'Nothing to change' }
        @{ Name = 'a sort order outside Ascending/Descending'; Run = { Get-CtLoyaltyCard -Sort Newest }; Id = 'ParameterArgumentValidationError*'; Text = 'Ascending' }
    ) {
        $err = $null
        try { & $Run } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike $Id
        $err.Exception.Message | Should -Match ([regex]::Escape($Text))
    }
}
