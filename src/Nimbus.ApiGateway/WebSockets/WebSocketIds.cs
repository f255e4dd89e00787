using System.Security.Cryptography;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// Connection, message and request ids shaped as API Gateway's (<c>L0SM9cOFvHcCIhw=</c>: 15 characters and <c>=</c>).
/// Letters and digits only, so an id needs no escaping in <c>/@connections/{connectionId}</c>.
/// </summary>
internal static class WebSocketIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 15) + "=";
}
