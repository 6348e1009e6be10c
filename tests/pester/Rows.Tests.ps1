# CSV files as Excel, Google Sheets and LibreOffice write them (a BOM, ';' between columns,
# quoted headers with spaces, CRLF line ends), piped to the cmdlets that take rows: common header
# spellings bind, and rows that name nothing the cmdlet needs stop it before the first request
# with one error listing the columns found, the columns accepted and the -Delimiter hint.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:Sim = Start-CtSimulator
    $null = Import-CtBuiltModule
    Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret (ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force) -BaseUri $Sim.Url

    function New-CsvFile {
        <# Writes the lines as the named program saves a CSV file: Excel (UTF-8 with BOM, CRLF), Sheets (UTF-8, CRLF), LibreOffice (';', CRLF). #>
        param([Parameter(Mandatory)][string]$Name, [Parameter(Mandatory)][string[]]$Lines, [switch]$Bom)
        $path = Join-Path $TestDrive $Name
        $bytes = [System.Text.UTF8Encoding]::new([bool]$Bom).GetPreamble() + [System.Text.Encoding]::UTF8.GetBytes(($Lines -join "`r`n") + "`r`n")
        [System.IO.File]::WriteAllBytes($path, [byte[]]$bytes)
        $path
    }

    function Get-Writes([string]$Path) {
        $value = (Get-CtSimStats).writes.PSObject.Properties[$Path]
        if ($value) { [int]$value.Value } else { 0 }
    }
}

AfterAll {
    Disconnect-CtAccount
    Stop-CtSimulator $Sim
}

Describe 'New-CtSingleUseUrl reads the CSV files of spreadsheet programs' {
    BeforeEach { Reset-CtSimulator }

    It 'binds an Excel file with "Customer ID", "E-mail", "First Name" and "Mobile" headers' {
        $file = New-CsvFile -Name 'excel.csv' -Bom -Lines 'Customer ID,E-mail,First Name,Mobile', 'X-1,x1@example.com,Anna,+32470000001', 'X-2,x2@example.com,Ben,+32470000002'
        $urls = @(Import-Csv -Path $file | New-CtSingleUseUrl -Campaign cam_1007 -Confirm:$false)
        $urls.Count | Should -Be 2
        $urls.CustomId | Should -Be 'X-1', 'X-2'
        $urls.Email | Should -Be 'x1@example.com', 'x2@example.com'
        $urls.FirstName | Should -Be 'Anna', 'Ben'
        $urls.Phone | Should -Be '+32470000001', '+32470000002'
    }

    It 'binds a Google Sheets file whose headers carry spaces around them ("Email ", " Last Name")' {
        $file = New-CsvFile -Name 'sheets.csv' -Lines '"Email "," Last Name",Email Address Verified', 'y1@example.com,Peeters,yes'
        $urls = @(Import-Csv -Path $file | New-CtSingleUseUrl -Campaign cam_1007 -Confirm:$false)
        $urls.Count | Should -Be 1
        $urls[0].Email | Should -Be 'y1@example.com'
        $urls[0].LastName | Should -Be 'Peeters'
    }

    It 'stops a LibreOffice file read without -Delimiter before the first request, with one error naming the fix' {
        $file = New-CsvFile -Name 'libreoffice.csv' -Lines '"Email Address";"Customer ID";"First Name"', '"z1@example.com";"Z-1";"Zoe"', '"z2@example.com";"Z-2";"Zeb"', '"z3@example.com";"Z-3";"Zia"'
        $urls = @(); $stop = $null
        try { $urls = @(Import-Csv -Path $file | New-CtSingleUseUrl -Campaign cam_1007 -Confirm:$false -ErrorVariable failed) } catch { $stop = $_ }
        $urls.Count | Should -Be 0
        @($failed).Count | Should -Be 1 -Because 'one error for the file, not one per row'
        $stop.FullyQualifiedErrorId | Should -BeLike 'Coupontools.RowColumnsNotFound,*'
        $message = $stop.ErrorDetails.Message
        $message | Should -Match 'row 1'
        $message | Should -Match ([regex]::Escape("Columns found: 'Email Address;"))            # the columns found
        $message | Should -Match 'Email \(or '                                                # the columns accepted
        $message | Should -Match ([regex]::Escape("Import-Csv -Delimiter ';'"))
        Get-Writes '/v3/singleuse/create' | Should -Be 0
    }

    It 'binds the same LibreOffice file read with -Delimiter ";"' {
        $file = New-CsvFile -Name 'libreoffice.csv' -Lines '"Email Address";"Customer ID";"First Name"', '"z1@example.com";"Z-1";"Zoe"'
        $urls = @(Import-Csv -Path $file -Delimiter ';' | New-CtSingleUseUrl -Campaign cam_1007 -Confirm:$false)
        $urls.CustomId | Should -Be 'Z-1'
        $urls.Email | Should -Be 'z1@example.com'
    }

    It 'stops rows that name no recipient at all, listing their columns and the ones it takes' {
        $file = New-CsvFile -Name 'scores.csv' -Bom -Lines 'Player,Score', 'p1,10', 'p2,20'
        $stop = $null
        try { $null = Import-Csv -Path $file | New-CtSingleUseUrl -Campaign cam_1007 -Confirm:$false -ErrorVariable failed } catch { $stop = $_ }
        @($failed).Count | Should -Be 1
        $stop.ErrorDetails.Message | Should -Match "'Player', 'Score'"
        $stop.ErrorDetails.Message | Should -Match 'CustomId \(or CustomerId'
        $stop.ErrorDetails.Message | Should -Match '-Delimiter'
        Get-Writes '/v3/singleuse/create' | Should -Be 0
    }
}

Describe 'Set-CtCouponSession reads the CSV files of spreadsheet programs' {
    BeforeEach { Reset-CtSimulator }

    It 'binds a "Coupon Code" or "Session ID" column to -Id' {
        $codes = @((Get-CtCampaignUsage -Campaign cam_1001 -First 2).Id)
        $file = New-CsvFile -Name 'codes.csv' -Bom -Lines '"Coupon Code",Note', "$($codes[0]),first", "$($codes[1]),second"
        $results = @(Import-Csv -Path $file | Set-CtCouponSession -CustomField1 'from csv' -PassThru -Confirm:$false)
        $results.Session | Should -Be $codes
        $file = New-CsvFile -Name 'ids.csv' -Lines 'Session ID', $codes[0]
        @(Import-Csv -Path $file | Set-CtCouponSession -CustomField2 'again' -PassThru -Confirm:$false).Session | Should -Be $codes[0]
    }

    It 'stops rows with no session column before the first request, with one error instead of one per row' {
        $file = New-CsvFile -Name 'voucher.csv' -Lines 'Voucher;Note', 'abc123;x', 'def456;y', 'ghi789;z'
        $stop = $null
        try { $null = Import-Csv -Path $file | Set-CtCouponSession -Operation Void -Confirm:$false -ErrorVariable failed } catch { $stop = $_ }
        @($failed).Count | Should -Be 1
        $stop.FullyQualifiedErrorId | Should -BeLike 'Coupontools.RowColumnsNotFound,*'
        $stop.ErrorDetails.Message | Should -Not -Match 'is not a coupon session code'
        $stop.ErrorDetails.Message | Should -Match "'Voucher;Note'"
        $stop.ErrorDetails.Message | Should -Match 'Id \(or '
        $stop.ErrorDetails.Message | Should -Match ([regex]::Escape("Import-Csv -Delimiter ';'"))
        Get-Writes '/v3/couponsession/update' | Should -Be 0
    }
}
