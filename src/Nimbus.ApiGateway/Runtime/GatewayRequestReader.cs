using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>Reads an HTTP request into a <see cref="GatewayRequest"/> the way API Gateway sees it.</summary>
internal static class GatewayRequestReader
{
    /// <summary>HTTP APIs accept request payloads up to 10 MB.</summary>
    public const int MaxBody = 10 * 1024 * 1024;

    /// <summary>Reads the body, or returns null when it exceeds <see cref="MaxBody"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 256);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBody)
            {
                return null;
            }
        }
    }

    public static GatewayRequest Read(HttpContext http, ApiDocument api, ApiStage stage, CompiledDeployment deployment, string rawPath, string stagePath,
        byte[] body, DateTimeOffset now)
    {
        var request = http.Request;
        var headers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            var list = new List<string>(values.Count);
            foreach (var value in values)
            {
                if (value is not null)
                {
                    list.Add(value);
                }
            }
            headers[name.ToLowerInvariant()] = list;
        }
        var sourceIp = SourceIpOf(http.Connection.RemoteIpAddress);
        var apiId = api.Api.ApiId!;
        var hostForm = request.Host.Host.StartsWith(apiId + ".", StringComparison.OrdinalIgnoreCase);
        var domainName = hostForm ? request.Host.Host : apiId + ".execute-api.localhost";
        var port = (request.Host.Port ?? http.Connection.LocalPort).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // What API Gateway adds on the way in.
        headers.TryAdd("host", [domainName]);
        AddForwardedFor(headers, sourceIp);
        headers["x-forwarded-port"] = [port];
        headers["x-forwarded-proto"] = [request.IsHttps ? "https" : "http"];
        headers.TryAdd("x-amzn-trace-id", [TraceId(now)]);

        var cookies = new List<string>();
        if (headers.TryGetValue("cookie", out var cookieHeaders))
        {
            foreach (var header in cookieHeaders)
            {
                cookies.AddRange(header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        return new GatewayRequest
        {
            Api = api,
            Stage = stage,
            Deployment = deployment,
            Method = request.Method.ToUpperInvariant(),
            RawPath = rawPath,
            StagePath = stagePath,
            RawQueryString = rawQuery,
            Headers = headers,
            Query = ParseQuery(rawQuery),
            Cookies = cookies,
            Body = body,
            SourceIp = sourceIp,
            UserAgent = request.Headers.UserAgent.ToString(),
            DomainName = domainName,
            Protocol = request.Protocol,
            RequestId = NewRequestId(),
            Time = now,
        };
    }

    /// <summary>Query pairs in order, percent-decoded; a key without '=' has the empty value.</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string raw)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
        }
        return pairs;
    }

    /// <summary>HTTP API request ids look like <c>JKJaXmPLvHcESHA=</c>: 11 random bytes in base64.</summary>
    public static string NewRequestId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(11));

    internal static string SourceIpOf(IPAddress? address) =>
        address is null ? "127.0.0.1" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static void AddForwardedFor(Dictionary<string, List<string>> headers, string sourceIp)
    {
        if (headers.TryGetValue("x-forwarded-for", out var existing))
        {
            headers["x-forwarded-for"] = [string.Join(", ", existing) + ", " + sourceIp];
        }
        else
        {
            headers["x-forwarded-for"] = [sourceIp];
        }
    }

    /// <summary>An X-Ray trace id: <c>Root=1-{epoch seconds in hex}-{24 hex digits}</c>.</summary>
    internal static string TraceId(DateTimeOffset now) =>
        $"Root=1-{now.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
