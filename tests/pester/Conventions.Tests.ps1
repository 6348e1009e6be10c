# Conventions a PowerShell Gallery reviewer (and PSScriptAnalyzer, which is not available here)
# would check, over the BUILT module: every exported cmdlet and every output type is covered
# automatically, so a new cmdlet that breaks a rule fails here with its name.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $module = Import-CtBuiltModule
    $script:CmdletCases = @($module.ExportedCmdlets.Values | Sort-Object Name | ForEach-Object {
            @{ Name = $_.Name; Verb = $_.Verb; Noun = $_.Noun; Type = $_.ImplementingType }
        })
    $outputTypes = @($module.ExportedCmdlets.Values | ForEach-Object { $_.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) } |
        ForEach-Object { $_.Type } | ForEach-Object { $_.Type } | Where-Object { $_ -and $_.Namespace -eq 'Coupontools' } | Sort-Object FullName -Unique)
    $script:TypeCases = @($outputTypes | ForEach-Object { @{ TypeName = $_.FullName; Type = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Module = Import-CtBuiltModule
    $script:ModuleDir = Split-Path -Parent (Get-CtTestModulePath)
    $script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:Manifest = Import-PowerShellDataFile -Path (Get-CtTestModulePath)
    $script:ApprovedVerbs = @(Get-Verb | ForEach-Object Verb)
    [xml]$script:Formats = Get-Content -LiteralPath (Join-Path $ModuleDir 'Coupontools.Format.ps1xml') -Raw
    $script:CommonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)

    function Get-CmdletAttribute([type]$Type) {
        $Type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
    }

    function Get-ViewsOf([string]$TypeName) {
        @($Formats.SelectNodes('/Configuration/ViewDefinitions/View') | Where-Object { @($_.SelectNodes('ViewSelectedBy/TypeName') | ForEach-Object InnerText) -contains $TypeName })
    }
}

Describe 'Cmdlet <Name>' -ForEach $CmdletCases {
    It 'uses an approved verb' {
        $ApprovedVerbs | Should -Contain $Verb -Because "$Name must use a verb from Get-Verb"
    }

    It 'has a singular noun with the Ct prefix' {
        $Noun | Should -MatchExactly '^Ct[A-Z][A-Za-z]+$'
        $lastWord = ([regex]::Matches($Noun, '[A-Z][a-z0-9]*') | Select-Object -Last 1).Value
        $lastWord | Should -Not -Match '(?<![su])s$' -Because "nouns are singular ($Noun)"
    }

    It 'declares [OutputType]' {
        @($Type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)).Count | Should -BeGreaterThan 0
    }

    It 'supports -WhatIf/-Confirm when it changes something, with ConfirmImpact High on Remove/Send/Revoke' {
        $attribute = Get-CmdletAttribute $Type
        if ($Verb -in 'New', 'Set', 'Remove', 'Send', 'Copy', 'Use', 'Grant', 'Revoke') {
            $attribute.SupportsShouldProcess | Should -BeTrue -Because "$Name changes state"
            (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
        }
        if ($Verb -in 'Remove', 'Send', 'Revoke') {
            $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
        }
        if ($Verb -notin 'New', 'Set', 'Remove', 'Send', 'Copy', 'Use', 'Grant', 'Revoke', 'Connect', 'Disconnect', 'Invoke', 'Receive', 'Add', 'Update', 'Clear', 'Reset', 'Start', 'Stop', 'Register', 'Unregister') {
            # Get/Find/Test/ConvertFrom only read: -WhatIf there would promise something it cannot keep.
            $attribute.SupportsShouldProcess | Should -BeFalse -Because "$Name only reads"
        }
    }

    It 'takes secrets only as SecureString or PSCredential' {
        $risky = @((Get-Command $Name).Parameters.Values | Where-Object {
                $_.Name -match '(?i)secret|passw|pwd|token|apikey|(^|[a-z])key$' -and
                $_.ParameterType -in [string], [string[]], [char[]], [byte[]], [object]
            } | ForEach-Object Name)
        $risky | Should -BeNullOrEmpty -Because 'a secret in a string parameter ends up in history, logs and transcripts'
    }

    It 'has help: synopsis, description, a text for every parameter, 2+ examples, related links' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *" -Because 'an automatic synopsis is only the syntax'
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in @($help.examples.example)) {
            $example.code | Should -Not -BeNullOrEmpty
            $example.code | Should -Not -Match '#\s*example:' -Because 'test markers are stripped from the shipped help'
        }
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
        $described = @{}
        $parameterHelp = if ($help.parameters -and $help.parameters.PSObject.Properties['parameter']) { @($help.parameters.parameter) } else { @() }
        foreach ($p in $parameterHelp) { $described[$p.name] = ($p.description | Out-String).Trim() }
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $CommonParameters }) {
            $described[$parameter] | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Parameter $parameter must say what it does"
        }
    }

    It 'is in CmdletsToExport' {
        @($Manifest.CmdletsToExport) | Should -Contain $Name
    }
}

