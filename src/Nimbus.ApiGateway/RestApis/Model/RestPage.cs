using System.Text.Json.Serialization;

namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A page of a GetX list: the model names the list <c>item</c> and the continuation <c>position</c>.</summary>
internal sealed class RestPage<T>
{
    public string? Position { get; set; }

    [JsonPropertyName("item")]
    public List<T> Items { get; set; } = [];
}
