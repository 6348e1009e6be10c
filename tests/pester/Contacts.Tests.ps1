# The SMS and e-mail contact lists against the simulator: groups of both tools, a group's channel carried
# through the pipeline, contacts imported from CSV rows as Excel writes them, E.164 checked before any
# request, a tool the account is not connected to (103), -WhatIf.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url

    function Get-PathCount([string]$Path, [string]$Kind = 'requests') {
        $value = (Get-CtSimStats).$Kind.PSObject.Properties[$Path]
        if ($value) { [int]$value.Value } else { 0 }
    }

    function Set-Integration([hashtable]$State) { $null = Invoke-CtSimControl -Method POST -Path 'integration' -Body $State }
}

AfterAll {
    Stop-CtSimulator $Sim
}

Describe 'Contact groups' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'lists the groups of both tools, each with its channel' {
        $groups = @(Get-CtContactGroup)
        $groups | ForEach-Object { $_ | Should -BeOfType Coupontools.ContactGroup; $_.Id | Should -Match '^gro_\d+$' }
        @($groups | Where-Object Channel -EQ 'Sms').Name | Should -Be 'Subscribers keyword pizza', 'Subscribers keyword burger'
        @($groups | Where-Object Channel -EQ 'Email').Name | Should -Be 'Newsletter', 'Customers'
        @(Get-CtContactGroup -Channel Email).Id | Should -Be 'gro_5001', 'gro_5002'
    }

    It 'leaves out a tool the account is not connected to, with a verbose note' {
        Set-Integration @{ sms = $false }
        $groups = @(Get-CtContactGroup -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [Coupontools.ContactGroup] })
        $groups.Channel | Sort-Object -Unique | Should -Be 'Email'
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'not connected' }).Count | Should -Be 1
    }

    It 'stops with what to set up when the asked tool is not connected' {
        Set-Integration @{ sms = $false }
        $caught = $null
        try { Get-CtContactGroup -Channel Sms } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Coupontools.IntegrationRequired*'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'SMS marketing'
    }

    It 'creates a group in each tool and lists it with its gro_ id' {
        $sms = New-CtContactGroup -Channel Sms -Name 'Pester SMS'
        $email = New-CtContactGroup -Channel Email -Name 'Pester e-mail'
        $sms.Id | Should -Match '^gro_\d+$'
        $email.Id | Should -Match '^gro_\d+$'
        (Get-CtContactGroup -Channel Sms | Where-Object Id -EQ $sms.Id).Name | Should -Be 'Pester SMS'
        (Get-CtContactGroup -Channel Email | Where-Object Id -EQ $email.Id).Channel | Should -Be 'Email'
    }

    It 'creates nothing with -WhatIf' {
        New-CtContactGroup -Channel Sms -Name 'Not made' -WhatIf
        (Get-CtSimStats).total | Should -Be 0
    }
}

