<#
.SYNOPSIS
Proves the built module survives publish -> install -> import -> use, offline.

.DESCRIPTION
In a temporary folder: registers a local folder repository, Publish-PSResource of the built
module folder, Install-PSResource from it, then imports the installed copy in a fresh pwsh and
runs Connect-CtAccount + Get-CtCampaign against a freshly started simulator.

All PSResourceGet work happens in child pwsh processes whose HOME (and XDG folders) point into
the temporary folder and whose working folder is there too, so the user's repository
registrations (PSGallery included) and module folders are never touched, and PSResourceGet's
NuGet/NuGet.Config lands in the temporary folder. Everything is deleted in finally.
Called by build.ps1 -Task Package and by tests/pester/Package.Tests.ps1. Throws on failure;
returns a summary object.
#>
[CmdletBinding()]
param(
    [string]$ModuleDir,
    [string]$SimulatorDll,
    [switch]$KeepTemp,
    # internal: the steps that run inside the child processes
    [ValidateSet('Main', 'Install', 'Use')][string]$Stage = 'Main',
    [string]$WorkRoot
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ModuleName = 'Coupontools'

function Write-StageResult([hashtable]$Data) {
    $Data | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath (Join-Path $WorkRoot "$Stage.json") -Encoding utf8NoBOM
}

function Invoke-InstallStage {
    $repoName = 'CtRoundTrip-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $repoDir = Join-Path $WorkRoot 'repo'
    Register-PSResourceRepository -Name $repoName -Uri $repoDir -Trusted
    try {
        Publish-PSResource -Path (Join-Path $WorkRoot "stage/$ModuleName") -Repository $repoName
        if ($IsWindows) {
            # CurrentUser scope is the Documents folder on Windows, which HOME does not move.
            $target = Join-Path $WorkRoot 'modules'
            $null = New-Item -ItemType Directory -Force -Path $target
            Save-PSResource -Name $ModuleName -Repository $repoName -TrustRepository -Path $target
        }
        else {
            Install-PSResource -Name $ModuleName -Repository $repoName -TrustRepository -Scope CurrentUser
        }
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
    }
    $installed = @(Get-ChildItem -Path $WorkRoot -Recurse -Force -Filter "$ModuleName.psd1" -File |
        Where-Object { $_.FullName -notlike (Join-Path $WorkRoot 'stage') + '*' })
    if ($installed.Count -ne 1) { throw "Expected one installed $ModuleName.psd1 under the temporary folder, found $($installed.Count)." }
    $commands = @((Import-Module -Name $installed[0].FullName -PassThru).ExportedCommands.Keys | Sort-Object)
    Write-StageResult @{ Manifest = $installed[0].FullName; Modules = (Split-Path -Parent (Split-Path -Parent $installed[0].DirectoryName)); Commands = $commands }
}

function Invoke-UseStage {
    Import-Module -Name $ModuleName -ErrorAction Stop   # by name: found through PSModulePath
    $module = Get-Module -Name $ModuleName
    if (-not $module.ModuleBase.StartsWith($WorkRoot)) { throw "Imported $ModuleName from $($module.ModuleBase), not from the installed copy." }
    $commands = @(Get-Command -Module $ModuleName | ForEach-Object Name | Sort-Object)
    $api = 'Skipped: Connect-CtAccount or Get-CtCampaign is not in the module yet'
    if ($env:COUPONTOOLS_BASE_URI -and $commands -contains 'Connect-CtAccount' -and $commands -contains 'Get-CtCampaign') {
        Connect-CtAccount
        $campaigns = @(Get-CtCampaign)
        if ($campaigns.Count -eq 0) { throw 'Get-CtCampaign returned no campaign from the simulator.' }
        $api = "Passed: Connect-CtAccount, then Get-CtCampaign returned $($campaigns.Count) campaign(s)"
    }
    $synopsis = if ($commands.Count) { (Get-Help $commands[0]).Synopsis } else { '' }
    Write-StageResult @{ ModuleBase = $module.ModuleBase; Version = [string]$module.Version; Commands = $commands; Api = $api; HelpSynopsis = $synopsis }
}

function Invoke-Child([string]$ChildStage, [hashtable]$Environment) {
    $exit = Invoke-CtPwsh -File $PSCommandPath -WorkingDirectory (Join-Path $WorkRoot 'work') `
        -ArgumentList @('-Stage', $ChildStage, '-WorkRoot', $WorkRoot) -Environment $Environment
    $file = Join-Path $WorkRoot "$ChildStage.json"
    if ($exit -ne 0 -or -not (Test-Path -LiteralPath $file)) { throw "Package round trip: the $ChildStage step failed (exit $exit); see the output above." }
    Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
}

function Read-Nuspec([string]$Nupkg) {
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
    try {
        $entry = $zip.Entries | Where-Object { $_.FullName -like '*.nuspec' } | Select-Object -First 1
        $reader = [IO.StreamReader]::new($entry.Open())
        try { [xml]$nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        $files = @($zip.Entries | ForEach-Object FullName)
    }
    finally { $zip.Dispose() }
    $meta = $nuspec.package.metadata
    $license = if ($meta.PSObject.Properties['license']) { $meta.license.InnerText } elseif ($meta.PSObject.Properties['licenseUrl']) { $meta.licenseUrl } else { '(none)' }
    [pscustomobject]@{ Id = $meta.id; Version = $meta.version; Tags = $meta.tags; License = $license; Files = $files }
}

if ($Stage -ne 'Main') {
    Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')
    if ($Stage -eq 'Install') { Invoke-InstallStage } else { Invoke-UseStage }
    exit 0
}

# ---- Main: runs in the caller's process ------------------------------------------------------
Import-Module (Join-Path $PSScriptRoot 'Coupontools.Build.psm1')
Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'tests/pester/TestHelpers.psm1')
if (-not $ModuleDir) { $ModuleDir = (Get-CtBuildLayout).ModuleDir }
if (-not $SimulatorDll) { $SimulatorDll = Get-CtTestSimulatorPath }
if (-not (Test-Path -LiteralPath (Join-Path $ModuleDir "$ModuleName.psd1"))) { throw "No built module in $ModuleDir. Run: dotnet pwsh ./build.ps1 -Task Build" }

$WorkRoot = Join-Path ([IO.Path]::GetTempPath()) ('ct-package-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
$homeDir = Join-Path $WorkRoot 'home'
foreach ($dir in 'repo', 'work', 'home/.config', 'home/.local/share', 'home/.cache', 'stage') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $WorkRoot $dir) }
$isolated = @{
    HOME = $homeDir; USERPROFILE = $homeDir; LOCALAPPDATA = (Join-Path $homeDir 'AppData/Local'); APPDATA = (Join-Path $homeDir 'AppData/Roaming')
    XDG_CONFIG_HOME = (Join-Path $homeDir '.config'); XDG_DATA_HOME = (Join-Path $homeDir '.local/share'); XDG_CACHE_HOME = (Join-Path $homeDir '.cache')
}
$sim = $null
try {
    # Publish-PSResource wants the folder named after the module.
    Copy-Item -LiteralPath $ModuleDir -Destination (Join-Path $WorkRoot "stage/$ModuleName") -Recurse
    $install = Invoke-Child 'Install' ($isolated + @{ PSModulePath = '' })

    $nupkg = Get-ChildItem -LiteralPath (Join-Path $WorkRoot 'repo') -Filter '*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw 'Publish-PSResource wrote no .nupkg to the local repository.' }
    $nuspec = Read-Nuspec $nupkg.FullName
    Write-Host ("Package {0} ({1:n0} bytes); tags: {2}; licence: {3}" -f $nupkg.Name, $nupkg.Length, $nuspec.Tags, $nuspec.License)

    $useEnv = $isolated + @{ PSModulePath = $install.Modules; COUPONTOOLS_CLIENT_ID = $null; COUPONTOOLS_CLIENT_SECRET = $null; COUPONTOOLS_BASE_URI = $null }
    if (@($install.Commands) -contains 'Connect-CtAccount' -and @($install.Commands) -contains 'Get-CtCampaign') {
        $sim = Start-CtSimulator -SimulatorDll $SimulatorDll
        $useEnv.COUPONTOOLS_CLIENT_ID = $sim.ClientId
        $useEnv.COUPONTOOLS_CLIENT_SECRET = $sim.ClientSecret
        $useEnv.COUPONTOOLS_BASE_URI = $sim.Url
    }
    $use = Invoke-Child 'Use' $useEnv
    [pscustomobject]@{
        Package      = $nupkg.Name
        PackageBytes = $nupkg.Length
        Tags         = $nuspec.Tags
        License      = $nuspec.License
        PackageFiles = $nuspec.Files
        InstalledTo  = $use.ModuleBase.Substring($WorkRoot.Length).TrimStart('/', '\')
        Version      = $use.Version
        Commands     = @($use.Commands)
        Api          = $use.Api
        HelpSynopsis = $use.HelpSynopsis
    }
}
finally {
    if ($sim) { Stop-CtSimulator -Simulator $sim }
    if ($KeepTemp) { Write-Host "Kept $WorkRoot" }
    else { Remove-Item -LiteralPath $WorkRoot -Recurse -Force -ErrorAction Continue }
}
