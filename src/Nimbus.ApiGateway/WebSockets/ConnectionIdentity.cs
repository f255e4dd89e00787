namespace Nimbus.ApiGateway.WebSockets;

/// <summary>Who opened a connection, as GetConnection and the events' <c>requestContext.identity</c> report it.</summary>
internal sealed record ConnectionIdentity(string SourceIp, string UserAgent);
