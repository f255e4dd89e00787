using Nimbus.ApiGateway.RestApis.Velocity;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// Renders a mapping template (Velocity, see <see cref="VelocityParser"/>) for one request with API Gateway's roots:
/// <c>$input</c> over <paramref name="payload"/> (the method request's body for request templates, the integration's
/// answer for response templates), <c>$context</c>, <c>$stageVariables</c> and <c>$util</c>. Throws
/// <see cref="VelocityException"/> for a template that does not parse and <see cref="VelocityBodyException"/> when it
/// reads a payload that is not JSON as JSON.
/// </summary>
internal static class TemplateRenderer
{
    public static string Render(string template, RestRequest request, byte[] payload, Dictionary<string, string> overrides)
    {
        var render = VelocityParser.Parse(template);
        var stageVariables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in request.StageVariables ?? new Dictionary<string, string>())
        {
            stageVariables[name] = value;
        }
        var scope = new VelocityScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["input"] = new VelocityInput(payload, request),
            ["context"] = new VelocityContext(name => ContextValue(request, name), overrides),
            ["stageVariables"] = stageVariables,
            ["util"] = new VelocityUtil(),
        });
        render(scope);
        return scope.Output.ToString();
    }

    /// <summary>A <c>$context</c> variable; an authorizer's context members keep their JSON type (Cognito's <c>claims</c> is a map).</summary>
    private static object? ContextValue(RestRequest request, string name) =>
        name.StartsWith("authorizer.", StringComparison.Ordinal) && request.AuthorizerContext?.TryGetValue(name["authorizer.".Length..], out var value) == true
            ? JsonValues.ToObject(value)
            : RestContext.Variable(request, name);
}