Describe 'Output type <TypeName>' -ForEach $TypeCases {
    BeforeAll {
        $views = Get-ViewsOf $TypeName
        $table = @($views | Where-Object { $_.SelectSingleNode('TableControl') }) | Select-Object -First 1
        $list = @($views | Where-Object { $_.SelectSingleNode('ListControl') }) | Select-Object -First 1
        $properties = @($Type.GetProperties() | Where-Object { $_.GetGetMethod() -and $_.GetIndexParameters().Count -eq 0 } | ForEach-Object Name)
    }

    It 'has a table view of 4 to 6 columns that fits 120 characters' {
        $table | Should -Not -BeNullOrEmpty -Because "$TypeName needs a table view in src/Coupontools/Formats/"
        $headers = @($table.SelectNodes('TableControl/TableHeaders/TableColumnHeader'))
        # 4 columns, or every modelled property when the type has fewer (Category: Id, Name, Level).
        $modelled = @($properties | Where-Object { $_ -ne 'AdditionalProperties' }).Count
        $headers.Count | Should -BeGreaterOrEqual ([Math]::Min(4, $modelled))
        $headers.Count | Should -BeLessOrEqual 6
        # Every column but the last has a width (a last URL or message column may take the rest of
        # the line); the sized columns leave at least 20 characters of 120 for an unsized last one.
        $widths = @($headers | ForEach-Object { $_.SelectSingleNode('Width') } | ForEach-Object { if ($_) { [int]$_.InnerText } else { $null } })
        for ($i = 0; $i -lt $headers.Count - 1; $i++) { $widths[$i] | Should -Not -BeNullOrEmpty -Because "column $($i + 1) of $TypeName needs a width, or the table is sized by its first rows" }
        $sized = ($widths | Where-Object { $null -ne $_ } | Measure-Object -Sum).Sum + $headers.Count - 1
        $room = if ($null -eq $widths[-1]) { 20 } else { 0 }
        $sized + $room | Should -BeLessOrEqual 120
        @($table.SelectNodes('TableControl/TableRowEntries/TableRowEntry/TableColumnItems/TableColumnItem')).Count | Should -Be $headers.Count
    }

    It 'has a list view when it has more than 6 properties' {
        if ($properties.Count -le 6) {
            $properties.Count | Should -BeLessOrEqual 6   # the table already shows enough
            return
        }
        $list | Should -Not -BeNullOrEmpty -Because "$TypeName has $($properties.Count) properties"
        @($list.SelectNodes('ListControl/ListEntries/ListEntry/ListItems/ListItem')).Count | Should -BeGreaterThan 6
    }

    It 'names only properties the type has' {
        $named = @($views | ForEach-Object { $_.SelectNodes('.//PropertyName') } | ForEach-Object InnerText | Sort-Object -Unique)
        $named | Should -Not -BeNullOrEmpty
        foreach ($name in $named) { $properties | Should -Contain $name -Because "a view of $TypeName names $name" }
    }

    It 'shows no secret-like property in its views' {
        $named = @($views | ForEach-Object { $_.SelectNodes('.//PropertyName') } | ForEach-Object InnerText)
        $named | Where-Object { $_ -match '(?i)secret|password|token|apikey' } | Should -BeNullOrEmpty
    }
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path (Get-CtTestModulePath) -ErrorAction Stop } | Should -Not -Throw
    }

    It 'has the fields the Gallery shows' {
        foreach ($field in 'Author', 'CompanyName', 'Copyright', 'Description', 'GUID', 'ModuleVersion', 'PowerShellVersion') {
            [string]$Manifest[$field] | Should -Not -BeNullOrEmpty -Because "$field is required"
        }
        $Manifest.Description.Length | Should -BeGreaterThan 60
        $data = $Manifest.PrivateData.PSData
        foreach ($field in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { [string]$data[$field] | Should -Not -BeNullOrEmpty -Because "PSData.$field is required" }
        [uri]::IsWellFormedUriString($data.ProjectUri, 'Absolute') | Should -BeTrue
        $data.LicenseUri | Should -BeLike "$($data.ProjectUri)*LICENSE"
        @($Manifest.CompatiblePSEditions) | Should -Be @('Desktop', 'Core')
    }

    It 'is tagged for both editions and every OS' {
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            @($Manifest.PrivateData.PSData.Tags) | Should -Contain $tag
        }
        foreach ($tag in @($Manifest.PrivateData.PSData.Tags)) { $tag | Should -Not -Match '\s' -Because 'Gallery tags have no spaces' }
    }

    It 'exports explicitly, without wildcards' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $Manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit, or PowerShell exports everything"
            @($Manifest[$key]) | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        }
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $defined = @($Module.ImplementingAssembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.Cmdlet]) } |
                ForEach-Object { Get-CmdletAttribute $_ } | Where-Object { $_ } |
                ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
        @($Manifest.CmdletsToExport | Sort-Object) | Should -Be $defined
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
    }

    It 'exports the aliases the cmdlets declare, and no others' {
        $declared = @($Module.ExportedCmdlets.Values | ForEach-Object {
                $_.ImplementingType.GetCustomAttributes([System.Management.Automation.AliasAttribute], $false) | ForEach-Object AliasNames
            } | Sort-Object)
        @($Manifest.AliasesToExport | Sort-Object) | Should -Be $declared
        @($Module.ExportedAliases.Keys | Sort-Object) | Should -Be $declared
    }

    It 'keeps CmdletsToExport grouped by noun (Account/Connection/Api first, then each noun group together)' {
        $nouns = @($Manifest.CmdletsToExport | ForEach-Object { ($_ -split '-', 2)[1] })
        $seen = [System.Collections.Generic.List[string]]::new()
        foreach ($noun in $nouns) {
            if ($seen.Count -and $seen[-1] -eq $noun) { continue }
            $seen | Should -Not -Contain $noun -Because "the cmdlets of $noun sit together in Coupontools.psd1"
            $seen.Add($noun)
        }
    }

    It 'has release notes for its version in CHANGELOG.md and a LICENSE' {
        $version = [regex]::Escape($Manifest.ModuleVersion)
        Get-Content -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md') -Raw | Should -Match "(?m)^## \[$version\]"
        $Manifest.PrivateData.PSData.ReleaseNotes | Should -Match "^$version"
        Get-Content -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Raw | Should -Match '^MIT License'
    }

    It 'ships about_Coupontools and about_Coupontools_Webhooks' {
        foreach ($topic in 'about_Coupontools', 'about_Coupontools_Webhooks') {
            Test-Path -LiteralPath (Join-Path $ModuleDir "en-US/$topic.help.txt") | Should -BeTrue
        }
        $about = Get-Help about_Coupontools | Out-String
        foreach ($subject in 'Connect-CtAccount', 'COUPONTOOLS_CLIENT_SECRET', 'Get-Secret', 'ConvertFrom-SecureString', 'Retry-After', 'Coupontools.NotFound', 'simulator') {
            $about | Should -Match ([regex]::Escape($subject))
        }
        (Get-Help about_Coupontools_Webhooks | Out-String) | Should -Match 'Receive-CtWebhook'
    }
}

