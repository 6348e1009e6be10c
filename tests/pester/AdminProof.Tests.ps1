# What a new admin meets first (issue 16): scheduled tasks that use -Debug, -Verbose and
# confirmations under -NonInteractive, errors that name their input, a base URI with the API
# version in it, the demo, the simulator's --help, help examples that do what they say, and the
# Get-CtX | Verb-CtX pipelines the README and the help pages show.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Module = Import-CtBuiltModule
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:Sim = Start-CtSimulator
    $script:Connection = Connect-CtTestAccount -Sim $Sim

    function Invoke-ChildPwsh {
        <# Runs $Script in a fresh `pwsh -NonInteractive` with the built module and the simulator's account; returns ExitCode, Out, Err. #>
        param([string]$Script, [string]$File)
        $cmd = Get-CtPwshCommand
        $psi = [System.Diagnostics.ProcessStartInfo]::new($cmd[0])
        foreach ($a in @($cmd | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive')) { $psi.ArgumentList.Add($a) }
        if ($File) { $psi.ArgumentList.Add('-File'); $psi.ArgumentList.Add($File) }
        else { $psi.ArgumentList.Add('-Command'); $psi.ArgumentList.Add("Import-Module '$(Get-CtTestModulePath)'; $Script") }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['COUPONTOOLS_CLIENT_ID'] = $Sim.ClientId
        $psi.Environment['COUPONTOOLS_CLIENT_SECRET'] = $Sim.ClientSecret
        $psi.Environment['COUPONTOOLS_BASE_URI'] = $Sim.Url
        $psi.Environment['PSModulePath'] = (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent (Get-CtTestModulePath)))) + [IO.Path]::PathSeparator + $env:PSModulePath
        $psi.Environment['NO_COLOR'] = '1'
        $process = [System.Diagnostics.Process]::Start($psi)
        $err = $process.StandardError.ReadToEndAsync()
        $out = $process.StandardOutput.ReadToEnd()
        if (-not $process.WaitForExit(180000)) { Stop-CtProcess $process; throw 'The child pwsh did not finish in 3 minutes.' }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Out = $out; Err = $err.Result }
    }
}

AfterAll {
    Disconnect-CtAccount -ErrorAction SilentlyContinue
    Stop-CtSimulator -Simulator $Sim
}

Describe 'A scheduled task: -Debug, -Verbose and confirmations under -NonInteractive' {
    It 'writes debug and verbose records without asking and without failing' {
        $run = Invoke-ChildPwsh -Script @'
$ErrorActionPreference = 'Stop'
Connect-CtAccount
$out = & { Get-CtCampaign -Id cam_1001 -Debug -Verbose; Get-CtCampaignUsage -Campaign cam_1001 -First 3 -Debug } 5>&1 4>&1
$debug = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
$verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
$objects = @($out | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })
"DEBUG=$($debug.Count) VERBOSE=$($verbose.Count) OBJECTS=$($objects.Count)"
'@
        $run.Err | Should -Not -Match 'NonInteractive|Continue with this operation'
        $run.ExitCode | Should -Be 0 -Because $run.Err
        $run.Out | Should -Match 'DEBUG=([1-9]\d*) VERBOSE=([1-9]\d*) OBJECTS=4'
    }

    It 'says to add -Force or -Confirm:$false when a confirmation cannot be shown, and sends nothing' {
        Reset-CtSimulator -Simulator $Sim
        $run = Invoke-ChildPwsh -Script @'
Connect-CtAccount -SkipCheck
try { Send-CtPushNotification -Campaign cam_1001 -Session v6n7gn -Message 'hi' -ErrorAction Stop; 'SENT' }
catch { "ERROR=$($_.FullyQualifiedErrorId)"; "MESSAGE=$($_.ErrorDetails.Message)" }
'@
        $run.Out | Should -Match 'ERROR=Coupontools\.ConfirmationNotPossible'
        $run.Out | Should -Match 'MESSAGE=.*-Force.*-Confirm:\$false'
        $run.Out | Should -Not -Match 'SENT'
        @((Get-CtSimStats -Simulator $Sim).writes.PSObject.Properties | ForEach-Object Name) | Should -Not -Contain '/v3/coupon/pushnotification/single'
    }

    It 'about_Coupontools shows the scheduled-task pattern: Stop, a log, exit codes' {
        $about = Get-Content -LiteralPath (Join-Path $RepoRoot 'docs/about_Coupontools.md') -Raw
        $section = [regex]::Match($about, '(?s)### A scheduled task.*?(?=\n### )').Value
        $section | Should -Match "\`$ErrorActionPreference = 'Stop'"
        $section | Should -Match 'Start-Transcript'
        $section | Should -Match 'exit \$code'
        $section | Should -Match '-NonInteractive'
    }
}

