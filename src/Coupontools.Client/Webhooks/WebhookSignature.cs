using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Coupontools.Client.Webhooks
{
    /// <summary>How a delivery's <c>x-hmac</c> header compared with the body.</summary>
    public enum SignatureCheck
    {
        Valid,
        /// <summary>No <c>x-hmac</c> header (or an empty one).</summary>
        Missing,
        /// <summary>Neither 64 hex digits nor the base64 of 32 bytes.</summary>
        Malformed,
        /// <summary>A well-formed HMAC of something else, or made with another secret.</summary>
        Mismatch,
    }

    /// <summary>
    /// The signature of webhook deliveries: HMAC-SHA256 of the raw body bytes keyed with the API (client)
    /// secret, in header <c>x-hmac</c>. The vendor does not say how the 32 bytes are written, so hex (either
    /// case) and base64 (standard or URL-safe, padded or not) are both accepted; the comparison takes the
    /// same time whatever bytes differ. The key never leaves this object: no property or string shows it.
    /// </summary>
    public sealed class WebhookSignature
    {
        public const string Header = "x-hmac";
        private const int HashLength = 32;
        private readonly byte[] key;

        public WebhookSignature(byte[] key)
        {
            if (key == null || key.Length == 0)
            {
                throw new ArgumentException("The webhook secret is empty.", nameof(key));
            }

            this.key = (byte[])key.Clone();
        }

        public static WebhookSignature FromSecret(string secret) =>
            new WebhookSignature(Encoding.UTF8.GetBytes(secret ?? throw new ArgumentNullException(nameof(secret))));

        public override string ToString() => "HMAC-SHA256 (" + Header + ")";

        /// <summary>The HMAC of <paramref name="count"/> bytes of <paramref name="body"/>.</summary>
        public byte[] Compute(byte[] body, int count)
        {
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(body, 0, count);
            }
        }

        /// <summary>The HMAC as the simulator and the help pages write it: lowercase hex.</summary>
        public string ComputeHex(byte[] body, int count) => ToHex(Compute(body, count));

        public SignatureCheck Check(string? header, byte[] body, int count)
        {
            if (header == null || header.Trim().Length == 0)
            {
                return SignatureCheck.Missing;
            }

            var claimed = Decode(header);
            if (claimed == null)
            {
                return SignatureCheck.Malformed;
            }

            return FixedTimeEquals(claimed, Compute(body, count)) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
        }

        /// <summary>Why a check failed, in words that never show the expected value.</summary>
        public static string Describe(SignatureCheck check) => check switch
        {
            SignatureCheck.Missing => $"the delivery has no {Header} header",
            SignatureCheck.Malformed => $"the {Header} header is neither 64 hex digits nor the base64 of 32 bytes",
            SignatureCheck.Mismatch => $"the {Header} header does not match the body: the body was changed, or it was signed with another secret",
            _ => "the signature is valid",
        };

        /// <summary>The 32 bytes a header names, or null: 64 hex digits, or base64 (standard or URL-safe, padding optional).</summary>
        internal static byte[]? Decode(string header)
        {
            var text = header.Trim();
            if (text.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(7);
            }

            if (text.Length == HashLength * 2 && IsHex(text))
            {
                var bytes = new byte[HashLength];
                for (var i = 0; i < HashLength; i++)
                {
                    bytes[i] = (byte)((HexValue(text[2 * i]) << 4) | HexValue(text[(2 * i) + 1]));
                }

                return bytes;
            }

            var b64 = text.Replace('-', '+').Replace('_', '/');
            if (b64.Length == 43)
            {
                b64 += "=";
            }

            if (b64.Length != 44)
            {
                return null;
            }

            try
            {
                var bytes = Convert.FromBase64String(b64);
                return bytes.Length == HashLength ? bytes : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Compares every byte whatever the first difference, so the time taken tells nothing.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
        internal static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            var difference = 0;
            for (var i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }

        internal static string ToHex(byte[] bytes)
        {
            var text = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        private static bool IsHex(string text)
        {
            foreach (var c in text)
            {
                if (HexValue(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
