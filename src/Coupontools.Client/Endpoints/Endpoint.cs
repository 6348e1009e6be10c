using System.Collections.Generic;

namespace Coupontools.Client.Endpoints
{
    /// <summary>How much is known of an endpoint's wire contract.</summary>
    public enum EndpointSource
    {
        /// <summary>A vendor page gives the parameters and an example reply.</summary>
        Documented,
        /// <summary>A vendor page exists but is cut short.</summary>
        Partial,
        /// <summary>Known from the newer docs and real client code only.</summary>
        Inferred,
        /// <summary>No vendor page: the contract is fixed by api/ASSUMED.md.</summary>
        Assumed,
        /// <summary>No path is known at all; the endpoint cannot be called.</summary>
        Unknown,
    }

    /// <summary>
    /// How an endpoint speaks (api/CONTRACT-2025.md, "Families"): the envelope families are POST with a JSON body,
    /// <c>X-Client-Id</c>/<c>X-Client-Secret</c> and a <c>status</c> envelope; the REST family uses the HTTP method,
    /// ids in the path, <c>x-api-key</c>/<c>x-api-secret</c>, bare JSON replies and HTTP statuses as errors.
    /// </summary>
    public enum WireFamily
    {
        /// <summary><c>/v3/…</c>: POST, envelope.</summary>
        V3Envelope,
        /// <summary><c>/v4/subaccount…</c>, <c>/v4/webhook/verification</c>: the v3 style under a /v4 prefix.</summary>
        V4Envelope,
        /// <summary>Every other <c>/v4/…</c> path: GET/POST/PUT/DELETE, bare JSON.</summary>
        V4Rest,
    }

    /// <summary>Reads are safe to repeat; writes change state and are never re-sent blindly.</summary>
    public enum EndpointKind
    {
        Read,
        Write,
    }

    /// <summary>One API endpoint: path, wire parameter names, provenance and retry class.</summary>
    public sealed class Endpoint
    {
        internal Endpoint(string action, string group, string? path, EndpointKind kind, EndpointSource source,
            string[] parameters, string method = "POST", bool legacy = true)
        {
            Action = action;
            Group = group;
            Path = path;
            Kind = kind;
            Source = source;
            Parameters = parameters;
            Method = method;
            Family = legacy ? (path != null && path.StartsWith("/v4/", System.StringComparison.Ordinal) ? WireFamily.V4Envelope : WireFamily.V3Envelope) : WireFamily.V4Rest;
        }

        /// <summary>The action name used in api/endpoints.json (for example <c>campaign_list</c>).</summary>
        public string Action { get; }

        public string Group { get; }

        /// <summary>
        /// The path below the base URI, for example <c>/v3/coupon/list</c>; null when unknown. REST paths are templates
        /// whose <c>{name}</c> placeholders take ids (see <see cref="Http.ApiRequest.Rest"/>).
        /// </summary>
        public string? Path { get; }

        public EndpointKind Kind { get; }

        public EndpointSource Source { get; }

        /// <summary>Wire names of the request fields (credentials not included).</summary>
        public IReadOnlyList<string> Parameters { get; }

        public string Method { get; }

        public WireFamily Family { get; }

        /// <summary>True for the POST + envelope families; false for the v4 REST family.</summary>
        public bool IsLegacy => Family != WireFamily.V4Rest;

        public bool IsRead => Kind == EndpointKind.Read;

        /// <summary>
        /// True where the vendor prints a success reply without the status envelope (subaccount update): a 2xx
        /// reply with no <c>status</c> and no errors is then a success, not an unknown outcome.
        /// </summary>
        public bool ReplyMayLackEnvelope { get; private set; }

        internal Endpoint AcceptingReplyWithoutEnvelope()
        {
            ReplyMayLackEnvelope = true;
            return this;
        }

        public override string ToString() => Path ?? Action;
    }
}
