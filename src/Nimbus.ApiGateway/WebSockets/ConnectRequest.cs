namespace Nimbus.ApiGateway.WebSockets;

/// <summary>The handshake of a <c>$connect</c> as its authorizer and integration see it.</summary>
internal sealed record ConnectRequest(string RequestId, DateTimeOffset Time, List<KeyValuePair<string, List<string>>> Headers, List<KeyValuePair<string, string>> Query);
