namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A REST API (the <c>apigateway</c> model's <c>RestApi</c> shape), also CreateRestApi's input.</summary>
internal sealed class RestApi
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public string? Version { get; set; }
    public List<string>? Warnings { get; set; }
    public List<string>? BinaryMediaTypes { get; set; }
    public int? MinimumCompressionSize { get; set; }
    public string? ApiKeySource { get; set; }
    public EndpointConfiguration? EndpointConfiguration { get; set; }
    public string? Policy { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public bool? DisableExecuteApiEndpoint { get; set; }
    public string? RootResourceId { get; set; }
    public string? ApiStatus { get; set; }

    /// <summary>CreateRestApi input only (cloning is not supported; the member is read to refuse it cleanly).</summary>
    public string? CloneFrom { get; set; }
}