Describe 'Contacts' -Tag 'WinPS51' {
    BeforeEach { Reset-CtSimulator }

    It 'lists a piped group''s contacts through that group''s tool' {
        $contacts = @(Get-CtContactGroup -Channel Email | Get-CtContact)
        $contacts.Email | Should -Be 'anna.peeters@example.com', 'luca.maes@example.com', 'emma.claes@example.com'
        $contacts | ForEach-Object { $_.Channel | Should -Be 'Email'; $_.Id | Should -Match '^con_\d+$' }
        Get-PathCount '/v3/smstool/userlist' | Should -Be 0
        $luca = $contacts | Where-Object Email -EQ 'luca.maes@example.com'
        $luca.Unsubscribed | Should -BeTrue
        $luca.UnsubscribedDate | Should -Be ([datetime]::new(2025, 11, 2, 8, 15, 0, [DateTimeKind]::Utc))
        $luca.UnsubscribedDate.Kind | Should -Be 'Utc'
        $luca.GroupName | Should -Be 'Newsletter'
    }

    It 'finds the tool of a bare group id from the group lists' {
        $contacts = @(Get-CtContact -Group 123456)
        $contacts.Channel | Sort-Object -Unique | Should -Be 'Sms'
        $contacts.Recipient | Should -Be '32470000001', '32470000002', '32470000009'
        $contacts.Group | Sort-Object -Unique | Should -Be 'gro_123456'
    }

    It 'says which group is unknown' {
        $errors = $null
        $none = @(Get-CtContact -Group gro_4242 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $none.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.NotFound*'
        $errors[0].Exception.Message | Should -Match 'gro_4242'
        Get-PathCount '/v3/smstool/userlist' | Should -Be 0
    }

    It 'imports an Excel CSV (BOM, CRLF, quoted headers) into an e-mail group, in input order' {
        $csv = Join-Path $TestDrive 'contacts.csv'
        $lines = @('"Email","FirstName","LastName","Custom1"') + (1..8 | ForEach-Object { "`"c$_@example.com`",`"First$_`",`"Last$_`",`"tier$_`"" })
        [IO.File]::WriteAllText($csv, ($lines -join "`r`n") + "`r`n", [Text.UTF8Encoding]::new($true))
        $added = @(Import-Csv $csv | Add-CtContact -Group gro_5002 -ThrottleLimit 3)
        $added.Count | Should -Be 8
        $added.Email | Should -Be (1..8 | ForEach-Object { "c$_@example.com" })
        $added.FirstName | Should -Be (1..8 | ForEach-Object { "First$_" })
        $added | ForEach-Object { $_.Id | Should -Match '^con_\d+$'; $_.Channel | Should -Be 'Email'; $_.Group | Should -Be 'gro_5002' }
        @(Get-CtContact -Group gro_5002 -Channel Email).Count | Should -Be 9
        Get-PathCount '/v3/emailtool/addcontact' 'writes' | Should -Be 8
    }

    It 'checks E.164 before adding an SMS contact: a bad number is its row''s error and no request' {
        $rows = '+32470111222', '0470 11 12 23', '+32470111224' | ForEach-Object { [pscustomobject]@{ Phone = $_; FirstName = 'P' } }
        $all = @($rows | Add-CtContact -Group gro_1243434 2>&1)
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument,*'
        $errors[0].TargetObject.Phone | Should -Be '0470 11 12 23'
        ($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error' } else { $_.Phone } }) |
            Should -Be '32470111222', 'error', '32470111224'
        Get-PathCount '/v3/smstool/addcontact' | Should -Be 2
    }

    It 'refuses a row whose group is of the other tool' {
        $all = @(Get-CtContactGroup -Channel Email | Select-Object -First 1 | Add-CtContact -Phone '+32470111222' 2>&1)
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.InvalidArgument,*'
        $all[0].Exception.Message | Should -Match 'e-mail group'
        Get-PathCount '/v3/smstool/addcontact' | Should -Be 0
        Get-PathCount '/v3/emailtool/addcontact' | Should -Be 0
    }

    It 'sends custom fields under the tool''s own wire names' {
        $DebugPreference = 'Continue'   # the request bodies, redacted, on the debug stream
        $sms = @(Add-CtContact -Group gro_123456 -Phone '+32470999000' -CustomField3 'three' -Confirm:$false 5>&1)
        ($sms | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message -join "`n" | Should -Match '"customfield3":\s*"three"'
        ($sms | Where-Object { $_ -is [Coupontools.Contact] }).Phone | Should -Be '32470999000'
        $email = @(Add-CtContact -Group gro_5001 -Email 'ten@example.com' -Custom10 'ten' -Confirm:$false 5>&1)
        ($email | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message -join "`n" | Should -Match '"custom10":\s*"ten"'
    }

    It 'adds nothing with -WhatIf' {
        1..3 | ForEach-Object { [pscustomobject]@{ Phone = "+3247000010$_" } } | Add-CtContact -Group gro_123456 -WhatIf
        (Get-CtSimStats).total | Should -Be 0
    }

    It 'stops the command when the tool is not connected (API error 103)' {
        Set-Integration @{ email = $false }
        $caught = $null
        try { 'a@example.com', 'b@example.com' | ForEach-Object { [pscustomobject]@{ Email = $_ } } | Add-CtContact -Group gro_5001 -ThrottleLimit 1 }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Coupontools.IntegrationRequired*'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Email marketing'
        $caught.ErrorDetails.Message | Should -Match 'e-mail services'
        Get-PathCount '/v3/emailtool/addcontact' | Should -Be 1
    }
}
