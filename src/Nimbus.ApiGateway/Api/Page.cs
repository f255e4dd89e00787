namespace Nimbus.ApiGateway.Api;

/// <summary>The list responses of <c>apigatewayv2</c>: <c>{"items": […], "nextToken": …}</c>.</summary>
internal sealed class Page<T>
{
    public List<T> Items { get; set; } = [];
    public string? NextToken { get; set; }
}
