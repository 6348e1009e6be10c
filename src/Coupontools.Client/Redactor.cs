using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Coupontools.Client
{
    /// <summary>
    /// The one place that masks secrets. Everything that reaches a log line, an exception or a
    /// debug body passes through <see cref="Redact"/>: known secret values are replaced wherever
    /// they appear, and the value of any field named like a password, secret, token or key is masked.
    /// </summary>
    public sealed class Redactor
    {
        public const string Mask = "***";

        private const string SensitiveWords = "password|secret|token|api_?key|apikey|client_?key";

        // JSON ("api_secret": "x"), form (password=x) and header (X-Client-Secret: x) shapes. Linear time:
        // a name is tried only where a run of name characters starts (the look-behind), the keyword is
        // found by a look-ahead inside that run, and the run and a quoted value are taken atomically, so a
        // long run of letters or of "secretsecret…" cannot make the engine backtrack. A quoted value may
        // lack its closing quote: a body cut for display can end inside a secret, which is masked too.
        private static readonly Regex SensitiveField = new Regex(
            @"(?<![A-Za-z0-9_\-])(?<name>""?(?=[A-Za-z0-9_\-]*?(?:" + SensitiveWords + @"))(?>[A-Za-z0-9_\-]+)""?)(?<sep>\s*[:=]\s*)(?<value>""(?>(?:[^""\\]|\\.?)*)""?|[^\s&,}\]""]+)",
            RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private static readonly Regex SensitiveName = new Regex(SensitiveWords, RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private readonly object gate = new object();
        private string[] secrets = Array.Empty<string>();
        private Regex[] escapedSecrets = Array.Empty<Regex>();

        /// <summary>Adds a value that must never be shown (ignores values too short to mask meaningfully).</summary>
        public void AddSecret(string? secret)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < 4)
            {
                return;
            }

            lock (gate)
            {
                if (!secrets.Contains(secret))
                {
                    secrets = secrets.Concat(new[] { secret }).OrderByDescending(s => s.Length).ToArray();
                    escapedSecrets = secrets.Select(EscapedForm).ToArray();
                }
            }
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            foreach (var secret in secrets)
            {
                result = result.Replace(secret, Mask);
            }

            if (result.IndexOf('\\') >= 0)
            {
                foreach (var escaped in escapedSecrets)
                {
                    result = escaped.Replace(result, Mask);
                }
            }

            return SensitiveField.Replace(result, m =>
                m.Groups["name"].Value + m.Groups["sep"].Value + (m.Groups["value"].Value.StartsWith("\"", StringComparison.Ordinal) ? "\"" + Mask + "\"" : Mask));
        }

        /// <summary>True when the field name is one whose value is always masked (it contains password, secret, token or key words).</summary>
        public static bool IsSensitiveName(string name) => SensitiveName.IsMatch(name);

        internal IReadOnlyList<string> Secrets => secrets;

        /// <summary>
        /// The most characters a known secret can take in a text (every character written as a six-character
        /// <c>\u</c> escape): a text cut for display is masked over this much more than it shows.
        /// </summary>
        public int LongestSecretForm => secrets.Length == 0 ? 0 : secrets[0].Length * 6;

        // The secret as JSON may write it: each character as itself, as \uXXXX (either case of hex), or as
        // its short escape (\/ \" \\ \b \f \n \r \t), mixed freely within one value.
        private static Regex EscapedForm(string secret)
        {
            var pattern = new StringBuilder();
            foreach (var c in secret)
            {
                pattern.Append("(?:").Append(Regex.Escape(c.ToString())).Append(@"|\\u");
                foreach (var digit in ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))
                {
                    pattern.Append(char.IsLetter(digit) ? "[" + digit + char.ToUpperInvariant(digit) + "]" : digit.ToString());
                }

                var shortEscape = ShortEscape(c);
                if (shortEscape != null)
                {
                    pattern.Append(@"|\\").Append(Regex.Escape(shortEscape));
                }

                pattern.Append(')');
            }

            return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
        }

        private static string? ShortEscape(char c)
        {
            switch (c)
            {
                case '/': return "/";
                case '"': return "\"";
                case '\\': return "\\";
                case '\b': return "b";
                case '\f': return "f";
                case '\n': return "n";
                case '\r': return "r";
                case '\t': return "t";
                default: return null;
            }
        }
    }
}
