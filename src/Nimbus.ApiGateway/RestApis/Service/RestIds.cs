using System.Security.Cryptography;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>Identifiers shaped as API Gateway's: lower-case alphanumerics (10 for APIs, root resources and keys, 6 for the rest).</summary>
internal static class RestIds
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(int length) => RandomNumberGenerator.GetString(Lower, length);

    /// <summary>API key values: 40 mixed-case alphanumerics, as AWS generates them.</summary>
    public static string KeyValue() => RandomNumberGenerator.GetString(Mixed, 40);
}
