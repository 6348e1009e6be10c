using System.Diagnostics;
using System.Text;

// Usage: HttpFloor <base url> <client id> <client secret> <campaign id> <calls>
// Prints the elapsed milliseconds of <calls> sequential /v3/coupon/info POSTs, each reply read whole,
// measured after the same number of warm-up calls.
var (baseUrl, id, secret, campaign, calls) = (args[0].TrimEnd('/'), args[1], args[2], args[3], int.Parse(args[4]));
using var http = new HttpClient();
http.DefaultRequestHeaders.Add("X-Client-Id", id);
http.DefaultRequestHeaders.Add("X-Client-Secret", secret);
var uri = new Uri(baseUrl + "/v3/coupon/info");
var body = "{\"campaign\":\"" + campaign + "\"}";

async Task CallAsync()
{
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(uri, content);
    var text = await response.Content.ReadAsStringAsync();
    if (!text.Contains("\"OK\"")) throw new InvalidOperationException("Unexpected reply: " + text);
}

// Warm up as long as the measured run, so JIT tiering does not count against the floor.
for (var i = 0; i < calls; i++)
{
    await CallAsync();
}

var clock = Stopwatch.StartNew();
for (var i = 0; i < calls; i++)
{
    await CallAsync();
}

Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
