<#
.SYNOPSIS
Lists every example a user might copy: each ```powershell block under "## EXAMPLES" in
docs/*.md, and each examples/*.ps1 as a whole.

.DESCRIPTION
For doc-example tests. Each output object has Source (repository-relative path), Line (of the
code fence, or 1 for a script), Name ("Get-CtCampaign: Example 1: List active campaigns"),
Kind ('DocExample' or 'Script') and Code.

.EXAMPLE
& ./tools/Get-HelpExample.ps1 | Where-Object Name -like 'Get-CtCampaign*'
#>
[CmdletBinding()]
[OutputType([pscustomobject])]
param([string]$RepoRoot = (Split-Path -Parent $PSScriptRoot))

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')

function Get-RelativePath([string]$Path) { [IO.Path]::GetRelativePath($RepoRoot, $Path).Replace('\', '/') }

$pages = @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs') -Filter '*.md' -File -ErrorAction Ignore | Sort-Object Name)
foreach ($page in $pages) {
    $doc = Read-CtMarkdownSection -Path $page.FullName
    foreach ($section in @($doc.Sections | Where-Object Name -EQ 'EXAMPLES')) {
        foreach ($sub in $section.Subsections) {
            foreach ($block in @(Split-CtMarkdownBlock -Lines $sub.Lines -FirstLine ($sub.Line + 1))) {
                if ($block.Kind -ne 'Code' -or $block.Language -notin '', 'powershell', 'pwsh', 'ps') { continue }
                [pscustomobject]@{
                    Source = Get-RelativePath $page.FullName
                    Line   = $block.Line
                    Name   = "$($doc.Title): $($sub.Name)"
                    Kind   = 'DocExample'
                    Code   = $block.Text
                }
            }
        }
    }
}
foreach ($script in @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'examples') -Filter '*.ps1' -File -ErrorAction Ignore | Sort-Object Name)) {
    [pscustomobject]@{
        Source = Get-RelativePath $script.FullName
        Line   = 1
        Name   = $script.Name
        Kind   = 'Script'
        Code   = [IO.File]::ReadAllText($script.FullName)
    }
}
