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
            IsLegacy = legacy;
        }

        /// <summary>The action name used in api/endpoints.json (for example <c>campaign_list</c>).</summary>
        public string Action { get; }

        public string Group { get; }

        /// <summary>The path below the base URI, for example <c>/v3/coupon/list</c>; null when unknown.</summary>
        public string? Path { get; }

        public EndpointKind Kind { get; }

        public EndpointSource Source { get; }

        /// <summary>Wire names of the request fields (credentials not included).</summary>
        public IReadOnlyList<string> Parameters { get; }

        public string Method { get; }

        /// <summary>True for the POST + envelope family the module speaks; false for the newer REST family.</summary>
        public bool IsLegacy { get; }

        public bool IsRead => Kind == EndpointKind.Read;

        public override string ToString() => Path ?? Action;
    }
}