Describe 'Errors name their input and read as Coupontools errors' {
    It 'Get-CtCampaign -Id with two unknown ids gives two errors, each naming its id' {
        $null = Get-CtCampaign -Id cam_1001, cam_9999, cam_9998 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 2
        $failed[0].ErrorDetails.Message | Should -Match "'cam_9999'"
        $failed[1].ErrorDetails.Message | Should -Match "'cam_9998'"
        $failed[0].ErrorDetails.Message | Should -Not -Be $failed[1].ErrorDetails.Message
        foreach ($e in $failed) {
            $e.ErrorDetails.Message | Should -Match 'Coupontools error 502'
            $e.ErrorDetails.Message | Should -Not -Match 'API error'
            $e.Exception.Message | Should -Not -Match 'API error'
        }
    }
}

Describe 'A base URI that ends in the API version' {
    It 'takes <_> off with a note, and no call goes to /v3/v3' -ForEach '/v3', '/v4/', '/V3' {
        Reset-CtSimulator -Simulator $Sim
        $connection = Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force) `
            -BaseUri ($Sim.Url + $_) -PassThru -WarningVariable note -WarningAction SilentlyContinue
        "$note" | Should -Match ([regex]::Escape($_.TrimEnd('/')))
        $connection.BaseUri.AbsolutePath | Should -Be '/'
        (Get-CtCampaign -Id cam_1001 -Connection $connection).Id | Should -Be 'cam_1001'
        (Get-CtSimStats -Simulator $Sim).requests.PSObject.Properties.Name | Where-Object { $_ -match '/v\d/v\d' } | Should -BeNullOrEmpty
        Disconnect-CtAccount -Connection $connection
        $script:Connection = Connect-CtTestAccount -Sim $Sim
    }
}

Describe 'Small things an admin meets' {
    It 'Get-CtConnection says so when not connected' {
        Disconnect-CtAccount
        try {
            $out = Get-CtConnection -WarningVariable said -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            "$said" | Should -Match 'Not connected.*Connect-CtAccount'
        }
        finally { $script:Connection = Connect-CtTestAccount -Sim $Sim }
    }

    It 'Receive-CtWebhook on a busy port names the port' {
        $busy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, 0)
        $busy.Start()
        try {
            $port = $busy.LocalEndpoint.Port
            { Receive-CtWebhook -Port $port -Timeout 1 -ErrorAction Stop } | Should -Throw -ErrorId 'Coupontools.ListenerFailed,*'
            try { Receive-CtWebhook -Port $port -Timeout 1 -ErrorAction Stop } catch { $failure = $_ }
            $failure.ErrorDetails.Message | Should -Match "port $port is already in use"
        }
        finally { $busy.Stop() }
    }

    It 'the simulator answers --help with its options' {
        $out = & (Get-CtDotnetPath) (Get-CtTestSimulatorPath) --help 2>&1
        $LASTEXITCODE | Should -Be 0
        ($out -join "`n") | Should -Match '--urls'
        ($out -join "`n") | Should -Match '--seed'
        ($out -join "`n") | Should -Match 'LISTENING'
    }

    It 'the quickstart demo ends on its success line, with nothing on the error stream' {
        $run = Invoke-ChildPwsh -File (Join-Path $RepoRoot 'examples/quickstart.ps1')
        $run.ExitCode | Should -Be 0 -Because $run.Err
        $run.Err.Trim() | Should -BeNullOrEmpty
        @($run.Out -split "`r?`n" | Where-Object { $_.Trim() })[-1] | Should -Be 'Quickstart finished: every step worked.'
    }
}

