# Argument completion of campaign, loyalty card, directory and subaccount ids: through
# TabExpansion2, as a user pressing Tab gets it, against the simulator.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $module = Import-CtBuiltModule
    $completerOf = @{ Campaign = 'CampaignIdCompleter'; LoyaltyCard = 'LoyaltyCardIdCompleter'; Directory = 'DirectoryIdCompleter'; Subaccount = 'SubaccountIdCompleter'; ContactGroup = 'ContactGroupIdCompleter' }
    $script:IdParameterCases = @(foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
            foreach ($property in $command.ImplementingType.GetProperties()) {
                if (-not $property.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true)) { continue }
                # An id parameter: [CtId(<kind>)], or a string parameter named after the kind (-Campaign, -LoyaltyCard, ...).
                $id = $property.GetCustomAttributes($true) | Where-Object { $_.GetType().Name -eq 'CtIdAttribute' } | Select-Object -First 1
                $kind = if ($id) { [string]$id.Kind } elseif ($property.PropertyType -in [string], [string[]] -and $completerOf.ContainsKey($property.Name)) { $property.Name }
                if ($kind -and $completerOf.ContainsKey($kind)) {
                    @{ Command = $command.Name; Parameter = $property.Name; Kind = $kind; Completer = $completerOf[$kind]; Property = $property }
                }
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $null = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $script:SimSecret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force

    function Connect-Sim([switch]$PassThru) {
        Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $SimSecret -BaseUri $Sim.Url -SkipCheck -PassThru:$PassThru
    }

    function Complete([string]$Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-ListRequestCount([string]$Path) {
        $requests = (Get-CtSimStats).requests
        if ($requests.PSObject.Properties[$Path]) { [int]$requests.$Path } else { 0 }
    }

    # A completer called the way PowerShell calls it, for the kinds no cmdlet of this build takes yet.
    function Invoke-Completer([string]$TypeName, [string]$Word = '', [hashtable]$Bound = @{}) {
        $completer = [Activator]::CreateInstance(("Coupontools.PowerShell.$TypeName" -as [type]))
        @($completer.CompleteArgument('Test-Completion', 'Id', $Word, $null, $Bound))
    }
}

AfterAll {
    Disconnect-CtAccount
    Stop-CtSimulator -Simulator $Sim
}

Describe 'Campaign id completion' -Tag 'WinPS51' {
    BeforeAll {
        Reset-CtSimulator
        Connect-Sim
        $script:Campaigns = @(Get-CtCampaign)
    }

    It 'offers every campaign id, with the name in the tooltip' {
        $found = Complete 'Get-CtCampaign -Id '
        $found.Count | Should -Be $Campaigns.Count
        $found[0].CompletionText | Should -Be $Campaigns[0].Id
        $found[0].ToolTip | Should -Be "$($Campaigns[0].Name) ($($Campaigns[0].Id))"
        $found[0].ListItemText | Should -BeLike "$($Campaigns[0].Id)*$($Campaigns[0].Name)"
        $found[0].ResultType | Should -Be 'ParameterValue'
    }

    It 'filters by id, with or without the prefix' {
        $expected = @($Campaigns.Id | Where-Object { $_ -like 'cam_101*' })
        @((Complete 'Get-CtCampaign -Id cam_101').CompletionText) | Should -Be $expected
        @((Complete 'Get-CtCampaign -Id 101').CompletionText) | Should -Be $expected
    }

    It 'filters by name, as a wildcard pattern' {
        $summer = $Campaigns | Where-Object Name -Like 'Summer*' | Select-Object -First 1
        (Complete 'Get-CtCampaign -Id summ').CompletionText | Should -Be $summer.Id
        @((Complete 'Get-CtCampaign -Id *sale').CompletionText) | Should -Be @($Campaigns | Where-Object Name -Like '*sale' | ForEach-Object Id)
    }

    It 'keeps the quote the user opened' {
        (Complete "Get-CtCampaign -Id 'cam_1001")[0].CompletionText | Should -Be "'cam_1001'"
    }

    It 'asks the API once per connection within the cache time' {
        Connect-Sim
        $before = Get-ListRequestCount '/v3/coupon/list'
        $null = Complete 'Get-CtCampaign -Id '
        $null = Complete 'Get-CtCampaign -Id cam_'
        $null = Complete 'Get-CtCampaign -Id Spr'
        (Get-ListRequestCount '/v3/coupon/list') - $before | Should -Be 1
        Connect-Sim   # a new connection has its own cache
        $null = Complete 'Get-CtCampaign -Id '
        (Get-ListRequestCount '/v3/coupon/list') - $before | Should -Be 2
    }

    It 'uses the -Connection given on the command line' {
        $script:kept = Connect-Sim -PassThru
        Connect-CtAccount -ClientId nobody -ClientSecret $SimSecret -BaseUri 'http://127.0.0.1:9' -SkipCheck
        $found = Complete 'Get-CtCampaign -Connection $kept -Id '
        $found.Count | Should -Be $Campaigns.Count
        Connect-Sim
    }
}

Describe 'Completion offline' -Tag 'WinPS51' {
    It 'offers nothing, without an error, when there is no connection' {
        Disconnect-CtAccount
        $Error.Clear()
        Complete 'Get-CtCampaign -Id ' | Should -BeNullOrEmpty
        Invoke-Completer 'DirectoryIdCompleter' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'offers nothing, at once, when the API cannot be reached' {
        Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $SimSecret -BaseUri 'http://127.0.0.1:9' -SkipCheck
        $Error.Clear()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Complete 'Get-CtCampaign -Id ' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3 -Because 'a refused connection is not retried'
        $Error.Count | Should -Be 0
    }

    It 'offers nothing when the connection is closed' {
        $closed = Connect-Sim -PassThru
        Disconnect-CtAccount
        Complete 'Get-CtCampaign -Connection $closed -Id ' | Should -BeNullOrEmpty
    }

    It 'gives up after 3 seconds when the API does not answer, and does not retry' {
        Reset-CtSimulator
        Connect-Sim
        $before = Get-ListRequestCount '/v3/coupon/list'
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/coupon/list'; faults = @(@{ delayMs = 8000; status = 503 }) } | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Complete 'Get-CtCampaign -Id ' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2.5
        (Get-ListRequestCount '/v3/coupon/list') - $before | Should -Be 1
    }

    It 'offers nothing when the reply is not the API''s JSON' {
        Connect-Sim
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/coupon/list'; faults = @(@{ html = $true; status = 200 }) } | Out-Null
        $Error.Clear()
        Complete 'Get-CtCampaign -Id ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
        Invoke-CtSimControl -Method DELETE -Path 'faults' | Out-Null
    }
}

Describe 'Loyalty card, directory and subaccount id completion' -Tag 'WinPS51' {
    BeforeAll {
        Reset-CtSimulator
    }

    It '<Type> offers the ids of <Path> with their names' -ForEach @(
        @{ Type = 'LoyaltyCardIdCompleter'; Path = 'v3/loyalty/list'; Array = 'loyaltycards'; Name = { $_.name }; Rest = 'v4/loyalty/loyalty-cards' }
        @{ Type = 'DirectoryIdCompleter'; Path = 'v3/directory/list'; Array = 'directories'; Name = { $_.name }; Rest = 'v4/directory' }
        @{ Type = 'SubaccountIdCompleter'; Path = 'v4/subaccount/list'; Array = 'subaccount'; Name = { "$($_.company_name) <$($_.email)>" } }
    ) {
        $connection = Connect-Sim -PassThru
        $items = @((Invoke-CtApi -Path $Path -Connection $connection).$Array)
        $items.Count | Should -BeGreaterThan 1
        $results = Invoke-Completer $Type '' @{ Connection = $connection }
        # The second generation's ids (wallet cards, v4 directories: their REST list) come after the first's.
        $second = if ($Rest) { @(Invoke-CtApi -Method Get -Path $Rest -Connection $connection | ForEach-Object { [string]$_.id }) } else { @() }
        @($results.CompletionText) | Should -Be (@($items.ID) + $second)
        $results[0].ToolTip | Should -Be ("{0} ({1})" -f ($items[0] | ForEach-Object $Name), $items[0].ID)
        # By id prefix and by name.
        @((Invoke-Completer $Type $items[1].ID @{ Connection = $connection }).CompletionText) | Should -Contain $items[1].ID
        $word = ($items[1] | ForEach-Object $Name).Substring(0, 4)
        @((Invoke-Completer $Type $word @{ Connection = $connection }).CompletionText) | Should -Contain $items[1].ID
    }

    It 'offers the web cards when the account has no wallet cards, and the wallet cards when it has no web cards' {
        $connection = Connect-Sim -PassThru
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v4/loyalty/loyalty-cards'; faults = @(@{ status = 404; body = '{"message":"Not found"}'; contentType = 'application/json' }) } | Out-Null
        @((Invoke-Completer 'LoyaltyCardIdCompleter' '' @{ Connection = $connection }).CompletionText) | Should -Be @('loy_2001', 'loy_2002', 'loy_2003', 'loy_2004')
        [Coupontools.PowerShell.IdCompleter]::ClearCache()
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/loyalty/list'; faults = @(@{ status = 404; body = '{"message":"Not found"}'; contentType = 'application/json' }) } | Out-Null
        @((Invoke-Completer 'LoyaltyCardIdCompleter' '20' @{ Connection = $connection }).CompletionText) | Should -Be @('2001', '2002', '2003')
        [Coupontools.PowerShell.IdCompleter]::ClearCache()
        Invoke-CtSimControl -Method DELETE -Path 'faults' | Out-Null
    }

    It 'never shows a subaccount''s API key or secret, and names a person when there is no company' {
        $connection = Connect-Sim -PassThru
        $reply = @{ status = @{ status = 'OK' }; subaccount = @(
                @{ ID = 'sub_1001'; company_name = 'Bakery Ltd'; email = 'anna@bakery.test'; api_key = 'key-never-shown'; api_secret = 'secret-never-shown' }
                @{ ID = 'sub_1002'; first_name = 'Ben'; last_name = 'Lee' }
            ) } | ConvertTo-Json -Depth 5 -Compress
        Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v4/subaccount/list'; faults = @(@{ status = 200; body = $reply; contentType = 'application/json' }) } | Out-Null
        $results = Invoke-Completer 'SubaccountIdCompleter' '' @{ Connection = $connection }
        @($results.ToolTip) | Should -Be @('Bakery Ltd <anna@bakery.test> (sub_1001)', 'Ben Lee (sub_1002)')
        ($results | Format-List * | Out-String) | Should -Not -Match 'never-shown'
        Reset-CtSimulator
    }
}

Describe 'Contact group id completion' -Tag 'WinPS51' {
    BeforeAll {
        Reset-CtSimulator
    }

    It 'offers the groups of both tools, or of the -Channel given, named with their tool' {
        $connection = Connect-Sim -PassThru
        $all = Invoke-Completer 'ContactGroupIdCompleter' '' @{ Connection = $connection }
        @($all.CompletionText) | Should -Be 'gro_123456', 'gro_1243434', 'gro_5001', 'gro_5002'
        $all[0].ToolTip | Should -Be 'Subscribers keyword pizza (SMS) (gro_123456)'
        $all[2].ToolTip | Should -Be 'Newsletter (e-mail) (gro_5001)'
        @((Invoke-Completer 'ContactGroupIdCompleter' '' @{ Connection = $connection; Channel = 'Email' }).CompletionText) | Should -Be 'gro_5001', 'gro_5002'
        @((Invoke-Completer 'ContactGroupIdCompleter' 'News' @{ Connection = $connection }).CompletionText) | Should -Be 'gro_5001'
        @((Complete 'Get-CtContact -Group 12').CompletionText) | Should -Contain 'gro_123456'
    }
}

Describe 'Completer on <Command> -<Parameter>' -Tag 'WinPS51' -ForEach $IdParameterCases {
    It 'completes <Kind> ids' {
        $attribute = $Property.GetCustomAttributes([System.Management.Automation.ArgumentCompleterAttribute], $true) | Select-Object -First 1
        $attribute | Should -Not -BeNullOrEmpty -Because "$Command -$Parameter takes $Kind ids: add [ArgumentCompleter(typeof($Completer))]"
        $attribute.Type.Name | Should -Be $Completer
    }
}
