using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Velocity;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// The non-proxy integrations: MOCK, HTTP and AWS (Lambda). The request template for the request's content type
/// (passthrough behaviour deciding when there is none) gives the integration request; MOCK takes its status from the
/// template's <c>statusCode</c>, HTTP calls the backend, AWS invokes the function with it as the event. The answer then
/// goes through <see cref="IntegrationResponseMapper"/>. A template that does not parse is a 500 "Internal server
/// error" for the client, as on AWS; a request template reading a non-JSON body as JSON is a 400.
/// </summary>
internal sealed class MappedIntegration
{
    private const string Json = "application/json";

    private readonly HttpProxyIntegration _http;
    private readonly LambdaProxyIntegration _lambda;
    private readonly ILogger<MappedIntegration> _logger;

    public MappedIntegration(HttpProxyIntegration http, LambdaProxyIntegration lambda, ILogger<MappedIntegration> logger)
    {
        _http = http;
        _lambda = lambda;
        _logger = logger;
    }

    public async Task<GatewayResponse> InvokeAsync(RestRequest request, RestIntegration integration, CancellationToken cancellationToken)
    {
        var integrationId = request.ResourceId + "/" + request.MethodConfig.HttpMethod;
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
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[] integrationBody;
        try
        {
            integrationBody = template is null ? request.Body : Encoding.UTF8.GetBytes(TemplateRenderer.Render(template, request, request.Body, overrides));
        }
        catch (VelocityException error)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "request template: " + error.Message);
            return RestResponses.InternalServerError();
        }
        catch (VelocityBodyException error)
        {
            return RestResponses.Error(400, "BadRequestException", error.Message);
        }
        var backend = integration.Type switch
        {
            "MOCK" => MockAnswer(MockStatus(integrationBody)),
            "AWS" => await InvokeFunctionAsync(request, integration, integrationBody, integrationId, cancellationToken),
            _ => await CallHttpAsync(request, integration, integrationBody, template is null ? contentType : Json, overrides, cancellationToken),
        };
        if (backend.Refusal is not null)
        {
            return backend.Refusal;
        }
        try
        {
            return IntegrationResponseMapper.Map(request, integration, backend.Response!, backend.Selector, overrides);
        }
        catch (Exception error) when (error is VelocityException or VelocityBodyException)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "response template: " + error.Message);
            return RestResponses.InternalServerError();
        }
    }

    private async Task<BackendAnswer> CallHttpAsync(RestRequest request, RestIntegration integration, byte[] body, string contentType,
        Dictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        var target = HttpProxyIntegration.TargetOf(integration.Uri ?? "", request.StageVariables, RestHttpProxy.PathParametersFor(request, integration), "");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = [contentType] };
        foreach (var (name, value) in overrides)
        {
            if (name.StartsWith("requestOverride.header.", StringComparison.Ordinal))
            {
                headers[name["requestOverride.header.".Length..]] = [value];
            }
        }
        var call = await _http.SendAsync(target, integration.HttpMethod ?? request.Method, headers, body, forwarded: null,
            integration.TimeoutInMillis ?? 29000, request.ApiId, request.ResourceId + "/" + request.MethodConfig.HttpMethod, cancellationToken);
        if (call.Response is null)
        {
            return new BackendAnswer(null, null, call.TimedOut ? RestResponses.EndpointTimeout() : RestResponses.InternalServerError());
        }
        return new BackendAnswer(call.Response, call.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// AWS integrations to Lambda (<c>…:lambda:path/2015-03-31/functions/{arn}/invocations</c>): the rendered request is
    /// the event, the function's result the integration response body. A function error's <c>errorMessage</c> is what
    /// selection patterns match; a success selects the default integration response.
    /// </summary>
    private async Task<BackendAnswer> InvokeFunctionAsync(RestRequest request, RestIntegration integration, byte[] body, string integrationId,
        CancellationToken cancellationToken)
    {
        var uri = StageVariables.Substitute(integration.Uri ?? "", request.StageVariables);
        if (IntegrationTarget.FunctionOf(uri) is not { } function)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integrationId, "AWS integrations other than Lambda are not supported: " + uri);
            return new BackendAnswer(null, null, RestResponses.InternalServerError());
        }
        var call = await _lambda.CallAsync(new AwsScope(request.AccountId, request.Api.Region), function, body.Length == 0 ? "{}"u8.ToArray() : body,
            integration.TimeoutInMillis ?? 29000, request.ApiId, integrationId, cancellationToken);
        if (call.Result is not { } result)
        {
            return new BackendAnswer(null, null, call.TimedOut ? RestResponses.EndpointTimeout() : RestResponses.InternalServerError());
        }
        var response = new GatewayResponse(200) { Body = result.Payload };
        return new BackendAnswer(response, result.FunctionError is null ? null : ErrorMessage(result.Payload.Span));
    }

    private static string ErrorMessage(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errorMessage", out var message)
                ? message.ToString()
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static BackendAnswer MockAnswer(int status) => new(new GatewayResponse(status), status.ToString(System.Globalization.CultureInfo.InvariantCulture));

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

    /// <summary>What the backend answered and the text selection patterns match (the status, or a Lambda error message); or a refusal.</summary>
    private readonly record struct BackendAnswer(GatewayResponse? Response, string? Selector, GatewayResponse? Refusal = null);
}