Describe 'Windows PowerShell 5.1 compatibility' {
    BeforeAll {
        $script:Assemblies = @($Module.ImplementingAssembly, [Coupontools.Connection].Assembly)
        $script:CheckProject = [IO.Path]::Combine($RepoRoot, 'tests', 'Coupontools.Net472Check', 'Coupontools.Net472Check.csproj')
    }

    It 'the shipped assemblies target netstandard2.0 and reference only netstandard, Newtonsoft.Json and System.Management.Automation' {
        $allowed = 'netstandard', 'Newtonsoft.Json', 'System.Management.Automation', 'Coupontools.Client'
        foreach ($assembly in $Assemblies) {
            $framework = $assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false) | Select-Object -First 1
            $framework.FrameworkName | Should -Be '.NETStandard,Version=v2.0' -Because "$($assembly.GetName().Name) must load in Windows PowerShell 5.1"
            foreach ($reference in $assembly.GetReferencedAssemblies()) {
                $allowed | Should -Contain $reference.Name -Because "$($assembly.GetName().Name) references $($reference.Name)"
            }
        }
        $shipped = @(Get-ChildItem -LiteralPath $ModuleDir -Filter '*.dll' | ForEach-Object BaseName | Sort-Object)
        $shipped | Should -Be @('Coupontools', 'Coupontools.Client', 'Newtonsoft.Json')
    }

    It 'the build compiles the same sources for .NET Framework 4.7.2 (Coupontools.Net472Check in the solution)' {
        [xml]$check = Get-Content -LiteralPath $CheckProject -Raw
        $check.SelectSingleNode('/Project/PropertyGroup/TargetFramework').InnerText | Should -Be 'net472'
        $compiled = @($check.SelectNodes('/Project/ItemGroup/Compile') | ForEach-Object { $_.GetAttribute('Include') })
        $compiled | Should -Contain '..\..\src\Coupontools.Client\**\*.cs'
        $compiled | Should -Contain '..\..\src\Coupontools\**\*.cs'
        (Get-Content -LiteralPath (Join-Path $RepoRoot 'Coupontools.sln') -Raw) | Should -Match 'Coupontools\.Net472Check\.csproj'
        $built = @(Get-ChildItem -Path ([IO.Path]::Combine($RepoRoot, 'tests', 'Coupontools.Net472Check', 'bin')) -Recurse -Filter 'Coupontools.Net472Check.dll' -ErrorAction Ignore)
        $built.Count | Should -BeGreaterThan 0 -Because 'Build compiles the check'
    }

    It 'the check uses every package the module uses, at the one version Directory.Packages.props gives' {
        [xml]$central = Get-Content -LiteralPath (Join-Path $RepoRoot 'Directory.Packages.props') -Raw
        $central.SelectSingleNode('/Project/PropertyGroup/ManagePackageVersionsCentrally').InnerText | Should -Be 'true'
        $versions = @{}
        foreach ($p in $central.SelectNodes('/Project/ItemGroup/PackageVersion')) { $versions[$p.GetAttribute('Include')] = $p.GetAttribute('Version') }
        [xml]$check = Get-Content -LiteralPath $CheckProject -Raw
        $checked = @($check.SelectNodes('/Project/ItemGroup/PackageReference') | ForEach-Object { $_.GetAttribute('Include') })
        foreach ($project in 'Coupontools.Client', 'Coupontools') {
            [xml]$xml = Get-Content -LiteralPath ([IO.Path]::Combine($RepoRoot, 'src', $project, "$project.csproj")) -Raw
            foreach ($p in $xml.SelectNodes('/Project/ItemGroup/PackageReference')) {
                $name = $p.GetAttribute('Include')
                $checked | Should -Contain $name -Because "src/$project uses $name; add it to the net472 check"
                $versions[$name] | Should -Not -BeNullOrEmpty -Because "$name needs a PackageVersion in Directory.Packages.props"
            }
        }
        foreach ($file in Get-ChildItem -LiteralPath $RepoRoot -Recurse -Filter '*.csproj' | Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]') {
            [xml]$xml = Get-Content -LiteralPath $file.FullName -Raw
            foreach ($p in $xml.SelectNodes('//PackageReference')) {
                $p.GetAttribute('Version') | Should -BeNullOrEmpty -Because "$($file.Name) must take $($p.GetAttribute('Include'))'s version from Directory.Packages.props"
            }
        }
    }
}

