# Shared helpers for build.ps1, the tools/*.ps1 scripts and tests/pester/TestHelpers.psm1.
# One place that knows where things are: the version, the built module folder,
# the simulator dll, Pester, and how to start a fresh pwsh.
Set-StrictMode -Version Latest

$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function Get-CtRepoRoot {
    [OutputType([string])]
    param()
    $script:RepoRoot
}

function Get-CtModuleVersion {
    [OutputType([string])]
    param([string]$RepoRoot = $script:RepoRoot)
    $manifest = Import-PowerShellDataFile -Path (Join-Path $RepoRoot 'Coupontools.psd1')
    [string]$manifest.ModuleVersion
}

function Get-CtBuildLayout {
    <#
    .SYNOPSIS
    Every path the build produces and the tests consume, computed from Coupontools.psd1.
    #>
    [OutputType([pscustomobject])]
    param(
        [string]$RepoRoot = $script:RepoRoot,
        [string]$Configuration = 'Release'
    )
    $version = Get-CtModuleVersion -RepoRoot $RepoRoot
    $out = Join-Path $RepoRoot 'out'
    $moduleDir = Join-Path (Join-Path (Join-Path $out 'Coupontools') $version) ''
    $moduleDir = $moduleDir.TrimEnd([IO.Path]::DirectorySeparatorChar)
    [pscustomobject]@{
        RepoRoot       = $RepoRoot
        Version        = $version
        Configuration  = $Configuration
        OutDir         = $out
        ModuleRoot     = $out                       # put on PSModulePath to autoload the built module
        ModuleDir      = $moduleDir
        ModuleManifest = Join-Path $moduleDir 'Coupontools.psd1'
        TestResultsDir = Join-Path $out 'test-results'
        SimulatorDll   = [IO.Path]::Combine($RepoRoot, 'tests', 'Coupontools.Simulator', 'bin', $Configuration, 'net10.0', 'Coupontools.Simulator.dll')
        DocsDir        = Join-Path $RepoRoot 'docs'
        FormatsDir     = [IO.Path]::Combine($RepoRoot, 'src', 'Coupontools', 'Formats')
    }
}

