namespace Coupontools.Simulator;

/// <summary>Computes generated session idx of a campaign from (seed, global number) alone.</summary>
static class SessionGen
{
    /// <summary>The dates of a session, cheap enough to scan a million per request.</summary>
    public readonly record struct Dates(long Created, long Opened, long Played, long Claimed, long Validated, long Voided);

    public static Dates DatesOf(Campaign c, int idx)
    {
        ulong h = Gen.Hash(c.Seed, (ulong)(c.Base + idx), 11);
        long created = c.Start + idx * c.Step + (long)(h % (ulong)c.Step);
        h = Gen.Mix(h);
        long opened = h % 100 < 70 ? created + 5 + (long)((h >> 8) % 172_800) : 0;
        h = Gen.Mix(h);
        long played = opened != 0 && h % 100 < 50 ? opened + 30 + (long)((h >> 8) % 900) : 0;
        h = Gen.Mix(h);
        long claimed = opened != 0 && h % 100 < 55 ? Math.Max(opened, played) + 60 + (long)((h >> 8) % 3600) : 0;
        h = Gen.Mix(h);
        long validated = claimed != 0 && h % 100 < 60 ? claimed + 600 + (long)((h >> 8) % 259_200) : 0;
        h = Gen.Mix(h);
        long voided = validated == 0 && h % 100 < 4 ? created + 3600 + (long)((h >> 8) % 864_000) : 0;
        return new Dates(created, opened, played, claimed, validated, voided);
    }

    public static Dates DatesOf(SessionState s) => new(s.Created, s.Opened, s.Played, s.Claimed, s.Validated, s.Voided);

    public static SessionState Generate(Campaign c, int idx)
    {
        long n = c.Base + idx;
        var d = DatesOf(c, idx);
        ulong h = Gen.Hash(c.Seed, (ulong)n, 23);
        string first = Gen.Pick(Gen.FirstNames, h >> 3), last = Gen.Pick(Gen.LastNames, h >> 17);
        ulong f = Gen.Mix(h);
        bool hasEmail = (f & 1) == 0, hasPhone = (f >> 1) % 10 < 4, hasCustom = (f >> 5) % 3 == 0, hasOwn = (f >> 9) % 4 == 0;
        return new SessionState
        {
            N = n,
            Campaign = c,
            Code = Gen.SessionCode(c.Seed, n),
            CustomId = hasCustom ? CustomIdOf(n) : "",
            Created = d.Created,
            Opened = d.Opened,
            Played = d.Played,
            Claimed = d.Claimed,
            Validated = d.Validated,
            Voided = d.Voided,
            Locked = d.Validated != 0,
            ClaimType = d.Claimed == 0 ? "" : Gen.Pick(["mobile", "print", "passbook"], f >> 13),
            Value = d.Claimed == 0 || (f >> 17) % 10 < 3 ? "" : Money(f >> 21),
            ValidationValue = d.Validated == 0 ? "" : Money(f >> 29),
            OwnCode = hasOwn ? OwnCodeOf(n) : "",
            Email = hasEmail ? EmailOf(first, last, n) : "",
            Phone = hasPhone ? PhoneOf(n) : "",
            FirstName = hasEmail ? first : "",
            LastName = hasEmail ? last : "",
        };
    }

    // Searchable generated fields carry the session number, so a search decodes instead of scanning.
    public static string EmailOf(string first, string last, long n) =>
        $"{first}.{last.Replace(" ", "")}.{n}@example.com".ToLowerInvariant();
    public static string PhoneOf(long n) => "+3247" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
    public static string CustomIdOf(long n) => "CRM-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string OwnCodeOf(long n) => "OV" + Gen.Base36Upper(n, 6);

    /// <summary>The session number a generated email/phone/customid/own code would carry, or -1.</summary>
    public static long NumberIn(string field, string value)
    {
        string digits = field switch
        {
            "email" => System.Text.RegularExpressions.Regex.Match(value, @"\.(\d{1,10})@example\.com$", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value,
            "phone" => value.StartsWith("+3247", StringComparison.Ordinal) ? value[5..] : "",
            "customid" => value.StartsWith("CRM-", StringComparison.Ordinal) ? value[4..] : "",
            "own_validation_code" => value.Length == 8 && value.StartsWith("OV", StringComparison.OrdinalIgnoreCase)
                ? Gen.ParseBase36(value[2..]).ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            _ => "",
        };
        return digits.Length is > 0 and <= 10 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    static string Money(ulong h) => ((h % 40 + 1) * 2.5m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
