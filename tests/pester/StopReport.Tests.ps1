# Ctrl+C in a bulk run (issue 16): every cmdlet with -ThrottleLimit (CtPerInputCmdlet), stopped while its
# requests are in flight, lets them end and reports each on the host (WindowStop.Report writes to
# Host.UI.WriteWarningLine, not to a stream). Each cmdlet runs its valid call (Get-CtValidCall, piped as
# rows by Split-CtPipedCall) in a runspace whose host records what it is told (RecordingHost.cs); the
# simulator answers slowly, so the stop comes while the window is full.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $null = Import-CtBuiltModule
    # New-CtLoyaltyCardUser sends a wallet card's rows in bulk calls of up to 100 rows: 12 rows are one call.
    $script:NotPerInput = @('New-CtLoyaltyCardUser')
    $script:Throttled = foreach ($command in Get-Command -Module Coupontools -CommandType Cmdlet) {
        if ($command.Parameters.ContainsKey('ThrottleLimit') -and $command.Name -notin $NotPerInput) { @{ Name = $command.Name } }
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
    $script:Recording = New-CtRecordingRunspace
    $script:Secrets = @($Sim.ClientSecret) + @(Get-CtSubaccountSecret -Sim $Sim)   # what no report line may show
    $script:LatencyMs = 1000
    $script:Inputs = 12
    $script:ThrottleLimit = 4

    # The first valid call of the cmdlet that binds from the pipeline, with -PassThru where its set has it,
    # so a change writes what it did and the count of outcomes below is exact.
    function Get-PipedCall([string]$Name) {
        foreach ($call in $Calls | Where-Object Cmdlet -EQ $Name) {
            if ($split = Split-CtPipedCall $call) {
                $passThru = (Get-Command $Name).Parameters['PassThru']
                if ($passThru -and @($passThru.ParameterSets.Keys | Where-Object { $_ -in $call.Set, '__AllParameterSets' })) { $split.Parameters['PassThru'] = $true }
                return $split
            }
        }
    }

    # One input at full speed: how many requests it makes and how many outputs and errors it gives.
    # Only where both are one is "requests received = outputs + errors + lines reported" exact.
    function Measure-OneInput($Name, $Split) {
        $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true }
        $parameters = $Split.Parameters
        $errors = $null
        $out = @($Split.Row | & $Name @parameters -Connection $Connection -ErrorAction SilentlyContinue -ErrorVariable errors -WarningAction SilentlyContinue)
        [pscustomobject]@{ Requests = [int](Get-CtSimStats).total; Outcomes = $out.Count + @($errors).Count }
    }

    # Runs the call on $Inputs rows in the recording runspace and stops it once more than $ThrottleLimit requests
    # reached the simulator: the first input is done and written, and a full window is in flight.
    function Stop-InFlight($Name, $Split) {
        $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true }
        $Recording.Host.Clear()
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Recording.Runspace
            $null = $ps.AddCommand($Name).AddParameters($Split.Parameters).AddParameter('ThrottleLimit', $ThrottleLimit).AddParameter('Connection', $Connection)
            $rows = [System.Management.Automation.PSDataCollection[object]]::new()
            foreach ($i in 1..$Inputs) { $rows.Add($Split.Row) }
            $rows.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $running = $ps.BeginInvoke($rows, $output)
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while ([int](Get-CtSimStats).total -le $ThrottleLimit -and -not $running.IsCompleted -and [datetime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            $stoppedAt = (Get-CtSimStats).total
            $ps.Stop()
            try { $null = $ps.EndInvoke($running) } catch [System.Management.Automation.PipelineStoppedException] { }
            [pscustomobject]@{
                SentBeforeStop = [int]$stoppedAt
                Sent           = [int](Get-CtSimStats).total
                Output         = @($output)
                Errors         = @($ps.Streams.Error)
                Warnings       = @($Recording.Host.Warnings)
                State          = $ps.InvocationStateInfo.State
            }
        }
        finally { $ps.Dispose() }
    }

    # What names a piped input: the value itself, or the values of the row's properties.
    function Get-InputNames($Row) {
        $values = if ($Row -is [pscustomobject]) { $Row.PSObject.Properties.Value } else { $Row }
        @($values | Where-Object { $_ -is [string] -or $_ -is [int] -or $_ -is [long] } | ForEach-Object { "$_" } | Where-Object { $_.Trim() })
    }
}

AfterAll {
    $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 }
    if ($Recording) { $Recording.Runspace.Dispose() }
    Stop-CtSimulator $Sim
}

