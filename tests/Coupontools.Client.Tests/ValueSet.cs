#nullable enable
using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Tests;

/// <summary>
/// Every value reachable from a parsed object (properties, lists, AdditionalProperties, JSON text
/// kept there), in canonical forms, so a printed reply's values can be looked up whatever type
/// the model gave them: numbers by value, dates by instant, "0"/"1" as booleans.
/// </summary>
internal sealed class ValueSet
{
    private readonly HashSet<string> forms = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<object> visited = new(ReferenceEqualityComparer.Instance);

    public bool Contains(string printed) => Forms(printed).Any(forms.Contains);

    public void AddGraph(object? value, int depth = 0)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                AddText(text);
                return;
            case bool flag:
                forms.Add(flag ? "true" : "false");
                return;
            case DateTime date:
                forms.Add(DateForm(date));
                return;
            case DateTimeOffset offset:
                forms.Add(DateForm(offset.DateTime));
                forms.Add(DateForm(offset.UtcDateTime));
                return;
            case SecureString secure:
                AddText(new NetworkCredential(string.Empty, secure).Password);
                return;
            case JToken token:
                AddJson(token);
                return;
            case Enum or Uri or TimeSpan or Guid:
                AddText(value.ToString()!);
                return;
        }

        if (value.GetType().IsPrimitive || value is decimal)
        {
            AddText(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            return;
        }

        if (depth > 8 || !visited.Add(value))
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (var item in dictionary.Values)
            {
                AddGraph(item, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AddGraph(item, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead)
            {
                AddGraph(property.GetValue(value), depth + 1);
            }
        }
    }

    private void AddText(string text)
    {
        foreach (var form in Forms(text))
        {
            forms.Add(form);
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                AddJson(JsonDiff.Parse(text));
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // Not JSON after all: its text forms are enough.
            }
        }
    }

    private void AddJson(JToken token)
    {
        foreach (var (_, value) in JsonDiff.Leaves(token, string.Empty))
        {
            AddText(value);
        }
    }

    /// <summary>The forms one value may take: itself, a canonical number, a canonical instant, a boolean.</summary>
    private static IEnumerable<string> Forms(string text)
    {
        var trimmed = text.Trim();
        yield return trimmed;
        if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            yield return "n:" + number.ToString("0.############################", CultureInfo.InvariantCulture);
        }

        if (trimmed.Length >= 10 && char.IsDigit(trimmed[0]) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            yield return DateForm(date.UtcDateTime);
        }

        // The SMS and e-mail tools print unsubscribe dates as 13/07/2018 19:47 UTC.
        if (DateTime.TryParseExact(trimmed, "dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dayFirst))
        {
            yield return DateForm(dayFirst);
        }

        if (trimmed is "1" or "true" or "True")
        {
            yield return "true";
        }
        else if (trimmed is "0" or "false" or "False")
        {
            yield return "false";
        }
    }

    private static string DateForm(DateTime date) => "d:" + date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
