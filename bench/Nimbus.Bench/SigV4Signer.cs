using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nimbus.Protocol.SigV4;

namespace Nimbus.Bench;

/// <summary>
/// Signs benchmark requests as the SDKs do (SigV4, <c>UNSIGNED-PAYLOAD</c>) with the default <c>test</c>/<c>test</c> key, so
/// Nimbus verifies every signature during the run and moto sees authenticated requests.
/// </summary>
internal sealed class SigV4Signer : DelegatingHandler
{
    private const string AccessKey = "test";
    private const string Secret = "test";

    /// <summary>The day's signing key, derived once per date as SDKs do: the client's cost per request must stay small.</summary>
    private (string Date, byte[] Key) _signingKey = ("", []);

    public SigV4Signer(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var credential = new SigV4Credential(AccessKey, amzDate[..8], "us-east-1", "s3", ["host", "x-amz-content-sha256", "x-amz-date"], "");
        var uri = request.RequestUri!;
        IEnumerable<string> query = uri.Query.Length <= 1 ? [] : uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => SigV4Verifier.UriEncode(Uri.UnescapeDataString(p[0])) + "=" + (p.Length > 1 ? SigV4Verifier.UriEncode(Uri.UnescapeDataString(p[1])) : ""))
            .Order(StringComparer.Ordinal);
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var canonical = $"{request.Method.Method}\n{uri.AbsolutePath}\n{string.Join('&', query)}\nhost:{host}\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:{amzDate}\n\n" +
            "host;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD";
        var scope = $"{credential.Date}/us-east-1/s3/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = _signingKey;
        if (signingKey.Date != credential.Date)
        {
            _signingKey = signingKey = (credential.Date, SigV4Verifier.SigningKey(Secret, credential));
        }
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey.Key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}");
        return base.SendAsync(request, cancellationToken);
    }
}
