# Every example a user might copy runs against the simulator: each ```powershell block under
# "## EXAMPLES" in docs/*.md (through tools/Get-HelpExample.ps1) and each examples/*.ps1. So the
# documentation cannot rot: a renamed parameter, a changed output or a wrong id fails here with
# the file and line of the example.
#
# Markers, a comment line inside the block (documented in docs/README.md):
#   # example: not run (<reason>)             the example cannot run unattended; counted and printed
#   # example: expects error <ErrorId>[, ...] these non-terminating errors are what it shows
BeforeDiscovery {
    $repoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $all = @(& (Join-Path $repoRoot 'tools/Get-HelpExample.ps1') -RepoRoot $repoRoot)
    $notRun = '(?m)^\s*#\s*example:\s*not run\b\s*(?:\((?<why>[^)]*)\))?'
    $cases = [System.Collections.Generic.List[hashtable]]::new()
    $skipped = [System.Collections.Generic.List[hashtable]]::new()
    # Blocks of one example run in order in one runspace (a later block may use an earlier one's variables).
    foreach ($group in $all | Group-Object Source, Name) {
        $blocks = @($group.Group | Sort-Object Line)
        $first = $blocks[0]
        $case = @{ Source = $first.Source; Line = $first.Line; Name = $first.Name; Kind = $first.Kind; Blocks = $blocks; Where = "$($first.Source):$($first.Line)" }
        $marker = $blocks | ForEach-Object { [regex]::Match($_.Code, $notRun) } | Where-Object Success | Select-Object -First 1
        if ($marker) { $case.Reason = $marker.Groups['why'].Value.Trim(); $skipped.Add($case) }
        else { $cases.Add($case) }
    }
    $script:DocCases = @($cases | Where-Object Kind -EQ 'DocExample')
    $script:ScriptCases = @($cases | Where-Object Kind -EQ 'Script')
    $script:SkippedCases = $skipped.ToArray()
    $script:AllCount = $cases.Count + $skipped.Count
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Manifest = Get-CtTestModulePath
    $null = Import-CtBuiltModule
    $script:Sim = Start-CtSimulator
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('ct-examples-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    $script:SavedEnv = @{}
    $moduleRoot = Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $Manifest))   # out/ (holds Coupontools/<version>/)
    $environment = @{
        COUPONTOOLS_CLIENT_ID     = $Sim.ClientId
        COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
        COUPONTOOLS_BASE_URI      = $Sim.Url
        PSModulePath              = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath   # so `Import-Module Coupontools` finds the build
    }
    foreach ($name in $environment.Keys) {
        $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $environment[$name])
    }
    $script:Ran = 0
    $script:ExampleTimeout = [TimeSpan]::FromSeconds(60)

    function Get-ExpectedErrorId([object[]]$Blocks) {
        @($Blocks | ForEach-Object { [regex]::Matches($_.Code, '(?m)^\s*#\s*example:\s*expects error\s+(?<ids>.+)$') } |
            ForEach-Object { $_.Groups['ids'].Value -split '[,\s]+' } | Where-Object { $_ })
    }

    function Get-ErrorLine($Record) {
        if ($Record.Exception -is [System.Management.Automation.ParseException]) { return $Record.Exception.Errors[0].Extent.StartLineNumber }
        if ($Record.InvocationInfo -and $Record.InvocationInfo.ScriptLineNumber -gt 0) { return $Record.InvocationInfo.ScriptLineNumber }
        0
    }

    function Format-Failure([string]$Source, [int]$FenceLine, [int]$CodeLine, [string]$Message) {
        # The block's first code line is the line after its fence.
        $line = if ($CodeLine -gt 0) { $FenceLine + $CodeLine } else { $FenceLine }
        "${Source}:${line}: $Message"
    }

    function Invoke-DocExample($Case) {
        <# Runs the blocks of one example in a new runspace with the module imported and connected, in an empty folder. #>
        Reset-CtSimulator
        $folder = Join-Path $Work ("{0:d3}" -f (++$script:Ran))
        $null = New-Item -ItemType Directory -Path $folder
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule($Manifest)
        $iss.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new('ConfirmPreference', 'None', 'unattended: an example with -Confirm prompts answers yes'))
        $iss.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new('ProgressPreference', 'SilentlyContinue', ''))
        $runspace = [runspacefactory]::CreateRunspace($iss)
        $runspace.Open()
        $failures = [System.Collections.Generic.List[string]]::new()
        $errorIds = [System.Collections.Generic.List[string]]::new()
        $output = [System.Text.StringBuilder]::new()
        try {
            $runspace.SessionStateProxy.Path.SetLocation($folder) | Out-Null
            $setup = [powershell]::Create($runspace)
            $null = $setup.AddCommand('Connect-CtAccount').Invoke()
            if ($setup.HadErrors) { $failures.Add("$($Case.Where): Connect-CtAccount before the example failed: $($setup.Streams.Error | Select-Object -First 1)") }
            $setup.Dispose()
            foreach ($block in $Case.Blocks) {
                if ($failures.Count) { break }
                $ps = [powershell]::Create($runspace)
                try {
                    $null = $ps.AddScript($block.Code).AddCommand('Out-String').AddParameter('Width', 120)
                    $async = $ps.BeginInvoke()
                    if (-not $async.AsyncWaitHandle.WaitOne($ExampleTimeout)) {
                        $ps.Stop()
                        $failures.Add((Format-Failure $Case.Source $block.Line 0 "did not finish within $($ExampleTimeout.TotalSeconds) s; mark it '# example: not run (<why>)' if it cannot run unattended"))
                        continue
                    }
                    try { foreach ($text in $ps.EndInvoke($async)) { $null = $output.Append($text) } }
                    catch {
                        $record = if ($_.Exception.InnerException -is [System.Management.Automation.IContainsErrorRecord]) { $_.Exception.InnerException.ErrorRecord } else { $_ }
                        $failures.Add((Format-Failure $Case.Source $block.Line (Get-ErrorLine $record) "terminating error: $($record.Exception.Message)"))
                    }
                    foreach ($record in $ps.Streams.Error) {
                        $errorIds.Add($record.FullyQualifiedErrorId.Split(',')[0])
                        $id = $record.FullyQualifiedErrorId.Split(',')[0]
                        if ($id -notin (Get-ExpectedErrorId $Case.Blocks)) {
                            $failures.Add((Format-Failure $Case.Source $block.Line (Get-ErrorLine $record) "error $($id): $($record.Exception.Message)"))
                        }
                    }
                }
                finally { $ps.Dispose() }
            }
        }
        finally {
            $runspace.Dispose()
        }
        foreach ($expected in Get-ExpectedErrorId $Case.Blocks) {
            if ($expected -notin $errorIds) { $failures.Add("$($Case.Where): the example says it shows error $expected, but it did not happen.") }
        }
        [pscustomobject]@{ Failures = $failures.ToArray(); Output = $output.ToString() }
    }

    function Invoke-ScriptExample($Case) {
        <# examples/*.ps1 as a user runs them: a fresh pwsh, the built module on PSModulePath, an empty folder. #>
        Reset-CtSimulator
        $folder = Join-Path $Work ("{0:d3}" -f (++$script:Ran))
        $null = New-Item -ItemType Directory -Path $folder
        $repoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        $script = Join-Path $repoRoot $Case.Source
        $command = Get-CtPwshCommand
        $psi = [System.Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($a in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $folder
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            $failures = @()
            if (-not $process.WaitForExit([int]$ExampleTimeout.TotalMilliseconds)) {
                $process.Kill($true)
                $failures += "$($Case.Source): did not finish within $($ExampleTimeout.TotalSeconds) s; mark it '# example: not run (<why>)' if it cannot run unattended"
            }
            $process.WaitForExit()
            $text = $stdout.Result + $stderr.Result
            if (-not $failures -and $process.ExitCode -ne 0) { $failures += "$($Case.Source): exited with $($process.ExitCode). Output:`n$text" }
        }
        finally { $process.Dispose() }
        [pscustomobject]@{ Failures = $failures; Output = $text }
    }
}

