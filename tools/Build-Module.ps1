<#
.SYNOPSIS
Lays out out/Coupontools/<version>/ exactly as shipped, then refuses anything else in it.

.DESCRIPTION
dotnet publish (no deps.json, no pdb, no xml docs), the root manifest, the merged format file,
en-US/Coupontools.dll-Help.xml and en-US/about_*.help.txt generated from docs/ in a fresh pwsh.
#>
[CmdletBinding()]
param([Parameter(Mandatory)][pscustomobject]$Layout)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')

# The shipped file set. Anything else in the folder fails the build: a new dependency has to be
# added here on purpose (and to the manifest's FileList if one is ever kept).
$Allowed = @(
    'Coupontools.dll'
    'Coupontools.Client.dll'
    'Newtonsoft.Json.dll'
    'Coupontools.psd1'
    'Coupontools.Format.ps1xml'
    'en-US/Coupontools.dll-Help.xml'
)
$AllowedPattern = '^en-US/about_[A-Za-z0-9_]+\.help\.txt$'

$dir = $Layout.ModuleDir
if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }

$project = [IO.Path]::Combine($Layout.RepoRoot, 'src', 'Coupontools', 'Coupontools.csproj')
& (Get-CtDotnetPath) publish $project -c $Layout.Configuration -o $dir --nologo -v quiet -clp:NoSummary `
    -p:GenerateDependencyFile=false `
    -p:PublishDocumentationFile=false `
    -p:PublishReferencesDocumentationFiles=false `
    -p:AllowedReferenceRelatedFileExtensions=.none | Out-Host

Copy-Item -LiteralPath (Join-Path $Layout.RepoRoot 'Coupontools.psd1') -Destination $dir
$views = Merge-CtFormatFile -SourceDirectory $Layout.FormatsDir -Destination (Join-Path $dir 'Coupontools.Format.ps1xml')
Write-Host "Coupontools.Format.ps1xml: $views view(s)"

$helpDir = Join-Path $dir 'en-US'
$null = New-Item -ItemType Directory -Force -Path $helpDir
$exit = Invoke-CtPwsh -File (Join-Path $PSScriptRoot 'New-CoupontoolsHelp.ps1') -ArgumentList @(
    '-ModuleManifest', $Layout.ModuleManifest, '-DocsPath', $Layout.DocsDir, '-OutputPath', $helpDir)
if ($exit -ne 0) { throw "Help generation failed (exit $exit); see the messages above." }

$unexpected = @(Get-ChildItem -LiteralPath $dir -Recurse -File | ForEach-Object {
        $relative = [IO.Path]::GetRelativePath($dir, $_.FullName).Replace('\', '/')
        if ($relative -notin $Allowed -and $relative -notmatch $AllowedPattern) { $relative }
    })
$missing = @($Allowed | Where-Object { -not (Test-Path -LiteralPath (Join-Path $dir $_)) })
if ($unexpected.Count -gt 0) { throw "Unexpected file(s) in the module folder: $($unexpected -join ', '). Ship only: $($Allowed -join ', '), en-US/about_*.help.txt." }
if ($missing.Count -gt 0) { throw "Missing from the module folder: $($missing -join ', ')." }
Write-Host "Module: out/Coupontools/$($Layout.Version) ($((Get-ChildItem -LiteralPath $dir -Recurse -File).Count) files)"
