using Xunit;

namespace Coupontools.Client.Tests;

public class RedactorTests
{
    [Theory]
    [InlineData("{\"api_secret\":\"abc123xyz\"}", "{\"api_secret\":\"***\"}")]
    [InlineData("{\"password\": \"hunter22\", \"email\":\"a@b.c\"}", "{\"password\": \"***\", \"email\":\"a@b.c\"}")]
    [InlineData("{\"api_key\":\"k-1\",\"token\":\"t-2\"}", "{\"api_key\":\"***\",\"token\":\"***\"}")]
    [InlineData("client_secret=s3cr3t&email=a", "client_secret=***&email=a")]
    [InlineData("X-Client-Secret: s3cr3t", "X-Client-Secret: ***")]
    public void Sensitive_fields_are_masked_by_name(string input, string expected)
    {
        Assert.Equal(expected, new Redactor().Redact(input));
    }

    [Fact]
    public void Known_secret_values_are_masked_anywhere()
    {
        var redactor = new Redactor();
        redactor.AddSecret("Sup3r-Secret-Value");
        Assert.Equal("error near *** in text", redactor.Redact("error near Sup3r-Secret-Value in text"));
    }

    [Fact]
    public void Ordinary_fields_are_left_alone()
    {
        const string text = "{\"campaign\":\"cam_1\",\"message\":\"Hello\",\"keyword\":\"x\"}";
        Assert.Equal(text, new Redactor().Redact(text));
    }

    [Theory]
    [InlineData("api_secret", true)]
    [InlineData("password", true)]
    [InlineData("token", true)]
    [InlineData("campaign", false)]
    public void Sensitive_names(string name, bool sensitive) => Assert.Equal(sensitive, Redactor.IsSensitiveName(name));
}
