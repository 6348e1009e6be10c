# Every output type of every exported cmdlet (from their [OutputType]), formatted from real
# output: one valid call of every cmdlet and parameter set (Get-CtValidCall) runs against the
# simulator and its objects are the samples. A new output type needs no change here: it is
# found, and it fails until a valid call produces it and its views fit.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $module = Import-CtBuiltModule
    $types = @($module.ExportedCmdlets.Values | ForEach-Object { $_.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) } |
        ForEach-Object { $_.Type } | ForEach-Object { $_.Type } | Where-Object { $_ -and $_.Namespace -eq 'Coupontools' } | Sort-Object FullName -Unique)
    $script:TypeCases = @($types | ForEach-Object { @{ TypeName = $_.FullName; Type = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
    $script:Module = Import-CtBuiltModule
    [xml]$script:Formats = Get-Content -LiteralPath (Join-Path (Split-Path -Parent (Get-CtTestModulePath)) 'Coupontools.Format.ps1xml') -Raw
    $script:Sim = Start-CtSimulator
    $env:COUPONTOOLS_CLIENT_ID = $Sim.ClientId
    $env:COUPONTOOLS_CLIENT_SECRET = $Sim.ClientSecret
    $connection = Connect-CtTestAccount -Sim $Sim
    $fixture = Get-CtTestFixture -Sim $Sim -Connection $connection
    $script:Samples = @{}
    foreach ($call in Get-CtValidCall -Fixture $fixture -Sim $Sim -Connection $connection) {
        $parameters = Resolve-CtCallParameters $call.Parameters
        # A cmdlet that writes its objects only with -PassThru writes them here.
        $passThru = (Get-Command $call.Cmdlet).Parameters['PassThru']
        if ($passThru -and ($passThru.ParameterSets.ContainsKey($call.Set) -or $passThru.ParameterSets.ContainsKey('__AllParameterSets'))) { $parameters['PassThru'] = $true }
        # A call that fails leaves its type without a sample, which the first test of that type reports.
        $written = try { @(& $call.Cmdlet @parameters -ErrorAction SilentlyContinue -WarningAction SilentlyContinue) } catch { @() }
        foreach ($item in $written) {
            $name = if ($null -ne $item) { $item.GetType().FullName }
            if ($name -like 'Coupontools.*') {
                if (-not $Samples.ContainsKey($name)) { $Samples[$name] = [System.Collections.Generic.List[object]]::new() }
                $Samples[$name].Add($item)
            }
        }
        if ($call.Cmdlet -in 'Connect-CtAccount', 'Disconnect-CtAccount') { $connection = Connect-CtTestAccount -Sim $Sim }
    }

    function Get-ViewOf([string]$TypeName, [string]$Control) {
        @($Formats.SelectNodes('/Configuration/ViewDefinitions/View') | Where-Object {
                @($_.SelectNodes('ViewSelectedBy/TypeName') | ForEach-Object InnerText) -contains $TypeName -and $_.SelectSingleNode($Control)
            }) | Select-Object -First 1
    }

    function Get-Line([object[]]$Items, [string]$Format, [int]$Width) {
        $text = if ($Format -eq 'Table') { $Items | Format-Table | Out-String -Width $Width } else { $Items | Format-List | Out-String -Width $Width }
        @($text -split "`r?`n" | Where-Object { $_.Trim() })
    }
}

AfterAll {
    Disconnect-CtAccount -ErrorAction SilentlyContinue
    Stop-CtSimulator -Simulator $Sim
    Remove-Item Env:COUPONTOOLS_CLIENT_ID, Env:COUPONTOOLS_CLIENT_SECRET -ErrorAction SilentlyContinue
}

Describe 'Views of <TypeName> at 80 and 120 columns' -ForEach $TypeCases {
    BeforeAll {
        $items = @(if ($Samples.ContainsKey($TypeName)) { $Samples[$TypeName] | Select-Object -First 5 })
        $table = Get-ViewOf $TypeName 'TableControl'
        $headers = if ($table) { @($table.SelectNodes('TableControl/TableHeaders/TableColumnHeader')) } else { @() }
        $columnItems = if ($table) { @($table.SelectNodes('TableControl/TableRowEntries/TableRowEntry/TableColumnItems/TableColumnItem')) } else { @() }
    }

    It 'has real output to format (a valid call in Get-CtValidCall produces it)' {
        $items.Count | Should -BeGreaterThan 0 -Because "no valid call of tests/pester/RobustnessHelpers.psm1 wrote a $TypeName"
    }

    It 'shows every table column, within the width, at <_> columns' -ForEach 80, 120 {
        $width = $_
        $items.Count | Should -BeGreaterThan 0
        $lines = Get-Line $items 'Table' $width
        $labels = @($headers | ForEach-Object { $_.SelectSingleNode('Label').InnerText })
        foreach ($label in $labels) { $lines[0] | Should -Match ([regex]::Escape($label)) -Because "the $label column must not be dropped at $width columns" }
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $width -Because "'$line'" }
    }

    It 'keeps the sized columns of its table within 80 characters, leaving room for an unsized last one' {
        $widths = @($headers | ForEach-Object { $w = $_.SelectSingleNode('Width'); if ($w) { [int]$w.InnerText } else { 0 } })
        $sized = ($widths | Measure-Object -Sum).Sum + $headers.Count - 1
        $room = if ($widths[-1] -eq 0) { 20 } else { 0 }
        $sized + $room | Should -BeLessOrEqual 80
    }

    It 'puts a URL column last and unsized, so a URL is cut only by the window' {
        for ($i = 0; $i -lt $columnItems.Count; $i++) {
            $property = $columnItems[$i].SelectSingleNode('PropertyName')
            if ($property -and $property.InnerText -match 'Url$') {
                $i | Should -Be ($columnItems.Count - 1) -Because "$($property.InnerText) is a URL"
                $headers[$i].SelectSingleNode('Width') | Should -BeNullOrEmpty
                $urls = @($items | ForEach-Object { $_.($property.InnerText) } | Where-Object { $_ } | ForEach-Object { "$_" })
                $text = ($items | Format-Table | Out-String -Width 120)
                foreach ($url in $urls | Where-Object Length -le 60) { $text | Should -Match ([regex]::Escape($url)) -Because 'a URL of 60 characters shows whole at 120 columns' }
            }
        }
    }

    It 'fits its list view in <_> columns' -ForEach 80, 120 {
        $width = $_
        foreach ($line in Get-Line $items 'List' $width) { $line.TrimEnd().Length | Should -BeLessOrEqual $width -Because "'$line'" }
    }

    It 'says UTC on every date it shows' {
        foreach ($view in @($Formats.SelectNodes('/Configuration/ViewDefinitions/View') | Where-Object { @($_.SelectNodes('ViewSelectedBy/TypeName') | ForEach-Object InnerText) -contains $TypeName })) {
            $labels = @($view.SelectNodes('.//TableColumnHeader/Label') | ForEach-Object InnerText)
            $entries = @($view.SelectNodes('.//TableColumnItem') + $view.SelectNodes('.//ListItem'))
            for ($i = 0; $i -lt $entries.Count; $i++) {
                $entry = $entries[$i]
                $property = $entry.SelectSingleNode('PropertyName')
                $script = $entry.SelectSingleNode('ScriptBlock')
                $label = if ($entry.SelectSingleNode('Label')) { $entry.SelectSingleNode('Label').InnerText } elseif ($entry.LocalName -eq 'TableColumnItem' -and $i -lt $labels.Count) { $labels[$i] } elseif ($property) { $property.InnerText } else { '' }
                $propertyType = if ($property) { $Type.GetProperty($property.InnerText).PropertyType }
                $isDate = ($propertyType -in [datetime], [Nullable[datetime]]) -or ($script -and $script.InnerText -match "\.ToString\('yyyy-MM-dd HH")
                if ($isDate) { $label | Should -Match 'UTC' -Because "the $label column of $($view.Name) shows a time" }
            }
        }
    }
}
