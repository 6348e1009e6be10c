# Imported in BeforeAll by Subaccounts/Loyalty/Directories.Tests.ps1:
#   Import-Module (Join-Path $PSScriptRoot 'EntityTestHelpers.psm1')
# Starts the simulator, imports the built module, connects, and counts requests.
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

function Start-CtEntityTestSession {
    <# Starts one simulator, imports the module, connects with the simulator's main account; sets $sim and $main in the caller's scope. #>
    [CmdletBinding()]
    param()
    $sim = Start-CtSimulator
    Import-CtBuiltModule | Out-Null
    $secret = ConvertTo-SecureString -String $sim.ClientSecret -AsPlainText -Force
    $main = Connect-CtAccount -ClientId $sim.ClientId -ClientSecret $secret -BaseUri $sim.Url -PassThru
    $PSCmdlet.SessionState.PSVariable.Set('sim', $sim)
    $PSCmdlet.SessionState.PSVariable.Set('main', $main)
}

function Stop-CtEntityTestSession {
    <# Undoes Start-CtEntityTestSession: disconnects and stops its simulator. #>
    Disconnect-CtAccount -ErrorAction SilentlyContinue
    Stop-CtSimulator
}

function Get-Requests([string]$Path) {
    <# Requests the simulator received on a path since the last reset. #>
    $p = (Get-CtSimStats).requests.PSObject.Properties[$Path]
    if ($p) { [int]$p.Value } else { 0 }
}

function Get-Writes([string]$Path) {
    <# Requests on a path that changed state since the last reset. #>
    $p = (Get-CtSimStats).writes.PSObject.Properties[$Path]
    if ($p) { [int]$p.Value } else { 0 }
}

function Clear-Stats {
    <# Resets the counters only, not the data. #>
    $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true }
}

Export-ModuleMember -Function Start-CtEntityTestSession, Stop-CtEntityTestSession, Get-Requests, Get-Writes, Clear-Stats
