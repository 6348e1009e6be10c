using System;
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

        /// <summary>
        /// The text of a SecureString, every character of it. NetworkCredential.Password stops at the first
        /// NUL, which silently cut a password or a client secret short.
        /// </summary>
        public static string Plain(System.Security.SecureString secure)
        {
            var pointer = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return System.Runtime.InteropServices.Marshal.PtrToStringUni(pointer, secure.Length);
            }
            finally
            {
                System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>How deep a body may nest; deeper is refused, which also catches a body that contains itself.</summary>
        public const int MaxBodyDepth = 32;

        /// <summary>
        /// A hashtable from the command line, with PSObject wrappers removed. SecureString values are
        /// sent as their text, which is added to <paramref name="secrets"/> so the caller can mask it in
        /// traces. Throws <see cref="ArgumentException"/> for a body nested deeper than
        /// <see cref="MaxBodyDepth"/> (a hashtable that contains itself would otherwise overflow the stack).
        /// </summary>
        public static Dictionary<string, object?> ToBody(IDictionary? body, ICollection<string>? secrets = null) => ToBody(body, secrets, 0);

        private static Dictionary<string, object?> ToBody(IDictionary? body, ICollection<string>? secrets, int depth)
        {
            var fields = new Dictionary<string, object?>();
            if (body == null)
            {
                return fields;
            }

            foreach (DictionaryEntry entry in body)
            {
                fields[LanguagePrimitives.ConvertTo<string>(entry.Key)] = Unwrap(entry.Value, secrets, depth + 1);
            }

            return fields;
        }

        private static object? Unwrap(object? value, ICollection<string>? secrets, int depth)
        {
            if (depth > MaxBodyDepth)
            {
                throw new ArgumentException($"The body is nested more than {MaxBodyDepth} levels deep, or contains itself. Give a body of plain values, arrays and hashtables.");
            }

            var inner = value is PSObject ps ? ps.BaseObject : value;
            switch (inner)
            {
                case System.Security.SecureString secure:
                    var text = Plain(secure);
                    secrets?.Add(text);
                    return text;
                case IDictionary map:
                    return ToBody(map, secrets, depth);
                case string _:
                    return inner;
                case IEnumerable list:
                    return list.Cast<object?>().Select(item => Unwrap(item, secrets, depth + 1)).ToList();
                default:
                    return inner;
            }
        }
    }
}
