using Nimbus.ApiGateway.RestApis;

namespace Nimbus.ApiGateway.Tests.Unit;

/// <summary>The Cognito settings' environment form and the issuers and JWKS URLs they give.</summary>
public sealed class CognitoUserPoolOptionsTests
{
    [Fact]
    public void Defaults_AreCognitosOwnIssuerAndJwksPath()
    {
        var options = CognitoUserPoolOptions.Parse(null, null);
        var issuer = options.IssuerOf("eu-west-1", "eu-west-1_AbC");

        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", issuer);
        Assert.Equal(issuer + "/.well-known/jwks.json", options.JwksUrlOf("eu-west-1_AbC", issuer));
    }

    [Fact]
    public void Mappings_ByPoolIdOrIssuer_AndABaseOverride()
    {
        var options = CognitoUserPoolOptions.Parse(
            "us-east-1_A=http://keys.local/a.json, https://cognito-idp.us-east-1.amazonaws.com/us-east-1_B=https://keys.local/b.json?v=1",
            "http://localhost:9229/");

        Assert.Equal("http://localhost:9229/us-east-1_A", options.IssuerOf("us-east-1", "us-east-1_A"));
        Assert.Equal("http://keys.local/a.json", options.JwksUrlOf("us-east-1_A", "ignored"));
        Assert.Equal("https://keys.local/b.json?v=1", options.JwksUrlOf("us-east-1_B", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_B"));
    }

    [Theory]
    [InlineData("us-east-1_A")]
    [InlineData("us-east-1_A=not-a-url")]
    [InlineData("=http://keys.local/a.json")]
    public void MalformedMappings_AreRefusedAtStartUp(string value) =>
        Assert.Throws<ArgumentException>(() => CognitoUserPoolOptions.Parse(value, null));
}