function Get-CtDotnetPath {
    [OutputType([string])]
    param()
    $self = (Get-Process -Id $PID).Path   # [Environment]::ProcessPath is .NET 6+, not Windows PowerShell 5.1
    if ($self -and [IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Get-CtPwshCommand {
    <#
    .SYNOPSIS
    The executable and leading arguments that start a fresh copy of the running PowerShell.
    Under `dotnet pwsh` (a local tool) that is `dotnet <PSHOME>/pwsh.dll`, which works from any
    working folder, unlike `dotnet pwsh`, which needs the tool manifest.
    #>
    [OutputType([string[]])]
    param()
    $self = (Get-Process -Id $PID).Path   # [Environment]::ProcessPath is .NET 6+, not Windows PowerShell 5.1
    if ($self -and [IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { return , @($self) }
    , @((Get-CtDotnetPath), (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-CtPwsh {
    <#
    .SYNOPSIS
    Runs a script file in a fresh pwsh (-NoProfile -NonInteractive), output to the host.
    Returns the exit code; the caller decides whether it is fatal.
    #>
    [OutputType([int])]
    param(
        [Parameter(Mandatory)][string]$File,
        [string[]]$ArgumentList = @(),
        [string]$WorkingDirectory = $script:RepoRoot,
        [hashtable]$Environment = @{}
    )
    $PSNativeCommandUseErrorActionPreference = $false   # the exit code is returned, not thrown
    $cmd = Get-CtPwshCommand
    $exe = $cmd[0]
    $lead = @($cmd | Select-Object -Skip 1)
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    Push-Location -LiteralPath $WorkingDirectory
    try {
        & $exe @lead -NoProfile -NonInteractive -File $File @ArgumentList | Out-Host
        $LASTEXITCODE
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-CtNuGetPackagesRoot {
    [OutputType([string])]
    param()
    $line = & (Get-CtDotnetPath) nuget locals global-packages --list --force-english-output
    if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals failed (exit $LASTEXITCODE)." }
    $text = ($line | Out-String).Trim()
    if ($text -notmatch 'global-packages:\s*(.+)$') { throw "Cannot read the NuGet global packages folder from: $text" }
    $Matches[1].Trim()
}

function Get-CtPesterModulePath {
    <#
    .SYNOPSIS
    Restores tools/pester/Pester.csproj (a PackageDownload-only project) and returns Pester.psd1.
    #>
    [OutputType([string])]
    param([string]$RepoRoot = $script:RepoRoot)
    $project = [IO.Path]::Combine($RepoRoot, 'tools', 'pester', 'Pester.csproj')
    [xml]$xml = Get-Content -LiteralPath $project -Raw
    $download = $xml.SelectSingleNode('//PackageDownload[@Include="Pester"]')
    if (-not $download) { throw "$project has no <PackageDownload Include=`"Pester`">." }
    $version = $download.GetAttribute('Version').Trim('[', ']', ' ')
    & (Get-CtDotnetPath) restore $project --verbosity quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Restoring Pester $version failed (exit $LASTEXITCODE)." }
    $psd1 = [IO.Path]::Combine((Get-CtNuGetPackagesRoot), 'pester', $version, 'tools', 'Pester.psd1')
    if (-not (Test-Path -LiteralPath $psd1)) { throw "Pester $version was restored but $psd1 does not exist." }
    $psd1
}

function Merge-CtFormatFile {
    <#
    .SYNOPSIS
    Concatenates the <View> elements of every *.ps1xml in SourceDirectory (ordinal file-name order)
    into one <Configuration><ViewDefinitions> document.
    #>
    [OutputType([int])]
    param(
        [Parameter(Mandatory)][string]$SourceDirectory,
        [Parameter(Mandatory)][string]$Destination
    )
    $files = @()
    if (Test-Path -LiteralPath $SourceDirectory) {
        $files = @(Get-ChildItem -LiteralPath $SourceDirectory -Filter '*.ps1xml' -File)
        $names = [string[]]@($files | ForEach-Object Name)
        [Array]::Sort($names, $files, [StringComparer]::Ordinal)   # deterministic on every OS and culture
    }
    $merged = [xml]::new()
    $merged.AppendChild($merged.CreateXmlDeclaration('1.0', 'utf-8', $null)) | Out-Null
    $merged.AppendChild($merged.CreateComment(' Generated by build.ps1 from src/Coupontools/Formats/*.ps1xml. Do not edit. ')) | Out-Null
    $config = $merged.AppendChild($merged.CreateElement('Configuration'))
    $defs = $config.AppendChild($merged.CreateElement('ViewDefinitions'))
    $count = 0
    foreach ($file in $files) {
        $doc = [xml]::new()
        try { $doc.Load($file.FullName) }
        catch { throw "Format file $($file.Name) is not valid XML: $($_.Exception.Message)" }
        if ($doc.DocumentElement.LocalName -ne 'Configuration') {
            throw "Format file $($file.Name): the root element must be <Configuration>, found <$($doc.DocumentElement.LocalName)>."
        }
        foreach ($child in $doc.DocumentElement.ChildNodes) {
            if ($child.NodeType -eq 'Element' -and $child.LocalName -ne 'ViewDefinitions') {
                throw "Format file $($file.Name): only <ViewDefinitions> can be merged, found <$($child.LocalName)>."
            }
        }
        $views = @($doc.SelectNodes('/Configuration/ViewDefinitions/View'))
        if ($views.Count -eq 0) { throw "Format file $($file.Name) has no /Configuration/ViewDefinitions/View." }
        $defs.AppendChild($merged.CreateComment(" $($file.Name) ")) | Out-Null
        foreach ($view in $views) {
            $defs.AppendChild($merged.ImportNode($view, $true)) | Out-Null
            $count++
        }
    }
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try { $merged.Save($writer) } finally { $writer.Dispose() }
    $count
}

function Read-CtMarkdownSection {
    <#
    .SYNOPSIS
    Splits a markdown file into a title (# line) and ordered ## sections, each with its ### subsections.
    Lines inside ``` fences are never read as headings.
    #>
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)][string]$Path)
    $lines = [IO.File]::ReadAllLines($Path)
    $title = $null
    $sections = [System.Collections.Generic.List[object]]::new()
    $section = $null
    $sub = $null
    $inFence = $false
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence) {
            if ($line -match '^#\s+(.+?)\s*$' -and $null -eq $title) { $title = $Matches[1]; continue }
            if ($line -match '^##\s+(.+?)\s*#*\s*$') {
                $section = [pscustomobject]@{ Name = $Matches[1].Trim().ToUpperInvariant(); Line = $i + 1; Lines = [System.Collections.Generic.List[string]]::new(); Subsections = [System.Collections.Generic.List[object]]::new() }
                $sections.Add($section)
                $sub = $null
                continue
            }
            if ($line -match '^###\s+(.+?)\s*#*\s*$' -and $null -ne $section) {
                $sub = [pscustomobject]@{ Name = $Matches[1].Trim(); Line = $i + 1; Lines = [System.Collections.Generic.List[string]]::new() }
                $section.Subsections.Add($sub)
                continue
            }
        }
        if ($null -ne $sub) { $sub.Lines.Add($line) }
        elseif ($null -ne $section) { $section.Lines.Add($line) }
    }
    [pscustomobject]@{ Path = $Path; Title = $title; Sections = $sections.ToArray() }
}

function Split-CtMarkdownBlock {
    <#
    .SYNOPSIS
    Turns markdown body lines into blocks: @{Kind='Para'|'Code'; Text; Language; Line}.
    Paragraphs join wrapped lines; each list item starts a new paragraph.
    #>
    [OutputType([pscustomobject])]
    param([string[]]$Lines, [int]$FirstLine = 1)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $para = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $flush = {
        if ($para.Count -gt 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Para'; Text = ($para -join ' '); Language = $null; Line = 0 })
            $para.Clear()
        }
    }
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        $line = $Lines[$i]
        if ($null -ne $code) {
            if ($line -match '^\s*(```|~~~)\s*$') {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code.Body -join "`n"); Language = $code.Language; Line = $code.Line })
                $code = $null
            }
            else { $code.Body.Add($line) }
            continue
        }
        if ($line -match '^\s*(```|~~~)\s*([\w-]*)') {
            . $flush
            $code = @{ Language = $Matches[2].ToLowerInvariant(); Body = [System.Collections.Generic.List[string]]::new(); Line = $FirstLine + $i }
            continue
        }
        if ($line -match '^\s*$') { . $flush; continue }
        if ($line -match '^\s*([-*+]|\d+\.)\s+') { . $flush }
        $para.Add($line.Trim())
    }
    if ($null -ne $code) { throw "Unclosed code fence starting at line $($code.Line)." }
    . $flush
    $blocks.ToArray()
}

function ConvertFrom-CtInlineMarkdown {
    <#
    .SYNOPSIS
    Plain text from inline markdown: links keep their text (and an absolute URL), emphasis is dropped.
    #>
    [OutputType([string])]
    param([string]$Text)
    $t = [regex]::Replace($Text, '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)')
    $t = [regex]::Replace($t, '\[([^\]]+)\]\(([^)]*)\)', '$1')
    $t = [regex]::Replace($t, '(\*\*|__)(.+?)\1', '$2')
    $t = [regex]::Replace($t, '(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])', '$1')
    $t
}

Export-ModuleMember -Function Get-CtRepoRoot, Get-CtModuleVersion, Get-CtBuildLayout, Get-CtDotnetPath,
    Get-CtPwshCommand, Invoke-CtPwsh, Get-CtNuGetPackagesRoot, Get-CtPesterModulePath, Merge-CtFormatFile,
    Read-CtMarkdownSection, Split-CtMarkdownBlock, ConvertFrom-CtInlineMarkdown
