using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Protocol.Errors;
using Nimbus.Protocol.SigV4;

namespace Nimbus.Protocol.Routing;

/// <summary>
/// The edge endpoint: authenticates (parses SigV4), routes to a service, and turns
/// <see cref="AwsServiceException"/> into the service's wire error. Unexpected exceptions become the
/// protocol's internal-failure error: a client never sees a stack trace.
/// </summary>
public sealed partial class AwsEdgeDispatcher
{
    private readonly AwsServiceRouter _router;
    private readonly EdgeOptions _options;
    private readonly ILogger<AwsEdgeDispatcher> _logger;

    public AwsEdgeDispatcher(AwsServiceRouter router, EdgeOptions options, ILogger<AwsEdgeDispatcher> logger)
    {
        _router = router;
        _options = options;
        _logger = logger;
    }

    public async Task DispatchAsync(HttpContext http)
    {
        if (_router.TryResolveHosted(http.Request, out var hosted))
        {
            await hosted.Handler.HandleAsync(http, hosted.Id, hosted.Path);
            return;
        }
        var requestId = RequestIds.NewRequestId();
        var authorization = http.Request.Headers.Authorization.ToString();
        SigV4Credential? credential = null;
        string? authError = null;
        var signatureMismatch = false;
        if (authorization.Length > 0)
        {
            var hasDate = http.Request.Headers.ContainsKey("X-Amz-Date") || http.Request.Headers.ContainsKey("Date");
            var parsed = SigV4AuthorizationParser.Parse(authorization, hasDate);
            credential = parsed.Credential;
            authError = parsed.Error;
            signatureMismatch = parsed.SignatureMismatch;
        }

        var handler = _router.Resolve(http.Request, credential, out var serviceName);
        var scope = ScopeOf(credential);
        var request = new AwsRequestContext(http, scope, requestId, credential);
        var protocol = handler is null ? AwsProtocol.Json : AwsProtocolDetector.Detect(http.Request, handler.Descriptor);
        if (protocol != AwsProtocol.RestXml)
        {
            http.Response.Headers["x-amzn-RequestId"] = requestId;
        }

        try
        {
            if (authError is not null)
            {
                throw signatureMismatch ? CommonErrors.InvalidSignature(authError) : CommonErrors.IncompleteSignature(authError);
            }
            if (handler is null)
            {
                throw CommonErrors.UnknownService(serviceName);
            }
            await handler.HandleAsync(request);
        }
        catch (AwsServiceException error) when (!http.Response.HasStarted)
        {
            await AwsErrorWriters.For(protocol, handler?.Descriptor).WriteAsync(request, error);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception) when (!http.Response.HasStarted)
        {
            LogUnhandled(_logger, exception, serviceName, http.Request.Method, http.Request.Path.Value ?? "");
            await AwsErrorWriters.For(protocol, handler?.Descriptor).WriteAsync(request, CommonErrors.InternalFailure());
        }
    }

    /// <summary>
    /// A 12-digit access key id names the account (a convention AWS emulators share); otherwise the configured
    /// default account. The region is the credential scope's.
    /// </summary>
    private AwsScope ScopeOf(SigV4Credential? credential)
    {
        if (credential is null)
        {
            return new AwsScope(_options.DefaultAccountId, _options.DefaultRegion);
        }
        var key = credential.AccessKeyId;
        var account = key.Length == 12 && key.All(char.IsAsciiDigit) ? key : _options.DefaultAccountId;
        return new AwsScope(account, credential.Region);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unhandled error serving {Service} {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string service, string method, string path);
}
