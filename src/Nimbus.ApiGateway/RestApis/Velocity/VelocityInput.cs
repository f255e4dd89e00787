using System.Text;
using System.Text.Json;
using Nimbus.ApiGateway.RestApis.Runtime;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// <c>$input</c>: <c>body</c> (the payload as text), <c>json(path)</c> (JSON text at a JSONPath), <c>path(path)</c>
/// (the value there, for use in the template), <c>params()</c> (<c>path</c>, <c>querystring</c> and <c>header</c> maps)
/// and <c>params(name)</c> (path, then query string, then header; "" when absent). An empty payload reads as <c>{}</c>.
/// </summary>
internal sealed class VelocityInput : IVelocityObject
{
    private readonly byte[] _payload;
    private readonly RestRequest _request;
    private JsonElement? _json;

    public VelocityInput(byte[] payload, RestRequest request)
    {
        _payload = payload;
        _request = request;
    }

    public bool TryGet(string name, out object? value)
    {
        value = name == "body" ? Encoding.UTF8.GetString(_payload) : null;
        return value is not null;
    }

    public bool TryInvoke(string name, object?[] arguments, out object? value)
    {
        value = (name, arguments.Length) switch
        {
            ("json", 1) when arguments[0] is string path => Json(path),
            ("path", 1) when arguments[0] is string path => Path(path),
            ("params", 0) => Params(),
            ("params", 1) when arguments[0] is string parameter =>
                _request.PathParameters.GetValueOrDefault(parameter) ?? _request.QueryValue(parameter) ?? _request.Header(parameter) ?? "",
            ("body", 0) or ("getBody", 0) => Encoding.UTF8.GetString(_payload),
            _ => null,
        };
        return value is not null;
    }

    private string Json(string path)
    {
        var (matches, isList) = JsonPath.Select(Root(), path);
        return isList ? "[" + string.Join(",", matches.Select(m => m.GetRawText())) + "]" : matches.Count == 0 ? "null" : matches[0].GetRawText();
    }

    private object? Path(string path)
    {
        var (matches, isList) = JsonPath.Select(Root(), path);
        return isList ? matches.Select(JsonValues.ToObject).ToList() : matches.Count == 0 ? null : JsonValues.ToObject(matches[0]);
    }

    private JsonElement Root()
    {
        if (_json is { } parsed)
        {
            return parsed;
        }
        try
        {
            using var document = JsonDocument.Parse(_payload.Length == 0 ? "{}"u8.ToArray() : _payload);
            _json = document.RootElement.Clone();
            return _json.Value;
        }
        catch (JsonException error)
        {
            throw new VelocityBodyException("Could not parse request body into json: " + error.Message);
        }
    }

    private Dictionary<string, object?> Params()
    {
        var query = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in _request.Query)
        {
            query[key] = value;
        }
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = _request.PathParameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            ["querystring"] = query,
            ["header"] = _request.Headers.ToDictionary(h => h.Key, h => (object?)string.Join(',', h.Value), StringComparer.Ordinal),
        };
    }

    public override string ToString() => Encoding.UTF8.GetString(_payload);
}
