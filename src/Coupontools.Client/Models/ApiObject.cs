using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coupontools.Client;
using Coupontools.Client.Json;

namespace Coupontools
{
    /// <summary>API fields a type does not model, kept so nothing the API sends is lost.</summary>
    public sealed class AdditionalProperties : Dictionary<string, object?>
    {
        public AdditionalProperties()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>Reads as <c>key=value; …</c>, so a CSV export shows the values, not a type name.</summary>
        public override string ToString() =>
            string.Join("; ", this.Select(p => p.Key + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
    }

    /// <summary>Base of every object the API returns.</summary>
    public abstract class ApiObject
    {
        public AdditionalProperties AdditionalProperties { get; } = new AdditionalProperties();

        /// <summary>Keeps what <paramref name="reader"/> did not read, masking fields named like secrets.</summary>
        protected internal void KeepRest(ModelReader reader)
        {
            foreach (var field in reader.Rest())
            {
                Keep(field.Key, field.Value);
            }
        }

        /// <summary>Keeps one field the type does not model, masking it when its name is like a secret's.</summary>
        protected internal void Keep(string name, object? value) =>
            AdditionalProperties[name] = Redactor.IsSensitiveName(name) ? Redactor.Mask : value;
    }
}