AfterAll {
    foreach ($name in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnv[$name]) }
    if ($Work -and (Test-Path -LiteralPath $Work)) { Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction Continue }
    Stop-CtSimulator -Simulator $Sim
    Disconnect-CtAccount
}

Describe 'Help examples' {
    It '<Where> <Name>' -ForEach $DocCases {
        $result = Invoke-DocExample $_
        $result.Failures | Should -BeNullOrEmpty
    }
}

Describe 'Example scripts' {
    It '<Source> runs to the end' -ForEach $ScriptCases {
        $result = Invoke-ScriptExample $_
        $result.Failures | Should -BeNullOrEmpty
        $result.Output | Should -Not -BeNullOrEmpty
    }
}

Describe 'Examples not run' -ForEach @(@{ Skipped = $SkippedCases; DocCount = $DocCases.Count; ScriptCount = $ScriptCases.Count; AllCount = $AllCount }) {
    It 'are marked with a reason, and rare' {
        foreach ($case in $Skipped) { $case.Reason | Should -Not -BeNullOrEmpty -Because "$($case.Where) is marked 'not run' without saying why" }
        $Skipped.Count | Should -BeLessOrEqual ([Math]::Max(2, [Math]::Floor($AllCount / 5))) -Because 'most examples must run'
        ($DocCount + $ScriptCount) | Should -BeGreaterThan 0
        Write-Host ("Examples: {0} run against the simulator ({1} help, {2} scripts), {3} not run by marker" -f ($DocCount + $ScriptCount), $DocCount, $ScriptCount, $Skipped.Count)
        foreach ($case in $Skipped) { Write-Host "  not run: $($case.Where) $($case.Name): $($case.Reason)" }
    }
}
