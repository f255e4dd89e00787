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
        var target = TargetOf(request, integration);
        var method = integration.IntegrationMethod is null or "ANY" ? request.Method : integration.IntegrationMethod;
        using var message = new HttpRequestMessage(new HttpMethod(method), target);
        if (request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(request.Body);
        }
        foreach (var (name, values) in request.Headers)
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
        // HTTP APIs tell the backend who called in the standard Forwarded header.
        message.Headers.TryAddWithoutValidation("forwarded", $"by={request.DomainName};for={request.SourceIp};host={request.DomainName};proto=http");

        var timeoutMs = integration.TimeoutInMillis ?? 30000;
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
            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogMessages.IntegrationTimedOut(_logger, request.ApiId, integration.IntegrationId!, timeoutMs);
            return GatewayResponse.ServiceUnavailable();
        }
        catch (HttpRequestException error)
        {
            LogMessages.IntegrationFailed(_logger, request.ApiId, integration.IntegrationId!, error.Message);
            return GatewayResponse.InternalServerError();
        }
    }

    private static Uri TargetOf(GatewayRequest request, ApiIntegration integration)
    {
        var uri = StageVariables.Substitute(integration.IntegrationUri ?? "", request.Stage.StageVariables);
        var builder = new StringBuilder(uri);
        foreach (var (name, value) in request.PathParameters)
        {
            var escaped = string.Join('/', value.Split('/').Select(Uri.EscapeDataString));
            builder.Replace("{" + name + "+}", escaped).Replace("{" + name + "}", escaped);
        }
        if (request.RawQueryString.Length > 0)
        {
            builder.Append(uri.Contains('?') ? '&' : '?').Append(request.RawQueryString);
        }
        return new Uri(builder.ToString());
    }

    public void Dispose() => _client.Dispose();
}
