# Imported in BeforeAll by the robustness suites (Secrets, BadInput, FaultMatrix, ThreadSafety):
#   Import-Module (Join-Path $PSScriptRoot 'RobustnessHelpers.psm1')
# Ids that exist in the simulator, one valid call of every cmdlet and parameter set, and a
# connection with fast retries.
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

function Connect-CtTestAccount {
    <# A connection to the simulator (or to -Url) with fast retries; it also becomes the current one. #>
    param(
        [Parameter(Mandatory)][pscustomobject]$Sim,
        [string]$Url = $Sim.Url,
        [int]$TimeoutSec = 10,
        [int]$MaxRetryCount = 3,
        [int]$RetryBaseDelayMilliseconds = 1
    )
    Connect-CtSimulator -Simulator $Sim -Url $Url -With @{
        TimeoutSec = $TimeoutSec; MaxRetryCount = $MaxRetryCount; RetryBaseDelayMilliseconds = $RetryBaseDelayMilliseconds; SkipCheck = $true; PassThru = $true
    }
}

function Get-CtTestFixture {
    <# Ids that exist in the simulator's seed data, read through the module once. #>
    param([Parameter(Mandatory)][pscustomobject]$Sim, [Parameter(Mandatory)]$Connection)
    $sessions = @(Get-CtCampaignUsage -Campaign cam_1001 -First 40 -Connection $Connection)
    $card = Get-CtLoyaltyCard -Connection $Connection | Select-Object -First 1
    $directory = Get-CtDirectory -Connection $Connection | Select-Object -First 1
    [pscustomobject]@{
        Campaign      = 'cam_1001'
        Sessions      = @($sessions.Id)
        Session       = $sessions[0].Id
        LoyaltyCard   = $card.Id
        LoyaltyUser   = (Get-CtLoyaltyCardUser -LoyaltyCard $card.Id -Connection $Connection | Select-Object -First 1).Id
        WalletCard    = '2001'    # the simulator's wallet cards: 2001-2003; user 70001 has reward 1 to use
        WalletUser    = '70001'
        WalletReward  = 1
        Directory     = $directory.Id
        DirectoryUser = (Get-CtDirectoryUser -Directory $directory.Id -First 1 -Connection $Connection).Id
        V4Directory   = '3001'   # the simulator's v4 directories: 3001-3003, users 7001… in 3001
        V4DirectoryUser = '7001'
        Subaccount    = (Get-CtSubaccount -Connection $Connection | Select-Object -First 1).Id
        Teammate      = 9001   # the simulator's teammates: 9001-9003 (no cmdlet lists teammates)
        WebhookEvent  = (Invoke-CtSimControl -Simulator $Sim -Method POST -Path 'webhook/fire' -Body @{ campaign = 'cam_1001'; deliver = $false }).webhook
    }
}

