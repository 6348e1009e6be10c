using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Json
{
    /// <summary>
    /// Reads fields of one API object by name (case-insensitive), remembering which were read so the
    /// rest can be kept in <c>AdditionalProperties</c>. Never throws on a wrong type.
    /// </summary>
    public sealed class ModelReader
    {
        private readonly JObject source;
        // Sized once for the object's fields (a set that grows is re-allocated several times for every object read).
        private readonly Dictionary<string, bool> used;

        public ModelReader(JObject source)
        {
            this.source = source;
            used = new Dictionary<string, bool>(source.Count + 8, StringComparer.OrdinalIgnoreCase);
        }

        public JToken? Token(string name)
        {
            used[name] = true;
            return source.GetValue(name, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A nested object, read by its own <see cref="ModelReader"/>; null when absent or not an object.</summary>
        public ModelReader? Child(string name) => Token(name) is JObject child ? new ModelReader(child) : null;

        public string? String(string name)
        {
            var text = JsonValues.ToText(Token(name));
            return string.IsNullOrEmpty(text) ? null : text;
        }

        public long? Long(string name) => JsonValues.ToLong(Token(name));

        public int? Int(string name) => JsonValues.ToInt(Token(name));

        public decimal? Decimal(string name) => JsonValues.ToDecimal(Token(name));

        public bool? Bool(string name) => JsonValues.ToBool(Token(name));

        public DateTime? Date(string name) => JsonValues.ToUtcDate(Token(name));

        /// <summary>Fields not read by name, as plain .NET values (nested objects and arrays as JSON text).</summary>
        public Dictionary<string, object?> Rest()
        {
            var rest = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in source.Properties())
            {
                if (!used.ContainsKey(property.Name) && !rest.ContainsKey(property.Name))
                {
                    rest[property.Name] = Plain(property.Value);
                }
            }

            return rest;
        }

        /// <summary>A value as kept in AdditionalProperties: scalars as they are, objects and arrays as JSON text.</summary>
        internal static object? Plain(JToken value) =>
            value is JValue scalar ? scalar.Value : value.ToString(Newtonsoft.Json.Formatting.None);
    }
}
