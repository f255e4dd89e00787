using Microsoft.AspNetCore.Http;
using Nimbus.Protocol.SigV4;

namespace Nimbus.Protocol.Routing;

/// <summary>
/// Finds the service a request on the edge endpoint is for, in the order the architecture fixes:
/// <c>X-Amz-Target</c>, then the SigV4 credential scope (header or presigned query), then path prefixes of
/// unsigned requests, and S3 for anything else.
/// </summary>
public sealed class AwsServiceRouter
{
    private readonly Dictionary<string, IAwsServiceHandler> _bySigningName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAwsServiceHandler> _byTargetPrefix = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, IAwsServiceHandler Handler)> _byPath = [];

    public AwsServiceRouter(IEnumerable<IAwsServiceHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            var descriptor = handler.Descriptor;
            _bySigningName[descriptor.SigningName] = handler;
            foreach (var prefix in descriptor.TargetPrefixes)
            {
                _byTargetPrefix[prefix] = handler;
            }
            foreach (var prefix in descriptor.PathPrefixes)
            {
                _byPath.Add((prefix, handler));
            }
        }
    }

    /// <summary>The handler for a request, or null with the name of the service nobody serves.</summary>
    public IAwsServiceHandler? Resolve(HttpRequest request, SigV4Credential? credential, out string serviceName)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.IndexOf('.');
            var prefix = dot > 0 ? target[..dot] : target;
            serviceName = prefix;
            return _byTargetPrefix.GetValueOrDefault(prefix);
        }

        var scopedService = credential?.Service ?? PresignedService(request);
        if (scopedService is not null)
        {
            serviceName = scopedService;
            return _bySigningName.GetValueOrDefault(scopedService);
        }

        var path = request.Path.Value ?? "/";
        foreach (var (prefix, handler) in _byPath)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                serviceName = handler.Descriptor.SigningName;
                return handler;
            }
        }

        serviceName = "s3";
        return _bySigningName.GetValueOrDefault("s3");
    }

    /// <summary>The service of a presigned URL: <c>X-Amz-Credential=AKID/date/region/service/aws4_request</c>.</summary>
    private static string? PresignedService(HttpRequest request)
    {
        var credential = request.Query["X-Amz-Credential"].ToString();
        if (credential.Length == 0)
        {
            return null;
        }
        var parts = credential.Split('/');
        return parts.Length == 5 ? parts[3] : null;
    }
}
