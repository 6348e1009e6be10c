# Paged lists read ahead (pages in order, -First and Select-Object -First cost what they read, a failed page
# fails after the pages before it) and rate limits learned by the connection (the simulator's token-bucket
# mode answers 429 with Retry-After past N requests a second). Request counts come from the simulator's stats.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
    $script:ModulePath = (Import-CtBuiltModule).Path
    $script:Sim = Start-CtSimulator
    $script:Secret = ConvertTo-SecureString $Sim.ClientSecret -AsPlainText -Force

    function Connect-Sim { Connect-CtAccount -ClientId $Sim.ClientId -ClientSecret $Secret -BaseUri $Sim.Url -SkipCheck -PassThru }
    function Clear-SimStats { $null = Invoke-CtSimControl -Method POST -Path 'reset' -Body @{ statsOnly = $true } }
    function Get-Requests([string]$Path) { $p = (Get-CtSimStats).requests.PSObject.Properties[$Path]; if ($p) { [int]$p.Value } else { 0 } }
    function New-SimCampaign([int]$Sessions) { (Invoke-CtSimControl -Method POST -Path 'campaign' -Body @{ name = 'Read-ahead'; sessions = $Sessions }).id }
    function Set-SimLatency([int]$Ms, [int]$JitterMs = 0) { $null = Invoke-CtSimControl -Method POST -Path 'latency' -Body @{ ms = $Ms; jitterMs = $JitterMs } }
    function Set-SimRateLimit([double]$PerSecond) { $null = Invoke-CtSimControl -Method POST -Path 'ratelimit' -Body @{ perSecond = $PerSecond } }
}

AfterAll { Stop-CtSimulator $Sim }

Describe 'Get-CtCampaignUsage reads pages ahead' {
    BeforeAll {
        Reset-CtSimulator
        $null = Connect-Sim
        $script:Campaign = New-SimCampaign -Sessions 5000
        Set-SimLatency -Ms 10 -JitterMs 5
    }
    AfterAll { Set-SimLatency -Ms 0 }
    BeforeEach { Clear-SimStats }

    It 'Select-Object -First 10 still costs one request' {
        @(Get-CtCampaignUsage -Campaign $Campaign | Select-Object -First 10).Count | Should -Be 10
        Get-Requests '/v3/campaign/data' | Should -Be 1
    }

    It 'Select-Object -First 150 costs two: read-ahead starts past the second page' {
        @(Get-CtCampaignUsage -Campaign $Campaign | Select-Object -First 150).Count | Should -Be 150
        Get-Requests '/v3/campaign/data' | Should -Be 2
    }

    It 'writes every session once, in page order, with pages in flight (jittered replies arrive out of order)' {
        $sessions = @(Get-CtCampaignUsage -Campaign $Campaign)
        $sessions.Count | Should -Be 5000
        $sequence = @($sessions.SequenceId)
        $sorted = @($sequence | Sort-Object)
        ($sequence -join ',') | Should -BeExactly ($sorted -join ',')
        @($sequence | Sort-Object -Unique).Count | Should -Be 5000
        # 50 full pages and the empty 51st; without a count in the reply, pages past the end may be asked for (never read).
        Get-Requests '/v3/campaign/data' | Should -BeGreaterOrEqual 51
        Get-Requests '/v3/campaign/data' | Should -BeLessOrEqual (51 + [Coupontools.PowerShell.CtApiCmdlet]::PagesAhead)
    }

    It 'a failed page fails as before: the sessions of the pages before it, then one error naming the campaign' {
        # The third request to arrive fails (pages 3 and 4 are the first read together): 200 or 300 sessions before it.
        $null = Invoke-CtSimControl -Method POST -Path 'faults' -Body @{ path = '/v3/campaign/data'; faults = @(@{ delayMs = 0 }, @{ delayMs = 0 }, @{ status = 500 }) }
        $sessions = @(Get-CtCampaignUsage -Campaign $Campaign -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Coupontools.*'
        $errs[0].TargetObject | Should -Be $Campaign
        $sessions.Count | Should -BeIn @(200, 300)
        $first = $sessions[0].SequenceId
        ($sessions.SequenceId -join ',') | Should -BeExactly ((0..($sessions.Count - 1) | ForEach-Object { $first + $_ }) -join ',')
    }
}

Describe 'Rate limits: the connection learns the limit from 429s' {
    BeforeAll {
        Reset-CtSimulator
        Set-SimLatency -Ms 5 -JitterMs 2
    }
    AfterAll { Set-SimRateLimit 0; Set-SimLatency -Ms 0 }
    BeforeEach { Clear-SimStats }

    It 'the simulator''s rate-limit mode answers 429 with Retry-After past N requests a second' {
        Set-SimRateLimit 5
        $headers = @{ 'X-Client-Id' = $Sim.ClientId; 'X-Client-Secret' = $Sim.ClientSecret }
        $statuses = foreach ($i in 1..12) {
            try { $null = Invoke-WebRequest -Method Post -Uri "$($Sim.Url)/v3/coupon/info" -Headers $headers -Body '{"campaign":"cam_1001"}' -ContentType 'application/json'; 200 }
            catch { [int]$_.Exception.Response.StatusCode; $_.Exception.Response.Headers.RetryAfter.Delta.TotalSeconds | Should -BeGreaterOrEqual 1 }
        }
        @($statuses | Where-Object { $_ -eq 429 }).Count | Should -BeGreaterThan 0
        (Get-CtSimStats).rateLimited | Should -Be @($statuses | Where-Object { $_ -eq 429 }).Count
    }

    It '200 reads under a tight limit end with 0 errors, and the connection keeps to a rate' {
        Set-SimRateLimit 20
        $connection = Connect-Sim
        $campaigns = @(1..200 | ForEach-Object { 'cam_1001' } | Get-CtCampaign -Connection $connection -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $campaigns.Count | Should -Be 200
        $stats = Get-CtSimStats
        $stats.rateLimited | Should -BeGreaterThan 0 -Because 'the limit was reached'
        $stats.rateLimited | Should -BeLessThan 40 -Because 'after the first 429s the connection keeps below the limit'
        $connection.GetClient().RateLimiter.Decreases | Should -BeGreaterThan 0
        [double]::IsPositiveInfinity($connection.GetClient().RateLimiter.Rate) | Should -BeFalse
    }

    It 'one connection shared by 4 runspaces shares the limit: 120 reads, 0 errors' {
        Set-SimRateLimit 8
        $connection = Connect-Sim
        $results = @(1..120 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:ModulePath
                try { $null = Get-CtCampaign -Id cam_1001 -Connection $using:connection -ErrorAction Stop; 'ok' }
                catch { "error: $($_.FullyQualifiedErrorId)" }
            })
        @($results | Where-Object { $_ -ne 'ok' }) | Should -BeNullOrEmpty
        $results.Count | Should -Be 120
        (Get-CtSimStats).rateLimited | Should -BeGreaterThan 0 -Because 'the limit was reached'
        $connection.GetClient().RateLimiter.Decreases | Should -BeGreaterThan 0
        (Get-CtSimStats).rateLimited | Should -BeLessThan 40
    }
}
