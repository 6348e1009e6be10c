# The hostile-network suites' one table: each attack adds a row, tools/Invoke-PesterSuite.ps1 prints
# them together after the run. Rows go to the TSV named by COUPONTOOLS_HOSTILE_TABLE (set by the suite
# runner); a file run by hand prints each row as it comes instead.
Set-StrictMode -Version Latest

$script:Columns = 'Attack', 'Outcome', 'SecretsToOtherOrigin', 'FalseSuccesses', 'PeakMemoryOverBaselineMB', 'DeliveryLatencyMs'

function Add-CtHostileRow {
    <#
    .SYNOPSIS
    Records one attack's result. Numbers that do not apply to the attack are left out ($null, shown as '-').
    .EXAMPLE
    Add-CtHostileRow -Attack 'gzip bomb (1 MB -> 1 GB)' -Outcome 'Coupontools.ReplyTooLarge' -SecretsToOtherOrigin 0 -FalseSuccesses 0 -PeakMemoryOverBaselineMB 12
    #>
    param(
        [Parameter(Mandatory)][string]$Attack,
        [Parameter(Mandatory)][string]$Outcome,
        [Nullable[int]]$SecretsToOtherOrigin,
        [Nullable[int]]$FalseSuccesses,
        [Nullable[double]]$PeakMemoryOverBaselineMB,
        [Nullable[double]]$DeliveryLatencyMs
    )
    $values = foreach ($name in $script:Columns) {
        $value = Get-Variable -Name $name -ValueOnly
        if ($null -eq $value) { '-' } elseif ($value -is [double]) { '{0:n1}' -f $value } else { ([string]$value) -replace '[\t\r\n]', ' ' }
    }
    $line = $values -join "`t"
    if ($env:COUPONTOOLS_HOSTILE_TABLE) { Add-Content -LiteralPath $env:COUPONTOOLS_HOSTILE_TABLE -Value $line -Encoding utf8NoBOM }
    else { Write-Host "hostile: $line" }
}

function Write-CtHostileTable {
    <# Prints the rows of a TSV written by Add-CtHostileRow as one aligned table; nothing when there are none. #>
    param([Parameter(Mandatory)][string]$Path)
    if (-not (Test-Path -LiteralPath $Path)) { return }
    $rows = @(Get-Content -LiteralPath $Path | Where-Object { $_ } | ConvertFrom-Csv -Delimiter "`t" -Header $script:Columns)
    if ($rows.Count -eq 0) { return }
    Write-Host ''
    Write-Host "Hostile network: $($rows.Count) attacks"
    $rows | Format-Table -Property $script:Columns -AutoSize -Wrap | Out-String -Width 200 | Write-Host
}

Export-ModuleMember -Function Add-CtHostileRow, Write-CtHostileTable
