using Microsoft.Extensions.Logging;

namespace Nimbus.ApiGateway;

/// <summary>API Gateway's log messages (event ids 6000–6099).</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "API {ApiId}: integration {IntegrationId} failed: {Reason}")]
    public static partial void IntegrationFailed(ILogger logger, string apiId, string integrationId, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "API {ApiId}: integration {IntegrationId} timed out after {TimeoutMs} ms")]
    public static partial void IntegrationTimedOut(ILogger logger, string apiId, string integrationId, int timeoutMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "API {ApiId}: authorizer {AuthorizerId} failed: {Reason}")]
    public static partial void AuthorizerFailed(ILogger logger, string apiId, string authorizerId, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "API {ApiId}: unexpected error serving {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string apiId, string method, string path);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "JWKS of {Location} could not be fetched: {Reason}")]
    public static partial void JwksFetchFailed(ILogger logger, string location, string reason);
}
