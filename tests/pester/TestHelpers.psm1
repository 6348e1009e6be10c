# Shared by every tests/pester/*.Tests.ps1 (and by build.ps1 -Task Demo):
#   BeforeAll { Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') }
# Finds the built module and the simulator through COUPONTOOLS_MODULE_PATH and
# COUPONTOOLS_SIMULATOR_DLL (set by build.ps1 -Task Test), or computes them the way the build
# does (tools/Coupontools.Build.psm1) when a test file is run by hand after a Build.
Set-StrictMode -Version Latest

$script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$script:CurrentSimulator = $null
Import-Module (Join-Path $script:RepoRoot 'tools/Coupontools.Build.psm1')

function Get-CtTestModulePath {
    <# The built module's manifest: out/Coupontools/<version>/Coupontools.psd1. #>
    [OutputType([string])]
    param()
    if ($env:COUPONTOOLS_MODULE_PATH) { return $env:COUPONTOOLS_MODULE_PATH }
    (Get-CtBuildLayout -RepoRoot $script:RepoRoot).ModuleManifest
}

function Get-CtTestSimulatorPath {
    [OutputType([string])]
    param()
    if ($env:COUPONTOOLS_SIMULATOR_DLL) { return $env:COUPONTOOLS_SIMULATOR_DLL }
    (Get-CtBuildLayout -RepoRoot $script:RepoRoot).SimulatorDll
}

function Import-CtBuiltModule {
    <# Imports the built module into the global scope (each Pester run is a fresh process). #>
    [OutputType([psmoduleinfo])]
    param()
    $path = Get-CtTestModulePath
    if (-not (Test-Path -LiteralPath $path)) { throw "The built module is not at $path. Run: dotnet pwsh ./build.ps1 -Task Build" }
    Import-Module -Name $path -Global -PassThru -ErrorAction Stop
}

function Start-CtSimulator {
    <#
    .SYNOPSIS
    Starts `dotnet <simulator dll> --exit-on-stdin-close` and waits for `LISTENING <url>`.
    .OUTPUTS
    An object with Url, Process, ClientId, ClientSecret. Stop it with Stop-CtSimulator.
    #>
    [OutputType([pscustomobject])]
    param(
        [int]$Seed,
        [int]$LatencyMs,
        [int]$Sessions,
        [string[]]$ExtraArgs = @(),
        [string]$ClientId = 'ct-sim-client',
        [string]$ClientSecret = 'Sim-Secret-7f3a9c2e41',
        [string]$SimulatorDll = (Get-CtTestSimulatorPath),
        [int]$TimeoutSec = 20
    )
    if (-not (Test-Path -LiteralPath $SimulatorDll)) { throw "The simulator is not at $SimulatorDll. Run: dotnet pwsh ./build.ps1 -Task Build" }
    $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-CtDotnetPath))
    $arguments = @($SimulatorDll, '--urls', 'http://127.0.0.1:0', '--exit-on-stdin-close')
    if ($PSBoundParameters.ContainsKey('Seed')) { $arguments += '--seed', [string]$Seed }
    if ($PSBoundParameters.ContainsKey('LatencyMs')) { $arguments += '--latency-ms', [string]$LatencyMs }
    if ($PSBoundParameters.ContainsKey('Sessions')) { $arguments += '--sessions', [string]$Sessions }
    if ($PSBoundParameters.ContainsKey('ClientId')) { $arguments += '--client-id', $ClientId }
    if ($PSBoundParameters.ContainsKey('ClientSecret')) { $arguments += '--client-secret', $ClientSecret }
    foreach ($a in $arguments + $ExtraArgs) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.Environment['DOTNET_NOLOGO'] = '1'
    $process = [System.Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()   # drained all along; read on failure
    $seen = [System.Collections.Generic.List[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $url = $null
    while (-not $url) {
        $remaining = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait($remaining)) { $why = "no LISTENING line within $TimeoutSec s"; break }
        $line = $read.Result
        if ($null -eq $line) { $process.WaitForExit(2000) | Out-Null; $why = "it exited (code $($process.ExitCode)) before LISTENING"; break }
        if ($line -match '^LISTENING\s+(\S+)') { $url = $Matches[1].TrimEnd('/') } else { $seen.Add($line) }
    }
    if (-not $url) {
        if (-not $process.HasExited) { Stop-CtProcess $process }
        $process.WaitForExit(5000) | Out-Null
        $err = if ($stderr.Wait(5000)) { $stderr.Result.Trim() } else { '' }
        throw "The simulator did not start: $why.`nCommand: dotnet $($arguments + $ExtraArgs -join ' ')`nstdout: $($seen -join "`n")`nstderr: $err"
    }
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)   # keep draining
    $sim = [pscustomobject]@{
        PSTypeName   = 'Coupontools.Test.Simulator'
        Url          = $url
        Process      = $process
        ClientId     = $ClientId
        ClientSecret = $ClientSecret
        StdErr       = $stderr
    }
    $script:CurrentSimulator = $sim
    $sim
}

