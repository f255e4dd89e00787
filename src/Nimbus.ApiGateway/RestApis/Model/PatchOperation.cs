namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>One JSON-Patch-like change of an Update* call: <c>op</c> on <c>path</c> (<c>~1</c> escapes <c>/</c>) with a string <c>value</c>.</summary>
internal sealed class PatchOperation
{
    public string? Op { get; set; }
    public string? Path { get; set; }
    public string? Value { get; set; }
    public string? From { get; set; }
}
