using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// A JWT split and decoded but not yet trusted: its header's <c>alg</c> and <c>kid</c>, its claims, and what the
/// signature covers. A <c>Bearer </c> prefix (any case) is dropped, as API Gateway's authorizers accept both forms.
/// </summary>
internal sealed class JwtToken
{
    private JwtToken(string? algorithm, string? kid, JsonElement claims, byte[] signingInput, byte[] signature)
    {
        Algorithm = algorithm;
        Kid = kid;
        Claims = claims;
        _signingInput = signingInput;
        _signature = signature;
    }

    private readonly byte[] _signingInput;
    private readonly byte[] _signature;

    public string? Algorithm { get; }

    public string? Kid { get; }

    /// <summary>The payload, a JSON object (detached from the parsed document).</summary>
    public JsonElement Claims { get; }

    /// <summary>Null when <paramref name="text"/> is not three base64url parts holding a JSON header and JSON object payload.</summary>
    public static JwtToken? Parse(string text)
    {
        if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..].Trim();
        }
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.Decode(parts[1]));
            var signature = Base64Url.Decode(parts[2]);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return new JwtToken(StringOf(header.RootElement, "alg"), StringOf(header.RootElement, "kid"), payload.RootElement.Clone(),
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public string? Claim(string name) => StringOf(Claims, name);

    /// <summary>Whether an RS256 signature verifies with <paramref name="key"/> (no other algorithm is accepted).</summary>
    public bool IsSignedBy(RSA key) =>
        Algorithm == "RS256" && key.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The token's scopes from <c>scope</c> (space-separated) or <c>scp</c> (string or array); null without either.</summary>
    public List<string>? Scopes()
    {
        foreach (var name in new[] { "scope", "scp" })
        {
            if (!Claims.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                return [.. value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }
            if (value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
            }
        }
        return null;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
