using Coupontools.Client.Http;
using Xunit;

namespace Coupontools.Fuzz.Tests;

/// <summary>Credentials that cannot travel in an HTTP header are refused when the connection is made, without repeating them.</summary>
public class ConnectionSettingsTests
{
    [Theory]
    [InlineData("ct-sim-client", "Sim-Secret\n7f3a", "ClientSecret")]
    [InlineData("ct-sim-client", "Sim-Secret\r", "ClientSecret")]
    [InlineData("ct-sim-client", "Sim\u0000Secret", "ClientSecret")]
    [InlineData("ct-sim-client", "Sim-S\u00e9cret-7f3a", "ClientSecret")]
    [InlineData("ct-sim-client", "Sim-Secret-\ud83d\ude00", "ClientSecret")]
    [InlineData("ct-sim-client", "   ", "ClientSecret")]
    [InlineData("ct-sim\nclient", "Sim-Secret-7f3a", "ClientId")]
    [InlineData("ct-s\u00edm-client", "Sim-Secret-7f3a", "ClientId")]
    public void Header_unsafe_credentials_are_refused_with_a_message_that_does_not_repeat_them(string id, string secret, string parameter)
    {
        var options = new ClientOptions { BaseUri = new Uri("http://127.0.0.1:1/"), ClientId = id, ClientSecret = secret };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(parameter, error.ParamName);
        if (secret.Trim().Length > 0)
        {
            Assert.DoesNotContain(secret.Trim(), error.Message);
        }

        Assert.DoesNotContain("7f3a", error.Message);
    }

    [Theory]
    [InlineData("ct-sim-client", "Sim-Secret-7f3a")]
    [InlineData("449141535434874233217388236", "fudEHVUwSDQDQSud9Ndg8Cwh~!@#$%^&*()_+-={}[]|:;'<>,.?/ x")]
    public void Printable_ascii_credentials_are_accepted(string id, string secret)
    {
        new ClientOptions { BaseUri = new Uri("http://127.0.0.1:1/"), ClientId = id, ClientSecret = secret }.Validate();
        using var client = new CoupontoolsClient(new ClientOptions { BaseUri = new Uri("http://127.0.0.1:1/"), ClientId = id, ClientSecret = secret });
        Assert.NotNull(client.Redactor);
    }
}
