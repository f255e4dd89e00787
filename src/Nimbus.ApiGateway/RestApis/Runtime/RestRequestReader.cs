using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>Reads an HTTP request into a <see cref="RestRequest"/> the way a REST API sees it.</summary>
internal static class RestRequestReader
{
    public static RestRequest Read(HttpContext http, RestApiDocument api, RestStage stage, CompiledRestDeployment deployment, RestResource resource,
        RestMethod method, string rawPath, string stagePath, Dictionary<string, string> pathParameters, byte[] body, string requestId, string extendedId,
        DateTimeOffset now)
    {
        var request = http.Request;
        // REST APIs pass header names as the client sent them; lookups ignore case.
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = [.. values.Where(v => v is not null).Select(v => v!)];
        }
        var sourceIp = GatewayRequestReader.SourceIpOf(http.Connection.RemoteIpAddress);
        var apiId = api.Api.Id!;
        var domainName = request.Host.Host.StartsWith(apiId + ".", StringComparison.OrdinalIgnoreCase) ? request.Host.Host : apiId + ".execute-api.localhost";
        // What API Gateway adds on the way in, in the case AWS writes them.
        headers["X-Forwarded-For"] = headers.TryGetValue("X-Forwarded-For", out var forwarded) ? [string.Join(", ", forwarded) + ", " + sourceIp] : [sourceIp];
        headers["X-Forwarded-Port"] = [(request.Host.Port ?? http.Connection.LocalPort).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        headers["X-Forwarded-Proto"] = [request.IsHttps ? "https" : "http"];
        if (!headers.ContainsKey("X-Amzn-Trace-Id"))
        {
            headers["X-Amzn-Trace-Id"] = [GatewayRequestReader.TraceId(now)];
        }
        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        return new RestRequest
        {
            Api = api,
            Stage = stage,
            Deployment = deployment,
            Resource = resource,
            MethodConfig = method,
            Method = request.Method.ToUpperInvariant(),
            RawPath = rawPath,
            StagePath = stagePath,
            RawQueryString = rawQuery,
            Headers = headers,
            Query = GatewayRequestReader.ParseQuery(rawQuery),
            PathParameters = pathParameters,
            Body = body,
            SourceIp = sourceIp,
            UserAgent = request.Headers.UserAgent.ToString(),
            DomainName = domainName,
            Protocol = request.Protocol,
            RequestId = requestId,
            ExtendedRequestId = extendedId,
            Time = now,
        };
    }
}
