using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Coupontools.Client.Endpoints;

namespace Coupontools.Client.Http
{
    /// <summary>One call: the endpoint, its wire fields, its method and family, and how it may be retried.</summary>
    public sealed class ApiRequest
    {
        private static readonly Regex Placeholder = new Regex(@"\{[^}/]+\}", RegexOptions.CultureInvariant);

        public ApiRequest(Endpoint endpoint, IDictionary<string, object?>? body = null)
        {
            Endpoint = endpoint;
            Path = endpoint.Path ?? throw new ArgumentException($"The path of '{endpoint.Action}' is not known.", nameof(endpoint));
            if (Placeholder.IsMatch(Path))
            {
                throw new ArgumentException($"'{endpoint.Action}' takes ids in its path ({Path}): build the request with ApiRequest.Rest.", nameof(endpoint));
            }

            Body = body ?? new Dictionary<string, object?>();
            Method = endpoint.Method;
            Family = endpoint.Family;
            SafeToRepeat = endpoint.IsRead || IsIdempotent(Method, Family);
        }

        /// <summary>
        /// A call to a concrete path (Invoke-CtApi): its family follows from the path, its catalogue entry from the
        /// method and path. Treated as a write unless <paramref name="safeToRepeat"/>, or the method is idempotent.
        /// </summary>
        public ApiRequest(string path, IDictionary<string, object?>? body, bool safeToRepeat, string method = "POST")
        {
            Path = "/" + path.Trim().TrimStart('/');
            Method = method.ToUpperInvariant();
            Family = EndpointCatalog.FamilyOf(Path);
            Endpoint = Family == WireFamily.V4Rest ? EndpointCatalog.FindRest(Method, Path) : EndpointCatalog.FindByPath(Path);
            Body = body ?? new Dictionary<string, object?>();
            SafeToRepeat = safeToRepeat || IsIdempotent(Method, Family);
        }

        private ApiRequest(Endpoint endpoint, string path, IDictionary<string, object?>? body)
        {
            Endpoint = endpoint;
            Path = path;
            Body = body ?? new Dictionary<string, object?>();
            Method = endpoint.Method;
            Family = endpoint.Family;
            SafeToRepeat = endpoint.IsRead || IsIdempotent(Method, Family);
        }

        public Endpoint? Endpoint { get; }

        /// <summary>The concrete path: ids filled in and escaped.</summary>
        public string Path { get; }

        /// <summary><c>GET</c>, <c>POST</c>, <c>PUT</c> or <c>DELETE</c>; always <c>POST</c> for the envelope families.</summary>
        public string Method { get; }

        public WireFamily Family { get; }

        /// <summary>Wire fields; null values are left out.</summary>
        public IDictionary<string, object?> Body { get; }

        /// <summary>A body that is a JSON array of objects (the wallet bulk create), sent instead of <see cref="Body"/>; null values are left out.</summary>
        public IReadOnlyList<IDictionary<string, object?>>? Items { get; set; }

        /// <summary>
        /// True for reads, for the idempotent REST methods (GET, PUT, DELETE), and for writes the caller made
        /// idempotent (a single-use create with <c>duplicate_check</c>): only these are re-sent after a 5xx, a
        /// lost connection or a timeout.
        /// </summary>
        public bool SafeToRepeat { get; set; }

        public IRequestObserver? Observer { get; set; }

        /// <summary>One attempt only, whatever the retry rules allow (argument completion must answer at once).</summary>
        public bool NoRetry { get; set; }

        /// <summary>
        /// A REST request: <paramref name="ids"/> fill the path template's placeholders in order, each escaped as one
        /// path segment (a '/' or '?' in an id cannot reach another resource).
        /// </summary>
        public static ApiRequest Rest(Endpoint endpoint, IReadOnlyList<string> ids, IDictionary<string, object?>? body = null)
        {
            var template = endpoint.Path ?? throw new ArgumentException($"The path of '{endpoint.Action}' is not known.", nameof(endpoint));
            var count = Placeholder.Matches(template).Count;
            if (count != ids.Count)
            {
                throw new ArgumentException($"'{endpoint.Action}' ({template}) takes {count} id(s) in its path, not {ids.Count}.", nameof(ids));
            }

            // Escaping leaves '.' alone, and a '..' segment would climb out of the resource when the URI is built.
            if (ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Trim() == "." || id.Trim() == ".."))
            {
                throw new ArgumentException($"An id for '{endpoint.Action}' ({template}) is empty or a dot segment.", nameof(ids));
            }

            var next = 0;
            var path = Placeholder.Replace(template, _ => Uri.EscapeDataString(ids[next++].Trim()));
            return new ApiRequest(endpoint, path, body);
        }

        /// <summary>GET, PUT and DELETE of the REST family mean the same when sent twice; POST does not.</summary>
        public static bool IsIdempotent(string method, WireFamily family) =>
            family == WireFamily.V4Rest && (method == "GET" || method == "PUT" || method == "DELETE");
    }
}