function Get-CtFreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-CtValidCall {
    <#
    .SYNOPSIS
    One valid call of every exported cmdlet and parameter set: Cmdlet, Set, Parameters (a hashtable).
    A cmdlet or set missing here makes the robustness suites fail, so a new cmdlet gets added.
    #>
    param([Parameter(Mandatory)]$Fixture, [Parameter(Mandatory)][pscustomobject]$Sim, [Parameter(Mandatory)]$Connection, [securestring]$Password)
    $f = $Fixture
    $c = $Connection   # what the script blocks below use, whatever the current connection is then
    $secret = ConvertTo-SecureString -String $Sim.ClientSecret -AsPlainText -Force
    if (-not $Password) { $Password = ConvertTo-SecureString -String 'Pw-Valid-Call-2291' -AsPlainText -Force }
    $event = '{"webhook":"' + $f.WebhookEvent + '","type":"coupon_validated","date":"2026-11-25 12:00:00","campaign":"cam_1001","session":"' + $f.Session + '"}'
    $calls = [ordered]@{
        'Connect-CtAccount'                = [ordered]@{
            ClientSecret = @{ ClientId = $Sim.ClientId; ClientSecret = $secret; BaseUri = $Sim.Url; SkipCheck = $true; PassThru = $true }
            Credential   = @{ Credential = [pscredential]::new($Sim.ClientId, $secret); BaseUri = $Sim.Url; SkipCheck = $true; PassThru = $true }
            Environment  = @{ BaseUri = $Sim.Url; SkipCheck = $true; PassThru = $true }
            Subaccount   = @{ Subaccount = { Get-CtSubaccount -Id $f.Subaccount -Connection $c }; BaseUri = $Sim.Url; SkipCheck = $true; PassThru = $true }
        }
        'ConvertFrom-CtWebhook'            = [ordered]@{ __AllParameterSets = @{ InputObject = $event } }
        'Disconnect-CtAccount'             = [ordered]@{ __AllParameterSets = @{ Connection = { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $secret -BaseUri $Sim.Url -SkipCheck -PassThru } } }
        'Find-CtCouponSession'             = [ordered]@{ __AllParameterSets = @{ Email = 'noah.mertens0@example.com'; Campaign = $f.Campaign } }
        'Get-CtCampaign'                   = [ordered]@{ List = @{ ActiveOnly = $true }; Id = @{ Id = $f.Campaign } }
        'Get-CtCampaignUsage'              = [ordered]@{ __AllParameterSets = @{ Campaign = $f.Campaign; First = 2 } }
        'Get-CtCategory'                   = [ordered]@{ __AllParameterSets = @{} }
        'Get-CtConnection'                 = [ordered]@{ __AllParameterSets = @{} }
        'Get-CtCouponSession'              = [ordered]@{ __AllParameterSets = @{ Id = $f.Session } }
        'Get-CtCouponSessionBarcode'       = [ordered]@{ __AllParameterSets = @{ Id = $f.Session; Type = 'QrCode' } }
        'Get-CtDirectory'                  = [ordered]@{ List = @{}; Id = @{ Id = $f.Directory } }
        'Get-CtDirectoryCampaign'          = [ordered]@{ __AllParameterSets = @{ Directory = $f.Directory } }
        'Get-CtDirectoryUser'              = [ordered]@{ __AllParameterSets = @{ Directory = $f.Directory; First = 2 } }
        'Get-CtLoyaltyCard'                = [ordered]@{ List = @{}; Id = @{ Id = $f.LoyaltyCard } }
        'Get-CtLoyaltyCardUser'            = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.LoyaltyCard; Search = 'noah' } }
        'Copy-CtLoyaltyCard'               = [ordered]@{ __AllParameterSets = @{ Id = $f.WalletCard; Name = 'Valid copy'; Confirm = $false } }
        'New-CtLoyaltyCardUser'            = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.WalletCard; FirstName = 'Val'; Email = 'val.wallet@example.com'; Custom1 = 'valid'; Confirm = $false } }
        'Add-CtLoyaltyCardStamp'           = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.WalletCard; User = $f.WalletUser; Amount = 1; Confirm = $false } }
        'Use-CtLoyaltyCardReward'          = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.WalletCard; User = $f.WalletUser; Reward = $f.WalletReward; Confirm = $false } }
        'Remove-CtLoyaltyCardUser'         = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.WalletCard; User = { (New-CtLoyaltyCardUser -LoyaltyCard 2001 -FirstName Gone -Confirm:$false -Connection $c).Id }; Force = $true } }
        'Get-CtSubaccount'                 = [ordered]@{ List = @{}; Id = @{ Id = $f.Subaccount } }
        'Invoke-CtApi'                     = [ordered]@{ __AllParameterSets = @{ Path = 'v3/coupon/info'; Body = @{ campaign = $f.Campaign } } }
        'New-CtSingleUseUrl'               = [ordered]@{
            Recipient = @{ Campaign = $f.Campaign; Email = 'ann.valid@example.com'; FirstName = 'Ann'; LastName = 'Lee'; CustomId = 'valid-1'; Confirm = $false }
            Count     = @{ Campaign = $f.Campaign; Count = 2; Confirm = $false }
        }
        'New-CtSubaccount'                 = [ordered]@{ __AllParameterSets = @{ Email = 'valid.new@example.com'; Password = $Password; FirstName = 'Val'; Confirm = $false } }
        'New-CtSubaccountPasswordResetUrl' = [ordered]@{ __AllParameterSets = @{ Id = $f.Subaccount; Confirm = $false } }
        'New-CtTeammateSsoUrl'             = [ordered]@{ __AllParameterSets = @{ Id = $f.Teammate; Confirm = $false } }
        'New-CtSubaccountSsoUrl'           = [ordered]@{ Page = @{ Id = $f.Subaccount; Page = 'Campaigns'; Confirm = $false }; UpdateCampaign = @{ Id = $f.Subaccount; Page = 'UpdateCampaign'; Campaign = $f.Campaign; Confirm = $false } }
        'Receive-CtWebhook'                = [ordered]@{ Port = @{ Port = (Get-CtFreePort); Timeout = 1 }; Prefix = @{ Prefix = "http://127.0.0.1:$(Get-CtFreePort)/"; Timeout = 1 } }
        'Remove-CtCouponSession'           = [ordered]@{ __AllParameterSets = @{ Campaign = $f.Campaign; Id = { (New-CtSingleUseUrl -Campaign cam_1001 -Count 1 -Confirm:$false -Connection $c).Session }; Force = $true } }
        'Send-CtPushNotification'          = [ordered]@{
            CampaignSession = @{ Campaign = $f.Campaign; Session = $f.Session; Message = 'Valid push'; Force = $true }
            CampaignAll     = @{ Campaign = $f.Campaign; All = $true; Message = 'Valid push'; Force = $true }
            LoyaltyCardUser = @{ LoyaltyCard = $f.LoyaltyCard; User = $f.LoyaltyUser; Message = 'Valid push'; Force = $true }
            LoyaltyCardAll  = @{ LoyaltyCard = $f.LoyaltyCard; All = $true; Message = 'Valid push'; Force = $true }
        }
        'Set-CtCouponSession'              = [ordered]@{
            Session = @{ Id = $f.Session; Operation = 'Activate'; Confirm = $false }
            Range   = @{ Campaign = $f.Campaign; FromSequence = 19878460; ToSequence = 19878461; Operation = 'Activate'; Confirm = $false }
        }
        'Set-CtDirectoryUser'              = [ordered]@{
            Legacy = @{ Directory = $f.Directory; User = $f.DirectoryUser; PaymentStatus = 'Paid'; Confirm = $false }
            V4     = @{ Directory = $f.V4Directory; User = $f.V4DirectoryUser; Blocked = $false; Confirm = $false }
        }
        'New-CtDirectoryUser'              = [ordered]@{ __AllParameterSets = @{ Directory = $f.V4Directory; Email = { "valid.$([guid]::NewGuid().ToString('N').Substring(0, 10))@example.com" }; FirstName = 'Val'; BirthDate = [datetime]'1990-05-04'; Confirm = $false } }
        'Grant-CtDirectoryAccess'          = [ordered]@{ __AllParameterSets = @{ Directory = $f.V4Directory; User = $f.V4DirectoryUser; ExpiresAt = (Get-Date).AddDays(30); Confirm = $false } }
        'Revoke-CtDirectoryAccess'         = [ordered]@{ __AllParameterSets = @{ Directory = $f.V4Directory; User = $f.V4DirectoryUser; Force = $true } }
        'New-CtDirectoryUserSsoUrl'        = [ordered]@{ __AllParameterSets = @{ Directory = $f.V4Directory; User = $f.V4DirectoryUser; Confirm = $false } }
        'Send-CtDirectory'                 = [ordered]@{
            Email = @{ Directory = $f.V4Directory; Email = 'ann.valid@example.com'; Sender = 'shop@example.com'; Subject = 'Valid'; Body = 'Valid body'; BodyType = 'Text'; ButtonText = 'Go'; Force = $true }
            Sms   = @{ Directory = $f.V4Directory; Phone = '+447911123456'; Body = 'Valid text'; Force = $true }
        }
        'Set-CtLoyaltyCardUser'            = [ordered]@{ __AllParameterSets = @{ LoyaltyCard = $f.LoyaltyCard; User = $f.LoyaltyUser; AddPoints = 1; Confirm = $false } }
        'Set-CtSubaccount'                 = [ordered]@{ __AllParameterSets = @{ Id = $f.Subaccount; Package = 'pac_1'; Confirm = $false } }
        'Test-CtWebhook'                   = [ordered]@{ __AllParameterSets = @{ EventId = $f.WebhookEvent } }
        'Send-CtCoupon'                    = [ordered]@{
            Email = @{ Campaign = $f.Campaign; Email = 'ann.valid@example.com'; Subject = 'Valid subject'; FirstName = 'Ann'; LastName = 'Lee'; Force = $true }
            Sms   = @{ Campaign = $f.Campaign; Phone = '+447911123456'; Body = 'Valid text'; Force = $true }
        }
        'Get-CtContactGroup'               = [ordered]@{ __AllParameterSets = @{ Channel = 'Sms' } }
        'New-CtContactGroup'               = [ordered]@{ __AllParameterSets = @{ Channel = 'Email'; Name = 'Valid group'; Confirm = $false } }
        'Get-CtContact'                    = [ordered]@{ __AllParameterSets = @{ Group = 'gro_123456'; Channel = 'Sms' } }
        'Add-CtContact'                    = [ordered]@{
            Sms   = @{ Group = 'gro_123456'; Channel = 'Sms'; Phone = '+32470123456'; FirstName = 'Val'; LastName = 'Id'; CustomField1 = 'one'; Confirm = $false }
            Email = @{ Group = 'gro_5001'; Channel = 'Email'; Email = 'val.id@example.com'; FirstName = 'Val'; Custom1 = 'one'; Confirm = $false }
        }
    }
    foreach ($name in $calls.Keys) {
        foreach ($set in $calls[$name].Keys) {
            $parameters = $calls[$name][$set]
            foreach ($key in @($parameters.Keys)) {
                if ($parameters[$key] -is [scriptblock]) { $parameters[$key] = $parameters[$key].GetNewClosure() }
            }
            [pscustomobject]@{ Cmdlet = $name; Set = $set; Parameters = $parameters }
        }
    }
}

