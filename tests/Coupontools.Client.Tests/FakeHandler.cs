using System.Net;
using System.Text;
using Coupontools.Client.Http;

namespace Coupontools.Client.Tests;

/// <summary>Answers each request with the next scripted reply and records what was sent.</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> replies = new();

    public List<(HttpRequestMessage Request, string Body)> Sent { get; } = new();

    public FakeHandler Reply(int status, string body, string contentType = "application/json", string? retryAfter = null)
    {
        replies.Enqueue(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            if (retryAfter != null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });
        return this;
    }

    public FakeHandler Ok(string payload = "") =>
        Reply(200, "{\"status\":{\"status\":\"OK\"}" + (payload.Length > 0 ? "," + payload : "") + "}");

    /// <summary>Answers the next request with whatever <paramref name="reply"/> builds (streams, headers, redirects).</summary>
    public FakeHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> reply)
    {
        replies.Enqueue(reply);
        return this;
    }

    public FakeHandler Throw(Exception error)
    {
        replies.Enqueue(_ => throw error);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request, body));
        if (replies.Count == 0)
        {
            throw new InvalidOperationException("No scripted reply left.");
        }

        return replies.Dequeue()(request);
    }

    public const string Secret = "TopSecret-Value-123";

    /// <summary>A client over this handler whose waits are recorded instead of slept.</summary>
    public CoupontoolsClient Client(List<TimeSpan>? waits = null, int maxRetries = 3, Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            BaseUri = new Uri("https://api.example.test/"),
            ClientId = "client-1",
            ClientSecret = Secret,
            MaxRetryCount = maxRetries,
            Handler = this,
        };
        configure?.Invoke(options);
        var client = new CoupontoolsClient(options);
        client.Delay = (wait, _) =>
        {
            waits?.Add(wait);
            return Task.CompletedTask;
        };
        return client;
    }
}
