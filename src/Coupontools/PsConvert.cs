using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell
{
    /// <summary>Conversions between PowerShell values and the client's plain .NET and JSON values.</summary>
    internal static class PsConvert
    {
        /// <summary>A JSON value as PowerShell sees ConvertFrom-Json output: objects become PSCustomObject.</summary>
        public static object? FromJson(JToken? token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                    var result = new PSObject();
                    foreach (var property in obj.Properties())
                    {
                        result.Properties.Add(new PSNoteProperty(property.Name, FromJson(property.Value)));
                    }

                    return result;
                case JArray array:
                    return array.Select(FromJson).ToArray();
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString();
            }
        }

        /// <summary>A hashtable from the command line, with PSObject wrappers removed.</summary>
        public static Dictionary<string, object?> ToBody(IDictionary? body)
        {
            var fields = new Dictionary<string, object?>();
            if (body == null)
            {
                return fields;
            }

            foreach (DictionaryEntry entry in body)
            {
                fields[LanguagePrimitives.ConvertTo<string>(entry.Key)] = Unwrap(entry.Value);
            }

            return fields;
        }

        private static object? Unwrap(object? value)
        {
            var inner = value is PSObject ps ? ps.BaseObject : value;
            switch (inner)
            {
                case System.Security.SecureString secure:
                    return new System.Net.NetworkCredential(string.Empty, secure).Password;
                case IDictionary map:
                    return ToBody(map);
                case string _:
                    return inner;
                case IEnumerable list:
                    return list.Cast<object?>().Select(Unwrap).ToList();
                default:
                    return inner;
            }
        }
    }
}