function Resolve-CtCallParameters {
    <# A copy of a valid call's parameters with script-block values run (fresh connections, fresh sessions). #>
    param([Parameter(Mandatory)][hashtable]$Parameters)
    $resolved = @{}
    foreach ($key in $Parameters.Keys) {
        $value = $Parameters[$key]
        $resolved[$key] = if ($value -is [scriptblock]) { & $value } else { $value }
    }
    $resolved
}

function Start-CtRecordingProxy {
    <# A loopback proxy to the simulator that records every request body (tests/pester/RecordingProxy.cs). Dispose() it. #>
    param([Parameter(Mandatory)][pscustomobject]$Sim)
    if (-not ('Coupontools.Test.RecordingProxy' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'RecordingProxy.cs') -ReferencedAssemblies System.Net.HttpListener, System.Net.Http, System.Net.Primitives, System.Collections.Concurrent, System.Net.Sockets, System.Runtime, System.Text.Encoding.Extensions, System.Threading, System.Threading.Tasks, System.Collections.Specialized, System.Net.WebHeaderCollection, netstandard
    }
    [Coupontools.Test.RecordingProxy]::new($Sim.Url)
}

function Split-CtPipedCall {
    <#
    .SYNOPSIS
    A valid call (Get-CtValidCall) split in two: Row, what comes down the pipeline, and Parameters, what is
    passed as parameters. A value the set takes from the pipeline by value is piped as it is; else the values
    it takes by property name become the properties of each row. Null when the set binds nothing from the pipeline.
    #>
    param([Parameter(Mandatory)]$Call)
    $command = Get-Command $Call.Cmdlet
    $resolved = Resolve-CtCallParameters -Parameters $Call.Parameters
    $row = [ordered]@{}; $direct = @{}; $byValue = $null
    foreach ($key in $resolved.Keys) {
        $sets = @($command.Parameters[$key].ParameterSets.GetEnumerator() | Where-Object { $_.Key -in $Call.Set, '__AllParameterSets' })
        if (-not $byValue -and ($sets | Where-Object { $_.Value.ValueFromPipeline })) { $byValue = $key }
        if ($sets | Where-Object { $_.Value.ValueFromPipelineByPropertyName }) { $row[$key] = $resolved[$key] } else { $direct[$key] = $resolved[$key] }
    }
    if ($byValue) {
        foreach ($key in @($row.Keys)) { if ($key -ne $byValue) { $direct[$key] = $row[$key] } }
        $direct.Remove($byValue)
        return [pscustomobject]@{ Row = $resolved[$byValue]; Parameters = $direct }
    }
    if ($row.Count -eq 0) { return $null }
    [pscustomobject]@{ Row = [pscustomobject]$row; Parameters = $direct }
}

