using System.Security.Cryptography;

namespace Nimbus.ApiGateway.Service;

/// <summary>Identifiers shaped as API Gateway's: lower-case alphanumerics (10 for APIs, 7 for routes and integrations, 6 for the rest).</summary>
internal static class ApiIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string Api() => New(10);

    public static string Route() => New(7);

    public static string Integration() => New(7);

    public static string Deployment() => New(6);

    public static string Authorizer() => New(6);
}
