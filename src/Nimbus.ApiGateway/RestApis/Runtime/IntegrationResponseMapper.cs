using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// A non-proxy integration's answer to the method response: the integration response whose <c>selectionPattern</c>
/// matches the whole selector (the backend's status, or a Lambda function's <c>errorMessage</c>), else the default one
/// (no pattern), sets the status; its <c>responseParameters</c> the headers (<c>'literal'</c> or
/// <c>integration.response.header.x</c>) and its template the body. <c>$context.responseOverride.*</c> set by the
/// template wins. No integration response at all is a 500.
/// </summary>
internal static class IntegrationResponseMapper
{
    private const string Json = "application/json";
    private const string StatusOverride = "responseOverride.status";
    private const string HeaderOverride = "responseOverride.header.";

    public static GatewayResponse Map(RestRequest request, RestIntegration integration, GatewayResponse backend, string? selector, Dictionary<string, string> overrides)
    {
        var responses = integration.IntegrationResponses?.Values ?? Enumerable.Empty<IntegrationResponse>();
        var selected = (selector is null ? null : responses.FirstOrDefault(r => !string.IsNullOrEmpty(r.SelectionPattern)
                && Regex.IsMatch(selector, "^(?:" + r.SelectionPattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            ?? responses.FirstOrDefault(r => string.IsNullOrEmpty(r.SelectionPattern));
        if (selected is null || !int.TryParse(selected.StatusCode, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            return RestResponses.InternalServerError();
        }
        var (templateType, template) = selected.ResponseTemplates?.GetValueOrDefault(Json) is { } json
            ? (Json, json)
            : selected.ResponseTemplates?.FirstOrDefault() is { Key: not null } first ? (first.Key, first.Value) : (Json, (string?)null);
        var response = new GatewayResponse(code)
        {
            Body = string.IsNullOrEmpty(template) ? backend.Body : Encoding.UTF8.GetBytes(TemplateRenderer.Render(template, request, backend.Body.ToArray(), overrides)),
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
        foreach (var (name, value) in overrides)
        {
            if (name == StatusOverride && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599)
            {
                response.StatusCode = status;
            }
            else if (name.StartsWith(HeaderOverride, StringComparison.Ordinal))
            {
                response.SetHeader(name[HeaderOverride.Length..], value);
            }
        }
        return response;
    }
}