Describe 'Suites tagged WinPS51 (the CI runs them on Windows PowerShell 5.1)' {
    BeforeAll {
        $pesterDir = Join-Path $RepoRoot 'tests/pester'
        $script:Tagged = @(Get-ChildItem -LiteralPath $pesterDir -Filter '*.Tests.ps1' -File |
                Where-Object { (Get-Content -LiteralPath $_.FullName -Raw) -match "(?m)^Describe .*-Tag 'WinPS51'" })
        # What they load runs on 5.1 too: the helper modules they import and the build helpers TestHelpers imports.
        $imported = @($Tagged | ForEach-Object { [regex]::Matches((Get-Content -LiteralPath $_.FullName -Raw), "'(\w+\.psm1)'") } | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
        $script:Checked = @($Tagged) + @($imported | ForEach-Object { Get-Item -LiteralPath (Join-Path $pesterDir $_) }) +
            @(Get-Item -LiteralPath ([IO.Path]::Combine($RepoRoot, 'tools', 'Coupontools.Build.psm1')))

        function script:Find-Ps7Only([string]$Path) {
            <# Syntax, parameters, variables and APIs that Windows PowerShell 5.1 does not have, as "line: what". #>
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
            $ps7Parameters = 'Parallel', 'SkipHttpErrorCheck', 'AsHashtable', 'AsByteStream', 'AdditionalChildPath', 'ResponseHeadersVariable',
                'StatusCodeVariable', 'SkipCertificateCheck', 'SkipHeaderValidation'
            $ps7Commands = 'Get-Error', 'Test-Json', 'Start-ThreadJob', 'Join-String', 'Get-Uptime', 'Remove-Alias', 'Remove-Service'
            $ps7Variables = 'PSStyle', 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSNativeCommandArgumentPassing'
            $syntax = $ast.FindAll({
                    param($n)
                    $type = $n.GetType().Name
                    $type -in 'TernaryExpressionAst', 'PipelineChainAst' -or
                    ($type -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' -and $n.NullConditional) -or
                    ($type -eq 'BinaryExpressionAst' -and $n.Operator -eq 'QuestionQuestion') -or
                    ($type -eq 'AssignmentStatementAst' -and $n.Operator -eq 'QuestionQuestionEquals')
                }, $true)
            # Parameters, commands and APIs parse on 5.1; they are fine behind an `if ($PSVersionTable.PSEdition -eq 'Core')`.
            $apis = $ast.FindAll({
                    param($n)
                    $type = $n.GetType().Name
                    ($type -eq 'CommandParameterAst' -and $n.ParameterName -in $ps7Parameters) -or
                    ($type -eq 'CommandAst' -and $n.GetCommandName() -in $ps7Commands) -or
                    ($type -eq 'VariableExpressionAst' -and $n.VariablePath.UserPath -in $ps7Variables) -or
                    ($type -in 'StringConstantExpressionAst', 'ExpandableStringExpressionAst' -and ($n.Extent.Text -match '`u\{' -or $n.Value -eq 'utf8NoBOM')) -or
                    ($type -in 'MemberExpressionAst', 'InvokeMemberExpressionAst' -and $n.Static -and $n.Member.Extent.Text -eq 'ProcessPath') -or
                    ($type -eq 'InvokeMemberExpressionAst' -and $n.Member.Extent.Text -eq 'Kill' -and @($n.Arguments).Count -gt 0)
                }, $true) | Where-Object {
                $guarded = $false
                for ($p = $_.Parent; $p; $p = $p.Parent) {
                    if ($p -is [System.Management.Automation.Language.IfStatementAst] -and $p.Clauses[0].Item1.Extent.Text -match "PSEdition -eq 'Core'") { $guarded = $true; break }
                }
                -not $guarded
            }
            $found = @($syntax) + @($apis)
            foreach ($n in $found) { "$([IO.Path]::GetFileName($Path)):$($n.Extent.StartLineNumber): $($n.Extent.Text -replace '\s+', ' ')" }
        }
    }

    It 'are there, and tag every Describe of their file (the 5.1 job runs those files whole)' {
        $Tagged.Count | Should -BeGreaterOrEqual 5
        foreach ($file in $Tagged) {
            $untagged = @(Select-String -LiteralPath $file.FullName -Pattern '^Describe ' | Where-Object Line -NotMatch "-Tag 'WinPS51'")
            $untagged | Should -BeNullOrEmpty -Because "$($file.Name) is run on 5.1 as a whole"
        }
    }

    It 'use no syntax, parameter, variable or API that PowerShell 7 added, nor do the helpers they load' {
        $found = @($Checked | ForEach-Object { Find-Ps7Only $_.FullName })
        $found | Should -BeNullOrEmpty
    }

    It 'finds what it looks for (a file with PowerShell 7 features is flagged)' {
        $probe = Join-Path ([IO.Path]::GetTempPath()) "ps7-probe-$PID.ps1"
        Set-Content -LiteralPath $probe -Value @(
            '$a = $x ? 1 : 2', 'Get-Thing && Get-Other', '$b = $c ?? 3', '$d = ${e}?.Name', '1..2 | ForEach-Object -Parallel { $_ }',
            'Invoke-WebRequest -Uri $u -SkipHttpErrorCheck', '"`u{1F600}"', '[Environment]::ProcessPath', '$p.Kill($true)', 'Set-Content -Encoding utf8NoBOM -Path x -Value 1'
        )
        try { @(Find-Ps7Only $probe).Count | Should -Be 10 }
        finally { Remove-Item -LiteralPath $probe -ErrorAction Ignore }
    }
}

Describe 'Views on real output' {
    BeforeAll {
        $script:Sim = Start-CtSimulator
        Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force) -BaseUri $Sim.Url
    }
    AfterAll {
        Disconnect-CtAccount
        Stop-CtSimulator -Simulator $Sim
    }

    It 'Get-CtCampaign fits 80 columns as a table' {
        $campaigns = @(Get-CtCampaign)
        $campaigns.Count | Should -BeGreaterThan 0
        $lines = @(($campaigns | Format-Table | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Id\s+Code\s+Name\s+Status\s+TimeZone'
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 -Because "'$line'" }
    }

    It 'Get-CtCampaign shows every modelled property as a list' {
        $text = Get-CtCampaign -Id cam_1001 -IncludeUsageStats | Format-List | Out-String
        foreach ($name in 'Id', 'Name', 'Status', 'Url', 'TimeZone', 'Locations', 'CustomCodeCount') { $text | Should -Match "(?m)^$name\s+:" }
    }

    It 'Get-CtConnection shows no secret in any view or its string form' {
        $connection = Get-CtConnection
        foreach ($text in ($connection | Format-Table | Out-String), ($connection | Format-List * | Out-String), [string]$connection) {
            $text | Should -Not -Match ([regex]::Escape($Sim.ClientSecret))
        }
    }
}
