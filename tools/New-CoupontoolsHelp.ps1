<#
.SYNOPSIS
Generates en-US/Coupontools.dll-Help.xml (MAML) and en-US/about_*.help.txt from docs/*.md.

.DESCRIPTION
Run in a FRESH pwsh (the module dll cannot be unloaded): imports the built module, reads the
metadata of every exported cmdlet with Get-Command, and the text from docs/<Cmdlet>.md (format:
docs/README.md). Exits 1, naming the cmdlet and what is missing, when an exported cmdlet has no
page, no SYNOPSIS, no DESCRIPTION, fewer than two examples, an undocumented parameter, or a
documented parameter it does not have.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModuleManifest,
    [Parameter(Mandatory)][string]$DocsPath,
    [Parameter(Mandatory)][string]$OutputPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')

$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$RiskParameters = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}
$script:Problems = [System.Collections.Generic.List[string]]::new()

function Add-Problem([string]$Cmdlet, [string]$Message) {
    $script:Problems.Add("${Cmdlet}: $Message")
}

#region reading docs/<Cmdlet>.md

function Get-Section($Page, [string]$Name) {
    $Page.Sections | Where-Object Name -EQ $Name | Select-Object -First 1
}

function Get-Paragraph([string[]]$Lines) {
    foreach ($block in @(Split-CtMarkdownBlock -Lines $Lines)) {
        if ($block.Kind -eq 'Para') { ConvertFrom-CtInlineMarkdown $block.Text }
        else { foreach ($codeLine in $block.Text -split "`n") { '    ' + $codeLine } }
    }
}

function Read-CommandPage([string]$Name, [string]$Path) {
    $page = Read-CtMarkdownSection -Path $Path
    if ($page.Title -ne $Name) { Add-Problem $Name "the page's first line must be '# $Name', found '# $($page.Title)'." }
    $doc = [ordered]@{ Synopsis = @(); Description = @(); Examples = @(); Parameters = [ordered]@{}; Inputs = @(); Outputs = @(); Notes = @(); Links = @() }

    $s = Get-Section $page 'SYNOPSIS'
    if ($s) { $doc.Synopsis = @(Get-Paragraph $s.Lines) }
    if ($doc.Synopsis.Count -eq 0) { Add-Problem $Name 'no SYNOPSIS (a "## SYNOPSIS" section with one line of text).' }
    $s = Get-Section $page 'DESCRIPTION'
    if ($s) { $doc.Description = @(Get-Paragraph $s.Lines) }
    if ($doc.Description.Count -eq 0) { Add-Problem $Name 'no DESCRIPTION (a "## DESCRIPTION" section with text).' }

    $s = Get-Section $page 'EXAMPLES'
    if ($s) {
        foreach ($sub in $s.Subsections) {
            $blocks = @(Split-CtMarkdownBlock -Lines $sub.Lines)
            $code = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -in '', 'powershell', 'pwsh', 'ps' })
            if ($code.Count -eq 0) { Add-Problem $Name "example '$($sub.Name)' has no ``````powershell code block."; continue }
            $doc.Examples += [pscustomobject]@{
                Title   = $sub.Name
                # The test markers (docs/README.md) are for HelpExamples.Tests.ps1, not for the reader.
                Code    = (($code.Text -join "`n`n") -split "`n" | Where-Object { $_ -notmatch '^\s*#\s*example:' }) -join "`n"
                Remarks = @($blocks | Where-Object { $_ -notin $code } | ForEach-Object {
                        if ($_.Kind -eq 'Para') { ConvertFrom-CtInlineMarkdown $_.Text } else { $_.Text } })
            }
        }
    }
    if ($doc.Examples.Count -lt 2) { Add-Problem $Name "$($doc.Examples.Count) example(s) under '## EXAMPLES'; at least 2 are required ('### Example 1: Title' + a ``````powershell block)." }

    $s = Get-Section $page 'PARAMETERS'
    if ($s) {
        foreach ($sub in $s.Subsections) {
            $paramName = $sub.Name.TrimStart('-').Trim()
            $doc.Parameters[$paramName] = @(Get-Paragraph $sub.Lines)
        }
    }
    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        $s = Get-Section $page $kind
        if (-not $s) { continue }
        $doc[$kind.Substring(0, 1) + $kind.Substring(1).ToLowerInvariant()] = @(foreach ($sub in $s.Subsections) {
                [pscustomobject]@{ Type = $sub.Name; Text = @(Get-Paragraph $sub.Lines) } })
    }
    $s = Get-Section $page 'NOTES'
    if ($s) { $doc.Notes = @(Get-Paragraph $s.Lines) }
    $s = Get-Section $page 'RELATED LINKS'
    if ($s) {
        $doc.Links = @(foreach ($line in $s.Lines) {
                $t = $line.Trim() -replace '^[-*]\s+', ''
                if (-not $t) { continue }
                if ($t -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                    $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
                    [pscustomobject]@{ Text = $Matches[1]; Uri = $uri }
                }
                else { [pscustomobject]@{ Text = $t; Uri = '' } }
            })
    }
    $doc
}

#endregion

#region command metadata

function Get-ParameterInfo($Command) {
    # One entry per parameter (not common ones), merged over parameter sets, in declaration order.
    $instance = $null
    try { $instance = [Activator]::CreateInstance($Command.ImplementingType) } catch { $instance = $null }
    $result = [ordered]@{}
    foreach ($set in $Command.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $CommonParameters -and -not $RiskParameters.ContainsKey($p.Name)) { continue }
            if (-not $result.Contains($p.Name)) {
                $result[$p.Name] = [pscustomobject]@{
                    Name = $p.Name; Type = $p.ParameterType; Aliases = @($p.Aliases)
                    Mandatory = $true; Position = 'named'; ByValue = $false; ByPropertyName = $false
                    Globbing = $false; Values = @(Get-ParameterValue $p); Default = (Get-DefaultValue $instance $p)
                }
            }
            $info = $result[$p.Name]
            $info.Mandatory = $info.Mandatory -and $p.IsMandatory
            if ($p.Position -ge 0 -and $info.Position -eq 'named') { $info.Position = [string]$p.Position }
            $info.ByValue = $info.ByValue -or $p.ValueFromPipeline
            $info.ByPropertyName = $info.ByPropertyName -or $p.ValueFromPipelineByPropertyName
            $info.Globbing = $info.Globbing -or [bool]@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
        }
    }
    # Mandatory means: mandatory in every parameter set the parameter belongs to.
    $result
}

function Get-ParameterValue($Parameter) {
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return $set.ValidValues }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    if ($type.IsEnum) { return [Enum]::GetNames($type) }
    @()
}

function Get-DefaultValue($Instance, $Parameter) {
    if ($null -eq $Instance -or $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if (-not $property) { return 'None' }
    $value = $null
    try { $value = $property.GetValue($Instance) } catch { return 'None' }
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if ($value -is [bool] -or $value -is [System.Security.SecureString]) { return 'None' }
    [string]$value
}

function Get-TypeDisplayName([type]$Type) {
    $name = $Type.Name
    if ($Type.IsGenericType) { $name = $Type.Name.Split('`')[0] + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ }) -join ',') + ']' }
    $name
}

function Get-PipelineInputText($Info) {
    $how = @()
    if ($Info.ByPropertyName) { $how += 'ByPropertyName' }
    if ($Info.ByValue) { $how += 'ByValue' }
    if ($how.Count) { "True ($($how -join ', '))" } else { 'False' }
}

#endregion

#region MAML writer

function Write-Para($W, [string[]]$Paragraphs) {
    foreach ($para in $Paragraphs) { $W.WriteElementString('maml', 'para', $Ns.maml, $para) }
}

function Write-Description($W, [string]$Prefix, [string[]]$Paragraphs) {
    $W.WriteStartElement($Prefix, 'description', $Ns[$Prefix])
    Write-Para $W $Paragraphs
    $W.WriteEndElement()
}

function Write-DevType($W, [string]$TypeName) {
    $W.WriteStartElement('dev', 'type', $Ns.dev)
    $W.WriteElementString('maml', 'name', $Ns.maml, $TypeName)
    $W.WriteElementString('maml', 'uri', $Ns.maml, '')
    $W.WriteEndElement()
}

function Write-Parameter($W, $Info, [string[]]$Text, [bool]$Mandatory, [string]$Position, [bool]$ForSyntax) {
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $Mandatory.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Info.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Get-PipelineInputText $Info))
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($Info.Aliases.Count) { $Info.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $Ns.maml, $Info.Name)
    Write-Description $W 'maml' $Text
    $isSwitch = $Info.Type -eq [System.Management.Automation.SwitchParameter]
    if ($Info.Values.Count -gt 0 -and $ForSyntax) {
        $W.WriteStartElement('command', 'parameterValueGroup', $Ns.command)
        foreach ($v in $Info.Values) {
            $W.WriteStartElement('command', 'parameterValue', $Ns.command)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString([string]$v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not $isSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', 'true'); $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString((Get-TypeDisplayName $Info.Type)); $W.WriteEndElement()
    }
    Write-DevType $W $Info.Type.FullName
    $W.WriteElementString('dev', 'defaultValue', $Ns.dev, $(if ($isSwitch) { 'False' } else { $Info.Default }))
    $W.WriteEndElement()
}

function Write-Command($W, $Command, $Doc, $Params) {
    $W.WriteStartElement('command', 'command', $Ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, $null, $Ns[$prefix]) }
    $W.WriteStartElement('command', 'details', $Ns.command)
    $W.WriteElementString('command', 'name', $Ns.command, $Command.Name)
    $W.WriteElementString('command', 'verb', $Ns.command, $Command.Verb)
    $W.WriteElementString('command', 'noun', $Ns.command, $Command.Noun)
    Write-Description $W 'maml' $Doc.Synopsis
    $W.WriteEndElement()
    Write-Description $W 'maml' $Doc.Description

    $W.WriteStartElement('command', 'syntax', $Ns.command)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        $W.WriteElementString('maml', 'name', $Ns.maml, $Command.Name)
        $ordered = @($set.Parameters | Where-Object { $Params.Contains($_.Name) } |
            Sort-Object @{ e = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ e = { -not $_.IsMandatory } } -Stable)
        foreach ($p in $ordered) {
            $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }
            Write-Parameter $W $Params[$p.Name] $Doc.Parameters[$p.Name] $p.IsMandatory $position $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $Ns.command)
    $names = @(@($Doc.Parameters.Keys | Where-Object { $Params.Contains($_) }) + @($Params.Keys | Where-Object { -not $Doc.Parameters.Contains($_) }))
    foreach ($name in $names) {
        $info = $Params[$name]
        Write-Parameter $W $info $Doc.Parameters[$name] $info.Mandatory $info.Position $false
    }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Doc.Outputs
    if ($Doc.Notes.Count) {
        $W.WriteStartElement('maml', 'alertSet', $Ns.maml)
        $W.WriteStartElement('maml', 'alert', $Ns.maml); Write-Para $W $Doc.Notes; $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($example in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $Ns.command)
        $W.WriteElementString('maml', 'title', $Ns.maml, "---------- $($example.Title) ----------")
        $W.WriteElementString('dev', 'code', $Ns.dev, $example.Code)
        $W.WriteStartElement('dev', 'remarks', $Ns.dev); Write-Para $W $example.Remarks; $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($link in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        $W.WriteElementString('maml', 'linkText', $Ns.maml, $link.Text)
        $W.WriteElementString('maml', 'uri', $Ns.maml, $link.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
    $W.WriteEndElement()
}

function Write-TypeList($W, [string]$Outer, [string]$Inner, [object[]]$Items) {
    $W.WriteStartElement('command', $Outer, $Ns.command)
    foreach ($item in $Items) {
        $W.WriteStartElement('command', $Inner, $Ns.command)
        Write-DevType $W $item.Type
        Write-Description $W 'maml' $item.Text
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

#endregion

function Get-DerivedTypeList($Command, $Params, [string]$Kind) {
    # Used when a page has no INPUTS/OUTPUTS section: what Get-Command knows.
    if ($Kind -eq 'Inputs') {
        $types = @($Params.Values | Where-Object { $_.ByValue -or $_.ByPropertyName } | ForEach-Object { $_.Type.FullName } | Select-Object -Unique)
    }
    else { $types = @($Command.OutputType | ForEach-Object Name | Select-Object -Unique) }
    if ($types.Count -eq 0) { $types = @('None') }
    @($types | ForEach-Object { [pscustomobject]@{ Type = $_; Text = @() } })
}

function Test-CommandDoc($Command, $Doc, $Params) {
    foreach ($name in $Params.Keys) {
        if ($RiskParameters.ContainsKey($name)) {
            if (-not $Doc.Parameters.Contains($name) -or $Doc.Parameters[$name].Count -eq 0) { $Doc.Parameters[$name] = @($RiskParameters[$name]) }
            continue
        }
        if (-not $Doc.Parameters.Contains($name)) { Add-Problem $Command.Name "parameter -$name has no '### -$name' under '## PARAMETERS'." }
        elseif ($Doc.Parameters[$name].Count -eq 0) { Add-Problem $Command.Name "parameter -$name has a heading but no text." }
    }
    foreach ($name in $Doc.Parameters.Keys) {
        if (-not $Params.Contains($name)) { Add-Problem $Command.Name "docs describe parameter -$name, which the cmdlet does not have." }
    }
}

function ConvertTo-AboutText([string]$Path) {
    $page = Read-CtMarkdownSection -Path $Path
    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($page.Title -ne $topic) { Add-Problem $topic "the page's first line must be '# $topic'." }
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        $s = Get-Section $page $required
        if (-not $s -or ($s.Lines -join '').Trim() -eq '' -and $s.Subsections.Count -eq 0) { Add-Problem $topic "no '## $required' section with text." }
    }
    $sb = [System.Text.StringBuilder]::new()
    [void]$sb.Append("TOPIC`n    $topic`n")
    foreach ($section in $page.Sections) {
        [void]$sb.Append("`n$($section.Name)`n")
        Add-AboutBody $sb $section.Lines
        foreach ($sub in $section.Subsections) {
            [void]$sb.Append("`n  $($sub.Name)`n")
            Add-AboutBody $sb $sub.Lines
        }
    }
    $sb.ToString()
}

function Add-AboutBody([System.Text.StringBuilder]$Sb, [string[]]$Lines) {
    $first = $true
    foreach ($block in @(Split-CtMarkdownBlock -Lines $Lines)) {
        if (-not $first) { [void]$Sb.Append("`n") }
        $first = $false
        if ($block.Kind -eq 'Code') {
            foreach ($line in $block.Text -split "`n") { [void]$Sb.Append(('        ' + $line).TrimEnd() + "`n") }
            continue
        }
        $text = ConvertFrom-CtInlineMarkdown $block.Text
        $hang = if ($text -match '^([-*+]|\d+\.)\s') { '  ' } else { '' }
        foreach ($line in (Format-Wrapped $text 76 $hang)) { [void]$Sb.Append("    $line`n") }
    }
}

function Format-Wrapped([string]$Text, [int]$Width, [string]$Hang) {
    $line = ''
    foreach ($word in $Text -split '\s+') {
        if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) { $line; $line = $Hang + $word }
        elseif ($line) { $line += ' ' + $word }
        else { $line = $word }
    }
    if ($line) { $line }
}

# ---------------------------------------------------------------------------------------------

$module = Import-Module -Name $ModuleManifest -PassThru -ErrorAction Stop
$commands = @($module.ExportedCmdlets.Values | Sort-Object Name)
$manifest = Import-PowerShellDataFile -Path $ModuleManifest
foreach ($listed in @($manifest.CmdletsToExport)) {
    if (-not $module.ExportedCmdlets.ContainsKey($listed)) { Write-Warning "Coupontools.psd1 exports $listed, but the assembly has no such cmdlet (not shipped yet?)." }
}
foreach ($page in @(Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' -File -ErrorAction Ignore)) {
    if (-not $module.ExportedCmdlets.ContainsKey($page.BaseName)) { Write-Warning "docs/$($page.Name) documents $($page.BaseName), which the module does not export (not shipped yet?)." }
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.NewLineChars = "`n"
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$helpFile = Join-Path $OutputPath "$([IO.Path]::GetFileName($module.Path))-Help.xml"
$stream = [IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($stream, $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', $Ns.msh)
$w.WriteAttributeString('schema', 'maml')
foreach ($command in $commands) {
    $page = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $page)) { Add-Problem $command.Name "no help page: write docs/$($command.Name).md (format: docs/README.md)."; continue }
    $params = Get-ParameterInfo $command
    $doc = Read-CommandPage $command.Name $page
    Test-CommandDoc $command $doc $params
    if ($doc.Inputs.Count -eq 0) { $doc.Inputs = Get-DerivedTypeList $command $params 'Inputs' }
    if ($doc.Outputs.Count -eq 0) { $doc.Outputs = Get-DerivedTypeList $command $params 'Outputs' }
    Write-Command $w $command $doc $params
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

$abouts = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File -ErrorAction Ignore | Sort-Object Name)
$aboutText = [ordered]@{}
foreach ($about in $abouts) { $aboutText[$about.BaseName] = ConvertTo-AboutText $about.FullName }

if ($script:Problems.Count -gt 0) {
    [Console]::Error.WriteLine("Help generation failed: $($script:Problems.Count) problem(s) in docs/ (format: docs/README.md)")
    foreach ($problem in $script:Problems) { [Console]::Error.WriteLine("  $problem") }
    exit 1
}
[IO.File]::WriteAllBytes($helpFile, $stream.ToArray())
foreach ($topic in $aboutText.Keys) {
    [IO.File]::WriteAllText((Join-Path $OutputPath "$topic.help.txt"), $aboutText[$topic], [System.Text.UTF8Encoding]::new($false))
}
Write-Host "Help: $($commands.Count) cmdlet(s) -> $([IO.Path]::GetFileName($helpFile)); $($abouts.Count) about topic(s)"
if ($abouts.Count -eq 0) { Write-Warning 'No docs/about_*.md: the module ships without an about_ topic.' }
