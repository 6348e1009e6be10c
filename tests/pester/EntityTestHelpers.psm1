# Dot-sourced in BeforeAll by Subaccounts/Loyalty/Directories.Tests.ps1, after TestHelpers.psm1 is
# imported: starts the simulator, imports the built module, connects, and counts requests.

function Start-CtEntityTestSession {
    <# Starts one simulator, imports the module, connects with the simulator's main account. #>
    $script:sim = Start-CtSimulator
    Import-CtBuiltModule | Out-Null
    $secret = ConvertTo-SecureString -String $script:sim.ClientSecret -AsPlainText -Force
    $script:main = Connect-CtAccount -ClientId $script:sim.ClientId -ClientSecret $secret -BaseUri $script:sim.Url -PassThru
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
