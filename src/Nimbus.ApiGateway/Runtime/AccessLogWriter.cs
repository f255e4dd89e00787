using System.Globalization;
using System.Text;
using Nimbus.ApiGateway.Model;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// Stage access logs: each request's line, in the stage's <c>AccessLogSettings.Format</c> with its
/// <c>$context.*</c> variables replaced (unknown or absent ones print <c>-</c>, as on AWS), goes to the CloudWatch Logs
/// group named by <c>DestinationArn</c>, one stream per stage.
/// </summary>
internal sealed class AccessLogWriter
{
    private readonly ILogIngestion? _logs;

    public AccessLogWriter(ILogIngestion? logs = null) => _logs = logs;

    public void Write(GatewayRequest request, GatewayResponse response, TimeSpan latency) =>
        Write(new AwsScope(request.Api.AccountId, request.Api.Region), request.Stage.AccessLogSettings, request.ApiId, request.StageName, request.Time,
            name => Variable(name, request, response, latency));

    /// <summary>Writes one line for any API type: the stage's settings and a resolver of its <c>$context.*</c> variables.</summary>
    public void Write(AwsScope scope, AccessLogSettings? settings, string apiId, string stageName, DateTimeOffset time, Func<string, string?> resolve)
    {
        if (_logs is null || settings?.Format is not { } format || GroupOf(settings.DestinationArn) is not { } group)
        {
            return;
        }
        _logs.Append(scope, group, $"{apiId}_{stageName}", [new LogRecord(time.ToUnixTimeMilliseconds(), Format(format, resolve))]);
    }

    /// <summary><c>arn:aws:logs:{region}:{account}:log-group:{name}[:*]</c> → the group name.</summary>
    public static string? GroupOf(string? arn)
    {
        const string marker = ":log-group:";
        var start = arn?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }
        var name = arn![(start + marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    public static string Format(string format, Func<string, string?> resolve)
    {
        var result = new StringBuilder(format.Length + 64);
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] == '$' && string.CompareOrdinal(format, i, "$context.", 0, 9) == 0)
            {
                var end = i + 9;
                while (end < format.Length && (char.IsAsciiLetterOrDigit(format[end]) || format[end] is '.' or '_'))
                {
                    end++;
                }
                var name = format[(i + 9)..end].TrimEnd('.');
                result.Append(resolve(name) ?? "-");
                i = i + 9 + name.Length;
                continue;
            }
            result.Append(format[i]);
            i++;
        }
        return result.ToString();
    }

    private static string? Variable(string name, GatewayRequest request, GatewayResponse response, TimeSpan latency) => name switch
    {
        "requestId" or "extendedRequestId" => request.RequestId,
        "apiId" => request.ApiId,
        "stage" => request.StageName,
        "routeKey" => request.Route?.RouteKey,
        "httpMethod" => request.Method,
        "path" => request.RawPath,
        "protocol" => request.Protocol,
        "status" => response.StatusCode.ToString(CultureInfo.InvariantCulture),
        "responseLength" => response.Body.Length.ToString(CultureInfo.InvariantCulture),
        "responseLatency" => ((long)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "requestTime" => EventTime.Format(request.Time),
        "requestTimeEpoch" => request.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        "domainName" => request.DomainName,
        "domainPrefix" => request.DomainPrefix,
        "accountId" => request.Api.AccountId,
        "identity.sourceIp" => request.SourceIp,
        "identity.userAgent" => request.UserAgent,
        "authorizer.principalId" => request.PrincipalId,
        "authorizer.claims.sub" => request.JwtClaims?.GetValueOrDefault("sub"),
        _ => null,
    };
}
