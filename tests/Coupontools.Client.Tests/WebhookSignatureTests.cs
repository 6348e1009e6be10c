using System.Security.Cryptography;
using System.Text;
using Coupontools.Client.Webhooks;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>x-hmac: HMAC-SHA256 of the raw body with the API secret, hex or base64, compared in constant time.</summary>
public class WebhookSignatureTests
{
    private const string Secret = "s3cret-Secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_6paDkhIBCpWrUK8ne7rT\",\"type\":\"coupon_claimed\",\"url\":\"https:\\/\\/x\"}");

    private static byte[] Expected() => new HMACSHA256(Encoding.UTF8.GetBytes(Secret)).ComputeHash(Body);

    public static TheoryData<string> Encodings()
    {
        var hash = Expected();
        var hex = Convert.ToHexString(hash);
        var b64 = Convert.ToBase64String(hash);
        var data = new TheoryData<string>();
        foreach (var header in new[] { hex.ToLowerInvariant(), hex, " " + hex.ToLowerInvariant() + " ", "sha256=" + hex.ToLowerInvariant(), b64, b64.TrimEnd('=') }.Distinct())
        {
            data.Add(header);
        }

        return data;
    }

    [Fact]
    public void Url_safe_base64_decodes_like_standard_base64()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)(i % 2 == 0 ? 0xFB : 0xFF)).ToArray();
        var standard = Convert.ToBase64String(bytes);
        Assert.Contains('+', standard);
        Assert.Contains('/', standard);
        Assert.Equal(bytes, WebhookSignature.Decode(standard.Replace('+', '-').Replace('/', '_').TrimEnd('=')));
        Assert.Equal(bytes, WebhookSignature.Decode(standard));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Hex_and_base64_of_the_right_hmac_are_valid(string header) =>
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.FromSecret(Secret).Check(header, Body, Body.Length));

    [Fact]
    public void Compute_is_lowercase_hex_of_the_raw_bytes() =>
        Assert.Equal(Convert.ToHexString(Expected()).ToLowerInvariant(), WebhookSignature.FromSecret(Secret).ComputeHex(Body, Body.Length));

    [Fact]
    public void A_tampered_body_a_wrong_secret_and_no_header_fail()
    {
        var good = WebhookSignature.FromSecret(Secret);
        var header = good.ComputeHex(Body, Body.Length);
        var tampered = (byte[])Body.Clone();
        tampered[10] ^= 1;
        Assert.Equal(SignatureCheck.Mismatch, good.Check(header, tampered, tampered.Length));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.FromSecret(Secret + "x").Check(header, Body, Body.Length));
        Assert.Equal(SignatureCheck.Mismatch, good.Check(header, Body, Body.Length - 1));
        Assert.Equal(SignatureCheck.Missing, good.Check(null, Body, Body.Length));
        Assert.Equal(SignatureCheck.Missing, good.Check("  ", Body, Body.Length));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000g00")]
    [InlineData("AAAA")]
    [InlineData("sha1=0000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000000")]
    public void Headers_that_name_no_32_bytes_are_malformed(string header) =>
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.FromSecret(Secret).Check(header, Body, Body.Length));

    [Fact]
    public void The_re_serialised_json_is_not_what_is_signed()
    {
        // The raw bytes are signed: a body that means the same JSON but is written differently does not match.
        var signature = WebhookSignature.FromSecret(Secret);
        var header = signature.ComputeHex(Body, Body.Length);
        var reformatted = Encoding.UTF8.GetBytes("{\"id\": \"evt_6paDkhIBCpWrUK8ne7rT\", \"type\": \"coupon_claimed\", \"url\": \"https://x\"}");
        Assert.Equal(SignatureCheck.Mismatch, signature.Check(header, reformatted, reformatted.Length));
    }

    [Fact]
    public void Fixed_time_compare_checks_length_and_every_byte()
    {
        Assert.True(WebhookSignature.FixedTimeEquals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.False(WebhookSignature.FixedTimeEquals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 4 }));
        Assert.False(WebhookSignature.FixedTimeEquals(new byte[] { 0, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.False(WebhookSignature.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Nothing_shows_the_secret()
    {
        var signature = WebhookSignature.FromSecret(Secret);
        Assert.DoesNotContain(Secret, signature.ToString());
        Assert.Empty(typeof(WebhookSignature).GetProperties());
        foreach (var check in Enum.GetValues<SignatureCheck>())
        {
            Assert.DoesNotContain(signature.ComputeHex(Body, Body.Length), WebhookSignature.Describe(check));
        }
    }

    [Fact]
    public void An_empty_secret_is_refused() =>
        Assert.Throws<ArgumentException>(() => WebhookSignature.FromSecret(string.Empty));
}
