using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coupontools.Simulator;

static class Program
{
    static async Task<int> Main(string[] args)
    {
        SimOptions options;
        try { options = SimOptions.Parse(args); }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }

        if (options.Help)
        {
            Console.Out.WriteLine(SimOptions.Usage);
            return 0;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            foreach (var endpoint in options.Endpoints) k.Listen(endpoint);
        });
        var app = builder.Build();
        var sim = new Sim(options, app.Logger);
        app.Run(ctx => ctx.Request.Path.StartsWithSegments("/_sim") ? Control.Handle(ctx, sim) : Api.Handle(ctx, sim));

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.Out.WriteLine("LISTENING " + address);
        Console.Out.Flush();

        if (options.ExitOnStdinClose)
            _ = Task.Run(() => WaitForStdinClose(app.Lifetime));
        await app.WaitForShutdownAsync();
        return 0;
    }

    static void WaitForStdinClose(IHostApplicationLifetime lifetime)
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0) { }
        }
        catch (IOException) { }
        lifetime.StopApplication();
    }
}
