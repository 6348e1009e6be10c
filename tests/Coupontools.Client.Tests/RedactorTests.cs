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

    [Theory]
    [InlineData("\\u0053\\u0075\\u0070\\u0033\\u0072\\u002d\\u0053\\u0065\\u0063\\u002f\\u0056\\u0061\\u006c")]
    [InlineData("\\u0053\\u0075\\u0070\\u0033\\u0072\\u002D\\u0053\\u0065\\u0063\\u002F\\u0056\\u0061\\u006C")]
    [InlineData("Sup\\u0033r-Sec\\/Val")]
    [InlineData("\\u0053up3r-Se\\u0063/Va\\u006c")]
    public void Json_escaped_forms_of_a_secret_are_masked(string escaped)
    {
        var redactor = new Redactor();
        redactor.AddSecret("Sup3r-Sec/Val");
        Assert.Equal("{\"echo\":\"***\"}", redactor.Redact("{\"echo\":\"" + escaped + "\"}"));
    }

    [Fact]
    public void An_escaped_text_that_only_resembles_a_secret_is_left_alone()
    {
        var redactor = new Redactor();
        redactor.AddSecret("Sup3r-Sec/Val");
        const string text = "{\"echo\":\"Sup3r-Sec\\/Vax \\u0041\"}";
        Assert.Equal(text, redactor.Redact(text));
    }

    [Fact]
    public void The_longest_form_of_a_secret_covers_it_written_fully_escaped()
    {
        var redactor = new Redactor();
        redactor.AddSecret("abcd");
        redactor.AddSecret("Sup3r-Sec/Val");
        Assert.Equal("Sup3r-Sec/Val".Length * 6, redactor.LongestSecretForm);
    }
}