function Stop-CtSimulator {
    <# Closes the simulator's stdin (it exits by itself), kills it after 5 s. #>
    param([Parameter(ValueFromPipeline)][pscustomobject]$Simulator = $script:CurrentSimulator)
    process {
        if ($null -eq $Simulator) { return }
        $process = $Simulator.Process
        try {
            if (-not $process.HasExited) {
                try { $process.StandardInput.Close() } catch { $null = $_ }
                if (-not $process.WaitForExit(5000)) { Stop-CtProcess $process; $process.WaitForExit(5000) | Out-Null }
            }
        }
        finally {
            $process.Dispose()
            if ($script:CurrentSimulator -eq $Simulator) { $script:CurrentSimulator = $null }
        }
    }
}

function Stop-CtProcess([System.Diagnostics.Process]$Process) {
    # Kill(entireProcessTree) is .NET Core only; Windows PowerShell 5.1 kills the process alone.
    if ($PSVersionTable.PSEdition -eq 'Core') { $Process.Kill($true) } else { $Process.Kill() }
}

function Invoke-CtSimControl {
    <#
    .SYNOPSIS
    Calls the simulator's control API: <url>/_sim/<Path>, JSON body.
    .EXAMPLE
    Invoke-CtSimControl -Simulator $sim -Method POST -Path 'faults' -Body @{ path = '/v3/coupon/list'; faults = @(@{ status = 503; times = 2 }) }
    #>
    param(
        [pscustomobject]$Simulator = $script:CurrentSimulator,
        [ValidateSet('GET', 'POST', 'DELETE', 'PUT')][string]$Method = 'GET',
        [Parameter(Mandatory)][string]$Path,
        [object]$Body
    )
    if ($null -eq $Simulator) { throw 'No simulator: start one with Start-CtSimulator or pass -Simulator.' }
    $relative = $Path.TrimStart('/') -replace '^_sim/', ''
    $request = @{ Method = $Method; Uri = "$($Simulator.Url)/_sim/$relative"; TimeoutSec = 30 }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Body = if ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 20 -Compress }
        $request.ContentType = 'application/json'
    }
    Invoke-RestMethod @request
}

function Connect-CtSimulator {
    <#
    .SYNOPSIS
    Connect-CtAccount with the simulator's credentials; -With adds any other Connect-CtAccount parameters.
    #>
    param(
        [pscustomobject]$Simulator = $script:CurrentSimulator,
        [string]$Url = $Simulator.Url,
        [hashtable]$With = @{}
    )
    $secret = ConvertTo-SecureString -String $Simulator.ClientSecret -AsPlainText -Force
    Connect-CtAccount -ClientId $Simulator.ClientId -ClientSecret $secret -BaseUri $Url @With
}

function Get-CtSimStats {
    <# GET /_sim/stats: {requests:{path:n}, writes:{path:n}, faultsApplied, total}. #>
    param([pscustomobject]$Simulator = $script:CurrentSimulator)
    Invoke-CtSimControl -Simulator $Simulator -Method GET -Path 'stats'
}

function Reset-CtSimulator {
    <# POST /_sim/reset: data, faults, latency and counters back to the start. #>
    param([pscustomobject]$Simulator = $script:CurrentSimulator)
    $null = Invoke-CtSimControl -Simulator $Simulator -Method POST -Path 'reset'
}

Export-ModuleMember -Function Get-CtTestModulePath, Get-CtTestSimulatorPath, Import-CtBuiltModule,
    Start-CtSimulator, Stop-CtSimulator, Connect-CtSimulator, Invoke-CtSimControl, Get-CtSimStats, Reset-CtSimulator
