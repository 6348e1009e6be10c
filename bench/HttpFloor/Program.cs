using System.Diagnostics;
using System.Text;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

// Usage: HttpFloor <base url> <client id> <client secret> <campaign id> <calls> [raw|client]
// Prints the elapsed milliseconds of <calls> sequential /v3/coupon/info POSTs, each reply read whole,
// measured after the same number of warm-up calls. "raw" (the floor) is a plain HttpClient loop;
// "client" is the module's own HTTP client from C#, which shows its cost without PowerShell's.
var (baseUrl, id, secret, campaign, calls) = (args[0].TrimEnd('/'), args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
var mode = args.Length > 5 ? args[5] : "raw";
using var http = new HttpClient();
http.DefaultRequestHeaders.Add("X-Client-Id", id);
http.DefaultRequestHeaders.Add("X-Client-Secret", secret);
var uri = new Uri(baseUrl + "/v3/coupon/info");
var body = "{\"campaign\":\"" + campaign + "\"}";
using var client = new CoupontoolsClient(new ClientOptions { BaseUri = new Uri(baseUrl), ClientId = id, ClientSecret = secret });

async Task RawAsync()
{
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(uri, content);
    var text = await response.Content.ReadAsStringAsync();
    if (!text.Contains("\"OK\"")) throw new InvalidOperationException("Unexpected reply: " + text);
}

Task ClientAsync() =>
    client.SendAsync(new ApiRequest(EndpointCatalog.CampaignInfo, new Dictionary<string, object?> { ["campaign"] = campaign }), default);

Func<Task> call = mode == "client" ? ClientAsync : RawAsync;

// Warm up as long as the measured run, so JIT tiering does not count against the floor.
for (var i = 0; i < calls; i++)
{
    await call();
}

var clock = Stopwatch.StartNew();
for (var i = 0; i < calls; i++)
{
    await call();
}

Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
