namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>One server and one function for the WebSocket test classes.</summary>
[CollectionDefinition(Name)]
public sealed class WebSocketCollection : ICollectionFixture<WebSocketFixture>
{
    public const string Name = "websocket";
}
