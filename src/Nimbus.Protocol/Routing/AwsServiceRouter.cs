using Microsoft.AspNetCore.Http;
using Nimbus.Protocol.SigV4;

namespace Nimbus.Protocol.Routing;

/// <summary>
/// Finds the service a request on the edge endpoint is for, in the order the architecture fixes: hosted endpoints
/// (<c>{id}.execute-api.localhost</c>, <c>/_aws/execute-api/{id}/…</c>) first, then <c>X-Amz-Target</c>, then the SigV4 credential scope (header or presigned query), then path prefixes of
/// unsigned requests, and S3 for anything else.
/// </summary>
public sealed class AwsServiceRouter
{
    private readonly Dictionary<string, IAwsServiceHandler> _bySigningName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAwsServiceHandler> _byTargetPrefix = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, IAwsServiceHandler Handler)> _byPath = [];
    private readonly IHostedEndpointHandler[] _hosted;

    public AwsServiceRouter(IEnumerable<IAwsServiceHandler> handlers)
        : this(handlers, [])
    {
    }

    public AwsServiceRouter(IEnumerable<IAwsServiceHandler> handlers, IEnumerable<IHostedEndpointHandler> hosted)
    {
        _hosted = hosted.ToArray();
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

    /// <summary>
    /// The hosted endpoint a request is for: host <c>{id}.{HostLabel}.…</c> (any parent domain, so
    /// <c>.localhost</c>, <c>.localhost.localstack.cloud</c> and AWS's own names all work) or path
    /// <c>{PathPrefix}{id}/…</c>. Checked before anything else: these requests are the user's own traffic.
    /// </summary>
    public bool TryResolveHosted(HttpRequest request, out HostedEndpointMatch match)
    {
        match = default;
        if (_hosted.Length == 0)
        {
            return false;
        }
        var host = request.Host.Host;
        var firstDot = host.IndexOf('.');
        if (firstDot > 0)
        {
            var secondDot = host.IndexOf('.', firstDot + 1);
            var label = secondDot > 0 ? host.AsSpan(firstDot + 1, secondDot - firstDot - 1) : host.AsSpan(firstDot + 1);
            foreach (var handler in _hosted)
            {
                if (label.Equals(handler.HostLabel, StringComparison.OrdinalIgnoreCase))
                {
                    var path = request.Path.Value;
                    match = new HostedEndpointMatch(handler, host[..firstDot].ToLowerInvariant(), string.IsNullOrEmpty(path) ? "/" : path);
                    return true;
                }
            }
        }
        var requestPath = request.Path.Value ?? "/";
        foreach (var handler in _hosted)
        {
            if (requestPath.StartsWith(handler.PathPrefix, StringComparison.Ordinal) && requestPath.Length > handler.PathPrefix.Length)
            {
                var rest = requestPath.AsSpan(handler.PathPrefix.Length);
                var slash = rest.IndexOf('/');
                var id = slash < 0 ? rest.ToString() : rest[..slash].ToString();
                match = new HostedEndpointMatch(handler, id, slash < 0 ? "/" : rest[slash..].ToString());
                return true;
            }
        }
        return false;
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
