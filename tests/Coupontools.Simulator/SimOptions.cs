using System.Globalization;
using System.Net;

namespace Coupontools.Simulator;

/// <summary>Command line: --urls, --seed, --latency-ms, --client-id, --client-secret, --sessions, --data, --exit-on-stdin-close.</summary>
sealed class SimOptions
{
    public List<IPEndPoint> Endpoints { get; } = new();
    public int Seed { get; private set; } = 1;
    public int LatencyMs { get; private set; }
    public string ClientId { get; private set; } = "ct-sim-client";
    public string ClientSecret { get; private set; } = "Sim-Secret-7f3a9c2e41";
    public int Sessions { get; private set; } = 250;
    public bool ExitOnStdinClose { get; private set; }

    /// <summary>True with <c>--data vendor-examples</c>: the data set holds only the entities of the vendor's printed examples.</summary>
    public bool VendorExamples { get; private set; }

    /// <summary>True with <c>--help</c>, <c>-h</c> or <c>-?</c>: print <see cref="Usage"/> and exit.</summary>
    public bool Help { get; private set; }

    public const string Usage = """
        Coupontools API simulator: answers the Coupontools REST API on a loopback address, for tests and demos.

        Usage: dotnet Coupontools.Simulator.dll [options]

          --urls <url[;url]>        where to listen (http on 127.0.0.1 or localhost only); default http://127.0.0.1:0 (a free port)
          --seed <n>                seed of the generated data (default 1)
          --latency-ms <n>          delay before every reply, in milliseconds (default 0)
          --client-id <id>          the client id it accepts (default ct-sim-client)
          --client-secret <secret>  the client secret it accepts (default Sim-Secret-7f3a9c2e41)
          --sessions <n>            coupon sessions generated per campaign (default 250)
          --data generated|vendor-examples
                                    generated data (default), or only the entities of the vendor's printed examples
          --exit-on-stdin-close     stop when standard input closes (how the test helpers run it)
          --help, -h, -?            this text

        It prints "LISTENING <url>" once it answers. Connect with:
          Connect-CtAccount -ClientId ct-sim-client -ClientSecret (Read-Host -AsSecureString) -BaseUri <url>
        Control endpoints for tests are under /_sim (faults, stats, reset).
        """;

    public static SimOptions Parse(string[] args)
    {
        var o = new SimOptions();
        string urls = "http://127.0.0.1:0";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i], value = "";
            int eq = name.IndexOf('=');
            if (eq > 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            string Next() => eq > 0 ? value : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name.ToLowerInvariant())
            {
                case "--urls": urls = Next(); break;
                case "--seed": o.Seed = Number(Next(), int.MinValue); break;
                case "--latency-ms": o.LatencyMs = Number(Next(), 0); break;
                case "--client-id": o.ClientId = NonEmpty(Next(), name); break;
                case "--client-secret": o.ClientSecret = NonEmpty(Next(), name); break;
                case "--sessions": o.Sessions = Number(Next(), 0); break;
                case "--exit-on-stdin-close": o.ExitOnStdinClose = true; break;
                case "--help" or "-h" or "-?" or "/?": o.Help = true; break;
                case "--data": o.VendorExamples = Next() switch
                {
                    "generated" => false,
                    "vendor-examples" => true,
                    var other => throw new ArgumentException($"--data takes generated or vendor-examples, not {other}"),
                }; break;
                default: throw new ArgumentException($"unknown argument {name} (--help lists the options)");
            }
        }
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            o.Endpoints.Add(LoopbackEndpoint(url));
        if (o.Endpoints.Count == 0) throw new ArgumentException("--urls is empty");
        return o;
    }

    static int Number(string s, int min)
    {
        int n = int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return n >= min ? n : throw new ArgumentException($"{s} is out of range");
    }

    static string NonEmpty(string s, string name) => s.Length > 0 ? s : throw new ArgumentException($"{name} must not be empty");

    /// <summary>Only http on a loopback address (localhost means 127.0.0.1); anything else is refused.</summary>
    static IPEndPoint LoopbackEndpoint(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
            throw new ArgumentException($"only http://127.0.0.1:PORT is supported, got {url}");
        string host = uri.Host.Trim('[', ']');
        IPAddress ip = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new ArgumentException($"not an IP address: {host}");
        if (!IPAddress.IsLoopback(ip)) throw new ArgumentException($"refusing to bind non-loopback address {host}");
        return new IPEndPoint(ip, uri.Port);
    }
}