function New-CtRecordingRunspace {
    <#
    .SYNOPSIS
    An open runspace whose host (tests/pester/RecordingHost.cs) records every line written to it, with the
    built module imported: Runspace and Host (Host.Warnings, Host.Lines, Host.Clear()). Dispose() the runspace.
    #>
    if (-not ('Coupontools.Test.RecordingHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'RecordingHost.cs')
    }
    $recorder = [Coupontools.Test.RecordingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($recorder)
    $runspace.Open()
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $runspace
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-CtTestModulePath)).AddParameter('ErrorAction', 'Stop').Invoke()
    }
    finally { $ps.Dispose() }
    [pscustomobject]@{ Runspace = $runspace; Host = $recorder }
}

function Get-CtSubaccountSecret {
    <# Every subaccount's api_key and api_secret, read from the simulator directly (not through the module). #>
    param([Parameter(Mandatory)][pscustomobject]$Sim)
    $headers = @{ 'X-Client-Id' = $Sim.ClientId; 'X-Client-Secret' = $Sim.ClientSecret }
    $list = Invoke-RestMethod -Method Post -Uri "$($Sim.Url)/v4/subaccount/list" -Headers $headers -ContentType 'application/json' -Body '{}'
    @($list.subaccount | ForEach-Object { $_.api_key; $_.api_secret } | Where-Object { $_ })
}

Export-ModuleMember -Function Connect-CtTestAccount, Get-CtTestFixture, Get-CtFreePort, Get-CtValidCall, Resolve-CtCallParameters, Start-CtRecordingProxy,
    Split-CtPipedCall, New-CtRecordingRunspace, Get-CtSubaccountSecret
