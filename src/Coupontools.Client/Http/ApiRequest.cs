using System.Collections.Generic;
using Coupontools.Client.Endpoints;

namespace Coupontools.Client.Http
{
    /// <summary>One call: the endpoint, its wire fields, and how it may be retried.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(Endpoint endpoint, IDictionary<string, object?>? body = null)
        {
            Endpoint = endpoint;
            Path = endpoint.Path ?? throw new System.ArgumentException($"The path of '{endpoint.Action}' is not known.", nameof(endpoint));
            Body = body ?? new Dictionary<string, object?>();
            SafeToRepeat = endpoint.IsRead;
        }

        /// <summary>A call to a path outside the catalogue (Invoke-CtApi): treated as a write unless said otherwise.</summary>
        public ApiRequest(string path, IDictionary<string, object?>? body, bool safeToRepeat)
        {
            Path = "/" + path.Trim().TrimStart('/');
            Endpoint = EndpointCatalog.FindByPath(Path);
            Body = body ?? new Dictionary<string, object?>();
            SafeToRepeat = safeToRepeat;
        }

        public Endpoint? Endpoint { get; }

        public string Path { get; }

        /// <summary>Wire fields; null values are left out.</summary>
        public IDictionary<string, object?> Body { get; }

        /// <summary>
        /// True for reads, and for writes the caller made idempotent (a single-use create with
        /// <c>duplicate_check</c>): only these are re-sent after a 5xx, a lost connection or a timeout.
        /// </summary>
        public bool SafeToRepeat { get; set; }

        public IRequestObserver? Observer { get; set; }

        /// <summary>One attempt only, whatever the retry rules allow (argument completion must answer at once).</summary>
        public bool NoRetry { get; set; }
    }
}
