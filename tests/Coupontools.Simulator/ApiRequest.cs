using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Coupontools.Simulator;

/// <summary>One API call: flat parameters from a JSON object, a form or the query string, and the caller's account.</summary>
sealed class ApiRequest
{
    readonly Dictionary<string, string?> p = new(StringComparer.OrdinalIgnoreCase);
    bool malformed, wrote;

    ApiRequest(Sim sim, string path)
    {
        Sim = sim;
        Store = sim.Store;
        Path = path;
    }

    public Sim Sim { get; }
    public Store Store { get; }
    public string Path { get; }
    /// <summary>Null for the main account, else the subaccount whose api_key/api_secret were sent.</summary>
    public Subaccount? Sub { get; private set; }

    public static async Task<ApiRequest> Read(HttpContext ctx, Sim sim, string path)
    {
        var r = new ApiRequest(sim, path);
        foreach (var (k, v) in ctx.Request.Query) r.p[k] = v.ToString();
        using var reader = new StreamReader(ctx.Request.Body);
        string body = (await reader.ReadToEndAsync(ctx.RequestAborted)).Trim();
        if (body.Length == 0) return r;
        if (body[0] == '{' || body[0] == '[') r.ReadJson(body);
        else foreach (var (k, v) in QueryHelpers.ParseQuery(body)) r.p[k] = v.ToString();
        return r;
    }

    void ReadJson(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) { malformed = true; return; }
            foreach (var prop in doc.RootElement.EnumerateObject())
                p[prop.Name] = prop.Value.ValueKind switch
                {
                    JsonValueKind.String => prop.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => prop.Value.GetRawText(),
                };
        }
        catch (JsonException) { malformed = true; }
    }

    /// <summary>Headers X-Client-Id/X-Client-Secret win over body client_id/client_secret.</summary>
    public void Authenticate(HttpContext ctx)
    {
        string? id = ctx.Request.Headers["X-Client-Id"].FirstOrDefault() ?? Opt("client_id");
        string? secret = ctx.Request.Headers["X-Client-Secret"].FirstOrDefault() ?? Opt("client_secret");
        if (id == null || secret == null) throw ApiError.Auth();
        if (id == Sim.Options.ClientId && secret == Sim.Options.ClientSecret) Sub = null;
        else Sub = Store.Subaccounts.ByCredentials(id, secret) ?? throw ApiError.Auth();
        if (malformed) throw ApiError.Bad("Request body is not a JSON object.");
    }

    /// <summary>Counts this request once in the writes statistic (a state change took effect).</summary>
    public void Wrote()
    {
        if (wrote) return;
        wrote = true;
        Sim.Stats.Write(Path);
    }

    public bool Has(string name) => Opt(name) != null;

    public string? Opt(string name) => p.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    public string Req(string name) => Opt(name) ?? throw ApiError.Missing(name);

    /// <summary>An id parameter: "cam_123" or "123"; 200 when missing, 301 on other characters.</summary>
    public long Id(string name, string prefix) => ParseId(Req(name), prefix) ?? throw ApiError.BadChars(name);

    public long? OptId(string name, string prefix) => Has(name) ? Id(name, prefix) : null;

    public static long? ParseId(string value, string prefix)
    {
        string digits = prefix.Length > 0 && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value[prefix.Length..] : value;
        if (digits.Length is 0 or > 15 || !digits.All(char.IsAsciiDigit)) return null;
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>true/false, "true"/"false", "1"/"0"; anything else is 302.</summary>
    public bool? Bool(string name) => Opt(name)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw ApiError.NotAllowed(name),
    };

    public bool Flag(string name) => Bool(name) ?? false;

    /// <summary>A non-negative whole number; 301 on other characters.</summary>
    public long? Count(string name)
    {
        string? v = Opt(name);
        if (v == null) return null;
        return v.Length <= 15 && v.All(char.IsAsciiDigit) ? long.Parse(v, CultureInfo.InvariantCulture) : throw ApiError.BadChars(name);
    }

    /// <summary>A signed whole number; 303 otherwise.</summary>
    public long? Signed(string name)
    {
        string? v = Opt(name);
        if (v == null) return null;
        return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : throw ApiError.Format(name, "integer");
    }

    /// <summary>One of the allowed values (case-insensitive, returned lower case); 302 otherwise.</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        string? v = Opt(name)?.ToLowerInvariant();
        if (v == null) return null;
        return allowed.Contains(v) ? v : throw ApiError.NotAllowed(name);
    }

    public int Page()
    {
        long page = Count("page") ?? 1;
        return page is >= 1 and <= int.MaxValue ? (int)page : throw ApiError.Bad("Parameter page must be 1 or more.");
    }

    public Campaign Campaign(string name = "campaign") => Store.FindCampaign(Id(name, "cam_")) ?? throw ApiError.Campaign();

    /// <summary>
    /// A coupon session by full code or first 6 characters. Unknown or not in the given campaign: <paramref name="notFound"/>
    /// (505 in the older contract; 2025: 513 for data and remove, 512 for update); other characters: <paramref name="badChars"/>.
    /// </summary>
    public SessionState Session(string name = "couponsession", Campaign? within = null, int notFound = 505, int badChars = 301)
    {
        string code = Req(name);
        if (!code.All(char.IsAsciiLetterOrDigit)) throw new ApiError(badChars, $"Invalid character in parameter: {name}");
        var missing = notFound == 505 ? ApiError.Session() : ApiError.SessionNotFound(notFound);
        var s = Store.FindSession(code) ?? throw missing;
        return within == null || s.Campaign == within ? s : throw missing;
    }

    public void RequireMainAccount()
    {
        if (Sub != null) throw new ApiError(102, "Subaccount credentials can not be used to manage subaccounts.");
    }

    /// <summary>A date parameter in one of the formats (the first is named in the 303 message), returned as sent.</summary>
    public string? Date(string name, params string[] formats)
    {
        string? v = Opt(name);
        if (v == null || DateTime.TryParseExact(v, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return v;
        throw ApiError.Format(name, formats[0]);
    }

    public static bool IsEmail(string v) =>
        v.Length <= 254 && System.Text.RegularExpressions.Regex.IsMatch(v, @"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$");

    public static bool IsCodeText(string v) => v.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}
