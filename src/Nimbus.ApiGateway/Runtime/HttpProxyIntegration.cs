using System.Text;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// HTTP_PROXY: the request goes to the integration URL (path variables such as <c>{proxy}</c> and stage variables
/// substituted, the client's query string appended) with its method, headers and body; the backend's status,
/// headers and body come back unchanged. Unreachable backends are 500, slow ones 503 after the timeout.
/// </summary>
internal sealed class HttpProxyIntegration : IDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "transfer-encoding", "upgrade", "content-length", "expect", "proxy-connection", "te", "trailer",
    };

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpProxyIntegration> _logger;

    public HttpProxyIntegration(TimeProvider time, ILogger<HttpProxyIntegration> logger)
    {
        _time = time;
        _logger = logger;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<GatewayResponse> InvokeAsync(GatewayRequest request, ApiIntegration integration, CancellationToken cancellationToken)
    {
        var method = integration.IntegrationMethod is null or "ANY" ? request.Method : integration.IntegrationMethod;
        // HTTP APIs tell the backend who called in the standard Forwarded header.
        var forwarded = $"by={request.DomainName};for={request.SourceIp};host={request.DomainName};proto=http";
        var call = await SendAsync(TargetOf(request, integration), method, request.Headers, request.Body, forwarded, integration.TimeoutInMillis ?? 30000,
            request.ApiId, integration.IntegrationId!, cancellationToken);
        return call.Response ?? (call.TimedOut ? GatewayResponse.ServiceUnavailable() : GatewayResponse.InternalServerError());
    }

    /// <summary>
    /// Sends the request to the backend and reads its whole answer; the response is null when the backend could not be
    /// reached or the timeout passed (REST and HTTP APIs answer those differently).
    /// </summary>
    public async Task<BackendCall> SendAsync(Uri target, string method, IEnumerable<KeyValuePair<string, List<string>>> headers, byte[] body, string? forwarded,
        int timeoutMs, string apiId, string integrationId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), target);
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, values) in headers)
        {
            if (NotForwarded.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }
        if (forwarded is not null)
        {
            message.Headers.TryAddWithoutValidation("forwarded", forwarded);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var reply = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token);
            var response = new GatewayResponse((int)reply.StatusCode) { Body = await reply.Content.ReadAsByteArrayAsync(linked.Token) };
            foreach (var (name, values) in reply.Headers.Concat(reply.Content.Headers))
            {
                foreach (var value in values)
                {
                    response.Headers.Add(new(name.ToLowerInvariant(), value));
                }
            }
            return new BackendCall(response, TimedOut: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogMessages.IntegrationTimedOut(_logger, apiId, integrationId, timeoutMs);
            return new BackendCall(null, TimedOut: true);
        }
        catch (HttpRequestException error)
        {
            LogMessages.IntegrationFailed(_logger, apiId, integrationId, error.Message);
            return new BackendCall(null, TimedOut: false);
        }
    }

    private static Uri TargetOf(GatewayRequest request, ApiIntegration integration) =>
        TargetOf(integration.IntegrationUri ?? "", request.Stage.StageVariables, request.PathParameters, request.RawQueryString);

    /// <summary>The backend URL: stage variables and path parameters substituted, the client's query string appended.</summary>
    public static Uri TargetOf(string template, IReadOnlyDictionary<string, string>? stageVariables, IReadOnlyDictionary<string, string> pathParameters, string rawQuery)
    {
        var uri = StageVariables.Substitute(template, stageVariables);
        var builder = new StringBuilder(uri);
        foreach (var (name, value) in pathParameters)
        {
            var escaped = string.Join('/', value.Split('/').Select(Uri.EscapeDataString));
            builder.Replace("{" + name + "+}", escaped).Replace("{" + name + "}", escaped);
        }
        if (rawQuery.Length > 0)
        {
            builder.Append(uri.Contains('?') ? '&' : '?').Append(rawQuery);
        }
        return new Uri(builder.ToString());
    }

    public void Dispose() => _client.Dispose();
}