Describe 'The recording host' {
    It 'records the warning lines written to it, and nothing from a pipeline stream' {
        $Recording.Host.Clear()
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Recording.Runspace
            $null = $ps.AddScript('$Host.UI.WriteWarningLine("to the host"); Write-Output "to the pipeline"').Invoke()
        }
        finally { $ps.Dispose() }
        $Recording.Host.Warnings | Should -Be @('to the host')
        @($Recording.Host.Lines.Text) | Should -Not -Contain 'to the pipeline'
    }
}

Describe 'Ctrl+C with requests in flight reports each of them on the host' {
    AfterEach { $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 } }

    It '<Name>: stopped with requests in flight, names each on the host and loses none' -TestCases $Throttled {
        param($Name)
        $split = Get-PipedCall $Name
        $split | Should -Not -BeNullOrEmpty -Because "a valid call of $Name (Get-CtValidCall) must bind something from the pipeline"
        $one = Measure-OneInput $Name $split
        $one.Requests | Should -BeGreaterOrEqual 1 -Because "$Name sends a request for an input"

        $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = $LatencyMs }
        $run = Stop-InFlight $Name $split
        $run.State | Should -Be 'Stopped'
        $run.SentBeforeStop | Should -BeGreaterThan $ThrottleLimit -Because 'the stop comes once the first input is done and a full window is in flight'

        $headers = @($run.Warnings | Where-Object { $_ -match "^$Name was stopped with (\d+) request\(s\) in flight" })
        $headers.Count | Should -Be 1 -Because "the host is told once (host warnings: $($run.Warnings -join ' | '))"
        $index = [array]::IndexOf($run.Warnings, $headers[0])
        $null = $headers[0] -match 'with (\d+) request'
        $reported = [int]$Matches[1]
        $reported | Should -BeGreaterOrEqual 1
        $reported | Should -BeLessOrEqual $ThrottleLimit -Because 'no more than -ThrottleLimit requests are in flight'

        $lines = @($run.Warnings[($index + 1)..($index + $reported)])
        $lines.Count | Should -Be $reported
        $names = Get-InputNames $split.Row
        foreach ($line in $lines) {
            $line | Should -Match '^\s+\S+\s+\S' -Because 'each line says what became of one input'
            $line | Should -Not -Match '[\r\n]' -Because "one input, one line: $line"
            $line | Should -Not -Match '`1\[|System\.' -Because "a type name says nothing: $line"
            foreach ($secret in $Secrets) { $line.Contains($secret) | Should -BeFalse -Because "a reply's secret stays out of the report: $line" }
            $line | Should -Not -Match 'still running' -Because 'a stop waits for the requests already sent to end'
            @($names | Where-Object { $line.Contains($_) }).Count | Should -BeGreaterThan 0 -Because "each line names its input ($($names -join ', ')): $line"
        }

        $run.Sent | Should -BeLessThan ($Inputs * $one.Requests) -Because 'the inputs still waiting for room are never sent'
        if ($one.Requests -eq 1 -and $one.Outcomes -eq 1) {
            $run.Output.Count + $run.Errors.Count | Should -BeGreaterOrEqual 1 -Because 'the first input was done before the stop'
            $run.Sent | Should -Be ($run.Output.Count + $run.Errors.Count + $reported) -Because 'every request sent is written to the pipeline or reported on the host'
        }
    }
}

Describe 'Ctrl+C during the first input, which is sent without the window' {
    It 'lets the update end, writes it once and reports it on the host' {
        $session = (Get-CtCampaignUsage -Campaign cam_1001 -First 1 -Connection $Connection).Id
        $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true }
        $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 1500 }
        $Recording.Host.Clear()
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Recording.Runspace
            $null = $ps.AddCommand('Set-CtCouponSession').AddParameter('Id', $session).AddParameter('CustomField1', 'stopped').AddParameter('Confirm', $false).AddParameter('Connection', $Connection)
            $running = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while ([int](Get-CtSimStats).total -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            try { $null = $ps.EndInvoke($running) } catch [System.Management.Automation.PipelineStoppedException] { }
        }
        finally {
            $ps.Dispose()
            $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = 0 }
        }
        $warnings = @($Recording.Host.Warnings)
        $warnings | Should -Contain 'Set-CtCouponSession was stopped with 1 request(s) in flight; their results could not be written to the pipeline:'
        @($warnings | Where-Object { $_ -match "^\s+updated\s+$session" }).Count | Should -Be 1 -Because "the update ended and says so (host: $($warnings -join ' | '))"
        [int](Get-CtSimStats).writes.'/v3/couponsession/update' | Should -Be 1
    }
}
