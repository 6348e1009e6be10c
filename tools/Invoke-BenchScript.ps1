# Runs one bench script in this (fresh) process and saves the rows it returns as JSON.
param([Parameter(Mandatory)][string]$Script, [Parameter(Mandatory)][string]$OutFile)
$ErrorActionPreference = 'Stop'
$rows = @(& $Script)
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
ConvertTo-Json -InputObject $rows -Depth 4 | Set-Content -LiteralPath $OutFile