Describe 'Help examples that do what they say' {
    It 'every Select-Object in an example names properties the module''s objects have' {
        $types = @($Module.ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -eq 'Coupontools' })
        $known = @($types | ForEach-Object { $_.GetProperties().Name }) + @('Name', 'Count', 'Group')
        $checked = 0
        foreach ($page in Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs') -Filter '*-Ct*.md') {
            foreach ($m in [regex]::Matches((Get-Content -LiteralPath $page.FullName -Raw), 'Select-Object\s+(-Property\s+)?((?:[A-Za-z]+\s*,\s*)*[A-Za-z]+)\s*(\||$|\r?\n)')) {
                foreach ($name in $m.Groups[2].Value -split '\s*,\s*') {
                    $known | Should -Contain $name -Because "$($page.Name) selects $name"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterThan 2
    }

    It 'Set-CtLoyaltyCardUser example 1 stamps exactly the user it is about' {
        Reset-CtSimulator -Simulator $Sim
        $page = Get-Content -LiteralPath (Join-Path $RepoRoot 'docs/Set-CtLoyaltyCardUser.md') -Raw
        $code = [regex]::Match($page, '(?s)### Example 1:[^\n]*\n```powershell\r?\n(.*?)```').Groups[1].Value
        $code | Should -Not -BeNullOrEmpty
        $changed = @(& ([scriptblock]::Create($code)))
        $changed.Count | Should -Be 1
        $changed[0].Voided | Should -BeFalse
        (Get-CtSimStats -Simulator $Sim).writes.'/v3/loyaltyusers/update' | Should -Be 1
    }
}

Describe 'Get-CtX | Verb-CtX pipelines of the README and the help bind' {
    BeforeAll {
        $fixture = Get-CtTestFixture -Sim $Sim -Connection $Connection
        # An object of each type the Get- and Find- cmdlets write, from their valid calls.
        $script:Output = @{}
        foreach ($call in Get-CtValidCall -Fixture $fixture -Sim $Sim -Connection $Connection | Where-Object { $_.Cmdlet -like 'Get-Ct*' -or $_.Cmdlet -like 'Find-Ct*' }) {
            $parameters = Resolve-CtCallParameters $call.Parameters
            foreach ($item in @(& $call.Cmdlet @parameters -ErrorAction SilentlyContinue | Select-Object -First 1)) {
                if (-not $Output.ContainsKey($item.GetType().FullName)) { $Output[$item.GetType().FullName] = $item }
            }
        }
        function Get-Sample([string]$Cmdlet) {
            (Get-Command $Cmdlet).OutputType.Type | ForEach-Object { $Output[$_.FullName] } | Where-Object { $_ } | Select-Object -First 1
        }
        # Every "Get-CtX ... | Verb-CtY args" of the README, docs/*.md and examples/, plus the pairs issue 16 names.
        $texts = @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs'), (Join-Path $RepoRoot 'examples') -File) + @(Get-Item (Join-Path $RepoRoot 'README.md')) |
            ForEach-Object { (Get-Content -LiteralPath $_.FullName -Raw) -replace '\|\s*\r?\n\s*', '| ' }
        $found = foreach ($text in $texts) {
            foreach ($m in [regex]::Matches($text, '((?:Get|Find)-Ct[A-Za-z]+)\b[^|\r\n`]*\|\s*((?:[A-Z][a-z]+)-Ct[A-Za-z]+)([^|\r\n`]*)')) {
                [pscustomobject]@{ From = $m.Groups[1].Value; To = $m.Groups[2].Value; Arguments = $m.Groups[3].Value.Trim() }
            }
        }
        $named = @(
            [pscustomobject]@{ From = 'Get-CtCampaign'; To = 'Send-CtPushNotification'; Arguments = '-All -Message hi' }
            [pscustomobject]@{ From = 'Get-CtLoyaltyCard'; To = 'Send-CtPushNotification'; Arguments = '-All -Message hi' }
        )
        $script:Pairs = @(@($found) + $named | Where-Object { $Module.ExportedCmdlets.ContainsKey($_.From) -and $Module.ExportedCmdlets.ContainsKey($_.To) } |
            Where-Object { $_.Arguments -notmatch '[$@{(…]' } | Sort-Object From, To, Arguments -Unique)
    }

    It 'finds the pairings (and the two issue 16 names)' {
        $Pairs.Count | Should -BeGreaterThan 8
        @($Pairs | Where-Object { $_.To -eq 'Send-CtPushNotification' -and $_.Arguments -match '-All' }).Count | Should -BeGreaterOrEqual 2
    }

    It 'every pairing binds its piped object (-WhatIf where it changes something)' {
        $failures = foreach ($pair in $Pairs) {
            $sample = Get-Sample $pair.From
            if (-not $sample) { "$($pair.From): no sample output"; continue }
            $whatIf = if ((Get-Command $pair.To).Parameters.ContainsKey('WhatIf') -and $pair.Arguments -notmatch '-WhatIf') { ' -WhatIf' } else { '' }
            $pipeline = [scriptblock]::Create(
                "param(`$in) `$caught = @(); try { `$null = `$in | $($pair.To) $($pair.Arguments)$whatIf -ErrorAction SilentlyContinue -ErrorVariable bindErrors -WarningAction SilentlyContinue } " +
                "catch { `$caught += `$_ }; @(Get-Variable bindErrors -ValueOnly -ErrorAction Ignore) + `$caught")
            $errors = @(& $pipeline $sample)
            if (-not (Get-CtConnection -WarningAction SilentlyContinue)) { $script:Connection = Connect-CtTestAccount -Sim $Sim }
            foreach ($e in $errors | Where-Object { $_ }) {
                $record = if ($e -is [System.Management.Automation.ErrorRecord]) { $e } elseif ($e.PSObject.Properties['ErrorRecord']) { $e.ErrorRecord } else { continue }
                if ($record.Exception -is [System.Management.Automation.ParameterBindingException]) {
                    "$($pair.From) | $($pair.To) $($pair.Arguments): $($record.FullyQualifiedErrorId): $($record.Exception.Message)"
                }
            }
        }
        $failures | Should -BeNullOrEmpty
    }
}
