namespace Nimbus.ApiGateway.Model;

/// <summary>
/// A WebSocket route's response (the model's <c>RouteResponse</c>): a route with one (key <c>$default</c>) is two-way —
/// what its integration returns is sent back to the client on the same connection.
/// </summary>
internal sealed class RouteResponse
{
    public string? ModelSelectionExpression { get; set; }
    public Dictionary<string, string>? ResponseModels { get; set; }
    public Dictionary<string, ParameterConstraints>? ResponseParameters { get; set; }
    public string? RouteResponseId { get; set; }
    public string? RouteResponseKey { get; set; }
}
