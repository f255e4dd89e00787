using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// The non-proxy integrations, MOCK and HTTP. The request template for the request's content type (passthrough
/// behaviour deciding when there is none) gives the integration request; MOCK takes its status from the template's
/// <c>statusCode</c>, HTTP calls the backend. The integration response whose <c>selectionPattern</c> matches the status
/// (or the default one, without a pattern) sets the method's status, its <c>responseParameters</c> the headers
/// (<c>'literal'</c> or <c>integration.response.header.x</c>) and its template the body. No match is a 500.
/// </summary>
internal sealed class MappedIntegration
{
    private const string Json = "application/json";

    private readonly HttpProxyIntegration _http;

    public MappedIntegration(HttpProxyIntegration http) => _http = http;

    public async Task<GatewayResponse> InvokeAsync(RestRequest request, RestIntegration integration, CancellationToken cancellationToken)
    {
        var contentType = request.Header("content-type")?.Split(';')[0].Trim().ToLowerInvariant() ?? Json;
        var templates = integration.RequestTemplates;
        var template = templates?.GetValueOrDefault(contentType);
        var passthrough = integration.PassthroughBehavior switch
        {
            "NEVER" => false,
            "WHEN_NO_TEMPLATES" => templates is not { Count: > 0 },
            _ => true,
        };
        if (template is null && !passthrough)
        {
            return RestResponses.UnsupportedMediaType();
        }
        var integrationBody = template is null ? request.Body : Encoding.UTF8.GetBytes(TemplateRenderer.Render(template, request, request.Body));
        GatewayResponse backend;
        if (integration.Type == "MOCK")
        {
            backend = new GatewayResponse(MockStatus(integrationBody));
        }
        else
        {
            var target = HttpProxyIntegration.TargetOf(integration.Uri ?? "", request.StageVariables, RestHttpProxy.PathParametersFor(request, integration), "");
            var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = [template is null ? contentType : Json] };
            var call = await _http.SendAsync(target, integration.HttpMethod ?? request.Method, headers, integrationBody, forwarded: null,
                integration.TimeoutInMillis ?? 29000, request.ApiId, request.ResourceId + "/" + request.MethodConfig.HttpMethod, cancellationToken);
            if (call.Response is null)
            {
                return call.TimedOut ? RestResponses.EndpointTimeout() : RestResponses.InternalServerError();
            }
            backend = call.Response;
        }
        return Respond(request, integration, backend);
    }

    private static GatewayResponse Respond(RestRequest request, RestIntegration integration, GatewayResponse backend)
    {
        var status = backend.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = integration.IntegrationResponses?.Values ?? Enumerable.Empty<IntegrationResponse>();
        var selected = responses.FirstOrDefault(r => !string.IsNullOrEmpty(r.SelectionPattern)
                && Regex.IsMatch(status, "^(?:" + r.SelectionPattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            ?? responses.FirstOrDefault(r => string.IsNullOrEmpty(r.SelectionPattern));
        if (selected is null || !int.TryParse(selected.StatusCode, out var code))
        {
            return RestResponses.InternalServerError();
        }
        var (templateType, template) = selected.ResponseTemplates?.GetValueOrDefault(Json) is { } json
            ? (Json, json)
            : selected.ResponseTemplates?.FirstOrDefault() is { Key: not null } first ? (first.Key, first.Value) : (Json, (string?)null);
        var response = new GatewayResponse(code)
        {
            Body = string.IsNullOrEmpty(template) ? backend.Body : Encoding.UTF8.GetBytes(TemplateRenderer.Render(template, request, backend.Body.ToArray())),
        };
        response.Headers.Add(new("Content-Type", templateType));
        foreach (var (name, source) in selected.ResponseParameters ?? [])
        {
            if (!name.StartsWith("method.response.header.", StringComparison.Ordinal))
            {
                continue;
            }
            var value = source.Length >= 2 && source[0] == '\'' && source[^1] == '\''
                ? source[1..^1]
                : source.StartsWith("integration.response.header.", StringComparison.Ordinal)
                    ? backend.Headers.LastOrDefault(h => h.Key.Equals(source["integration.response.header.".Length..], StringComparison.OrdinalIgnoreCase)).Value
                    : null;
            if (value is not null)
            {
                response.SetHeader(name["method.response.header.".Length..], value);
            }
        }
        return response;
    }

    /// <summary>A MOCK integration's status: the <c>statusCode</c> of the rendered request template, 200 without one.</summary>
    private static int MockStatus(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("statusCode", out var status))
            {
                if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var number))
                {
                    return number;
                }
                if (status.ValueKind == JsonValueKind.String && int.TryParse(status.GetString(), out number))
                {
                    return number;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: AWS answers the default integration response.
        }
        return 200;
    }
}
