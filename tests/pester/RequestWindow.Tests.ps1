# The request window of every per-input cmdlet (CtPerInputCmdlet): a cmdlet that makes one request per
# pipeline input has -ThrottleLimit, keeps that many requests in flight (the simulator counts the peak of
# requests open at once) and no more, and writes one output or one error per input in input order.
# Each cmdlet runs its valid call (RobustnessHelpers' Get-CtValidCall) with the pipeline-bound values
# piped in as rows (Split-CtPipedCall), so a new per-input cmdlet is covered as soon as it has a valid call.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $null = Import-CtBuiltModule
    # Cmdlets that bind from the pipeline but make no request per input: a paged list streams its pages,
    # a local conversion sends nothing (its -Verify is one read per event, windowed by Test-CtWebhook's path),
    # a wallet card's CSV rows go in bulk calls of up to 100 rows (New-CtLoyaltyCardUser; WalletLoyalty.Tests.ps1).
    $script:NotPerInput = @('Get-CtCampaignUsage', 'Get-CtDirectoryUser', 'ConvertFrom-CtWebhook', 'Disconnect-CtAccount', 'Receive-CtWebhook', 'Connect-CtAccount', 'New-CtLoyaltyCardUser')
    $script:PipelineCmdlets = foreach ($command in Get-Command -Module Coupontools -CommandType Cmdlet) {
        $bound = @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
        if ($bound.Count -gt 0 -and $command.Name -notin $NotPerInput -and $command.Name -ne 'Invoke-CtApi') { @{ Name = $command.Name } }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    $script:Connection = Connect-CtTestAccount -Sim $Sim
    $fixture = Get-CtTestFixture -Sim $Sim -Connection $Connection
    $script:Calls = @(Get-CtValidCall -Fixture $fixture -Sim $Sim -Connection $Connection)

    function Invoke-Windowed($Call, [int]$Inputs, [int]$ThrottleLimit) {
        $split = Split-CtPipedCall $Call
        $rows = 1..$Inputs | ForEach-Object { $split.Row }
        $parameters = $split.Parameters
        $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true }
        $errors = $null
        $output = @($rows | & $Call.Cmdlet @parameters -ThrottleLimit $ThrottleLimit -Connection $Connection -ErrorAction SilentlyContinue -ErrorVariable errors -WarningAction SilentlyContinue)
        [pscustomobject]@{ Output = $output; Errors = @($errors); Peak = [int](Get-CtSimStats).peakInFlight; Total = [int](Get-CtSimStats).total }
    }
}

AfterAll {
    $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 }
    Stop-CtSimulator $Sim
}

Describe 'Every cmdlet that makes one request per pipeline input has -ThrottleLimit' {
    It '<Name> has -ThrottleLimit, 1 to 64, default 4' -TestCases $PipelineCmdlets {
        param($Name)
        $parameter = (Get-Command $Name).Parameters['ThrottleLimit']
        $parameter | Should -Not -BeNullOrEmpty -Because "$Name binds inputs from the pipeline and sends a request for each"
        $range = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        @($range.MinRange, $range.MaxRange) | Should -Be @(1, 64)
        { & $Name -ThrottleLimit 65 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'The request window keeps -ThrottleLimit requests in flight' {
    BeforeAll { $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 300 } }
    AfterAll { $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 } }

    It '<Cmdlet>: 8 inputs with -ThrottleLimit 8 overlap; with -ThrottleLimit 1 they do not' -TestCases @(
        foreach ($name in $PipelineCmdlets.Name) { @{ Cmdlet = $name } }
    ) {
        param($Cmdlet)
        $windowed = @($Calls | Where-Object { $_.Cmdlet -eq $Cmdlet -and (Split-CtPipedCall $_) })
        $windowed | Should -Not -BeNullOrEmpty -Because "a valid call of $Cmdlet must bind something from the pipeline"
        $call = $windowed[0]
        $wide = Invoke-Windowed $call -Inputs 8 -ThrottleLimit 8
        $wide.Peak | Should -BeGreaterOrEqual 4 -Because "8 inputs at 300 ms each, 8 allowed in flight (peak seen: $($wide.Peak))"
        $wide.Total | Should -BeGreaterOrEqual 8 -Because 'every input is sent'
        $wide.Errors.Count | Should -BeLessOrEqual 8 -Because 'an input gets one error at most'
        $narrow = Invoke-Windowed $call -Inputs 3 -ThrottleLimit 1
        $narrow.Peak | Should -Be 1
    }
}

Describe 'Output in input order, one output or one error per input' {
    BeforeAll {
        $script:Sessions = @(Get-CtCampaignUsage -Campaign cam_1001 -First 12 -Connection $Connection).Id
    }

    It 'Get-CtCouponSession writes sessions in input order and an error for each unknown code, in its place' {
        $codes = [System.Collections.Generic.List[string]]::new([string[]]$Sessions)
        $codes.Insert(3, 'zzzzzzzzzzzzzzzzzzzz1')
        $codes.Insert(9, 'zzzzzzzzzzzzzzzzzzzz2')
        $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 50 }
        try {
            $errors = $null
            $out = @($codes | Get-CtCouponSession -ThrottleLimit 16 -Connection $Connection -ErrorAction SilentlyContinue -ErrorVariable errors)
        }
        finally { $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 } }
        $out.Id | Should -Be $Sessions
        $errors.Count | Should -Be 2
        @($errors.TargetObject) | Should -Be @('zzzzzzzzzzzzzzzzzzzz1', 'zzzzzzzzzzzzzzzzzzzz2')
    }

    It 'Get-CtCampaign -Id writes one campaign or one error per id, naming the id' {
        $errors = $null
        $out = @('cam_1001', 'cam_9999', 'cam_1002', 'cam_9998' | Get-CtCampaign -ThrottleLimit 4 -Connection $Connection -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.Id | Should -Be @('cam_1001', 'cam_1002')
        @($errors.TargetObject) | Should -Be @('cam_9999', 'cam_9998')
    }
}
