namespace Coupontools.Simulator;

/// <summary>
/// One coupon session as the API shows it. Immutable: a change stores a modified copy (copy-on-write), so readers
/// always see a consistent snapshot. Dates are unix seconds, 0 meaning "not yet".
/// </summary>
sealed record SessionState
{
    public required long N { get; init; }
    public required Campaign Campaign { get; init; }
    public required string Code { get; init; }
    public string CustomId { get; init; } = "";
    public long Created { get; init; }
    public long Opened { get; init; }
    public long Played { get; init; }
    public long Claimed { get; init; }
    public long Validated { get; init; }
    public long Voided { get; init; }
    public long Unvoided { get; init; }
    public bool Locked { get; init; }
    public string ClaimType { get; init; } = "";
    public string Value { get; init; } = "";
    public string ValidationValue { get; init; } = "";
    public string OwnCode { get; init; } = "";
    public string Email { get; init; } = "";
    public string Phone { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    /// <summary>expiry_date as sent: the campaign's wall time (yyyy-MM-dd HH:mm:ss in Campaign.TimeZone).</summary>
    public string Expiry { get; init; } = "";
    /// <summary>customfield1..7 as sent ("" when not).</summary>
    public string[] CustomFields { get; init; } = NoCustomFields;
    /// <summary>utm_source, utm_medium, utm_campaign, utm_term, utm_content as sent.</summary>
    public string[] Utm { get; init; } = NoUtm;
    public bool Removed { get; init; }
    public string RedeemLocation { get; init; } = "";
    public string MoneySpent { get; init; } = "";

    public static readonly string[] NoCustomFields = ["", "", "", "", "", "", ""];
    public static readonly string[] NoUtm = ["", "", "", "", ""];
    public static readonly string[] UtmNames = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];


    readonly long? sequence;

    /// <summary>The sequence id (batch/update ranges); generated ones follow the session number.</summary>
    public long Sequence { get => sequence ?? 18_000_000 + N; init => sequence = value; }
    /// <summary>The campaign code this session's URL shows when a vendor example prints another than its campaign's (null: the campaign's).</summary>
    public string? PrintedCampaignCode { get; init; }
    public string Url => $"https://digicpn.com/p/{PrintedCampaignCode ?? Campaign.Code}/{Code}";
    public string WidgetCode => Code[..6];
}
