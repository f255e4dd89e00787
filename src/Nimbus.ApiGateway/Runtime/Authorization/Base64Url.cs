namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>base64url (RFC 4648 §5) without padding, as JWTs and JWKs use it.</summary>
internal static class Base64Url
{
    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Invalid base64url length") };
        return Convert.FromBase64String(s);
    }
}
