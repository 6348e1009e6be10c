# Directory and category cmdlets against the simulator: the paid directory story, paging, binding, bad input.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
    Start-CtEntityTestSession
}

AfterAll { Stop-CtEntityTestSession }

Describe 'Get-CtDirectory and Get-CtDirectoryCampaign' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }

    It 'lists the directories, and gets them by id with their user count' {
        $all = @(Get-CtDirectory -Kind Legacy)
        $all.Id | Should -Be @('dir_3001', 'dir_3002', 'dir_3003')
        $all[0] | Should -BeOfType ([Coupontools.Directory])
        $one = @('DIR_3001', 'dir_3002' | Get-CtDirectory)
        $one.Id | Should -Be @('dir_3001', 'dir_3002')
        $one[0].UserCount | Should -Be 250
    }

    It 'Get-CtDirectory | Get-CtDirectoryCampaign gives campaigns of each directory' {
        Clear-Stats
        $campaigns = @(Get-CtDirectory -Kind Legacy | Get-CtDirectoryCampaign)
        $campaigns.Count | Should -BeGreaterThan 2
        $campaigns[0] | Should -BeOfType ([Coupontools.Campaign])
        $campaigns[0].Id | Should -Match '^cam_\d+$'
        Get-Requests '/v3/directory/campaigns' | Should -Be 3
    }

    It 'an unknown directory is a NotFound error naming it' {
        Get-CtDirectoryCampaign -Directory dir_9999 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errs[0].TargetObject | Should -Be 'dir_9999'
    }
}

Describe 'Get-CtDirectoryUser paging' -Tag 'WinPS51' {
    BeforeAll { Reset-CtSimulator }
    BeforeEach { Clear-Stats }

    It 'streams all 250 users in 3 pages of 100' {
        $users = @(Get-CtDirectory -Id dir_3001 | Get-CtDirectoryUser)
        $users.Count | Should -Be 250
        ($users.Id | Sort-Object -Unique).Count | Should -Be 250
        $users[0] | Should -BeOfType ([Coupontools.DirectoryUser])
        $users[0].Directory | Should -Be 'dir_3001'
        $users[0].RegistrationDate | Should -BeOfType ([datetime])
        Get-Requests '/v3/directoryusers/list' | Should -Be 3
    }

    It 'fetches only what the pipeline takes: Select-Object -First 10 sends one request' {
        $users = @(Get-CtDirectoryUser -Directory dir_3001 | Select-Object -First 10)
        $users.Count | Should -Be 10
        Get-Requests '/v3/directoryusers/list' | Should -Be 1
    }

    It '-Skip 149 -First 50 asks for page 2 only and returns users 150 to 199' {
        $all = @(Get-CtDirectoryUser -Directory dir_3001)
        Clear-Stats
        $slice = @(Get-CtDirectoryUser -Directory dir_3001 -Skip 149 -First 50)
        $slice.Id | Should -Be @($all[149..198].Id)
        Get-Requests '/v3/directoryusers/list' | Should -Be 1
    }

    It '-IncludeTotalCount writes the total first' {
        $out = @(Get-CtDirectoryUser -Directory dir_3002 -First 1 -IncludeTotalCount)
        $out[0].ToString() | Should -Match '250'
        $out.Count | Should -Be 2
    }
}

Describe 'The paid directory story' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'with -WhatIf changes nothing and sends no update' {
        Clear-Stats
        Get-CtDirectory -Kind Legacy | Get-CtDirectoryUser | Where-Object PaymentStatus -eq 'unpaid' | Set-CtDirectoryUser -PaymentStatus Paid -WhatIf
        Get-Requests '/v3/directoryusers/update' | Should -Be 0
        @(Get-CtDirectory -Kind Legacy | Get-CtDirectoryUser | Where-Object PaymentStatus -eq 'unpaid').Count | Should -BeGreaterThan 0
    }

    It 'marks every unpaid user paid, one write each, each on its own directory' {
        $unpaid = @(Get-CtDirectory -Kind Legacy | Get-CtDirectoryUser | Where-Object PaymentStatus -eq 'unpaid')
        $unpaid.Count | Should -BeGreaterThan 100
        @($unpaid.Directory | Sort-Object -Unique).Count | Should -Be 3
        Clear-Stats
        $changed = @($unpaid | Set-CtDirectoryUser -PaymentStatus Paid -PassThru)
        $changed.Count | Should -Be $unpaid.Count
        $changed.Id | Should -Be @($unpaid.Id)
        $changed.Directory | Should -Be @($unpaid.Directory)
        ($changed.PaymentStatus | Sort-Object -Unique) | Should -Be 'paid'
        Get-Writes '/v3/directoryusers/update' | Should -Be $unpaid.Count
        @(Get-CtDirectory -Kind Legacy | Get-CtDirectoryUser | Where-Object PaymentStatus -eq 'unpaid').Count | Should -Be 0
    }

    It 'an unknown user is an error naming the user; the others are still changed' {
        $ok = @(Set-CtDirectoryUser -Directory dir_3001 -User reg_5001250, reg_999, reg_5001249 -PaymentStatus Unpaid -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $ok.Id | Should -Be @('reg_5001250', 'reg_5001249')
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'reg_999'
    }
}

Describe 'Get-CtCategory' -Tag 'WinPS51' {
    It 'writes one Category per entry of the id -> name object' {
        $cats = @(Get-CtCategory)
        $cats.Count | Should -BeGreaterThan 2
        $cats[0] | Should -BeOfType ([Coupontools.Category])
        $cats[0].Id | Should -Match '^cat_\d+$'
        $cats[0].Level | Should -BeNullOrEmpty
        $campaigns = @(Get-CtCampaign -Category $cats[0].Id)
        $campaigns | ForEach-Object { $_ | Should -BeOfType ([Coupontools.Campaign]) }
    }

    It '-ThirdLevel gives the documented main categories at level 3' {
        $cats = @(Get-CtCategory -ThirdLevel)
        $cats.Id | Should -Be @('123', '124', '125')
        $cats.Name | Should -Be @('EU', 'USA', 'Other')
        ($cats.Level | Sort-Object -Unique) | Should -Be 3
    }
}

Describe 'Bad input is refused before any request' -Tag 'WinPS51' {
    BeforeEach { Clear-Stats }
    AfterEach { (Get-CtSimStats).total | Should -Be 0 }

    It '<Name>' -ForEach @(
        @{ Name = 'a directory id with another prefix'; Run = { Get-CtDirectory -Id 'cam_3001' }; Id = 'ParameterArgumentTransformationError*'; Text = 'directory id' }
        @{ Name = 'a directory user id that is not reg_'; Run = { Set-CtDirectoryUser -Directory dir_3001 -User 'usr_1' -PaymentStatus Paid }; Id = 'ParameterArgumentTransformationError*'; Text = 'directory user id' }
        @{ Name = 'a payment status outside Paid/Unpaid'; Run = { Set-CtDirectoryUser -Directory dir_3001 -User reg_5001250 -PaymentStatus Pending }; Id = 'ParameterArgumentValidationError*'; Text = 'Paid' }
        @{ Name = 'a negative -First'; Run = { Get-CtDirectoryUser -Directory dir_3001 -First -1 }; Id = 'CannotConvertArgumentNoMessage*'; Text = 'UInt64' }
    ) {
        $err = $null
        try { & $Run } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike $Id
        $err.Exception.Message | Should -Match ([regex]::Escape($Text))
    }
}
